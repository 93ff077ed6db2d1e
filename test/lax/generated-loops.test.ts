// Control flow as generated code (jit/plan-code.ts, jit/scalar-loop.ts, jit/call-code.ts). Every program runs
// three ways: generated (the default), interpreted (one sub-plan call per body per iteration, the previous
// implementation), and eager (JS control flow over eager arrays). Generated equals interpreted bit for bit
// (same kernels, same order of operations, same dtypes) and eager to rounding. Programs cover both loop
// forms: scalarized (small concrete values: every element a local) and buffered (large or symbolic values),
// every dtype, reductions, dots, views inside bodies, carries that swap, nested loops and branches, zero trips.
import { afterEach, describe, expect, it } from "vitest";
import { type NDArray, jit, lax, makeJaxpr, numpy as np } from "@numjit/runtime";
import { callSource, setGeneratedControlFlow } from "@numjit/runtime/internal";
import { rand, rng } from "../transforms/helpers.js";

type Fn = (...a: any[]) => unknown;
const f64 = (x: number[] | number[][]) => np.array(x, { dtype: "float64" });
const flat = (r: unknown): number[][] =>
  Array.isArray(r)
    ? r.flatMap(flat)
    : typeof r === "object" && r !== null && !("shape" in r)
      ? Object.values(r).flatMap(flat)
      : [Array.from((r as NDArray).toTypedArray())];

afterEach(() => setGeneratedControlFlow(true));

/** 3-body accelerations and one RK4 step (bench/lax-rk4.mjs). */
function accel(r: NDArray) {
  const diff = np.subtract(np.expandDims(r, 0), np.expandDims(r, 1));
  const d2 = np.add(np.sum(np.square(diff), -1), 1e-6);
  const w = np.divide(np.ones([3], { dtype: "float64" }), np.multiply(d2, np.sqrt(d2)));
  return np.sum(np.multiply(diff, np.expandDims(w, -1)), 1);
}
function rk4([r, v]: [NDArray, NDArray]): [NDArray, NDArray] {
  const dt = 1e-3;
  const k1v = accel(r);
  const k2r = np.add(v, np.multiply(k1v, dt / 2)),
    k2v = accel(np.add(r, np.multiply(v, dt / 2)));
  const k3r = np.add(v, np.multiply(k2v, dt / 2)),
    k3v = accel(np.add(r, np.multiply(k2r, dt / 2)));
  const k4r = np.add(v, np.multiply(k3v, dt)),
    k4v = accel(np.add(r, np.multiply(k3r, dt)));
  const comb = (a: NDArray, b: NDArray, c: NDArray, d: NDArray) => np.multiply(np.add(np.add(a, np.multiply(np.add(b, c), 2)), d), dt / 6);
  return [np.add(r, comb(v, k2r, k3r, k4r)), np.add(v, comb(k1v, k2v, k3v, k4v))];
}

const r0 = f64([
  [0.97000436, -0.24308753],
  [-0.97000436, 0.24308753],
  [0, 0],
]);
const v0 = f64([
  [0.466203685, 0.43236573],
  [0.466203685, 0.43236573],
  [-0.93240737, -0.86473146],
]);
const u32 = (xs: number[]) => np.array(xs, { dtype: "uint32" });

