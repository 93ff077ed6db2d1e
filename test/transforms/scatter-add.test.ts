// scatter_add, gather's transpose: gradients of sort/argsort/takeAlongAxis/take and x.at().add are one
// O(n) scatter (no [n, n] one-hot contraction), batched indices under vmap, and values against JS loops.
import { describe, expect, it } from "vitest";
import { type NDArray, grad, jit, makeJaxpr, numpy as np, vmap } from "@numjit/runtime";

const prims = (f: (x: NDArray) => NDArray, x: NDArray) =>
  makeJaxpr(f)(x)
    .eqns.map((e) => e.primitive as string)
    .filter((p) => p === "scatter_add" || p === "dot_general");

describe("scatter_add", () => {
  const x = np.array([3, -1, 4, 1.5, -5, 9, 2, 6], { dtype: "float64" });
  const w = np.arange(8).astype("float64");

  it("grad of sort, takeAlongAxis and take is one scatter_add (no one-hot dot)", () => {
    const cases: ((v: NDArray) => NDArray)[] = [
      (v) => np.sum(np.multiply(np.sort(v), w)),
      (v) => np.sum(np.multiply(np.takeAlongAxis(v, np.argsort(np.negative(v)), 0), w)),
      (v) => np.sum(np.multiply(np.take(v, np.array([7, 0, 0, 3], { dtype: "int32" })), np.arange(4))),
    ];
    for (const f of cases) expect(prims(grad(f), x)).toEqual(["scatter_add"]);
  });

  it("grad of sort puts each weight at the element's sorted position", () => {
    const g = grad((v: NDArray) => np.sum(np.multiply(np.sort(v), w)))(x).toArray() as number[];
    const order = (x.toArray() as number[]).map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const want = new Array<number>(8);
    order.forEach(([, i], rank) => (want[i] = rank));
    expect(g).toEqual(want);
  });

  it("x.at(idx).add accumulates duplicates, eager and jit, int32 wraps", () => {
    const idx = np.array([1, 1, -1, 0], { dtype: "int32" });
    const f = (v: NDArray) => v.at(idx).add(np.array([10, 20, 30, 40], { dtype: "float32" }));
    const base = np.array([1, 2, 3], { dtype: "float32" });
    expect(f(base).toArray()).toEqual([41, 32, 33]);
    expect(jit(f)(base).toArray()).toEqual([41, 32, 33]);
    const big = np.array([2147483647, 0], { dtype: "int32" });
    expect(
      big
        .at(np.array([0, 0], { dtype: "int32" }))
        .add(1)
        .toArray(),
    ).toEqual([-2147483647, 0]);
  });

  it("vmap over batched indices, operands and updates equals a loop", () => {
    const xs = np.reshape(np.arange(12).astype("float32"), [3, 4]);
    const is = np.array(
      [
        [0, 3, 3],
        [2, 2, 2],
        [-1, 1, 0],
      ],
      { dtype: "int32" },
    );
    const us = np.reshape(np.arange(9).astype("float32"), [3, 3]);
    const f = (a: NDArray, i: NDArray, u: NDArray) => a.at(i).add(u);
    const got = vmap(f)(xs, is, us).toArray() as number[][];
    const want = [0, 1, 2].map((b) => {
      const row = [...(xs.toArray() as number[][])[b]!];
      (is.toArray() as number[][])[b]!.forEach((j, k) => {
        row[(j + 4) % 4] = row[(j + 4) % 4]! + (us.toArray() as number[][])[b]![k]!;
      });
      return row;
    });
    expect(got).toEqual(want);
    // unbatched operand, batched indices
    expect(vmap((i: NDArray) => f(np.zeros([4]), i, np.ones([3])))(is).toArray()).toEqual([
      [1, 0, 0, 2],
      [0, 0, 3, 0],
      [1, 1, 0, 1],
    ]);
  });
});
