// Control flow and nested jit precompiled: functions using lax.foriLoop / scan / whileLoop / cond / switch
// and a nested jit build to plans whose loops and branches are emitted JS (no sub-plan, no trace at run
// time: traces 0). Every case equals the runtime jit (plain transpile of the same module) bit for bit and
// the eager lax semantics (the same function run without jit) to rounding, with inputs dense and as
// offset views; and again inside a vm context where code generation from strings is off.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type NDArray, checkpoint, grad, lax, numpy as np } from "@numjit/runtime";
import { ARTIFACTS, buildModule, importFresh, runInNoEvalContext, writePlain } from "./helpers.js";

type Info = { calls: number; traces: number; precompiledCalls: number; runtimeCompiles: number; eagerFallbacks: number };
type J = ((...a: unknown[]) => NDArray | NDArray[]) & { cacheInfo(): Info };
type Spec = { dtype: "float32" | "float64" | "int32"; shape: number[]; data?: number[] };

interface Case {
  name: string;
  /** `@numjit` annotation of the parameters. */
  ann: string;
  fn: string;
  args: Spec[];
  /** Which generated loop form it exercises (documentation for the reader). */
  form: string;
}

const CASES: Case[] = [
  {
    name: "foriSmall",
    form: "scalarized foriLoop (scan), float64",
    ann: "x: f64[3, 2]",
    fn: "(x) => lax.foriLoop(0, 25, (i, s) => np.add(s, np.multiply(np.sin(np.sum(s, 0)), 0.1)), x)",
    args: [{ dtype: "float64", shape: [3, 2] }],
  },
  {
    name: "foriBuffered",
    form: "buffered foriLoop over a symbolic carry, float32",
    ann: "x: f32[N]",
    fn: "(x) => lax.foriLoop(0, 12, (i, s) => np.add(np.multiply(s, 0.9), np.tanh(s)), x)",
    args: [{ dtype: "float32", shape: [100] }],
  },
  {
    name: "rnn",
    form: "buffered scan with xs and ys, matmul in the body",
    ann: "h: f32[N, 4], w: f32[4, 4], xs: f32[5, N, 4]",
    fn: "(h, w, xs) => lax.scan((c, x) => { const n = np.tanh(np.add(np.matmul(c, w), x)); return [n, np.sum(n, -1)]; }, h, xs)",
    args: [
      { dtype: "float32", shape: [3, 4] },
      { dtype: "float32", shape: [4, 4] },
      { dtype: "float32", shape: [5, 3, 4] },
    ],
  },
  {
    name: "scanReverse",
    form: "scalarized reverse scan: xs read by offset, ys written in place",
    ann: "c: f64[4], xs: f64[6, 4]",
    fn: "(c, xs) => lax.scan((s, x) => [np.add(np.multiply(s, 0.5), x), np.max(np.multiply(s, x))], c, xs, { reverse: true })",
    args: [
      { dtype: "float64", shape: [4] },
      { dtype: "float64", shape: [6, 4] },
    ],
  },
  {
    name: "rnnSymbolicLength",
    form: "buffered scan over a symbolic number of steps T (the loop bound and ys' size come from xs' shape)",
    ann: "h: f32[N, 4], w: f32[4, 4], xs: f32[T, N, 4]",
    fn: "(h, w, xs) => lax.scan((c, x) => { const n = np.tanh(np.add(np.matmul(c, w), x)); return [n, np.sum(n, -1)]; }, h, xs)",
    args: [
      { dtype: "float32", shape: [3, 4] },
      { dtype: "float32", shape: [4, 4] },
      { dtype: "float32", shape: [7, 3, 4] },
    ],
  },
  {
    name: "scanReverseSymbolicLength",
    form: "scalarized reverse scan over a symbolic number of steps T",
    ann: "c: f64[4], xs: f64[T, 4]",
    fn: "(c, xs) => lax.scan((s, x) => [np.add(np.multiply(s, 0.5), x), np.max(np.multiply(s, x))], c, xs, { reverse: true })",
    args: [
      { dtype: "float64", shape: [4] },
      { dtype: "float64", shape: [9, 4] },
    ],
  },
  {
    name: "gradScanSymbolicLength",
    form: "grad through a scan of symbolic length (the backward pass is a reverse scan of the same length)",
    ann: "w: f64[4, 4], xs: f64[T, 4]",
    fn:
      "grad((w, xs) => np.sum(lax.scan((c, x) => { const n = np.tanh(np.add(np.matmul(c, w), x)); " +
      "return [n, np.sum(np.square(n))]; }, np.zeros([4], { dtype: 'float64' }), xs)[1]))",
    args: [
      { dtype: "float64", shape: [4, 4] },
      { dtype: "float64", shape: [6, 4] },
    ],
  },
  {
    name: "whileBuffered",
    form: "buffered whileLoop over a symbolic carry",
    ann: "x: f32[N]",
    fn: "(x) => lax.whileLoop((s) => np.less(np.sum(np.abs(s)), 1000), (s) => np.add(np.multiply(s, 2), 1), x)",
    args: [{ dtype: "float32", shape: [80] }],
  },
  {
    name: "whileInt",
    form: "scalarized whileLoop on int32 (a Collatz count)",
    ann: "x: i32[]",
    fn:
      "(x) => lax.whileLoop(([n, k]) => np.greater(n, 1), ([n, k]) => [np.where(np.equal(np.remainder(n, 2), 0), " +
      "np.floorDivide(n, 2), np.add(np.multiply(n, 3), 1)), np.add(k, 1)], [x, np.array(0, { dtype: 'int32' })])",
    args: [{ dtype: "int32", shape: [], data: [27] }],
  },
  {
    name: "dynamicFori",
    form: "foriLoop with a traced bound (a whileLoop)",
    ann: "n: i32[], x: f64[3]",
    fn: "(n, x) => lax.foriLoop(0, n, (i, s) => np.add(s, np.multiply(np.cos(s), 0.25)), x)",
    args: [
      { dtype: "int32", shape: [], data: [7] },
      { dtype: "float64", shape: [3] },
    ],
  },
  {
    name: "condBranches",
    form: "cond: an if over emitted branches",
    ann: "p: f32[], x: f32[N]",
    fn: "(p, x) => lax.cond(np.greater(p, 0), (y) => np.exp(y), (y) => np.negative(np.square(y)), x)",
    args: [
      { dtype: "float32", shape: [], data: [-1] },
      { dtype: "float32", shape: [5] },
    ],
  },
  {
    name: "switchBranches",
    form: "switch over three branches, index clamped",
    ann: "i: i32[], x: f64[4]",
    fn: "(i, x) => lax.switch(i, [(y) => np.sin(y), (y) => np.multiply(y, 3), (y) => np.multiply(np.sum(y), np.onesLike(y))], x)",
    args: [
      { dtype: "int32", shape: [], data: [5] },
      { dtype: "float64", shape: [4] },
    ],
  },
  {
    name: "condInLoop",
    form: "cond inside a foriLoop (buffered loop, branch inline)",
    ann: "x: f64[4]",
    fn: "(x) => lax.foriLoop(0, 9, (i, s) => lax.cond(np.less(np.sum(s), 2), (y) => np.add(y, 0.5), (y) => np.multiply(y, 0.5), s), x)",
    args: [{ dtype: "float64", shape: [4] }],
  },
  {
    name: "nestedProgram",
    form: "a sub-program (checkpoint) inline, as a nested jit's",
    ann: "x: f32[N]",
    fn: "(x) => np.add(checkpoint((y) => np.multiply(np.cos(y), 2))(x), 1)",
    args: [{ dtype: "float32", shape: [6] }],
  },
];

