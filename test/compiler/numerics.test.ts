// Every NumPy-reference case of the runtime suites (every test/numpy/refs/*.json: the areas are read from
// the directory, so a new reference file is covered without editing this list), written as a jit function
// in a generated TS module, built with the compiler, and run three ways — precompiled (the built module),
// runtime jit, eager — all compared to the reference. Each area is built twice: with exact @numjit
// annotations (every case must then precompile, or be listed in NOT_PRECOMPILED with its reason, and the
// kernels must cover the call: nothing compiles at run time) and without any (the compiler guesses shapes;
// answers must be right whichever path runs). Precompiled calls get their inputs in every layout of the
// runtime suite (dense and the runner's view layouts: strided, offset, transposed, negative, broadcast),
// batched in the case's one test; inputs (whole buffers) must be left unchanged.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NDArray, jit, nn, numpy as np } from "@numjit/runtime";
import * as runtime from "@numjit/runtime";
import type { ModuleResult } from "@numjit/compiler";
import {
  type ArraySpec,
  type ErrorSpec,
  KNOWN_FAILURES,
  type Layout,
  type RefCase,
  VIEW_LAYOUTS,
  compareArray,
  compile,
  expectUnchanged,
  freeze,
  makeInput,
  refAreas,
  underJit,
} from "../numpy/runner.js";
import { NOT_PRECOMPILED, buildModule, importFresh, loadArea, moduleSource, precompileProblem, staleNotPrecompiled } from "./helpers.js";

const AREAS = refAreas();
/** The layouts every precompiled call is run with (dense first: the view layouts hit the cached entry). */
const LAYOUTS: readonly Layout[] = ["dense", ...VIEW_LAYOUTS];
/** Cases per area, as loaded (for the NOT_PRECOMPILED key check). */
const LOADED = new Map<string, RefCase[]>();

type Fn = ((...a: unknown[]) => unknown) & {
  cacheInfo?: () => { runtimeCompiles: number; traces: number; precompiledCalls: number; eagerFallbacks: number };
  clearCache?: () => void;
};

const isError = (e: RefCase["expected"]): e is ErrorSpec => !Array.isArray(e) && "error" in e;

function check(c: RefCase, run: () => unknown, label: string): void {
  if (isError(c.expected)) {
    const e = c.expected;
    let thrown: unknown;
    try {
      run();
    } catch (err) {
      thrown = err;
    }
    expect(thrown, `${label}: expected ${e.error} ${e.code}`).toBeDefined();
    const cls = (runtime as unknown as Record<string, unknown>)[e.error] as new () => Error;
    expect(thrown instanceof cls, `${label}: ${String(thrown)}`).toBe(true);
    expect((thrown as { code?: string }).code, label).toBe(e.code);
    return;
  }
  const out = run();
  const exp = c.expected as ArraySpec | ArraySpec[];
  if (Array.isArray(exp)) {
    expect(Array.isArray(out), label).toBe(true);
    exp.forEach((e, k) => expect(compareArray((out as unknown[])[k], e, c.tol, c.valuesUnspecified), `${label}: output ${k}`).toEqual([]));
  } else expect(compareArray(out, exp, c.tol, c.valuesUnspecified), label).toEqual([]);
}

interface AreaStats {
  area: string;
  cases: number;
  annotated: { precompiled: number; staticErrors: number; noRuntimeCompile: number; noTrace: number };
  guessed: { precompiled: number; noRuntimeCompile: number; called: number };
  fallbackCodes: Record<string, number>;
}
const STATS: AreaStats[] = [];

/** A case for the harness's own tests: values that repeat along no axis. */
const NEG: RefCase = {
  name: "neg",
  fn: "(x) => np.negative(x)",
  inputs: [{ dtype: "float32", shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }],
  expected: { dtype: "float32", shape: [2, 3], data: [-1, -2, -3, -4, -5, -6] },
};

/**
 * Failures of `f` over every layout (each call on fresh inputs, which must be left unchanged), all
 * reported. `firstCalls`: the cache is cleared before each layout, which then runs as the first call
 * (trace, plan from the build's kernel table) and as a cached call; otherwise every layout hits the
 * entry cached by an earlier call.
 */
