// The precompiled build runs where code generation is forbidden: the runtime and the built module are
// bundled into one script and evaluated in a Node vm context created with
// codeGeneration: { strings: false, wasm: false } (no eval, no new Function, no wasm) — the same
// restriction as a strict CSP. Every reference case still gives the right answer, and precompiled
// functions never fall back to eager IR.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NDArray } from "@numjit/runtime";
import { type ArraySpec, type ErrorSpec, KNOWN_FAILURES, type RefCase, compareArray, loadRefs, makeInput } from "../numpy/runner.js";
import { ARTIFACTS, buildModule, moduleSource, runInNoEvalContext } from "./helpers.js";

const AREAS = ["elementwise", "reductions", "linalg", "nn", "shape", "indexing", "creation", "extras"];

interface Ctx {
  mod: Record<string, ((...a: unknown[]) => unknown) & { cacheInfo(): { runtimeCompiles: number; eagerFallbacks: number; precompiledHits: number } }>;
  numpy: Record<string, unknown>;
  nn: Record<string, unknown>;
  NDArray: new (data: unknown, shape: number[], dtype: string) => unknown;
  jit: (f: unknown) => ((...a: unknown[]) => unknown) & { cacheInfo(): { eagerFallbacks: number; runtimeCompiles: number } };
  canGenerateCode: () => boolean;
  ctors: Record<string, { from(x: number[]): unknown }>;
}

/** A host NDArray copy of a context NDArray (compareArray checks `instanceof NDArray`). */
function toHost(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(toHost);
  const a = x as { toTypedArray(): ArrayLike<number>; shape: number[]; dtype: string; weakType: boolean } | undefined;
  if (!a || typeof a.toTypedArray !== "function") return x;
  const C = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array }[a.dtype as "float32"];
  return new NDArray(C.from(Array.from(a.toTypedArray())), a.shape.slice(), a.dtype as "float32", undefined, 0, a.weakType);
}

const isError = (e: RefCase["expected"]): e is ErrorSpec => !Array.isArray(e) && "error" in e;

for (const area of AREAS) {
  describe(`no-eval vm context: ${area}`, () => {
    const refs = loadRefs(area);
    const built = buildModule(`vm-${area}`, moduleSource(refs.cases, true));
    const entry = path.join(ARTIFACTS, `vm-entry-${area}.js`);
    fs.writeFileSync(entry, [
      `export * as mod from "./vm-${area}.js";`,
      `export { numpy, nn, NDArray, jit } from "@numjit/runtime";`,
      `export { canGenerateCode } from "@numjit/runtime/internal";`,
      `export const ctors = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array };`,
    ].join("\n"));
    let ctx: Ctx;
    const makeIn = (s: ArraySpec) => {
      // values from the host (before `prep`), copied into the context's own typed array
      const values = Array.from(makeInput({ ...s, prep: undefined }).toTypedArray() as ArrayLike<number>);
      const x = new ctx.NDArray(ctx.ctors[s.dtype]!.from(values), s.shape.slice(), s.dtype);
      if (!s.prep) return x;
      const prep = new Function("np", "nn", `"use strict"; return (${s.prep});`)(ctx.numpy, ctx.nn) as (a: unknown) => unknown;
      return prep(x);
    };

    // bundled before any test (not by the first one): each test can run alone or in any order
    beforeAll(async () => {
      ctx = (await runInNoEvalContext<Ctx>(entry)).exports;
    });

    it("bundles and evaluates with code generation from strings disabled", () => {
      expect(ctx.canGenerateCode()).toBe(false);
      // the context really forbids it
      expect(() => (ctx.jit as unknown as { constructor: FunctionConstructor }).constructor("return 1")).toThrow(/Code generation from strings disallowed/);
    });

    it("every case gives the reference answer; precompiled calls never fall back", () => {
      let precompiled = 0;
      refs.cases.forEach((c, i) => {
        const f = ctx.mod[`c${i}`]!;
        expect(typeof f, `export c${i}`).toBe("function");
        const call = () => toHost(f(...c.inputs.map(makeIn)));
        if (isError(c.expected)) {
          let thrown: { code?: string; name?: string } | undefined;
          try {
            call();
          } catch (e) {
            thrown = e as { code?: string };
          }
          expect(thrown?.code, `${c.name}: expected ${c.expected.code}`).toBe(c.expected.code);
          return;
        }
        const out = call();
        const exp = c.expected as ArraySpec | ArraySpec[];
        // the runtime suite's known jit failures reproduce here (same kernels); it tracks them
        if (Object.keys(KNOWN_FAILURES).some((k) => k.startsWith(`${area}/jit`) && k.endsWith(`/${c.name}`))) return;
        if (Array.isArray(exp)) exp.forEach((e, k) => expect(compareArray((out as unknown[])[k], e, c.tol, c.valuesUnspecified), `${c.name} #${k}`).toEqual([]));
        else expect(compareArray(out, exp, c.tol, c.valuesUnspecified), c.name).toEqual([]);
        const status = built.result.module?.calls.find((x) => x.name === `c${i}`)?.status;
        expect(status, `${c.name}: c${i} is in the built module`).toBeDefined();
        if (status === "precompiled") {
          const info = f.cacheInfo();
          precompiled++;
          expect(info.eagerFallbacks, `${c.name}: eager fallback in a precompiled function`).toBe(0);
          expect(info.runtimeCompiles, c.name).toBe(0);
        }
      });
      expect(precompiled).toBeGreaterThan(refs.cases.length / 2);
    });

    it("the runtime jit in the same context falls back to eager IR, still correct", () => {
      // a case that needs at least one kernel (pure view functions compile nothing)
      const c = refs.cases.find((k, i) => !isError(k.expected) && !Array.isArray(k.expected) &&
        (built.result.module?.calls.find((x) => x.name === `c${i}`)?.scheduled?.kernels.length ?? 0) > 0)!;
      const fn = new Function("np", "nn", `"use strict"; return (${c.fn});`)(ctx.numpy, ctx.nn);
      const j = ctx.jit(fn);
      const out = toHost(j(...c.inputs.map(makeIn)));
      expect(compareArray(out, c.expected as ArraySpec, c.tol, c.valuesUnspecified)).toEqual([]);
      expect(j.cacheInfo().eagerFallbacks).toBe(1);
      expect(j.cacheInfo().runtimeCompiles).toBe(0);
    });
  });
}
