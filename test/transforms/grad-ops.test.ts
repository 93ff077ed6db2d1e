// Gradients of every differentiable op of the eager API against central differences in float64
// (forward and reverse mode, and second order where the op is smooth), and jit(grad) == grad.
import { describe, expect, it } from "vitest";
import { type NDArray, checkGrads, grad, jacfwd, jacrev, jit, numpy as np, valueAndGrad } from "@numjit/runtime";
import { expectClose, rand, rng } from "./helpers.js";
import { OPS } from "./ops-table.js";

const outputs = (y: NDArray | NDArray[]) => (Array.isArray(y) ? y : [y]);

/** A scalar loss of the op's outputs with fixed random weights. */
function scalarLoss(f: (...xs: NDArray[]) => NDArray | NDArray[], xs: NDArray[], seed: number) {
  const r = rng(seed);
  const ws = outputs(f(...xs)).map((y) => rand(r, y.shape));
  return (...ys: NDArray[]) =>
    outputs(f(...ys)).reduce<NDArray>((acc, y, j) => np.add(acc, np.sum(np.multiply(y, ws[j]!))), np.array(0, { dtype: "float64" }));
}

describe("gradients vs central differences (float64)", () => {
  OPS.filter((c) => !c.intOut && !c.noNumeric).forEach((c, k) => {
    const r = rng(1000 + k);
    const xs = c.inputs.map(([shape, dom]) => rand(r, shape, dom));
    it(`${c.name}: first order, fwd and rev`, () => {
      checkGrads(c.f, xs, { order: 1, ...c.tol });
    });
    if (c.order2) {
      it(`${c.name}: second order`, () => {
        checkGrads(c.f, xs, { order: 2, ...c.tol });
      });
    }
    it(`${c.name}: jacfwd equals jacrev (batching rules of the derivative rules)`, () => {
      const argnums = xs.flatMap((x, i) => (x.dtype === "float64" ? [i] : []));
      expectClose(jacfwd(c.f, { argnums })(...xs), jacrev(c.f, { argnums })(...xs), c.tol ? 1e-6 : 1e-9);
    });
    it(`${c.name}: jit(grad) equals eager grad`, () => {
      const loss = scalarLoss(c.f, xs, 7 + k);
      const tol = c.tol ? 1e-6 : 1e-9;
      const argnums = xs.flatMap((x, i) => (x.dtype === "float64" ? [i] : []));
      const eager = grad(loss, { argnums })(...xs);
      const jitted = jit(grad(loss, { argnums }))(...xs);
      expectClose(jitted, eager, tol);
      const [v, g] = jit(valueAndGrad(loss, { argnums }))(...xs);
      expectClose(g, eager, tol);
      expectClose(v, loss(...xs), tol);
    });
  });
});

describe("gradients in float32", () => {
  it("keep the input dtype and agree with float64 to float32 precision", () => {
    const r = rng(5);
    const x64 = rand(r, [4, 3]);
    const x32 = x64.astype("float32");
    const f = (x: NDArray) => np.sum(np.tanh(np.matmul(x, np.transpose(x))));
    const g32 = grad(f)(x32) as NDArray,
      g64 = grad(f)(x64) as NDArray;
    expect(g32.dtype).toBe("float32");
    expect(g64.dtype).toBe("float64");
    expectClose(g32.astype("float64"), g64, 1e-5);
  });
});
