// Emitted plans (jit/emit-plan.ts) and precompiled functions that run them. Every plan result is compared
// with the same function run eagerly, with inputs passed dense and as views (transposed, offset, negatively
// strided, broadcast); the guard is checked to reject (as data) what the plan was not built for; a
// precompiled call with a plan traces nothing (traces: 0). The plan sources are instantiated with
// `new Function` here only because a test has no build step: the compiler pastes them into the module.
import { describe, expect, it, vi } from "vitest";
import { type NDArray, grad, jit, nn, numpy as np, valueAndGrad, vmap } from "@numjit/runtime";
import {
  GuardFailure,
  type PlanEntry,
  ShapeEnv,
  buildKernels,
  dimMul,
  dimToJs,
  emitPlan,
  optimize,
  parseDim,
  precompiled,
  schedule,
  sym,
} from "@numjit/runtime/internal";
import { expectClose } from "./helpers.js";

type Fn = (...a: any[]) => any;
type Spec = { shape: number[]; dtype: "float32" | "float64" | "int32" | "bool" };

const instantiate = (source: string): any => new Function(`return (${source});`)();

/** The plan entry the compiler would emit for `fn` traced on `args`. */
function planFor(fn: Fn, args: unknown[], opts: { staticArgnums?: number[]; argNames?: string[] } = {}): PlanEntry & { source: string } {
  const r = buildKernels(fn, args, opts);
  if ("error" in r.plan) throw new Error(r.plan.error);
  const { emitted, key } = r.plan;
  return { key, make: instantiate(emitted.source), kernels: emitted.kernels.map((k) => instantiate(k.source)), source: emitted.source };
}

function rand(shape: number[], seed = 1): NDArray {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2);
  return np.array(data).reshape(shape);
}

/** The same values as `x`, as a view of the given kind. */
function asView(x: NDArray, kind: "dense" | "transposed" | "offset" | "negative"): NDArray {
  if (kind === "dense" || x.ndim === 0) return x;
  const dtype = { dtype: x.dtype };
  if (kind === "transposed") return np.transpose(np.array(np.transpose(x).toArray() as never, dtype));
  if (kind === "offset") return np.slice(np.concatenate([np.zeros([1, ...x.shape.slice(1)], dtype), x], 0), "1:");
  return np.flip(np.array(np.flip(x, 0).toArray() as never, dtype), 0);
}

const CASES: { name: string; fn: Fn; args: Spec[] }[] = [
  {
    name: "elementwise chain",
    fn: (x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1),
    args: [f32(4, 5), f32(4, 5)],
  },
  { name: "broadcast", fn: (x, b) => np.maximum(np.subtract(x, b), 0), args: [f32(3, 4), f32(4)] },
  { name: "reduce over rows and columns", fn: (x) => [np.sum(x, 0), np.max(x, 1), np.mean(x)], args: [f32(6, 7)] },
  { name: "matmul with epilogue", fn: (x, w, b) => nn.relu(np.add(np.matmul(x, w), b)), args: [f32(5, 3), f32(3, 4), f32(4)] },
  {
    name: "views: transpose, slice, flip, reshape",
    fn: (x) => np.add(np.transpose(x), np.reshape(np.flip(x, 0), [4, 3])),
    args: [f32(3, 4)],
  },
  { name: "eager steps (cumsum, concatenate)", fn: (x, y) => np.cumsum(np.concatenate([x, y], 0), 0), args: [f32(2, 3), f32(4, 3)] },
  { name: "softmax", fn: (x) => nn.softmax(x, -1), args: [f32(4, 9)] },
  { name: "captured array constants (a view of one too)", fn: (x) => np.add(x, np.flip(np.array([[1, 2, 3]]), 1)), args: [f32(2, 3)] },
  {
    name: "float64 and int32",
    fn: (x, i) => np.add(x, np.multiply(i, 3).astype("float64")),
    args: [
      { shape: [5], dtype: "float64" },
      { shape: [5], dtype: "int32" },
    ],
  },
];

function f32(...shape: number[]): Spec {
  return { shape, dtype: "float32" };
}

