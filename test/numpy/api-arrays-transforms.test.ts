// Transformations of the differentiable array-manipulation functions (putAlongAxis, fillDiagonal, choose, place,
// put, block, insert, delete, resize, compress with size): gradients against float64 central differences
// (forward and reverse), jit(grad) equal to grad, and vmap equal to a loop over the batch, eagerly and under
// jit. Plus the parts the reference runner cannot express: np.iterable (a boolean) and the jit errors.
import { describe, expect, it } from "vitest";
import { ConcretizationError, type NDArray, checkGrads, grad, jit, numpy as np, vmap } from "@numjit/runtime";
import { expectClose, rand, rng } from "../transforms/helpers.js";

const i32 = (v: number[], shape: number[] = [v.length]) => np.array(v, { dtype: "int32" }).reshape(shape);

interface Case {
  name: string;
  f: (...xs: NDArray[]) => NDArray;
  shapes: number[][];
}
const CASES: Case[] = [
  {
    name: "putAlongAxis (array and values)",
    f: (x, v) => np.putAlongAxis(x, i32([2, 0, 1, 3, 0, 1], [3, 2]), v, 1),
    shapes: [
      [3, 4],
      [3, 2],
    ],
  },
  {
    name: "putAlongAxis axis 0, broadcast value",
    f: (x, v) => np.putAlongAxis(x, i32([1, 0, 2, 1], [1, 4]), v, 0),
    shapes: [
      [3, 4],
      [1, 1],
    ],
  },
  { name: "fillDiagonal array values", f: (x, v) => np.fillDiagonal(x, v), shapes: [[4, 3], [2]] },
  { name: "fillDiagonal cube", f: (x, v) => np.fillDiagonal(x, v), shapes: [[3, 3, 3], []] },
  {
    name: "choose clip",
    f: (a, b, c) => np.choose(i32([0, 2, 1, 5, -1, 2], [2, 3]), [a, b, c], { mode: "clip" }),
    shapes: [[2, 3], [3], [2, 1]],
  },
  { name: "place", f: (x, v) => np.place(x, np.greater(np.arange(12).reshape(3, 4), 6), v), shapes: [[3, 4], [3]] },
  { name: "put with repeats and clipping", f: (x, v) => np.put(x, i32([0, 7, -1, 40]), v), shapes: [[3, 4], [2]] },
  {
    name: "block",
    f: (a, b, c) =>
      np.block([
        [a, b],
        [c, 2],
      ]),
    shapes: [
      [2, 2],
      [2, 1],
      [1, 2],
    ],
  },
  {
    name: "insert rows",
    f: (x, v) => np.insert(x, [1, 3, 0], v, 0),
    shapes: [
      [3, 2],
      [3, 2],
    ],
  },
  {
    name: "insert scalar index, 2-d values",
    f: (x, v) => np.insert(x, 1, v, 1),
    shapes: [
      [3, 4],
      [2, 3],
    ],
  },
  { name: "delete slice", f: (x) => np.delete(x, "::2", 1), shapes: [[3, 5]] },
  { name: "delete unique indices", f: (x) => np.delete(x, i32([3, 0]), 0, { assumeUniqueIndices: true }), shapes: [[5, 2]] },
  { name: "resize", f: (x) => np.resize(x, [4, 3]), shapes: [[5]] },
  { name: "compress size", f: (x) => np.compress([true, false, true, true], x, 1, { size: 2, fillValue: 0 }), shapes: [[3, 4]] },
];

describe("api-arrays gradients vs central differences (float64)", () => {
  CASES.forEach((c, k) => {
    const r = rng(300 + k);
    const xs = c.shapes.map((s) => rand(r, s));
    it(`${c.name}: first order, fwd and rev`, () => checkGrads(c.f, xs, { order: 1 }));
    it(`${c.name}: jit(grad) equals grad`, () => {
      const w = rand(r, c.f(...xs).shape);
      const loss = (...ys: NDArray[]) => np.sum(np.multiply(np.sin(c.f(...ys)), w));
      const argnums = xs.map((_, i) => i);
      expectClose(jit(grad(loss, { argnums }))(...xs), grad(loss, { argnums })(...xs), 1e-12);
    });
  });
});

describe("api-arrays vmap equals a loop over the batch", () => {
  CASES.forEach((c, k) => {
    const r = rng(700 + k);
    const batched = c.shapes.map((s) => rand(r, [3, ...s]));
    const loop = () => np.stack([0, 1, 2].map((b) => c.f(...batched.map((x) => x.slice(b)))));
    it(`${c.name}: vmap and jit(vmap)`, () => {
      expectClose(vmap(c.f)(...batched), loop(), 1e-12);
      expectClose(jit(vmap(c.f))(...batched), loop(), 1e-12);
    });
  });
  it("vmap over traced indices: insert and putAlongAxis", () => {
    const x = rand(rng(9), [2, 4]);
    const idx = i32([3, 0, 1, 1], [2, 2]);
    const ins = (a: NDArray, i: NDArray) => np.insert(a, i, -5);
    expectClose(vmap(ins)(x, idx), np.stack([ins(x.slice(0), idx.slice(0)), ins(x.slice(1), idx.slice(1))]), 0);
    const pa = (a: NDArray, i: NDArray) => np.putAlongAxis(a, i, 7, 0);
    expectClose(vmap(pa)(x, idx), np.stack([pa(x.slice(0), idx.slice(0)), pa(x.slice(1), idx.slice(1))]), 0);
  });
});

describe("api-arrays outside the reference runner", () => {
  it("np.iterable: JS iterables and arrays with an axis", () => {
    expect([np.iterable([1]), np.iterable("ab"), np.iterable(new Set()), np.iterable(np.zeros(2))]).toEqual([true, true, true, true]);
    expect([np.iterable(3), np.iterable(np.array(1)), np.iterable(null), np.iterable({})]).toEqual([false, false, false, false]);
  });
  it("data-dependent results under jit name the function and ask for a size", () => {
    const cases: [string, (x: NDArray) => unknown][] = [
      ["setdiff1d", (x) => np.setdiff1d(x, x)],
      ["unique_values", (x) => np.uniqueValues(x)],
      ["extract", (x) => np.extract(np.greater(x, 0), x)],
      ["trim_zeros", (x) => np.trimZeros(x)],
      ["asarray_chkfinite", (x) => np.asarrayChkfinite(x)],
      ["choose", (x) => np.choose(np.astype(x, "int32"), [x, x])],
    ];
    for (const [op, f] of cases) {
      let err: unknown;
      try {
        jit(f)(np.arange(3).astype("float32"));
      } catch (e) {
        err = e;
      }
      expect(err, op).toBeInstanceOf(ConcretizationError);
      expect((err as Error).message, op).toContain(op);
    }
  });
  it("the functional updates leave their inputs unchanged", () => {
    const x = np.zeros([3, 3]);
    np.fillDiagonal(x, 1);
    np.put(x, i32([0]), 5);
    np.place(x, np.ones([3, 3], { dtype: "bool" }), 2);
    np.putAlongAxis(x, i32([0, 1, 2], [3, 1]), 9, 1);
    expect(x.toArray()).toEqual(np.zeros([3, 3]).toArray());
  });
});
