// optim: sgd and adam as pure functions over pytrees, eager and inside jit.
import { describe, expect, it } from "vitest";
import { type NDArray, grad, jit, numpy as np, optim } from "@numjit/runtime";
import { expectClose } from "./helpers.js";

const f64 = (x: number[]) => np.array(x, { dtype: "float64" });

describe("optim", () => {
  const params = { a: f64([1, -2]), b: [f64([0.5])] };
  const grads = { a: f64([0.1, 0.2]), b: [f64([-1])] };

  it("sgd subtracts lr * grad and does not mutate its inputs", () => {
    const opt = optim.sgd(0.5);
    const [p, s] = opt.update(grads, opt.init(params), params);
    expectClose(p, { a: f64([0.95, -2.1]), b: [f64([1])] });
    expect(s).toEqual({ trace: [] });
    expectClose(params.a, f64([1, -2]));
  });

  it("sgd with momentum accumulates a velocity", () => {
    const opt = optim.sgd(1, { momentum: 0.9 });
    let s = opt.init(params);
    let p = params;
    [p, s] = opt.update(grads, s, p);
    [p, s] = opt.update(grads, s, p);
    // v1 = g, v2 = 0.9 g + g = 1.9 g; p = p0 - 2.9 g
    expectClose(p.a, f64([1 - 0.29, -2 - 0.58]), 1e-12);
  });

  it("adam's first step moves each coordinate by lr (bias-corrected) and works under jit", () => {
    const opt = optim.adam(0.1);
    const s0 = opt.init(params);
    const [p1, s1] = opt.update(grads, s0, params);
    // m_hat = g, v_hat = g^2 -> step = lr * g / (|g| + eps)
    expectClose(p1.a, f64([0.9, -2.1]), 1e-6);
    expectClose(p1.b[0], f64([0.6]), 1e-6);
    expect((s1.count as NDArray).item()).toBe(1);
    const step = jit((p: typeof params, s: typeof s0, g: typeof grads) => opt.update(g, s, p));
    const [pj, sj] = step(params, s0, grads);
    expectClose(pj.a, p1.a, 1e-7);
    expectClose((sj.mu as typeof grads).a, (s1.mu as typeof grads).a, 1e-12);
  });

  it("minimizes a quadratic", () => {
    const loss = (p: { x: NDArray }) => np.sum(np.square(np.subtract(p.x, f64([3, -1]))));
    for (const opt of [optim.sgd(0.1), optim.adam(0.2)] as optim.Optimizer<unknown>[]) {
      let p = { x: f64([0, 0]) };
      let s = opt.init(p);
      const step = jit((q: { x: NDArray }, st: unknown) => opt.update(grad(loss)(q), st, q));
      for (let i = 0; i < 200; i++) [p, s] = step(p, s);
      expectClose(p.x, f64([3, -1]), 1e-3);
    }
  });
});
