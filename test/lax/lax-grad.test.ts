// lax indexing, reductions, scans and special functions under the transformations: forward and reverse
// derivatives against float64 central differences (checkGrads), jit(grad) == grad, and vmap against a loop
// of single calls (batched operands, batched traced start indices).
import { describe, expect, it } from "vitest";
import { type NDArray, type NestedArray, checkGrads, grad, jit, lax, numpy as np, vmap } from "@numjit/runtime";
import { expectClose, rand, rng } from "../transforms/helpers.js";

const i32 = (v: NestedArray) => np.array(v, { dtype: "int32" });
const f64 = (v: number[]) => np.array(v, { dtype: "float64" });
const ROWS = { updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
const GROWS = { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] };
const WIN = { offsetDims: [1, 2], collapsedSliceDims: [], startIndexMap: [0, 1] };

interface Case {
  name: string;
  f: (...xs: NDArray[]) => NDArray | NDArray[];
  args: () => NDArray[];
  tol?: { atol: number; rtol: number };
}

const r = rng(11);
const CASES: Case[] = [
  { name: "dynamicSlice traced starts", f: (x, i) => lax.dynamicSlice(x, [i, 1], [2, 3]), args: () => [rand(r, [4, 5]), i32(3)] },
  {
    name: "dynamicUpdateSlice: operand and update",
    f: (x, u, i) => lax.dynamicUpdateSlice(x, u, [i, -2]),
    args: () => [rand(r, [4, 5]), rand(r, [2, 3]), i32(1)],
  },
  { name: "dynamicIndexInDim", f: (x, i) => lax.dynamicIndexInDim(x, i, 1, false), args: () => [rand(r, [3, 4]), i32(2)] },
  { name: "indexTake", f: (x, i) => lax.indexTake(x, [i], [1]), args: () => [rand(r, [3, 4]), i32([0, 3, 3, -1])] },
  { name: "gather rows (repeated)", f: (x, i) => lax.gather(x, i, GROWS, [1, 4]), args: () => [rand(r, [3, 4]), i32([[2], [0], [2]])] },
  {
    name: "gather windows fill",
    f: (x, i) => lax.gather(x, i, WIN, [2, 2], { mode: "fill", fillValue: 0 }),
    args: () => [
      rand(r, [4, 5]),
      i32([
        [0, 1],
        [3, 4],
        [2, 3],
      ]),
    ],
  },
  {
    name: "scatterAdd: operand and updates",
    f: (x, i, u) => lax.scatterAdd(x, i, u, ROWS),
    args: () => [rand(r, [4, 3]), i32([[1], [3], [1]]), rand(r, [3, 3])],
  },
  {
    name: "scatter (set)",
    f: (x, i, u) => lax.scatter(x, i, u, ROWS),
    args: () => [rand(r, [4, 3]), i32([[1], [3], [0]]), rand(r, [3, 3])],
  },
  {
    name: "scatterMul",
    f: (x, i, u) => lax.scatterMul(x, i, u, ROWS),
    args: () => [rand(r, [4, 3]), i32([[1], [3], [1]]), rand(r, [3, 3])],
  },
  {
    name: "scatterMax",
    f: (x, i, u) => lax.scatterMax(x, i, u, ROWS),
    args: () => [rand(r, [4, 3]), i32([[1], [3], [0]]), rand(r, [3, 3])],
  },
  {
    name: "scatterApply",
    f: (x, i) => lax.scatterApply(x, i, (v) => np.sin(v), ROWS, { updateShape: [2, 3] }),
    args: () => [rand(r, [4, 3]), i32([[2], [0]])],
  },
  { name: "reduce monoid (mul)", f: (x) => lax.reduce(x, 1, (a, b) => np.multiply(a, b), [0]), args: () => [rand(r, [3, 4], "nonzero")] },
  { name: "reduce generic loop", f: (x) => lax.reduce(x, 0, (a, b) => np.add(a, np.square(b)), [1]), args: () => [rand(r, [3, 4])] },
  {
    name: "associativeScan linear recurrence",
    f: (a, b) =>
      lax.associativeScan(
        ([a1, b1]: NDArray[], [a2, b2]: NDArray[]) => [np.multiply(a1!, a2!), np.add(np.multiply(a2!, b1!), b2!)],
        [a, b],
      ),
    args: () => [rand(r, [7], "pos"), rand(r, [7])],
  },
  {
    name: "map with batchSize",
    f: (x) => lax.map((row: NDArray) => np.sum(np.sin(row)), x, { batchSize: 2 }),
    args: () => [rand(r, [5, 3])],
  },
  {
    name: "selectN",
    f: (w, a, b, c) => lax.selectN(w, a, b, c),
    args: () => [i32([0, 2, 1, 2]), rand(r, [4]), rand(r, [4]), rand(r, [4])],
  },
  {
    name: "igamma in a and x",
    f: (a, x) => lax.igamma(a, x),
    args: () => [f64([0.5, 3, 10, 2.5]), f64([0.2, 5, 3, 7])],
    tol: { atol: 1e-6, rtol: 1e-5 },
  },
  { name: "igammac in x", f: (x) => lax.igammac(f64([0.5, 3, 10, 2.5]), x), args: () => [f64([0.2, 5, 3, 7])] },
  {
    name: "betainc in a, b and x",
    f: (a, b, x) => lax.betainc(a, b, x),
    args: () => [f64([0.5, 3, 2, 20]), f64([0.5, 7, 5, 30]), f64([0.3, 0.4, 0.9, 0.45])],
    tol: { atol: 1e-6, rtol: 1e-5 },
  },
  { name: "zeta in x and q", f: (x, q) => lax.zeta(x, q), args: () => [f64([2, 3.5, 1.5]), f64([1, 0.5, 2])] },
  { name: "polygamma in x", f: (x) => lax.polygamma(f64([0, 1, 3]), x), args: () => [f64([0.7, 2, 5])] },
  { name: "besselI0e, besselI1e", f: (x) => [lax.besselI0e(x), lax.besselI1e(x)], args: () => [f64([-3, 0.5, 12, 35, -50])] },
];