function input(s: Spec, seed: number): NDArray {
  const x = rand(s.shape, seed);
  return s.dtype === "float32" ? x : (s.dtype === "int32" ? np.round(np.multiply(x, 3)) : x).astype(s.dtype);
}

describe("emitPlan: concrete schedules, against eager", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const entry = planFor(c.fn, c.args);
      const run = entry.make(planRuntimeOf(), entry.kernels, entry.kernels, Infinity);
      for (const kind of ["dense", "transposed", "offset", "negative"] as const) {
        const xs = c.args.map((s, i) => asView(input(s, i + 1), kind));
        const got = run(...xs) as NDArray | NDArray[];
        const want = c.fn(...xs);
        const g = Array.isArray(got) ? got : [got];
        (Array.isArray(want) ? want : [want]).forEach((w: NDArray, k: number) => expectClose(g[k]!, w, 2e-5, 1e-6, `${kind} #${k}`));
      }
    });
  }

  it("a broadcast input (stride 0) is made dense by the plan, not misread", () => {
    const fn = (x: NDArray, y: NDArray) => np.multiply(x, y);
    const entry = planFor(fn, [f32(3, 4), f32(3, 4)]);
    const run = entry.make(planRuntimeOf(), entry.kernels, entry.kernels, Infinity);
    const b = np.broadcastTo(np.array([1, 2, 3, 4]), [3, 4]);
    expectClose(run(b, rand([3, 4])) as NDArray, fn(b, rand([3, 4])));
  });
});

/**
 * The plan runtime, reached the way emitted code reaches it: through a precompiled function's plans
 * (bound to their kernels at the function's first call).
 */
function planRuntimeOf(): any {
  let R: unknown;
  const probe = precompiled((x: NDArray) => x, {
    name: "probe",
    kernels: {},
    plans: [{ key: "[*]|S|", make: (r) => ((R = r), () => null), kernels: [] }],
  });
  probe(np.array([1]));
  return R;
}

describe("emitPlan: the kernel for a call's size", () => {
  it("calls K[i] below M elements and W[i] (the wasm form) from M on, per call", () => {
    const fn = (x: NDArray, y: NDArray) => np.multiply(x, y);
    // traced at 3, then 3 renamed N: the size is a run-time value and the choice is in the emitted code
    const opt = optimize(buildKernels(fn, [f32(3), f32(3)]).jaxpr);
    const N = sym("N");
    for (const v of [...opt.inBinders, ...opt.eqns.map((e) => e.outs[0]!)])
      (v as { aval: unknown }).aval = { ...v.aval, shape: v.aval.shape.map((d) => (d === 3 ? N : d)) };
    const emitted = emitPlan(schedule(opt));
    // a rank-1 elementwise call: its loop in place below M (no JS kernel call), W[i] from M on
    expect(emitted.source).toContain("if ((d_N) < M) {");
    expect(emitted.source).toContain("else w0(");
    const kernels = emitted.kernels.map((k) => instantiate(k.source));
    const used: string[] = [];
    const spy = (tag: string) =>
      kernels.map(
        (k) =>
          (...a: unknown[]) => (used.push(tag), k(...a)),
      );
    const run = instantiate(emitted.source)(planRuntimeOf(), spy("js"), spy("large"), 8);
    for (const n of [1, 7, 8, 20]) expectClose((run(rand([n], n), rand([n], n + 1)) as NDArray[])[0]!, fn(rand([n], n), rand([n], n + 1)));
    expect(used).toEqual(["large", "large"]);
  });
});

/** The plan of `fn` over rank-1 inputs of one symbolic size N (traced at 3, every 3 renamed N), as a plan entry. */
function symbolicRank1(fn: Fn, nin: number): PlanEntry & { source: string } {
  const opt = optimize(
    buildKernels(
      fn,
      Array.from({ length: nin }, () => f32(3)),
    ).jaxpr,
  );
  const N = sym("N");
  for (const v of [...opt.inBinders, ...opt.eqns.flatMap((e) => e.outs)])
    (v as { aval: unknown }).aval = { ...v.aval, shape: v.aval.shape.map((d) => (d === 3 ? N : d)) };
  const emitted = emitPlan(schedule(opt), undefined, { inputNames: ["x", "y"].slice(0, nin), outTree: { kind: "leaf" } });
  const key = `[${Array(nin).fill("*").join(",")}]|S|`;
  return { key, make: instantiate(emitted.source), kernels: emitted.kernels.map((k) => instantiate(k.source)), source: emitted.source };
}

