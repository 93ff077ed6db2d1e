// The precompiled build runs where code generation is forbidden: the runtime and the built module are
// bundled into one script and evaluated in a Node vm context created with
// codeGeneration: { strings: false, wasm: false } (no eval, no new Function, no wasm) — the same
// restriction as a strict CSP. Every reference case of every area (every test/numpy/refs/*.json) still
// gives the right answer with its inputs in every layout of the runtime suite (dense, strided, offset,
// transposed, negative, broadcast), leaves its inputs unchanged, and precompiled functions never fall
// back to eager IR. A case that cannot be precompiled by design is listed in NOT_PRECOMPILED (helpers.ts).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NDArray } from "@numjit/runtime";
import {
  type ArraySpec,
  type ErrorSpec,
  KNOWN_FAILURES,
  type Layout,
  type RefCase,
  VIEW_LAYOUTS,
  compareArray,
  expectUnchanged,
  freeze,
  makeInput,
  refAreas,
  underJit,
} from "../numpy/runner.js";
import { ARTIFACTS, buildModule, loadArea, moduleSource, precompileProblem, runInNoEvalContext } from "./helpers.js";

const AREAS = refAreas();
/** Dense first (the call that compiles), then every view layout on the cached entry. */
const LAYOUTS: readonly Layout[] = ["dense", ...VIEW_LAYOUTS];

interface Ctx {
  mod: Record<
    string,
    ((...a: unknown[]) => unknown) & {
      cacheInfo(): { runtimeCompiles: number; eagerFallbacks: number; traces: number; precompiledCalls: number };
    }
  >;
  numpy: Record<string, unknown>;
  nn: Record<string, unknown>;
  lax: Record<string, unknown>;
  NDArray: new (data: unknown, shape: number[], dtype: string, strides?: number[], offset?: number) => unknown;
  jit: (f: unknown) => ((...a: unknown[]) => unknown) & { cacheInfo(): { eagerFallbacks: number; runtimeCompiles: number } };
  canGenerateCode: () => boolean;
  ctors: Record<string, { from(x: number[]): unknown }>;
}

/** A host NDArray copy of a context NDArray (compareArray checks `instanceof NDArray`). */
function toHost(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(toHost);
  const a = x as { toTypedArray(): ArrayLike<number>; shape: number[]; dtype: string; weakType: boolean } | undefined;
  if (!a || typeof a.toTypedArray !== "function") return x;
  const C = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint32: Uint32Array, bool: Uint8Array }[
    a.dtype as "float32"
  ];
  return new NDArray(C.from(Array.from(a.toTypedArray())), a.shape.slice(), a.dtype as "float32", undefined, 0, a.weakType);
}

const isError = (e: RefCase["expected"]): e is ErrorSpec => !Array.isArray(e) && "error" in e;

/** The reference's error (by code: the context has its own error classes), or its arrays. */
function checkCase(c: RefCase, call: () => unknown, label: string): void {
  if (isError(c.expected)) {
    let thrown: { code?: string; name?: string } | undefined;
    try {
      call();
    } catch (e) {
      thrown = e as { code?: string; name?: string };
    }
    const { error, code } = c.expected;
    expect([thrown?.name, thrown?.code], `${label}: expected ${error} ${code}`).toEqual([error, code]);
    return;
  }
  const out = call();
  const exp = c.expected as ArraySpec | ArraySpec[];
  if (Array.isArray(exp)) {
    expect(Array.isArray(out) && out.length === exp.length, `${label}: expected ${exp.length} outputs`).toBe(true);
    exp.forEach((e, k) => expect(compareArray((out as unknown[])[k], e, c.tol, c.valuesUnspecified), `${label} #${k}`).toEqual([]));
  } else expect(compareArray(out, exp, c.tol, c.valuesUnspecified), label).toEqual([]);
}