describe("lax under grad: float64 central differences", () => {
  for (const c of CASES)
    it(c.name, () => {
      const args = c.args();
      checkGrads(c.f, args, { modes: ["fwd", "rev"], ...(c.tol ?? {}) });
    });

  it("jit(grad) equals grad (dynamic slices, gather, scatter, igamma)", () => {
    const loss = (x: NDArray, i: NDArray) =>
      np.sum(
        np.add(
          np.square(lax.dynamicUpdateSlice(x, np.sin(lax.dynamicSlice(x, [i, 0], [2, 2])), [0, i])),
          lax.igamma(2.5, np.abs(lax.scatterAdd(x, np.reshape(i, [1, 1]), np.ones([1, 3], { dtype: "float64" }), ROWS))),
        ),
      );
    const x = rand(r, [3, 3]),
      i = i32(1);
    expectClose(jit(grad(loss))(x, i), grad(loss)(x, i), 1e-9);
  });

  it("reducePrecision's cotangent is rounded like its operand (JAX's linear rule)", () => {
    const g = grad((x: NDArray) => np.sum(np.multiply(lax.reducePrecision(x, 5, 2), f64([1.3, 2.6]))))(f64([1, 2]));
    expect(Array.from(g.toTypedArray())).toEqual([1.25, 2.5]);
  });
});

describe("lax under vmap: a loop of single calls", () => {
  const loop = (f: (...a: NDArray[]) => NDArray, xs: NDArray[]) =>
    np.stack(Array.from({ length: xs[0]!.shape[0]! }, (_, k) => f(...xs.map((x) => x.slice(k)))));
  const cases: [string, (...a: NDArray[]) => NDArray, () => NDArray[]][] = [
    ["dynamicSlice, batched starts", (x, i) => lax.dynamicSlice(x, [i, 1], [2, 2]), () => [rand(r, [4, 3, 4]), i32([0, 2, 5, -1])]],
    [
      "dynamicUpdateSlice, batched starts",
      (x, u, i) => lax.dynamicUpdateSlice(x, u, [1, i]),
      () => [rand(r, [3, 3, 4]), rand(r, [3, 2, 2]), i32([0, 3, 1])],
    ],
    [
      "gather, batched indices",
      (x, i) => lax.gather(x, i, WIN, [2, 2], { mode: "fill" }),
      () => [
        rand(r, [2, 4, 5]),
        i32([
          [
            [0, 1],
            [3, 4],
          ],
          [
            [2, 2],
            [1, 0],
          ],
        ]),
      ],
    ],
    [
      "scatterAdd, batched indices",
      (x, i, u) => lax.scatterAdd(x, i, u, ROWS),
      () => [
        rand(r, [2, 4, 3]),
        i32([
          [[1], [1]],
          [[0], [3]],
        ]),
        rand(r, [2, 2, 3]),
      ],
    ],
    [
      "scatterMin",
      (x, i, u) => lax.scatterMin(x, i, u, ROWS),
      () => [
        rand(r, [2, 4, 3]),
        i32([
          [[1], [2]],
          [[0], [0]],
        ]),
        rand(r, [2, 2, 3]),
      ],
    ],
    ["reduce generic", (x) => lax.reduce(x, 0, (a, b) => np.add(a, np.abs(b)), [0]), () => [rand(r, [3, 4, 2])]],
    ["associativeScan", (x) => lax.associativeScan((a, b) => np.add(a, b), x), () => [rand(r, [3, 6])]],
    ["igamma", (a, x) => lax.igamma(a, x), () => [rand(r, [3, 2], "pos"), rand(r, [3, 2], "pos")]],
    ["betainc", (a, b, x) => lax.betainc(a, b, x), () => [rand(r, [3], "pos"), rand(r, [3], "pos"), f64([0.1, 0.5, 0.8])]],
  ];
  for (const [name, f, args] of cases)
    it(name, () => {
      const xs = args();
      expectClose(vmap(f)(...xs), loop(f, xs), 1e-12);
      expectClose(jit(vmap(f))(...xs), loop(f, xs), 1e-12);
    });
});