const CASES: { name: string; form: "scalarized" | "buffered" | "mixed"; f: Fn; args: () => unknown[]; tol?: number }[] = [
  {
    name: "RK4 3-body, 200 steps (float64)",
    form: "scalarized",
    f: (r, v) => lax.foriLoop(0, 200, (_i, s) => rk4(s), [r, v] as [NDArray, NDArray]),
    args: () => [r0, v0],
  },
  {
    name: "float32 chain with a rounded cone (floor) and transcendental fast paths",
    form: "scalarized",
    f: (x) =>
      lax.foriLoop(
        0,
        30,
        (_i, s) => np.add(np.multiply(np.floor(np.multiply(s, 3.7)), 0.01), np.tanh(np.add(s, np.exp(np.multiply(s, -1))))),
        x,
      ),
    args: () => [rand(rng(1), [5], "any", "float32")],
    tol: 1e-5,
  },
  {
    name: "uint32 xorshift state with an int32 counter",
    form: "scalarized",
    f: (s) =>
      lax.foriLoop(
        0,
        50,
        (_i, [x, k]) => {
          let y = np.bitwiseXor(x, lax.shiftLeft(x, 13));
          y = np.bitwiseXor(y, lax.shiftRightLogical(y, 17));
          y = np.bitwiseXor(y, lax.shiftLeft(y, 5));
          return [y, np.add(k, np.sum(np.bitwiseAnd(y, 7).astype("int32")))];
        },
        [s, np.array(0, { dtype: "int32" })],
      ),
    args: () => [u32([1, 2463534242, 88675123, 4294967295])],
  },
  {
    name: "bool carry, max/min/prod reductions",
    form: "scalarized",
    f: (x) =>
      lax.foriLoop(
        0,
        12,
        (_i, [s, b]) => {
          const m = np.max(s, 1, { keepdims: true });
          const next = np.add(np.multiply(np.subtract(s, np.min(s)), 0.5), np.multiply(np.prod(np.tanh(s), 0), 0.1));
          return [np.where(b, next, np.subtract(next, m)), np.logicalNot(b)];
        },
        [x, np.array([true, false, true])],
      ),
    args: () => [rand(rng(2), [3, 3])],
  },
  {
    name: "matrix power by dot in the body",
    form: "scalarized",
    f: (x, a) => lax.foriLoop(0, 8, (_i, s) => np.divide(np.matmul(s, a), np.max(np.abs(s))), x),
    args: () => [rand(rng(3), [3, 3]), rand(rng(4), [3, 3])],
  },
  {
    name: "carries that swap (Fibonacci pairs), small and large",
    form: "mixed",
    f: (a, b, c, d) =>
      lax.foriLoop(0, 20, (_i, [p, q, r, s]) => [q, np.add(p, np.multiply(q, 0.5)), s, np.add(r, np.multiply(s, 0.5))], [a, b, c, d]),
    args: () => [f64([1, 2]), f64([3, 4]), rand(rng(5), [100]), rand(rng(6), [100])],
  },
  {
    name: "views inside a large body: flip, transpose, slice, matmul, broadcast",
    form: "buffered",
    f: (x, w) =>
      lax.foriLoop(
        0,
        6,
        (_i, s) => {
          const t = np.add(np.multiply(np.flip(s, 0), 0.25), np.matmul(s, w));
          return np.tanh(np.add(t, np.transpose(np.transpose(t)).slice(":", "0:1")));
        },
        x,
      ),
    args: () => [rand(rng(7), [20, 10]), rand(rng(8), [10, 10])],
  },
  {
    name: "scan with xs passed as a transposed view, ys stacked, reverse",
    form: "mixed",
    f: (c, xs) => lax.scan((s, x) => [np.add(np.multiply(s, 0.9), x), np.sum(np.multiply(s, x))], c, np.transpose(xs), { reverse: true }),
    args: () => [rand(rng(9), [4]), rand(rng(10), [4, 7])],
  },
  {
    name: "large scan: RNN over a sequence with closed-over weights",
    form: "buffered",
    f: (h, w, xs) =>
      lax.scan(
        (c, x) => {
          const n = np.tanh(np.add(np.matmul(c, w), x));
          return [n, np.mean(n, 1)];
        },
        h,
        xs,
      ),
    args: () => [rand(rng(11), [8, 16]), rand(rng(12), [16, 16]), rand(rng(13), [9, 8, 16])],
  },
  {
    name: "whileLoop to a tolerance, small and large",
    form: "mixed",
    f: (x, y) => [
      lax.whileLoop(
        (s: NDArray) => np.greater(np.max(np.abs(s)), 1e-3),
        (s: NDArray) => np.multiply(np.sin(s), 0.7),
        x,
      ),
      lax.whileLoop(
        (s: NDArray) => np.greater(np.max(np.abs(s)), 1e-3),
        (s: NDArray) => np.multiply(np.sin(s), 0.7),
        y,
      ),
    ],
    args: () => [rand(rng(14), [4]), rand(rng(15), [200])],
  },
  {
    name: "cond inside a loop, a loop inside a cond",
    form: "mixed",
    f: (x, p) => [
      lax.foriLoop(
        0,
        9,
        (_i, s) =>
          lax.cond(
            np.less(np.sum(s), 2),
            (y: NDArray) => np.add(y, 0.5),
            (y: NDArray) => np.multiply(y, 0.5),
            s,
          ),
        x,
      ),
      lax.cond(
        p,
        (y: NDArray) => lax.foriLoop(0, 5, (_i, s) => np.sqrt(np.add(np.abs(s), 1)), y),
        (y: NDArray) => y,
        x,
      ),
    ],
    args: () => [rand(rng(16), [4]), np.array(true)],
  },
  {
    name: "a scan inside a whileLoop, a whileLoop inside a scan",
    form: "mixed",
    f: (x, xs) => [
      lax.whileLoop(
        ([k]: [NDArray, NDArray]) => np.less(k, 3),
        ([k, s]: [NDArray, NDArray]): [NDArray, NDArray] => [
          np.add(k, 1),
          lax.scan((c: NDArray, r: NDArray) => [np.add(c, r), c], s, xs)[0],
        ],
        [np.array(0, { dtype: "int32" }), x],
      ),
      lax.scan(
        (c: NDArray, r: NDArray) => [
          lax.whileLoop(
            (v: NDArray) => np.less(np.sum(v), 10),
            (v: NDArray) => np.add(v, np.abs(r)),
            c,
          ),
          np.sum(c),
        ],
        x,
        xs,
      ),
    ],
    args: () => [rand(rng(17), [3], "pos"), rand(rng(18), [5, 3], "pos")],
  },
  {
    name: "zero trips: empty scan and a false while predicate",
    form: "mixed",
    f: (x) => [
      lax.scan((c: NDArray, r: NDArray) => [np.add(c, r), c], x, np.zeros([0, 3], { dtype: "float64" })),
      lax.whileLoop(
        (s: NDArray) => np.less(np.sum(s), -1e9),
        (s: NDArray) => np.add(s, 1),
        x,
      ),
      lax.foriLoop(3, 3, (_i, s) => np.add(s, 1), x),
    ],
    args: () => [rand(rng(19), [3])],
  },
];