describe("precompiled tiny calls: the flat loop and the shape memo", () => {
  // x * 1.5 + y: a constant in the loop; N alternates so the guard's memo of the last shapes misses and hits
  const fn = (x: NDArray, y: NDArray) => np.add(np.multiply(x, 1.5), y);
  const entry = symbolicRank1(fn, 2);

  it("emits the loop in place and checks shapes only when they change", () => {
    expect(entry.source).toContain("if ((d_N) < M) {");
    expect(entry.source).toContain("if (s0 !== G0 || s1 !== G1) {");
  });

  it("equals eager on every size and on views (offset, negatively strided, broadcast), counters exact", () => {
    const f = precompiled(fn, { name: "tiny", kernels: {}, plans: [entry] });
    let calls = 0;
    for (const n of [1, 7, 1, 1, 3, 7, 7])
      for (const kind of ["dense", "offset", "negative"] as const) {
        const x = rand([n], n),
          y = rand([n], n + 1);
        expectClose(f(asView(x, kind), asView(y, kind)), fn(x, y));
        expectClose(f(x, x), fn(x, x)); // one array twice (one shape object for both inputs)
        calls += 2;
      }
    // a stride-0 input (np.broadcastTo) and a result fed back in (the plan's own output shape)
    const x = rand([5], 3);
    const b = np.broadcastTo(rand([1], 4), [5]);
    let r = f(x, b);
    expectClose(r, fn(x, b));
    const want = fn(fn(x, b), x);
    r = f(r, x);
    expectClose(r, want);
    calls += 2;
    expect(f.cacheInfo()).toEqual({
      calls,
      traces: 0,
      runtimeCompiles: 0,
      precompiledCalls: calls,
      eagerFallbacks: 0,
      entries: 1,
      hits: 0,
      misses: 0,
    });
  });

  it("a guard miss after a memo hit falls back once with one warning; the plan serves the next call", () => {
    const f = precompiled(fn, { name: "tinyMiss", kernels: {}, plans: [entry] });
    const x = rand([4], 1),
      y = rand([4], 2),
      z = rand([5], 3);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expectClose(f(x, y), fn(x, y));
      expectClose(f(x, y), fn(x, y)); // memo hit
      expect(() => f(x, z)).toThrow(); // x's shape is the memo's, z's is not: checked, fails, the fallback reports
      expectClose(f(x, y.astype("float64")), fn(x, y.astype("float64"))); // dtype: checked on every call
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        "[numjit] jit(tinyMiss): the precompiled plan does not serve this call (y.shape[0] == N (5 vs 4)); compiling it at run time",
      ]);
    } finally {
      warn.mockRestore();
    }
    expectClose(f(x, y), fn(x, y)); // the failed check left no stale memo
    expectClose(f(z, z), fn(z, z));
    expect(f.cacheInfo()).toMatchObject({ calls: 6, traces: 2, precompiledCalls: 4 });
  });
});

describe("emitPlan: the guard", () => {
  const fn = (x: NDArray, w: NDArray) => np.matmul(x, w);
  const entry = planFor(fn, [f32(2, 3), f32(3, 4)], { argNames: ["x", "w"] });
  const run = entry.make(planRuntimeOf(), entry.kernels, entry.kernels, Infinity);
  const cases: [string, NDArray[], string][] = [
    ["rank", [rand([2, 3, 1]), rand([3, 4])], "x: expected rank 2, got 3"],
    ["dtype", [rand([2, 3]).astype("float64"), rand([3, 4])], "x: dtype float64, plan has float32"],
    ["size", [rand([2, 3]), rand([3, 5])], "w.shape[1] == 4 (5 vs 4)"],
  ];
  for (const [what, args, message] of cases)
    it(`rejects a wrong ${what} as data, without running a kernel`, () => {
      const r = run(...args);
      expect(r).toBeInstanceOf(GuardFailure);
      expect((r as GuardFailure).message).toBe(message);
    });
});

