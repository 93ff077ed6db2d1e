// Transformations as Jaxpr -> Jaxpr functions (what the build-time compiler applies), and the
// shape of the staged backward pass of an MLP: no transposes materialized, only the dots needed.
import { describe, expect, it } from "vitest";
import {
  type NDArray,
  evalJaxpr,
  grad,
  gradJaxpr,
  jit,
  jvp,
  jvpJaxpr,
  makeJaxpr,
  nn,
  numpy as np,
  valueAndGrad,
  vjp,
  vjpJaxpr,
  vmap,
  vmapJaxpr,
} from "@numjit/runtime";
import { optimize } from "@numjit/runtime/internal";
import { expectClose, rand, rng } from "./helpers.js";

const r = rng(7);
const x = rand(r, [4, 3]),
  w = rand(r, [3, 2]);
const f = (a: NDArray, b: NDArray) => np.sum(np.tanh(np.matmul(a, b)));

describe("jaxpr-level transformations", () => {
  const j = makeJaxpr(f)(x, w);

  it("gradJaxpr evaluates to grad", () => {
    const gj = gradJaxpr(j, { argnums: [0, 1] });
    expectClose(evalJaxpr(gj, [x, w]), grad(f, { argnums: [0, 1] })(x, w), 1e-12);
    const vg = gradJaxpr(j, { argnums: [1], withValue: true });
    const [v, g] = valueAndGrad(f, { argnums: 1 })(x, w);
    expectClose(evalJaxpr(vg, [x, w]), [v, g], 1e-12);
  });

  it("jvpJaxpr and vjpJaxpr evaluate to jvp and vjp", () => {
    const tx = rand(r, [4, 3]),
      tw = rand(r, [3, 2]);
    const [out, tout] = jvp(f, [x, w], [tx, tw]);
    expectClose(evalJaxpr(jvpJaxpr(j), [x, w, tx, tw]), [out, tout], 1e-12);
    const [o2, back] = vjp(f, x, w);
    const ct = np.array(1.5, { dtype: "float64" });
    expectClose(evalJaxpr(vjpJaxpr(j), [x, w, ct]), [o2, ...back(ct)], 1e-12);
  });

  it("vmapJaxpr evaluates to vmap", () => {
    const xb = rand(r, [5, 4, 3]);
    const vj = vmapJaxpr(j, [0, null], 5);
    expect(vj.inBinders[0]!.aval.shape).toEqual([5, 4, 3]);
    expectClose(evalJaxpr(vj, [xb, w]), [vmap(f, { inAxes: [0, null] })(xb, w)], 1e-12);
  });
});

describe("the staged MLP backward pass", () => {
  const params = { w1: rand(r, [16, 8]), b1: rand(r, [8]), w2: rand(r, [8, 4]), b2: rand(r, [4]) };
  const xs = rand(r, [5, 16]);
  const ys = nn.oneHot(np.array([0, 1, 2, 3, 0], { dtype: "int32" }), 4, { dtype: "float64" });
  type P = typeof params;
  const loss = (p: P, a: NDArray, y: NDArray) => {
    const h = nn.relu(np.add(np.matmul(a, p.w1), p.b1));
    const logits = np.add(np.matmul(h, p.w2), p.b2);
    return np.negative(np.mean(np.sum(np.multiply(y, nn.logSoftmax(logits)), -1)));
  };

  it("has 5 dot_generals (2 forward, 3 backward: no gradient for the data) and no transpose", () => {
    const jx = optimize(makeJaxpr(valueAndGrad(loss))(params, xs, ys));
    const prims = jx.eqns.map((e) => e.primitive);
    expect(prims.filter((p) => p === "dot_general")).toHaveLength(5);
    expect(prims).not.toContain("transpose");
    expect(jx.outs).toHaveLength(5);
  });

  it("jit(valueAndGrad) equals the eager one", () => {
    const [v, g] = valueAndGrad(loss)(params, xs, ys);
    const [vj, gj] = jit(valueAndGrad(loss))(params, xs, ys);
    expectClose(vj, v, 1e-12);
    expectClose(gj, g, 1e-12);
  });
});