for (const area of AREAS) {
  const loaded = loadArea(area);
  if ("error" in loaded) {
    // an unreadable or empty reference file fails here, loudly, instead of running zero cases
    describe(`no-eval vm context: ${area}`, () =>
      it("reference file loads and has cases", () => {
        throw loaded.error;
      }));
    continue;
  }
  const { refs } = loaded;
  describe(`no-eval vm context: ${area}`, () => {
    const built = buildModule(`vm-${area}`, moduleSource(refs.cases, true));
    const entry = path.join(ARTIFACTS, `vm-entry-${area}.js`);
    fs.writeFileSync(
      entry,
      [
        `export * as mod from "./vm-${area}.js";`,
        `export { numpy, nn, lax, NDArray, jit } from "@numjit/runtime";`,
        `export { canGenerateCode } from "@numjit/runtime/internal";`,
        `export const ctors = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint32: Uint32Array, bool: Uint8Array };`,
      ].join("\n"),
    );
    let ctx: Ctx;
    const makeIn = (s: ArraySpec, layout: Layout = "dense") => {
      // the host's input in that layout (before `prep`): its whole buffer (sentinels and gaps included),
      // strides and offset, copied into the context's own typed array
      const h = makeInput({ ...s, prep: undefined }, layout);
      const data = ctx.ctors[s.dtype]!.from(Array.from(h.data as ArrayLike<number>));
      const x = new ctx.NDArray(data, h.shape.slice(), s.dtype, h.strides.slice(), h.offset);
      if (!s.prep) return x;
      const prep = new Function("np", "nn", "lax", `"use strict"; return (${s.prep});`)(ctx.numpy, ctx.nn, ctx.lax) as (
        a: unknown,
      ) => unknown;
      return prep(x);
    };

    // bundled before any test (not by the first one): each test can run alone or in any order
    beforeAll(async () => {
      ctx = (await runInNoEvalContext<Ctx>(entry)).exports;
    });

    it("bundles and evaluates with code generation from strings disabled; inputs cross over in every layout", () => {
      expect(ctx.canGenerateCode()).toBe(false);
      // the context's inputs are the host's views (same strides, offset, buffer), not dense copies
      const spec: ArraySpec = { dtype: "int32", shape: [2, 3], data: [1, 2, 3, 4, 5, 6] };
      for (const layout of LAYOUTS) {
        const h = makeInput(spec, layout);
        const x = makeIn(spec, layout) as NDArray;
        expect([x.shape, x.strides, x.offset, Array.from(x.data)], layout).toEqual([h.shape, h.strides, h.offset, Array.from(h.data)]);
        expect(Array.from((toHost(x) as NDArray).toTypedArray()), layout).toEqual(spec.data);
      }
      // the context really forbids it
      expect(() => (ctx.jit as unknown as { constructor: FunctionConstructor }).constructor("return 1")).toThrow(
        /Code generation from strings disallowed/,
      );
    });

    it("every case gives the reference answer in every layout; precompiled calls never fall back", () => {
      const problems: string[] = [];
      refs.cases.forEach((c, i) => {
        const status = built.result.module?.calls.find((x) => x.name === `c${i}`)?.status;
        const off = precompileProblem(area, c, status);
        if (off) problems.push(off);
        // the runtime suite's known jit failures reproduce here (same kernels): they must fail, and an
        // entry whose case passes is reported (remove it from KNOWN_FAILURES)
        const known = Object.entries(KNOWN_FAILURES).find(([k]) => k.startsWith(`${area}/jit`) && k.endsWith(`/${c.name}`))?.[1];
        const failures: string[] = [];
        const f = ctx.mod[`c${i}`];
        if (typeof f !== "function") {
          problems.push(`${c.name}: export c${i} is not a function`);
          return;
        }
        for (const layout of c.inputs.length ? LAYOUTS : LAYOUTS.slice(0, 1)) {
          const label = `${c.name} (${layout} inputs)`;
          try {
            const inputs = c.inputs.map((s) => makeIn(s, layout));
            const frozen = freeze(inputs as NDArray[]);
            checkCase(underJit(c), () => toHost(f(...inputs)), label);
            expectUnchanged(frozen, label);
          } catch (err) {
            failures.push(err instanceof Error ? err.message : String(err));
          }
        }
        if (status === "precompiled") {
          const info = f.cacheInfo();
          if (info.eagerFallbacks !== 0) failures.push(`${c.name}: ${info.eagerFallbacks} eager fallbacks in a precompiled function`);
          if (info.runtimeCompiles !== 0 && !isError(c.expected)) failures.push(`${c.name}: ${info.runtimeCompiles} run-time compiles`);
          const planned = (built.result.module?.calls.find((x) => x.name === `c${i}`)?.scheduled?.plans.length ?? 0) > 0;
          if (!planned) failures.push(`${c.name}: precompiled without a plan`);
          else if (!isError(c.expected) && (info.traces !== 0 || info.precompiledCalls === 0))
            failures.push(`${c.name}: has a plan, yet ${info.traces} run-time traces and ${info.precompiledCalls} plan calls`);
        }
        if (known === undefined) problems.push(...failures);
        else if (!failures.length) problems.push(`${c.name}: passes, but KNOWN_FAILURES lists it (${known}): remove the entry`);
      });
      expect(problems.length, problems.slice(0, 20).join("\n\n")).toBe(0);
    });

    it("the runtime jit in the same context falls back to eager IR, still correct", () => {
      // a case that needs at least one kernel (pure view functions compile nothing)
      const c = refs.cases.find(
        (k, i) =>
          !isError(k.expected) &&
          !Array.isArray(k.expected) &&
          (built.result.module?.calls.find((x) => x.name === `c${i}`)?.scheduled?.kernels.length ?? 0) > 0,
      )!;
      const fn = new Function("np", "nn", "lax", `"use strict"; return (${c.fn});`)(ctx.numpy, ctx.nn, ctx.lax);
      const j = ctx.jit(fn);
      for (const layout of LAYOUTS) {
        const inputs = c.inputs.map((s) => makeIn(s, layout));
        const frozen = freeze(inputs as NDArray[]);
        checkCase(c, () => toHost(j(...inputs)), `${c.name} (${layout} inputs)`);
        expectUnchanged(frozen, `${c.name} (${layout} inputs)`);
      }
      // one entry on eager IR, every call answered by it
      expect(j.cacheInfo()).toMatchObject({ traces: 1, eagerFallbacks: LAYOUTS.length });
      expect(j.cacheInfo().runtimeCompiles).toBe(0);
    });
  });
}