describe("emitPlan: a symbolic schedule", () => {
  // traced at B = 6, N = 3, then every 6 renamed B and every 3 renamed N: the schedule H1's symbolic trace
  // gives, with the constraint B == 2*N recorded in its ShapeEnv
  const fn = (x: NDArray, y: NDArray) => [np.sum(np.add(np.multiply(x, y), 1), 1), np.multiply(np.transpose(x), 2)];
  const traced = buildKernels(fn, [f32(6, 3), f32(3)]).jaxpr;
  const opt = optimize(traced);
  const B = sym("B"),
    N = sym("N");
  const rename = (v: { aval: { shape: readonly unknown[] } }) => {
    (v as { aval: unknown }).aval = { ...v.aval, shape: v.aval.shape.map((d) => (d === 6 ? B : d === 3 ? N : d)) };
  };
  opt.inBinders.forEach(rename);
  opt.eqns.forEach((e) => rename(e.outs[0]!));
  const env = new ShapeEnv();
  env.assumeEqual("test", B, dimMul(2, N));
  const emitted = emitPlan(schedule(opt), env, { inputNames: ["x", "y"] });
  const kernels = emitted.kernels.map((k) => instantiate(k.source));
  const run = instantiate(emitted.source)(planRuntimeOf(), kernels, kernels, Infinity);

  it("binds B and N from the inputs and computes every size from them", () => {
    expect(emitted.source).toContain("d_B = s0[0];");
    expect(emitted.source).toContain("d_N = s0[1];");
    for (const n of [1, 3, 4, 7]) {
      const x = rand([2 * n, n], n),
        y = rand([n], n + 1);
      const [a, b] = run(x, y);
      const [wa, wb] = fn(x, y);
      expectClose(a, wa!, 2e-5, 1e-6, `N=${n} sum`);
      expectClose(b, wb!, 2e-5, 1e-6, `N=${n} transpose`);
    }
  });

  it("checks the recorded constraint and the symbols' equality across inputs", () => {
    expect((run(rand([8, 3]), rand([3])) as GuardFailure).message).toBe("B == 2*N (8 vs 6)");
    expect((run(rand([6, 3]), rand([4])) as GuardFailure).message).toBe("y.shape[0] == N (4 vs 3)");
    expect((run(rand([0, 3]), rand([3])) as GuardFailure).kind).toBe("constraint");
  });

  it("dimToJs: floor division and modulo round like Python, max/min", () => {
    for (const text of ["(N - 7) // 3", "(N - 7) % 3", "max(N, 4) + min(N, 2)", "2*N*N - N + 1", "(N + 1) // 2 * 2"]) {
      const d = parseDim(text);
      const f = new Function("d_N", `return ${dimToJs(d, (s) => `d_${s}`)};`);
      const py = (n: number) => {
        const fl = (a: number, b: number) => Math.floor(a / b);
        const md = (a: number, b: number) => a - b * Math.floor(a / b);
        return {
          "(N - 7) // 3": fl(n - 7, 3),
          "(N - 7) % 3": md(n - 7, 3),
          "max(N, 4) + min(N, 2)": Math.max(n, 4) + Math.min(n, 2),
          "2*N*N - N + 1": 2 * n * n - n + 1,
          "(N + 1) // 2 * 2": fl(n + 1, 2) * 2,
        }[text];
      };
      for (const n of [1, 2, 5, 6, 11]) expect(f(n), `${text} at N=${n}`).toBe(py(n));
    }
  });
});

