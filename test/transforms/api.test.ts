// The public API surface: argnums, pytrees, hasAux, vjp/jvp/linearize, jacobian layouts,
// vmap axis specs, stopGradient and checkGrads itself.
import { describe, expect, it } from "vitest";
import {
  GradCheckError,
  type NDArray,
  checkGrads,
  grad,
  hessian,
  jacfwd,
  jacrev,
  jit,
  jvp,
  linearize,
  numpy as np,
  stopGradient,
  valueAndGrad,
  vjp,
  vmap,
} from "@numjit/runtime";
import { expectClose, rand, rng } from "./helpers.js";
// the primitive layer, for cases the numpy API cannot produce (a batched padding value)
import { bind } from "../../packages/runtime/dist/core/trace.js";

const f64 = (x: number | number[] | number[][]) => np.array(x, { dtype: "float64" });

describe("grad / valueAndGrad", () => {
  const f = (x: NDArray, y: NDArray, k: number) => np.sum(np.multiply(np.multiply(x, y), k));
  const x = f64([1, 2, 3]),
    y = f64([4, 5, 6]);

  it("argnums: number, list and negative", () => {
    expectClose(grad(f)(x, y, 2), np.multiply(y, 2));
    expectClose(grad(f, { argnums: 1 })(x, y, 2), np.multiply(x, 2));
    expectClose(grad(f, { argnums: [0, 1] })(x, y, 2), [np.multiply(y, 2), np.multiply(x, 2)]);
    expectClose(grad(f, { argnums: -2 })(x, y, 2), np.multiply(x, 2));
  });

  it("pytrees: dicts and nested lists keep their structure", () => {
    const loss = (p: { a: NDArray; b: [NDArray, NDArray] }) => np.add(np.sum(np.square(p.a)), np.sum(np.multiply(p.b[0], p.b[1])));
    const p = { a: f64([1, -2]), b: [f64([3]), f64([4])] as [NDArray, NDArray] };
    expectClose(grad(loss)(p), { a: f64([2, -4]), b: [f64([4]), f64([3])] });
  });

  it("hasAux returns [grad, aux] and [[value, aux], grad]", () => {
    const g = (x: NDArray) => [np.sum(np.square(x)), { doubled: np.multiply(x, 2), n: 3, label: "any value" }] as const;
    const [gr, aux] = grad(g, { hasAux: true })(x);
    expectClose(gr, np.multiply(x, 2));
    expectClose(aux.doubled, np.multiply(x, 2));
    expect(aux.n).toBe(3);
    expect(aux.label).toBe("any value");
    const [[v, aux2], g2] = valueAndGrad(g, { hasAux: true })(x);
    expect((v as NDArray).item()).toBe(14);
    expectClose(aux2.doubled, np.multiply(x, 2));
    expectClose(g2, np.multiply(x, 2));
  });

  it("JS number arguments are differentiated as weak float scalars", () => {
    const g = grad((a: number) => np.multiply(np.array(a), np.array(a)))(3);
    expect(g.item()).toBe(6);
  });

  it("a function that ignores its input has zero gradient", () => {
    expectClose(grad((_x: NDArray) => np.sum(y))(x), f64([0, 0, 0]));
    expectClose(jit(grad((_x: NDArray) => np.sum(y)))(x), f64([0, 0, 0]));
    expectClose(jit(grad((a: NDArray, _b: NDArray) => np.sum(np.multiply(a, 2)), { argnums: [0, 1] }))(x, y), [
      f64([2, 2, 2]),
      f64([0, 0, 0]),
    ]);
  });

  it("gradient dtype follows the input (float32 stays float32)", () => {
    const g = grad((a: NDArray) => np.sum(np.exp(a)))(np.array([0, 1])) as NDArray;
    expect(g.dtype).toBe("float32");
    expect(g.toArray()).toEqual([1, Math.fround(Math.E)]);
  });

  it("stopGradient blocks the gradient", () => {
    expectClose(grad((a: NDArray) => np.sum(np.multiply(stopGradient(a), a)))(x), x);
    expectClose(grad((a: NDArray) => np.sum(stopGradient(np.square(a))))(x), f64([0, 0, 0]));
  });

  it("integer arguments outside argnums are allowed", () => {
    const h = (w: NDArray, idx: NDArray) => np.sum(np.take(w, idx));
    expectClose(grad(h)(x, np.array([0, 2, 2], { dtype: "int32" })), f64([1, 0, 2]));
  });
});