function layoutProblems(c: RefCase, f: Fn, label: string, firstCalls = false): string[] {
  const problems: string[] = [];
  for (const layout of c.inputs.length ? LAYOUTS : LAYOUTS.slice(0, 1)) {
    if (firstCalls) f.clearCache?.();
    for (const what of firstCalls ? [", first call", ", cached call"] : [""]) {
      const l = `${label}, ${layout} inputs${what}`;
      try {
        const inputs = c.inputs.map((spec) => makeInput(spec, layout));
        const frozen = freeze(inputs);
        check(c, () => f(...inputs), l);
        expectUnchanged(frozen, l);
      } catch (err) {
        const m = err instanceof Error ? err.message : String(err);
        problems.push(m.length > 2000 ? `${m.slice(0, 2000)} ...` : m);
      }
    }
  }
  return problems;
}

describe("precompiled numpy refs: the reference areas", () => {
  it("the areas are read from refs/ (those once left out included); NOT_PRECOMPILED names cases that exist", () => {
    // (NUMJIT_REFS_DIR points the runner at references written elsewhere: then those are the areas)
    if (!process.env.NUMJIT_REFS_DIR) expect(AREAS).toEqual(expect.arrayContaining(["broadcast", "creation", "large", "random", "shape"]));
    expect(AREAS.length).toBeGreaterThan(0);
    expect(staleNotPrecompiled(LOADED), "NOT_PRECOMPILED keys naming no case").toEqual([]);
  });

  it("an unreadable, empty or miscounted reference file is an error, not zero cases", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nj-refs-"));
    fs.writeFileSync(path.join(dir, "bad.json"), "{");
    fs.writeFileSync(path.join(dir, "empty.json"), JSON.stringify({ generator: "t", numpy: "2", count: 0, cases: [] }));
    fs.writeFileSync(path.join(dir, "miscounted.json"), JSON.stringify({ generator: "t", numpy: "2", count: 2, cases: [NEG] }));
    fs.writeFileSync(path.join(dir, "one.json"), JSON.stringify({ generator: "t", numpy: "2", count: 1, cases: [NEG] }));
    const saved = process.env.NUMJIT_REFS_DIR;
    process.env.NUMJIT_REFS_DIR = dir;
    try {
      expect(refAreas()).toEqual(["bad", "empty", "miscounted", "one"]);
      for (const area of ["bad", "empty", "miscounted", "missing"]) expect("error" in loadArea(area), area).toBe(true);
      expect(loadArea("one")).toEqual({ refs: expect.objectContaining({ cases: [NEG] }) });
    } finally {
      if (saved === undefined) delete process.env.NUMJIT_REFS_DIR;
      else process.env.NUMJIT_REFS_DIR = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a case off its precompile expectation is reported; a stale NOT_PRECOMPILED entry too", () => {
    const err: RefCase = { ...NEG, name: "neg error", expected: { error: "ShapeError", code: "NJ101" } };
    expect(precompileProblem("t", NEG, "precompiled")).toBeUndefined();
    expect(precompileProblem("t", err, "error")).toBeUndefined();
    expect(precompileProblem("t", NEG, "error")).toMatch(/NOT_PRECOMPILED/);
    expect(precompileProblem("t", NEG, "fallback")).toMatch(/NOT_PRECOMPILED/);
    expect(precompileProblem("t", NEG, undefined)).toMatch(/missing/);
    NOT_PRECOMPILED["t/neg"] = "test entry";
    try {
      expect(precompileProblem("t", NEG, "fallback")).toBeUndefined();
      expect(precompileProblem("t", NEG, "precompiled")).toMatch(/remove the entry/);
      // (entries of the real list name no case of this fake area "t", so only the "t/" keys are checked)
      const own = (keys: string[]) => keys.filter((k) => k.startsWith("t/"));
      expect(own(staleNotPrecompiled(new Map([["t", [NEG]]])))).toEqual([]);
      expect(own(staleNotPrecompiled(new Map([["t", [err]]])))).toEqual(["t/neg"]);
    } finally {
      delete NOT_PRECOMPILED["t/neg"];
    }
  });

  it("every view layout catches a function that ignores strides and offsets, and one that writes its input", () => {
    // reads the first `size` elements of the buffer as if the input were dense from offset 0
    const denseReader = ((x: NDArray) =>
      new NDArray(
        Float32Array.from(x.data.slice(0, x.size), (v) => -v),
        x.shape.slice(),
        "float32",
      )) as Fn;
    const views = layoutProblems(NEG, denseReader, "dense reader");
    expect(views).toHaveLength(VIEW_LAYOUTS.length);
    VIEW_LAYOUTS.forEach((l) =>
      expect(
        views.some((p) => p.includes(`${l} inputs`)),
        l,
      ).toBe(true),
    );
    const writer = ((x: NDArray) => {
      const out = np.negative(x);
      x.data[0] = 99;
      return out;
    }) as Fn;
    expect(layoutProblems(NEG, writer, "writer").filter((p) => /unchanged/.test(p))).toHaveLength(LAYOUTS.length);
    expect(layoutProblems(NEG, ((x: NDArray) => np.negative(x)) as Fn, "right")).toEqual([]);
    // first calls: the cache is cleared before each layout, which is then called twice
    const j = jit((x: NDArray) => np.negative(x));
    expect(layoutProblems(NEG, j as unknown as Fn, "jit", true)).toEqual([]);
    expect([j.cacheInfo().traces, j.cacheInfo().hits]).toEqual([LAYOUTS.length, LAYOUTS.length]);
  });
});