describe("precompiled with plans", () => {
  it("runs the plan: no trace, counted as precompiled calls", () => {
    const fn = (x: NDArray, y: NDArray) => np.add(np.multiply(x, 2), y);
    const f = precompiled(fn, { name: "f", kernels: {}, plans: [planFor(fn, [f32(3), f32(3)])] });
    for (let i = 0; i < 3; i++) expectClose(f(rand([3], i + 1), rand([3], i + 2)), fn(rand([3], i + 1), rand([3], i + 2)));
    expect(f.cacheInfo()).toEqual({
      calls: 3,
      traces: 0,
      runtimeCompiles: 0,
      precompiledCalls: 3,
      eagerFallbacks: 0,
      entries: 1,
      hits: 0,
      misses: 0,
    });
  });

  it("a failed guard falls back to the runtime jit with one warning naming the condition", () => {
    const fn = (x: NDArray) => np.exp(x);
    const f = precompiled(fn, { name: "g", kernels: {}, plans: [planFor(fn, [f32(2, 3)], { argNames: ["x"] })] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expectClose(f(rand([2, 3, 4])), fn(rand([2, 3, 4])));
      expectClose(f(rand([2, 3, 4])), fn(rand([2, 3, 4])));
      expectClose(f(rand([2, 3]).astype("float64")), fn(rand([2, 3]).astype("float64")));
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        "[numjit] jit(g): the precompiled plan does not serve this call (x: expected rank 2, got 3); compiling it at run time",
      ]);
    } finally {
      warn.mockRestore();
    }
    expectClose(f(rand([2, 3])), fn(rand([2, 3])));
    expect(f.cacheInfo()).toMatchObject({ calls: 4, traces: 2, precompiledCalls: 1, misses: 2, hits: 1, entries: 3 });
  });

  it("pytrees in and out, scalars, static arguments (one plan per static value)", () => {
    const fn = (p: { w: NDArray; b: NDArray }, x: NDArray, s: number, k: number) => ({
      y: np.add(np.multiply(np.matmul(x, p.w), s), np.multiply(p.b, k)),
      n: [np.sum(p.w)],
    });
    // nested leaves are traced from arrays of the right shape (only their shape and dtype are read)
    const args = (k: number) => [{ w: rand([3, 2]), b: rand([2]) }, f32(4, 3), 0.5, k];
    const plans = [2, 3].map((k) => planFor(fn, args(k), { staticArgnums: [3] }));
    const f = precompiled(fn, { name: "tree", kernels: {}, staticArgnums: [3], plans });
    const p = { w: rand([3, 2]), b: rand([2], 2) };
    for (const k of [2, 3]) {
      const got = f(p, rand([4, 3], 3), 0.5, k);
      const want = fn(p, rand([4, 3], 3), 0.5, k);
      expectClose(got.y, want.y);
      expectClose(got.n[0]!, want.n[0]!);
    }
    expect(f.cacheInfo()).toMatchObject({ calls: 2, traces: 0, precompiledCalls: 2 });
  });

  it("jit(grad(f)), jit(valueAndGrad(f)) and jit(vmap(f)) run precompiled", () => {
    const loss = (w: NDArray, x: NDArray) => np.mean(np.square(np.tanh(np.matmul(x, w))));
    const row = (v: NDArray) => np.sum(np.multiply(v, v));
    const fns: [Fn, Spec[]][] = [
      [grad(loss), [f32(3, 2), f32(5, 3)]],
      [valueAndGrad(loss), [f32(3, 2), f32(5, 3)]],
      [vmap(row), [f32(4, 6)]],
    ];
    for (const [fn, specs] of fns) {
      const f = precompiled(fn, { name: "t", kernels: {}, plans: [planFor(fn, specs)] });
      const xs = specs.map((s, i) => rand(s.shape, i + 5));
      const got = f(...xs);
      const want = fn(...xs);
      if (Array.isArray(want)) want.forEach((w: NDArray, i: number) => expectClose(got[i], w));
      else expectClose(got, want);
      expect(f.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 1 });
    }
  });

  it("under a transformation a precompiled function runs inline (grad through it)", () => {
    const fn = (x: NDArray) => np.sum(np.sin(x));
    const f = precompiled(fn, { name: "inner", kernels: {}, plans: [planFor(fn, [f32(4)])] });
    const x = rand([4]);
    expectClose(grad((y: NDArray) => f(y))(x), np.cos(x));
    expectClose(jit(grad((y: NDArray) => f(y)))(x), np.cos(x));
  });
});
