// Gradients of the api-math functions JAX differentiates (gradient, poly, polydiv, i0, fabs, fix, angle,
// linalg.cond/tensorinv/tensorsolve, histogram2d density weights, vectorize) against float64 central
// differences, jit(grad) against eager grad, and vmap against a JS loop over the batch.
import { describe, expect, it } from "vitest";
import { type NDArray, checkGrads, grad, jit, numpy as np, vmap } from "@numjit/runtime";
import { type Domain, expectClose, rand, rng } from "./helpers.js";

interface Case {
  name: string;
  f: (...xs: NDArray[]) => NDArray | NDArray[];
  inputs: [number[], Domain][];
}
const first = (y: NDArray | NDArray[]) => (Array.isArray(y) ? y : [y]);
const CASES: Case[] = [
  { name: "gradient uniform edgeOrder 2", f: (x) => np.gradient(x, 0.5, { edgeOrder: 2 }) as NDArray, inputs: [[[6], "any"]] },
  {
    name: "gradient coordinates (both arguments)",
    f: (x, c) => np.gradient(x, np.cumsum(np.add(np.abs(c), 0.5)), { edgeOrder: 2 }) as NDArray,
    inputs: [
      [[5], "any"],
      [[5], "any"],
    ],
  },
  { name: "gradient 2-d every axis", f: (x) => np.gradient(x) as NDArray[], inputs: [[[3, 4], "any"]] },
  { name: "poly of roots", f: (x) => np.poly(x), inputs: [[[4], "any"]] },
  { name: "poly of a matrix", f: (x) => np.poly(x), inputs: [[[3, 3], "any"]] },
  {
    name: "polydiv",
    f: (u, v) => np.polydiv(u, np.add(v, np.array([3, 0], { dtype: "float64" }))),
    inputs: [
      [[5], "any"],
      [[2], "any"],
    ],
  },
  { name: "i0 (both branches)", f: (x) => np.i0(np.multiply(x, 4)), inputs: [[[3, 4], "nonzero"]] },
  { name: "fabs fix", f: (x) => np.add(np.fabs(x), np.fix(x)), inputs: [[[3, 4], "nonzero"]] },
  { name: "angle", f: (x) => np.multiply(np.angle(x), x), inputs: [[[3, 4], "nonzero"]] },
  {
    name: "linalg.cond 2",
    f: (x) => np.linalg.cond(np.add(x, np.multiply(np.eye(3, null, 0, { dtype: "float64" }), 3))),
    inputs: [[[2, 3, 3], "any"]],
  },
  {
    name: "linalg.cond fro",
    f: (x) => np.linalg.cond(np.add(x, np.multiply(np.eye(3, null, 0, { dtype: "float64" }), 3)), "fro"),
    inputs: [[[3, 3], "any"]],
  },
  {
    name: "linalg.tensorinv",
    f: (x) => np.linalg.tensorinv(np.add(x, np.reshape(np.multiply(np.eye(4, null, 0, { dtype: "float64" }), 3), [4, 2, 2])), 1),
    inputs: [[[4, 2, 2], "any"]],
  },
  {
    name: "linalg.tensorsolve",
    f: (a, b) => np.linalg.tensorsolve(np.add(a, np.reshape(np.multiply(np.eye(4, null, 0, { dtype: "float64" }), 3), [2, 2, 4])), b),
    inputs: [
      [[2, 2, 4], "any"],
      [[2, 2], "any"],
    ],
  },
  {
    name: "vectorize signature",
    f: (m, v) => np.vectorize((a: NDArray, b: NDArray) => np.tanh(np.matmul(a, b)), { signature: "(m,n),(n)->(m)" })(m, v) as NDArray,
    inputs: [
      [[2, 3, 4], "any"],
      [[4], "any"],
    ],
  },
];

describe("api-math gradients vs central differences (float64)", () => {
  CASES.forEach((c, k) => {
    const r = rng(4200 + k);
    const xs = c.inputs.map(([shape, dom]) => rand(r, shape, dom));
    it(`${c.name}: first order, fwd and rev`, () => {
      checkGrads(c.f, xs, { order: 1 });
    });
    it(`${c.name}: jit(grad) equals eager grad`, () => {
      const ws = first(c.f(...xs)).map((y) => rand(r, y.shape));
      const loss = (...ys: NDArray[]) =>
        first(c.f(...ys)).reduce<NDArray>((acc, y, j) => np.add(acc, np.sum(np.multiply(y, ws[j]!))), np.array(0, { dtype: "float64" }));
      const argnums = xs.map((_, i) => i);
      expectClose(jit(grad(loss, { argnums }))(...xs), grad(loss, { argnums })(...xs), 1e-9);
    });
    it(`${c.name}: vmap equals a loop over the batch`, () => {
      const batch = xs.map((x) => np.stack([x, np.multiply(x, 0.5), np.add(x, 0.25)]));
      const got = first(vmap(c.f)(...batch) as NDArray | NDArray[]);
      for (let i = 0; i < 3; i++) {
        const want = first(c.f(...batch.map((b) => b.slice(i))));
        want.forEach((w, j) => expectClose(got[j]!.slice(i), w, 1e-9));
      }
    });
  });
  it("gcd/lcm, nextafter, packbits and histogram counts batch under vmap", () => {
    const a = np.array(
        [
          [12, 18, 7],
          [0, 5, 9],
        ],
        { dtype: "int32" },
      ),
      b = np.array(
        [
          [8, 27, 0],
          [4, 10, 6],
        ],
        { dtype: "int32" },
      );
    expect((vmap((x: NDArray, y: NDArray) => np.gcd(x, y))(a, b) as NDArray).toArray()).toEqual(np.gcd(a, b).toArray());
    expect((vmap((x: NDArray, y: NDArray) => np.lcm(x, y))(a, b) as NDArray).toArray()).toEqual(np.lcm(a, b).toArray());
    const f = np.array(
      [
        [1, 0, -1],
        [2.5, 0, 3],
      ],
      { dtype: "float64" },
    );
    expect((vmap((x: NDArray) => np.nextafter(x, 0))(f) as NDArray).toArray()).toEqual(np.nextafter(f, 0).toArray());
    expect((vmap((x: NDArray) => np.packbits(x))(a) as NDArray).toArray()).toEqual([
      np.packbits(a.slice(0)).toArray(),
      np.packbits(a.slice(1)).toArray(),
    ]);
    const h = vmap(
      (x: NDArray) =>
        np.histogram2d(x, np.multiply(x, 2), 2, {
          range: [
            [0, 30],
            [0, 60],
          ],
        })[0],
    )(a.astype("float32")) as NDArray;
    expect(h.toArray()).toEqual(
      [0, 1].map((i) =>
        np
          .histogram2d(a.slice(i).astype("float32"), np.multiply(a.slice(i).astype("float32"), 2), 2, {
            range: [
              [0, 30],
              [0, 60],
            ],
          })[0]
          .toArray(),
      ),
    );
  });
});