describe("vjp / jvp / linearize", () => {
  it("vjp with several outputs and a pytree cotangent", () => {
    const f = (a: NDArray, b: NDArray) => ({ s: np.sum(np.multiply(a, b)), p: np.multiply(a, 3) });
    const a = f64([1, 2]),
      b = f64([3, 4]);
    const [out, back] = vjp(f, a, b);
    expectClose(out, { s: f64(11), p: f64([3, 6]) });
    const [ga, gb] = back({ s: f64(2), p: f64([1, 10]) });
    expectClose(ga, f64([2 * 3 + 3, 2 * 4 + 30]));
    expectClose(gb, f64([2, 4]));
    // the pullback can be called again
    expectClose(back({ s: f64(1), p: f64([0, 0]) })[0], b);
  });

  it("jvp pushes tangents through pytrees", () => {
    const f = (p: { x: NDArray; y: NDArray }) => [np.multiply(p.x, p.y), np.sin(p.x)];
    const p = { x: f64([0.5, 1]), y: f64([2, 3]) };
    const t = { x: f64([1, 0]), y: f64([0, 1]) };
    const [out, tout] = jvp(f, [p], [t]);
    expectClose(out, [f64([1, 3]), np.sin(p.x)]);
    expectClose(tout, [f64([2, 1]), f64([Math.cos(0.5), 0])]);
  });

  it("linearize gives the tangent map at a point", () => {
    const f = (x: NDArray) => np.exp(np.multiply(x, 2));
    const x = f64([0, 1]);
    const [y, lin] = linearize(f, x);
    expectClose(y, f(x));
    expectClose(lin(f64([1, 1])), np.multiply(2, np.exp(np.multiply(x, 2))));
    expectClose(lin(f64([0, 2])), f64([0, 4 * Math.exp(2)]));
  });
});

describe("jacobians", () => {
  it("layout is [...out.shape, ...in.shape] and jacfwd == jacrev", () => {
    const W = rand(rng(1), [3, 2]);
    const f = (x: NDArray) => np.tanh(np.matmul(W, x)); // [3, 2] @ [2, 4] -> [3, 4]
    const x = rand(rng(2), [2, 4]);
    const jf = jacfwd(f)(x) as NDArray,
      jr = jacrev(f)(x) as NDArray;
    expect(jf.shape).toEqual([3, 4, 2, 4]);
    expectClose(jf, jr, 1e-12);
    checkGrads(f, [x]);
  });

  it("pytree outputs and argnums lists nest as out[in]", () => {
    const f = (a: NDArray, b: NDArray) => ({ u: np.multiply(a, b), v: np.sum(a) });
    const a = f64([1, 2]),
      b = f64([3, 4]);
    const J = jacrev(f, { argnums: [0, 1] })(a, b);
    expectClose(J.u, [
      np.array(
        [
          [3, 0],
          [0, 4],
        ],
        { dtype: "float64" },
      ),
      np.array(
        [
          [1, 0],
          [0, 2],
        ],
        { dtype: "float64" },
      ),
    ]);
    expectClose(J.v, [f64([1, 1]), f64([0, 0])]);
    expectClose(jacfwd(f, { argnums: [0, 1] })(a, b), J);
  });

  it("hessian of a scalar function of a matrix", () => {
    const f = (x: NDArray) => np.sum(np.power(x, 3));
    const x = f64([
      [1, 2],
      [3, 4],
    ]);
    const H = hessian(f)(x) as NDArray;
    expect(H.shape).toEqual([2, 2, 2, 2]);
    expect(H.reshape(4, 4).toArray()).toEqual([
      [6, 0, 0, 0],
      [0, 12, 0, 0],
      [0, 0, 18, 0],
      [0, 0, 0, 24],
    ]);
  });
});