const SOURCE = [
  `import { numpy as np, lax, jit, grad, checkpoint } from "@numjit/runtime";`,
  ...CASES.flatMap((c) => [`/** @numjit ${c.ann} */`, `export const ${c.name} = jit(${c.fn});`]),
].join("\n");

/** The case's function run without jit (eager lax: JS control flow over eager arrays). */
const eagerFn = (c: Case) => new Function("np", "lax", "grad", "checkpoint", `"use strict"; return (${c.fn});`)(np, lax, grad, checkpoint);

function input(s: Spec, seed: number, numpy: typeof np = np): NDArray {
  const n = s.shape.reduce((a, b) => a * b, 1);
  const data = s.data ?? Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed * 7.1) * 1.5);
  return numpy.array(data, { dtype: s.dtype }).reshape(s.shape);
}
/** The same values as an offset view (rank >= 1) of a larger buffer. */
function offsetView(x: NDArray, numpy: typeof np = np): NDArray {
  if (x.ndim === 0) return x;
  const pad = numpy.zeros([1, ...x.shape.slice(1)], { dtype: x.dtype });
  return numpy.slice(numpy.concatenate([pad, x], 0), "1:");
}
const flat = (r: unknown): number[][] =>
  Array.isArray(r)
    ? r.flatMap(flat)
    : typeof (r as NDArray).toTypedArray === "function"
      ? [Array.from((r as NDArray).toTypedArray())]
      : Object.values(r as object).flatMap(flat);

