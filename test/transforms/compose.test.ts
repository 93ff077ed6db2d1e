// Compositions of transformations with each other and with jit, each compared with an
// independent computation (a loop, a closed form, or the eager composition).
import { describe, expect, it } from "vitest";
import { type NDArray, grad, hessian, jacfwd, jacrev, jit, jvp, nn, numpy as np, valueAndGrad, vmap } from "@numjit/runtime";
import { expectClose, rand, rng } from "./helpers.js";

type Params = { w1: NDArray; b1: NDArray; w2: NDArray; b2: NDArray };
const r = rng(42);
const params: Params = { w1: rand(r, [5, 8]), b1: rand(r, [8]), w2: rand(r, [8, 3]), b2: rand(r, [3]) };
const xs = rand(r, [6, 5]);
const labels = np.array(Int32Array.from([0, 2, 1, 1, 0, 2]), { dtype: "int32" });

function predict(p: Params, x: NDArray): NDArray {
  const h = np.tanh(np.add(np.matmul(x, p.w1), p.b1));
  return np.add(np.matmul(h, p.w2), p.b2);
}
/** Mean softmax cross-entropy; x is [batch, 5] or a single example [5] (then y is 0-d). */
function loss(p: Params, x: NDArray, y: NDArray): NDArray {
  const logp = nn.logSoftmax(predict(p, x));
  return np.negative(np.mean(np.sum(np.multiply(nn.oneHot(y, 3, { dtype: "float64" }), logp), -1)));
}