for (const area of AREAS) {
  const loaded = loadArea(area);
  if ("error" in loaded) {
    // an unreadable or empty reference file fails here, loudly, instead of running zero cases
    describe(`precompiled numpy refs: ${area}`, () =>
      it("reference file loads and has cases", () => {
        throw loaded.error;
      }));
    continue;
  }
  const { refs } = loaded;
  LOADED.set(area, refs.cases);
  describe(`precompiled numpy refs: ${area}`, () => {
    const annotatedSrc = moduleSource(refs.cases, true);
    const guessedSrc = moduleSource(refs.cases, false);
    const ann = buildModule(`refs-${area}-annotated`, annotatedSrc);
    const gss = buildModule(`refs-${area}-guessed`, guessedSrc);
    let annMod: Record<string, Fn> = {};
    let gssMod: Record<string, Fn> = {};
    const stats: AreaStats = {
      area,
      cases: refs.cases.length,
      annotated: { precompiled: 0, staticErrors: 0, noRuntimeCompile: 0, noTrace: 0 },
      guessed: { precompiled: 0, noRuntimeCompile: 0, called: 0 },
      fallbackCodes: {},
    };
    STATS.push(stats);
    const status = (m: ModuleResult | undefined, i: number) => m?.calls.find((c) => c.name === `c${i}`);

    // loaded before any test (not by the first one): each case test can run alone or in any order
    beforeAll(async () => {
      annMod = await importFresh<Record<string, Fn>>(ann.file);
      gssMod = await importFresh<Record<string, Fn>>(gss.file);
    });

    it("both modules build; errors only where the runtime errors too", () => {
      const problems: string[] = [];
      refs.cases.forEach((c, i) => {
        const a = status(ann.result.module, i);
        const g = status(gss.result.module, i);
        expect(a, `c${i} (${c.name}) in the annotated module`).toBeDefined();
        expect(g, `c${i} (${c.name}) in the guessed module`).toBeDefined();
        const p = precompileProblem(area, c, a?.status);
        if (p) problems.push(p);
        if (a?.status === "precompiled") stats.annotated.precompiled++;
        if (g?.status === "precompiled") stats.guessed.precompiled++;
        for (const r of g?.reasons ?? []) stats.fallbackCodes[r.code] = (stats.fallbackCodes[r.code] ?? 0) + 1;
        if (a?.status === "error") {
          stats.annotated.staticErrors++;
          // a build-time error must be a case the runtime rejects as well (no false errors)
          expect(
            isError(c.expected),
            `${c.name}: compiler error ${a.reasons.map((d) => `${d.code} ${d.message}`).join("; ")} but the runtime accepts it`,
          ).toBe(true);
        }
        if (g?.status === "error") {
          expect(
            isError(c.expected) || g.reasons.every((d) => d.code === "NJ807" || d.code === "NJ802" || d.code === "NJ803"),
            `${c.name}: ${g.reasons.map((d) => d.message).join("; ")}`,
          ).toBe(true);
        }
      });
      expect(problems, "cases off their precompile expectation").toEqual([]);
    });

    refs.cases.forEach((c, i) => {
      // a case the runtime's own suite lists as a known failure (any mode) fails here too (same kernels):
      // it.fails, like the runtime suite, so a fixed case shows up instead of passing silently either way
      const known = Object.entries(KNOWN_FAILURES).find(([k]) => k.startsWith(`${area}/`) && k.endsWith(`/${c.name}`))?.[1];
      const body = () => {
        const inputs = () => c.inputs.map((spec) => makeInput(spec));
        const fn = compile(c.fn) as (...a: unknown[]) => unknown;
        check(c, () => fn(...inputs()), "eager");
        if (c.eagerOnly) {
          // a data-dependent result shape: every jit form raises the ConcretizationError (as JAX)
          for (const [f, l] of [
            [jit(fn), "runtime jit"],
            [annMod[`c${i}`]!, "annotated module"],
            [gssMod[`c${i}`]!, "guessed module"],
          ] as const)
            check(underJit(c), () => f(...inputs()), l);
          return;
        }
        const rt = jit(fn);
        check(c, () => rt(...inputs()), "runtime jit");
        const a = annMod[`c${i}`]!;
        const g = gssMod[`c${i}`]!;
        expect(typeof a, `export c${i} of the annotated module`).toBe("function");
        expect(typeof g, `export c${i} of the guessed module`).toBe("function");
        check(c, () => a(...inputs()), "precompiled (annotated)");
        // every layout (views: same kernels, strides and offsets are arguments) as first and as cached call;
        // the guessed module's function: every layout on its cached entry
        const problems = [
          ...layoutProblems(c, a, "precompiled (annotated)", true),
          ...layoutProblems(c, g, "precompiled (guessed shapes)"),
        ];
        expect(problems.length, problems.join("\n\n")).toBe(0);
        const ai = a.cacheInfo?.();
        const annPre = status(ann.result.module, i)?.status === "precompiled";
        if (annPre) expect(ai, `${c.name}: cacheInfo() of a precompiled function`).toBeDefined();
        if (status(ann.result.module, i)?.status === "precompiled" && ai && !isError(c.expected)) {
          // exact shapes: the build's kernels cover this call, in every layout (layouts are not part of the cache key)
          expect(ai.runtimeCompiles, `${c.name}: kernels compiled at run time although precompiled for these exact shapes`).toBe(0);
          // exact shapes: the build wrote a plan, and every call (each layout, first and cached) ran it: no run-time trace
          expect(status(ann.result.module, i)?.scheduled?.plans.length, `${c.name}: precompiled without a plan`).toBeGreaterThan(0);
          expect([ai.traces, ai.precompiledCalls > 0], `${c.name}: traced at run time although it has a plan`).toEqual([0, true]);
          stats.annotated.noTrace++;
          stats.annotated.noRuntimeCompile++;
        }
        const gi = g.cacheInfo?.();
        const gssPre = status(gss.result.module, i)?.status === "precompiled";
        if (gssPre) expect(gi, `${c.name}: cacheInfo() of a precompiled function`).toBeDefined();
        if (status(gss.result.module, i)?.status === "precompiled" && gi && !isError(c.expected)) {
          stats.guessed.called++;
          if (gi.runtimeCompiles === 0) stats.guessed.noRuntimeCompile++;
        }
      };
      if (!known) it(c.name, body);
      else it.fails(`${c.name} [runtime known failure: ${known}]`, body);
    });
  });
}

