// Dots fused with elementwise epilogues: several matmul results combined elementwise used to crash
// planDot (two dots claimed the same epilogue equation, so one of them was never scheduled). Every
// case runs eager and jit and compares, in float32 and in float64 (where only summation order differs).
import { describe, expect, it } from "vitest";
import { numpy as np, jit, jvp, valueAndGrad, treeLeaves, type NDArray } from "@numjit/runtime";
import { expectClose } from "./helpers.js";

type DT = "float32" | "float64";
const TOL: Record<DT, [number, number]> = { float32: [2e-5, 1e-6], float64: [1e-12, 1e-12] };

/** Deterministic data in [-1, 1) (an LCG), so failures are reproducible without a seed. */
function data(shape: number[], dtype: DT, seed: number): NDArray {
  let s = seed * 7919 + 17;
  const n = shape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out.push((s / 2147483648) * 2 - 1);
  }
  return np.array(out, { dtype }).reshape(...shape);
}

function compare(f: (...a: any[]) => unknown, args: unknown[], dtype: DT, what: string): void {
  const want = treeLeaves(f(...args)) as NDArray[];
  const got = treeLeaves(jit(f)(...args)) as NDArray[];
  expect(got.length, what).toBe(want.length);
  const [rtol, atol] = TOL[dtype];
  got.forEach((g, i) => expectClose(g, want[i]!, rtol, atol, `${what} out ${i}`));
}

const mm = np.matmul;
const CASES: { name: string; f: (...a: NDArray[]) => NDArray; shapes: number[][] }[] = [
  {
    name: "x@w + x@v",
    f: (x, w, v) => np.add(mm(x, w), mm(x, v)),
    shapes: [
      [4, 3],
      [3, 2],
      [3, 2],
    ],
  },
  {
    name: "x@w * h@u",
    f: (x, w, h, u) => np.multiply(mm(x, w), mm(h, u)),
    shapes: [
      [5, 3],
      [3, 4],
      [5, 2],
      [2, 4],
    ],
  },
  {
    name: "x@w - x@v (shared lhs)",
    f: (x, w, v) => np.subtract(mm(x, w), mm(x, v)),
    shapes: [
      [1, 7],
      [7, 3],
      [7, 3],
    ],
  },
  {
    name: "three matmuls: (x@a + x@b) * x@c",
    f: (x, a, b, c) => np.multiply(np.add(mm(x, a), mm(x, b)), mm(x, c)),
    shapes: [
      [4, 3],
      [3, 2],
      [3, 2],
      [3, 2],
    ],
  },
  {
    name: "three matmuls summed: x@a + y@b + z@c",
    f: (x, a, y, b, z, c) => np.add(np.add(mm(x, a), mm(y, b)), mm(z, c)),
    shapes: [
      [3, 2],
      [2, 5],
      [3, 4],
      [4, 5],
      [3, 1],
      [1, 5],
    ],
  },
  { name: "relu(x@w + b)", f: (x, w, b) => np.maximum(np.add(mm(x, w), b), 0), shapes: [[6, 4], [4, 3], [3]] },
  {
    name: "tanh(x@w + h@u + b)",
    f: (x, w, h, u, b) => np.tanh(np.add(np.add(mm(x, w), mm(h, u)), b)),
    shapes: [[2, 3], [3, 4], [2, 4], [4, 4], [4]],
  },
  {
    name: "batched: x@w + x@v (3-D)",
    f: (x, w, v) => np.add(mm(x, w), mm(x, v)),
    shapes: [
      [2, 4, 3],
      [2, 3, 5],
      [2, 3, 5],
    ],
  },
  {
    name: "batched with broadcast weights: exp(x@w) + y@v",
    f: (x, w, y, v) => np.add(np.exp(mm(x, w)), mm(y, v)),
    shapes: [
      [3, 2, 4],
      [4, 5],
      [3, 2, 6],
      [3, 6, 5],
    ],
  },
  {
    name: "sum(x@w + x@v, axis 1)",
    f: (x, w, v) => np.sum(np.add(mm(x, w), mm(x, v)), 1),
    shapes: [
      [4, 3],
      [3, 2],
      [3, 2],
    ],
  },
  {
    name: "mean of a square of two matmuls",
    f: (x, w, h, u) => np.mean(np.square(np.subtract(mm(x, w), mm(h, u)))),
    shapes: [
      [8, 3],
      [3, 2],
      [8, 5],
      [5, 2],
    ],
  },
  {
    name: "matmul result used twice: x@w + (x@w)*(x@v)",
    f: (x, w, v) => {
      const a = mm(x, w);
      return np.add(a, np.multiply(a, mm(x, v)));
    },
    shapes: [
      [4, 3],
      [3, 2],
      [3, 2],
    ],
  },
];

const cell = (x: NDArray, h: NDArray, W: NDArray, U: NDArray, b: NDArray) => np.tanh(np.add(np.add(mm(x, W), mm(h, U)), b));
function rnn(xs: NDArray[], h0: NDArray, W: NDArray, U: NDArray, b: NDArray): NDArray {
  let h = h0;
  for (const x of xs) h = cell(x, h, W, U, b);
  return h;
}
const loss = (W: NDArray, U: NDArray, b: NDArray, xs: NDArray[], h0: NDArray) => np.mean(np.square(rnn(xs, h0, W, U, b)));

describe.each(["float32", "float64"] as const)("matmuls combined elementwise under jit (%s)", (dtype) => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    compare(
      c.f,
      c.shapes.map((s, i) => data(s, dtype, i + 1)),
      dtype,
      c.name,
    );
  });

  const W = data([3, 4], dtype, 1),
    U = data([4, 4], dtype, 2),
    b = data([4], dtype, 3),
    h0 = data([2, 4], dtype, 4);
  const xs = [5, 6, 7].map((s) => data([2, 3], dtype, s));

  it("an RNN cell tanh(x@W + h@U + b) unrolled 3 steps", () => {
    compare(rnn, [xs, h0, W, U, b], dtype, "rnn");
  });

  it("jit(valueAndGrad(loss)) of the RNN", () => {
    compare(valueAndGrad(loss, { argnums: [0, 1, 2] }), [W, U, b, xs, h0], dtype, "valueAndGrad");
  });

  it("jit(jvp(f)) of the RNN and of a two-matmul model", () => {
    const t = data([3, 4], dtype, 9);
    compare((w: NDArray, dw: NDArray) => jvp((v: NDArray) => rnn(xs, h0, v, U, b), [w], [dw]), [W, t], dtype, "jvp rnn");
    const f = (x: NDArray) => np.sum(np.multiply(mm(x, W), mm(x, W)));
    compare((x: NDArray, dx: NDArray) => jvp(f, [x], [dx]), [xs[0], xs[1]], dtype, "jvp sum((x@W)^2)");
  });
});

it("hand-checked: ones(4,3)@ones(3,2) + ones(4,3)@ones(3,2) is 6 everywhere", () => {
  const f = jit((x: NDArray, w: NDArray, v: NDArray) => np.add(np.matmul(x, w), np.matmul(x, v)));
  const r = f(np.ones([4, 3]), np.ones([3, 2]), np.ones([3, 2]));
  expect(r.shape).toEqual([4, 2]);
  expect(r.toArray()).toEqual([
    [6, 6],
    [6, 6],
    [6, 6],
    [6, 6],
  ]);
});