const built = buildModule("control-flow", SOURCE);
const plainFile = writePlain("control-flow", SOURCE);

describe("control flow precompiled", () => {
  let mod: Record<string, J>;
  let plain: Record<string, J>;
  beforeAll(async () => {
    mod = await importFresh<Record<string, J>>(built.file);
    plain = await importFresh<Record<string, J>>(plainFile);
  });

  it("builds: every function precompiled", () => {
    expect(built.result.module!.calls.map((c) => [c.name, c.status])).toEqual(CASES.map((c) => [c.name, "precompiled"]));
    // the loops are emitted code: no run-time sub-plan
    expect(fs.readFileSync(built.file, "utf8")).toMatch(/for \(let t_\d+ = 0; t_\d+ < 25; t_\d+\+\+\)/);
  });

  for (const c of CASES)
    it(`${c.name} (${c.form}): equals the runtime jit bit for bit and eager to rounding, dense and as views; traces 0`, () => {
      const args = c.args.map((s, i) => input(s, i + 1));
      const f = mod[c.name]!;
      const want = flat(plain[c.name]!(...args));
      const eager = flat(eagerFn(c)(...args));
      for (const view of [false, true]) {
        const got = flat(f(...(view ? args.map((x) => offsetView(x)) : args)));
        expect(got, view ? "offset views" : "dense").toEqual(want);
        got.forEach((g, k) => g.forEach((v, q) => expect(Math.abs(v - eager[k]![q]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(v)))));
      }
      expect(f.cacheInfo()).toMatchObject({ calls: 2, traces: 0, precompiledCalls: 2, runtimeCompiles: 0, eagerFallbacks: 0 });
    });

  it("a scan of symbolic length serves every number of steps from one plan (T = 1, 2, 13), equal to the runtime jit", () => {
    for (const name of ["rnnSymbolicLength", "scanReverseSymbolicLength", "gradScanSymbolicLength"]) {
      const c = CASES.find((k) => k.name === name)!;
      const f = mod[name]!;
      const before = f.cacheInfo();
      for (const T of [1, 2, 13]) {
        const args = c.args.map((s, i) => input(i === c.args.length - 1 ? { ...s, shape: [T, ...s.shape.slice(1)] } : s, i + 3));
        const got = flat(f(...args));
        expect(got, `${name} T=${T}`).toEqual(flat(plain[name]!(...args)));
        if (name !== "gradScanSymbolicLength") expect(got[got.length - 1]!.length % T, `${name} ys rows`).toBe(0);
      }
      const after = f.cacheInfo();
      expect(after.traces - before.traces, name).toBe(0);
      expect(after.precompiledCalls - before.precompiledCalls, name).toBe(3);
    }
  });

  it("runs precompiled where code generation from strings is forbidden, with the same answers", async () => {
    const entry = path.join(ARTIFACTS, "control-flow-entry.js");
    fs.writeFileSync(entry, `export * as mod from "./control-flow.js";\nexport { numpy } from "@numjit/runtime";\n`);
    const { exports: ctx } = await runInNoEvalContext<{ mod: Record<string, J>; numpy: typeof np }>(entry);
    for (const c of CASES) {
      const args = c.args.map((s, i) => input(s, i + 1));
      const inCtx = c.args.map((s, i) => input(s, i + 1, ctx.numpy));
      const f = ctx.mod[c.name]!;
      expect(flat(f(...inCtx)), c.name).toEqual(flat(mod[c.name]!(...args)));
      expect(f.cacheInfo(), c.name).toMatchObject({ traces: 0, precompiledCalls: 1, eagerFallbacks: 0 });
    }
  });
});