describe("customRoot / customLinearSolve: implicit derivatives", () => {
  // sqrt(a) as the root of x^2 - a by 30 Newton steps; tangentSolve divides by the scalar derivative
  const newton = (f: (x: NDArray) => NDArray, x0: NDArray) =>
    lax.foriLoop(0, 30, (_i, x: NDArray) => np.subtract(x, np.divide(f(x), np.multiply(2, x))), x0);
  const sqrtRoot = (a: NDArray) =>
    lax.customRoot(
      (x) => np.subtract(np.square(x), a),
      np.onesLike(a),
      newton,
      (g, y) => np.divide(y, g(np.onesLike(y))),
    );
  const A = np.array(
    [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ],
    { dtype: "float64" },
  );
  const b = f64([1, 2, 3]);
  // Richardson iteration: an opaque fixed-length loop, differentiated through the rule, not the loop
  const richardson = (mv: (x: NDArray) => NDArray, bb: NDArray) =>
    lax.foriLoop(0, 200, (_i, x: NDArray) => np.add(x, np.multiply(0.2, np.subtract(bb, mv(x)))), np.zerosLike(bb));
  const iterative = (a: NDArray, bb: NDArray) => lax.customLinearSolve((x) => np.matmul(a, x), bb, richardson);
  const direct = (a: NDArray, bb: NDArray) =>
    lax.customLinearSolve(
      (x) => np.matmul(a, x),
      bb,
      (_mv, r) => np.linalg.solve(a, r),
    );

  it("customRoot: the root, and d sqrt(a)/da = 1 / (2 sqrt(a)) eagerly, under jit and by central differences", () => {
    const a = f64([2, 9, 0.25]);
    expectClose(sqrtRoot(a), np.sqrt(a), 1e-12);
    expectClose(jit(sqrtRoot)(a), np.sqrt(a), 1e-12);
    expectClose(grad((v: NDArray) => np.sum(sqrtRoot(v)))(a), np.divide(0.5, np.sqrt(a)), 1e-12);
    checkGrads(sqrtRoot, [a]);
  });
  it("customLinearSolve: A^-1 b, derivatives in A (closed over by matvec) and b", () => {
    expectClose(direct(A, b), np.linalg.solve(A, b), 1e-12);
    checkGrads(direct, [A, b]);
    expectClose(iterative(A, b), np.linalg.solve(A, b), 1e-9);
    checkGrads(iterative, [A, b]);
    expectClose(jit(grad((a: NDArray) => np.sum(iterative(a, b))))(A), grad((a: NDArray) => np.sum(direct(a, b)))(A), 1e-8);
  });
  it("bad arguments are ArgumentError NJ301 naming the op", () => {
    expect(() =>
      lax.customRoot(
        (x) => x,
        f64([1]),
        3 as never,
        (_g, y) => y,
      ),
    ).toThrow(/NJ301.*custom_root.*solve/);
    expect(() =>
      lax.customLinearSolve(
        (x) => x,
        b,
        (_m, y) => y,
        null,
        false,
        true,
      ),
    ).toThrow(/NJ301.*custom_linear_solve.*hasAux/);
  });
});