describe("compositions", () => {
  it("jit(grad(f)) equals grad(f) on a params dict", () => {
    const g = grad(loss)(params, xs, labels);
    expectClose(jit(grad(loss))(params, xs, labels), g, 1e-9);
    const [v, g2] = jit(valueAndGrad(loss))(params, xs, labels);
    expectClose(g2, g, 1e-9);
    expectClose(v, loss(params, xs, labels), 1e-9);
  });

  it("grad(jit(f)) equals grad(f)", () => {
    const jl = jit(loss);
    expectClose(grad(jl)(params, xs, labels), grad(loss)(params, xs, labels), 1e-9);
  });

  it("grad(jit(f)) after jit(f) ran eagerly on the same shapes", () => {
    const jf = jit((x: NDArray) => np.sum(np.multiply(np.sin(x), x)));
    const x = rand(rng(1), [4]);
    jf(x); // puts the eager signature in jit's fast-path cache
    expectClose(grad(jf)(x), np.add(np.sin(x), np.multiply(x, np.cos(x))), 1e-12);
  });

  it("vmap(grad(f)) gives per-example gradients (closure over batched data, 0-d labels)", () => {
    const perExample = vmap((x: NDArray, y: NDArray) => grad((p: Params) => loss(p, x, y))(params))(xs, labels);
    const loop = Array.from({ length: 6 }, (_, i) => grad(loss)(params, np.take(xs, i, 0), np.take(labels, i, 0)) as Params);
    const stacked = {
      w1: np.stack(loop.map((g) => g.w1)),
      b1: np.stack(loop.map((g) => g.b1)),
      w2: np.stack(loop.map((g) => g.w2)),
      b2: np.stack(loop.map((g) => g.b2)),
    };
    expectClose(perExample, stacked, 1e-9);
    // the mean of per-example gradients is the batch gradient
    const mean = { w1: np.mean(stacked.w1, 0), b1: np.mean(stacked.b1, 0), w2: np.mean(stacked.w2, 0), b2: np.mean(stacked.b2, 0) };
    expectClose(grad(loss)(params, xs, labels), mean, 1e-9);
    // and jitted
    const jitted = jit((p: Params, x: NDArray, y: NDArray) =>
      vmap((xi: NDArray, yi: NDArray) => grad((q: Params) => loss(q, xi, yi))(p), { inAxes: [0, 0] })(x, y),
    );
    expectClose(jitted(params, xs, labels), stacked, 1e-9);
  });

  it("vmap(grad(f)) with the parameters batched and the data shared", () => {
    const ws = rand(rng(3), [4, 5]);
    const f = (w: NDArray) => np.sum(np.tanh(np.matmul(xs, w)));
    const got = vmap(grad(f))(ws);
    const want = np.stack(Array.from({ length: 4 }, (_, i) => grad(f)(np.take(ws, i, 0)) as NDArray));
    expectClose(got, want, 1e-9);
  });

  it("jit(vmap(f)) equals vmap(f)", () => {
    const f = (p: Params, x: NDArray) => nn.softmax(predict(p, x));
    const v = vmap(f, { inAxes: [null, 0] });
    expectClose(jit(v)(params, xs), v(params, xs), 1e-12);
    expectClose(v(params, xs), f(params, xs), 1e-12);
  });

  it("grad(grad(f)) equals the closed form, eager and jitted", () => {
    const f = (x: NDArray) => np.multiply(np.sin(x), np.exp(x));
    // (sin x e^x)'' = 2 cos x e^x
    const x = np.array(0.7, { dtype: "float64" });
    const want = 2 * Math.cos(0.7) * Math.exp(0.7);
    expect((grad(grad(f))(x) as NDArray).item()).toBeCloseTo(want, 12);
    expect((jit(grad(grad(f)))(x) as NDArray).item()).toBeCloseTo(want, 12);
    // third order
    const third = 2 * (Math.cos(0.7) - Math.sin(0.7)) * Math.exp(0.7);
    expect((grad(grad(grad(f)))(x) as NDArray).item()).toBeCloseTo(third, 11);
  });

  it("jacfwd(jacrev(f)) is the Hessian, eager and jitted", () => {
    const A = rand(rng(9), [4, 4]);
    const x = rand(rng(10), [4]);
    const f = (v: NDArray) => np.add(np.dot(v, np.matmul(A, v)), np.sum(np.power(v, 3)));
    // H = A + A^T + diag(6 x)
    const want = np.add(np.add(A, np.transpose(A)), np.multiply(np.eye(4, 4, 0, { dtype: "float64" }), np.multiply(6, x)));
    expectClose(jacfwd(jacrev(f))(x), want, 1e-10);
    expectClose(jit(jacfwd(jacrev(f)))(x), want, 1e-10);
    expectClose(hessian(f)(x), want, 1e-10);
    expectClose(jacrev(jacfwd(f))(x), want, 1e-10);
    expectClose(jacfwd(jacfwd(f))(x), want, 1e-10);
    expectClose(jacrev(jacrev(f))(x), want, 1e-10);
  });

  it("jvp(grad(f)) is a Hessian-vector product", () => {
    const x = rand(rng(11), [5]),
      v = rand(rng(12), [5]);
    const f = (y: NDArray) => np.sum(np.multiply(np.sin(y), np.cumsum(y)));
    const [, hv] = jvp(grad(f), [x], [v]);
    expectClose(hv, np.matmul(hessian(f)(x) as NDArray, v), 1e-10);
    const [, hvj] = jit((a: NDArray, b: NDArray) => jvp(grad(f), [a], [b]))(x, v) as [NDArray, NDArray];
    expectClose(hvj, hv, 1e-12);
  });

  it("grad of a vmapped function and vmap of a jacobian", () => {
    const f = (x: NDArray) => np.tanh(np.multiply(x, x));
    const xb = rand(rng(13), [3, 4]);
    const g = grad((x: NDArray) => np.sum(vmap(f)(x)))(xb);
    expectClose(g, grad((x: NDArray) => np.sum(f(x)))(xb), 1e-12);
    const jacs = vmap(jacrev(f))(xb) as NDArray;
    expect(jacs.shape).toEqual([3, 4, 4]);
    expectClose(np.take(jacs, 1, 0), jacrev(f)(np.take(xb, 1, 0)), 1e-12);
  });

  it("nested vmap with different axes equals a double loop", () => {
    const a = rand(rng(14), [3, 4, 2]),
      b = rand(rng(15), [2, 4]);
    const f = (x: NDArray, y: NDArray) => np.dot(x, y);
    // outer: a over its axis 2, b over its axis 0; inner: rows of a_i against the shared b_i
    const got = vmap(vmap(f, { inAxes: [0, null] }), { inAxes: [2, 0] })(a, b) as NDArray;
    const rows = Array.from({ length: 2 }, (_, i) =>
      np.stack(Array.from({ length: 3 }, (_, j) => f(np.take(np.take(a, i, 2), j, 0), np.take(b, i, 0)))),
    );
    expectClose(got, np.stack(rows), 1e-12);
  });

  it("jit(vmap(grad(f))) and jit(grad(grad(f))) under one jit each", () => {
    const f = (x: NDArray) => np.sum(np.log1p(np.exp(x)));
    const xb = rand(rng(16), [5, 3]);
    expectClose(jit(vmap(grad(f)))(xb), vmap(grad(f))(xb), 1e-12);
    expectClose(jit(vmap(grad(f)))(xb), nn.sigmoid(xb), 1e-12);
    const s = (x: NDArray) => np.sum(grad(f)(x) as NDArray);
    expectClose(jit(grad(s))(np.take(xb, 0, 0)), grad(s)(np.take(xb, 0, 0)), 1e-12);
  });
});