describe("examples/monte-carlo-pi precompiled", () => {
  const source = fs.readFileSync(path.join(ARTIFACTS, "../../examples/monte-carlo-pi/pi.mjs"), "utf8");
  const pi = buildModule("monte-carlo-pi", source);
  type Pi = { countInside: J; countInsideLoop: J };

  it("both drivers build to plans and count JAX's points with no trace at run time, also without code generation", async () => {
    expect(pi.result.module!.calls.map((c) => [c.name, c.status])).toEqual([
      ["countInside", "precompiled"],
      ["countInsideLoop", "precompiled"],
    ]);
    const m = await importFresh<Pi>(pi.file);
    const { random } = await import("@numjit/runtime");
    const key = random.key(0);
    expect(Number(m.countInsideLoop(key, 2, 100_000))).toBe(157204);
    const jsLoop = [0, 1].reduce((s, i) => s + Number(m.countInside(random.foldIn(key, i), 100_000)), 0);
    expect(jsLoop).toBe(157204);
    expect(m.countInsideLoop.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 1, runtimeCompiles: 0 });
    expect(m.countInside.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 2, runtimeCompiles: 0 });
    const entry = path.join(ARTIFACTS, "monte-carlo-pi-entry.js");
    fs.writeFileSync(entry, `export * as mod from "./monte-carlo-pi.js";\nexport { random } from "@numjit/runtime";\n`);
    const { exports: ctx } = await runInNoEvalContext<{ mod: Pi; random: typeof random }>(entry);
    expect(Number(ctx.mod.countInsideLoop(ctx.random.key(0), 2, 100_000))).toBe(157204);
    expect(ctx.mod.countInsideLoop.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 1, eagerFallbacks: 0 });
  }, 180_000); // 4 x 100,000 points, one of them in a vm context without code generation: slow on a loaded machine
});

describe("examples/rnn-scan precompiled", () => {
  const source = fs.readFileSync(path.join(ARTIFACTS, "../../examples/rnn-scan/model.mjs"), "utf8");
  const rnn = buildModule("rnn-scan", source);

  it("lossAndGrad (a scan and the reverse scan of its vjp) runs precompiled with no trace, equal to the runtime jit", async () => {
    expect(rnn.result.module!.calls.find((c) => c.name === "lossAndGrad")?.status).toBe("precompiled");
    type M = { lossAndGrad: J; initParams: () => unknown; makeData: (b: number) => NDArray; loss: (...a: unknown[]) => NDArray };
    const m = await importFresh<M>(rnn.file);
    const { jit, valueAndGrad } = await import("@numjit/runtime");
    const p = m.initParams(),
      x = m.makeData(6);
    const got = m.lossAndGrad(p, x);
    expect(flat(got)).toEqual(flat(jit(valueAndGrad(m.loss))(p, x)));
    expect(m.lossAndGrad.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 1, runtimeCompiles: 0 });
  });
});