afterAll(() => {
  if (!STATS.length) return;
  const t = STATS.reduce(
    (s, a) => ({
      cases: s.cases + a.cases,
      ap: s.ap + a.annotated.precompiled,
      ae: s.ae + a.annotated.staticErrors,
      an: s.an + a.annotated.noRuntimeCompile,
      at: s.at + a.annotated.noTrace,
      gp: s.gp + a.guessed.precompiled,
      gc: s.gc + a.guessed.called,
      gn: s.gn + a.guessed.noRuntimeCompile,
    }),
    { cases: 0, ap: 0, ae: 0, an: 0, at: 0, gp: 0, gc: 0, gn: 0 },
  );
  const codes: Record<string, number> = {};
  for (const a of STATS) for (const [k, v] of Object.entries(a.fallbackCodes)) codes[k] = (codes[k] ?? 0) + v;
  console.log(
    `[numjit compiler] refs: ${t.cases} cases; ` +
      `annotated: ${t.ap} precompiled, ${t.ae} rejected at build time, ${t.an} ran with 0 run-time compiles, ` +
      `${t.at} ran their plans with 0 run-time traces; ` +
      `unannotated: ${t.gp} precompiled, ${t.gn}/${t.gc} calls needed no run-time compile; fallback reasons ${JSON.stringify(codes)}`,
  );
});

// keep imports used (np / nn are the free names of the case sources compiled by the runner)
void np;
void nn;
void NDArray;