describe("vmap axis specs", () => {
  const x = rand(rng(3), [2, 3]);
  const y = rand(rng(4), [3]);

  it("inAxes per argument with null, negative axes and outAxes", () => {
    const f = (a: NDArray, b: NDArray) => np.multiply(a, b);
    expectClose(vmap(f, { inAxes: [-1, 0] })(x, y), np.transpose(np.multiply(x, y)));
    expectClose(vmap(f, { inAxes: [1, 0], outAxes: 1 })(x, y), np.multiply(x, y));
    expectClose(vmap(f, { inAxes: [0, null] })(x, y), np.multiply(x, y));
  });

  it("tree-prefix inAxes for dict arguments, dict outputs, unbatched outputs", () => {
    const f = (p: { w: NDArray; s: NDArray }) => ({ out: np.multiply(p.w, p.s), c: np.ones([2]) });
    const got = vmap(f, { inAxes: [{ w: 1, s: null }], outAxes: { out: 0, c: null } })({ w: x, s: f64(2) });
    expectClose(got.out, np.transpose(np.multiply(x, 2)));
    expectClose(got.c, np.ones([2]));
    const bcast = vmap(f, { inAxes: [{ w: 0, s: null }] })({ w: x, s: f64(2) });
    expect(bcast.c.shape).toEqual([2, 2]);
  });

  it("axisSize when nothing is batched", () => {
    const got = vmap(() => np.arange(3), { inAxes: [], axisSize: 4 })() as NDArray;
    expect(got.shape).toEqual([4, 3]);
  });

  it("pad with a batched padding value (primitive level)", () => {
    const pad = (a: NDArray, v: NDArray) => bind("pad", [a, v], { lo: [1, 0], hi: [0, -1] });
    const a = rand(rng(5), [4, 2, 3]),
      v = rand(rng(6), [4]);
    const want = np.stack([0, 1, 2, 3].map((i) => pad(np.take(a, i, 0), np.take(v, i, 0))));
    expectClose(vmap(pad)(a, v), want, 1e-12);
    expectClose(
      vmap(pad, { inAxes: [null, 0] })(np.take(a, 0, 0), v),
      np.stack([0, 1, 2, 3].map((i) => pad(np.take(a, 0, 0), np.take(v, i, 0)))),
      1e-12,
    );
    expectClose(jit(vmap(pad))(a, v), want, 1e-12);
  });

  it("vmap inside jit inside vmap", () => {
    const inner = jit((a: NDArray) => np.sum(np.square(a)));
    const got = vmap((row: NDArray) => vmap(inner)(np.reshape(row, [3, 1])))(x);
    expectClose(got, np.square(x), 1e-12);
  });
});

describe("checkGrads", () => {
  it("detects a wrong derivative", () => {
    // stop_gradient makes the derivative disagree with finite differences
    expect(() => checkGrads((a: NDArray) => np.multiply(stopGradient(a), a), [f64([1, 2])])).toThrow(GradCheckError);
    expect(() => checkGrads((a: NDArray) => np.multiply(stopGradient(a), a), [f64([1, 2])], { modes: ["rev"] })).toThrow(/reverse mode/);
  });

  it("accepts float32 inputs (checked in float64) and pytrees", () => {
    checkGrads((p: { a: NDArray; b: NDArray }) => np.sum(np.multiply(np.sin(p.a), p.b)), [{ a: np.array([1, 2]), b: np.array([3, 4]) }], {
      order: 2,
    });
  });
});