describe("generated loops equal the interpreted loops bit for bit, and eager", () => {
  for (const c of CASES)
    it(`${c.name} (${c.form})`, () => {
      const args = c.args();
      const generated = flat(jit(c.f)(...args));
      setGeneratedControlFlow(false);
      const interpreted = flat(jit(c.f)(...args));
      setGeneratedControlFlow(true);
      expect(generated).toEqual(interpreted);
      const eager = flat(c.f(...args));
      expect(generated.length).toBe(eager.length);
      generated.forEach((g, k) =>
        g.forEach((v, q) => expect(Math.abs(v - eager[k]![q]!), `${k}[${q}]`).toBeLessThanOrEqual((c.tol ?? 1e-9) * (1 + Math.abs(v)))),
      );
      // a second call reuses the generated function and its buffers: same answer
      expect(flat(jit(c.f)(...args))).toEqual(generated);
    });
});

/** The generated source of the first control-flow equation of f's program. */
function loopSource(f: Fn, ...args: unknown[]): string {
  const j = makeJaxpr(f)(...args) as unknown as { eqns: { primitive: string; params: never; inputs: unknown[] }[] };
  const e = j.eqns.find((x) => ["scan", "while", "cond"].includes(x.primitive))!;
  return callSource(e.primitive as "scan", e.params, e.inputs.length).source;
}
/** The lines of the first `for (` loop of a source (up to its closing brace at the same indentation). */
function loopLines(src: string): string[] {
  const lines = src.split("\n");
  const start = lines.findIndex((l) => /^\s*for \(/.test(l));
  const indent = lines[start]!.search(/\S/);
  const end = lines.findIndex((l, i) => i > start && l.search(/\S/) === indent && l.trim() === "}");
  return lines.slice(start, end + 1);
}

describe("the generated code", () => {
  it("a small loop is scalarized: no kernel call, no array, no allocation inside the loop", () => {
    const body = loopLines(
      loopSource((r: NDArray, v: NDArray) => lax.foriLoop(0, 10, (_i, s) => rk4(s), [r, v] as [NDArray, NDArray]), r0, v0),
    );
    expect(body.length).toBeGreaterThan(100);
    expect(body.filter((l) => /\bnew\b|\bk\d+\(|R\./.test(l))).toEqual([]);
  });
  it("a large loop calls kernels on reused buffers: nothing allocated per iteration", () => {
    const x = rand(rng(20), [100, 100]);
    const body = loopLines(loopSource((s0: NDArray) => lax.foriLoop(0, 10, (_i, s) => np.tanh(np.matmul(s, s)), s0), x));
    expect(body.some((l) => /\bk\d+\(H, /.test(l))).toBe(true);
    // the only `new` is the first-call allocation of a reusable buffer (`S<i> = new ...`)
    expect(body.filter((l) => /\bnew\b/.test(l) && !/\(S\d+ = new \w+\(\d+\)\)/.test(l))).toEqual([]);
  });
  it("a body with too large values is not scalarized", () => {
    const src = loopSource((s0: NDArray) => lax.foriLoop(0, 4, (_i, s) => np.sin(s), s0), rand(rng(21), [65]));
    expect(src).toMatch(/\bk0\(H, /);
  });
});
