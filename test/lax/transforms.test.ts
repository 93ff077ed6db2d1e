// Transformations of the higher-order primitives: gradients of cond/switch/scan/foriLoop and of custom
// rules against float64 central differences (checkGrads), vmap against a JS loop over the batch, reverse
// mode through whileLoop as a typed error, and jit as a primitive (grad/vmap of a jitted function compile).
import { describe, expect, it } from "vitest";
import {
  type NDArray,
  TransformError,
  checkGrads,
  checkpoint,
  customJvp,
  customVjp,
  grad,
  jit,
  jvp,
  lax,
  makeJaxpr,
  numpy as np,
  vmap,
} from "@numjit/runtime";
import { expectClose, rand, rng } from "../transforms/helpers.js";

const f64 = (x: number | number[] | number[][]) => np.array(x, { dtype: "float64" });
const opts = { order: 2 as const, atol: 1e-6, rtol: 1e-6 };

/** checkGrads on f and on jit(f). */
function check(f: (...a: NDArray[]) => unknown, args: NDArray[], o: object = opts) {
  checkGrads(f, args, o);
  checkGrads(jit(f), args, o);
}

describe("gradients vs central differences", () => {
  it("cond with a traced predicate, both branches", () => {
    const f = (x: NDArray, y: NDArray) =>
      lax.cond(
        np.greater(np.sum(x), 0),
        (a: NDArray, b: NDArray) => np.sin(np.multiply(a, b)),
        (a: NDArray, b: NDArray) => np.exp(np.subtract(a, b)),
        x,
        y,
      );
    check(f, [f64([0.3, 0.5]), f64([1.2, -0.7])]);
    check(f, [f64([-0.3, -0.5]), f64([1.2, -0.7])]);
    expectClose(
      grad((x: NDArray) => np.sum(f(x, f64([2, 3]))))(f64([0.1, 0.2])),
      np.multiply(np.cos(np.multiply(f64([0.1, 0.2]), f64([2, 3]))), f64([2, 3])),
    );
  });
  it("switch over three branches, closed-over weights", () => {
    const w = f64([0.5, -1.5]);
    for (const i of [0, 1, 2]) {
      const f = (x: NDArray) =>
        lax.switch(
          np.array(i, { dtype: "int32" }),
          [(a: NDArray) => np.tanh(np.multiply(a, w)), (a: NDArray) => np.square(a), (a: NDArray) => np.log1p(np.square(a))],
          x,
        );
      check(f, [f64([0.4, 0.9])]);
    }
  });
  it("scan: an RNN over a sequence, gradient w.r.t. closed-over weights, init and xs, forward and reverse", () => {
    const r = rng(11);
    const W = rand(r, [3, 3], "unit"),
      h0 = rand(r, [3], "unit"),
      xs = rand(r, [5, 3], "unit");
    for (const reverse of [false, true]) {
      const f = (W: NDArray, h0: NDArray, xs: NDArray) => {
        const [h, ys] = lax.scan(
          (h: NDArray, x: NDArray) => {
            const h2 = np.tanh(np.add(np.matmul(W, h), x));
            return [h2, np.multiply(h2, h2)] as const;
          },
          h0,
          xs,
          { reverse },
        );
        return np.add(np.sum(h), np.sum(np.multiply(ys, 0.3)));
      };
      check(f, [W, h0, xs], { ...opts, order: 1 });
    }
  });
  it("scan with a pytree carry; second order", () => {
    const f = (x: NDArray, xs: NDArray) =>
      lax.scan(
        (c: { a: NDArray; b: NDArray }, t: NDArray) =>
          [{ a: np.multiply(c.a, np.cos(t)), b: np.add(c.b, np.sin(np.multiply(c.a, t))) }, c.a] as const,
        { a: x, b: np.multiply(x, 0) },
        xs,
      );
    check(f, [f64([0.5, 1.5]), f64([0.1, 0.7, -0.4])]);
  });
  it("foriLoop with static bounds (reverse mode through its scan)", () => {
    const f = (x: NDArray) => lax.foriLoop(0, 6, (i: NDArray, v: NDArray) => np.sin(np.add(np.multiply(v, 1.1), np.multiply(i, 0.25))), x);
    check(f, [f64([0.2, -0.4, 1.0])]);
  });
  it("whileLoop: forward mode works, reverse mode is NJ508 with JAX's hint", () => {
    const f = (x: NDArray) =>
      lax.whileLoop(
        ([i]: [NDArray, NDArray]) => np.less(i, 4),
        ([i, v]: [NDArray, NDArray]) => [np.add(i, 1), np.sin(v)] as [NDArray, NDArray],
        [np.array(0, { dtype: "int32" }), x] as [NDArray, NDArray],
      )[1];
    checkGrads(f, [f64([0.3, 0.8])], { modes: ["fwd"], order: 2, atol: 1e-6, rtol: 1e-6 });
    checkGrads(jit(f), [f64([0.3, 0.8])], { modes: ["fwd"], atol: 1e-6, rtol: 1e-6 });
    try {
      grad((x: NDArray) => np.sum(f(x)))(f64([0.3, 0.8]));
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(TransformError);
      expect((e as TransformError).code).toBe("NJ508");
      expect((e as Error).message).toContain("lax.scan");
    }
  });
  it("customJvp: the rule is used (grad equals the rule, not the function's own derivative) and is checked", () => {
    // log(1 + exp(x)) with a stable derivative: the rule is the true derivative, so checkGrads holds
    const softplus = customJvp((x: NDArray) => np.log1p(np.exp(x)));
    softplus.defjvp(([x]: [NDArray], [t]: [NDArray]) => [softplus(x), np.multiply(t, np.divide(1, np.add(1, np.exp(np.negative(x)))))]);
    check(softplus, [f64([-2, 0.5, 3])]);
    // a deliberately different rule shows it is the one that runs
    const g = customJvp((x: NDArray) => np.sin(x));
    g.defjvp(([x]: [NDArray], [t]: [NDArray]) => [np.sin(x), np.multiply(t, 7)]);
    const x = f64([0.1, 0.2]);
    expectClose(grad((x: NDArray) => np.sum(g(x)))(x), f64([7, 7]));
    expectClose(jvp(g, [x], [f64([1, 2])])[1], f64([7, 14]));
    expectClose(jit(grad((x: NDArray) => np.sum(g(x))))(x), f64([7, 7]));
    expectClose(g(x), np.sin(x));
  });
  it("customVjp: bwd is used; forward mode is NJ508", () => {
    const clip = customVjp((x: NDArray) => np.multiply(x, 1));
    clip.defvjp(
      (x: NDArray) => [clip(x), null],
      (_r: null, ct: NDArray) => [np.clip(ct, -1, 1)],
    );
    const L = (x: NDArray) => np.sum(np.multiply(clip(x), f64([5, -0.5, -3])));
    expectClose(grad(L)(f64([1, 2, 3])), f64([1, -0.5, -1]));
    expectClose(jit(grad(L))(f64([1, 2, 3])), f64([1, -0.5, -1]));
    const sq = customVjp((x: NDArray) => np.square(x));
    sq.defvjp(
      (x: NDArray) => [np.square(x), x],
      (x: NDArray, ct: NDArray) => [np.multiply(np.multiply(x, 2), ct)],
    );
    checkGrads(sq, [f64([0.5, -1.5])], { modes: ["rev"], atol: 1e-6, rtol: 1e-6 });
    try {
      jvp(sq, [f64([1])], [f64([1])]);
      throw new Error("expected an error");
    } catch (e) {
      expect((e as TransformError).code).toBe("NJ508");
    }
  });
  it("checkpoint: same values and gradients; the backward pass recomputes", () => {
    const body = (x: NDArray) => np.sin(np.cos(np.multiply(x, x)));
    const f = (x: NDArray) => np.sum(checkpoint(body)(x));
    const x = f64([0.3, 1.1, -0.7]);
    expectClose(grad(f)(x), grad((x: NDArray) => np.sum(body(x)))(x));
    check(checkpoint(body), [x]);
    expect(String(makeJaxpr(grad(f))(x))).toContain("checkpoint[");
  });
});

describe("vmap vs a JS loop over the batch", () => {
  const xs = rand(rng(21), [5, 3]);
  const loop = (f: (x: NDArray) => NDArray, xs: NDArray) => np.stack(Array.from({ length: xs.shape[0]! }, (_, i) => f(xs.slice(i))));
  it("cond with a batched predicate runs both branches and selects", () => {
    const f = (x: NDArray) =>
      lax.cond(
        np.greater(np.sum(x), 0),
        (a: NDArray) => np.sin(a),
        (a: NDArray) => np.multiply(a, 3),
        x,
      );
    expectClose(vmap(f)(xs), loop(f, xs));
    expectClose(jit(vmap(f))(xs), loop(f, xs));
  });
  it("cond with an unbatched predicate keeps one cond", () => {
    const f = (p: NDArray, x: NDArray) =>
      lax.cond(
        p,
        (a: NDArray) => np.sin(a),
        (a: NDArray) => np.cos(a),
        x,
      );
    expectClose(vmap(f, { inAxes: [null, 0] })(np.array(true), xs), np.sin(xs));
    expect(String(makeJaxpr(vmap(f, { inAxes: [null, 0] }))(np.array(true), xs))).toMatch(/cond\[/);
  });
  it("switch with a batched index (clamped per lane)", () => {
    const br = [(a: NDArray) => np.add(a, 1), (a: NDArray) => np.square(a), (a: NDArray) => np.negative(a)];
    const f = (i: NDArray, x: NDArray) => lax.switch(i, br, x);
    const idx = np.array([0, 1, 2, 5, -1], { dtype: "int32" });
    const want = np.stack([0, 1, 2, 2, 0].map((k, i) => br[k]!(xs.slice(i))));
    expectClose(vmap(f)(idx, xs), want);
    expectClose(jit(vmap(f))(idx, xs), want);
  });
  it("whileLoop with a batched predicate runs until every lane is done", () => {
    const f = (x: NDArray) =>
      lax.whileLoop(
        (v: NDArray) => np.less(np.sum(v), 20),
        (v: NDArray) => np.add(np.multiply(v, 1.5), 1),
        x,
      );
    expectClose(vmap(f)(xs), loop(f, xs));
    expectClose(jit(vmap(f))(xs), loop(f, xs));
  });
  it("scan with batched xs and carry; foriLoop", () => {
    const f = (x: NDArray) => lax.scan((c: NDArray, t: NDArray) => [np.add(np.multiply(c, 0.5), t), np.sin(c)] as const, f64(0), x);
    const got = vmap(f)(xs) as unknown as [NDArray, NDArray];
    const want = xs.shape[0] === 5 ? Array.from({ length: 5 }, (_, i) => f(xs.slice(i))) : [];
    expectClose(got[0], np.stack(want.map((w) => w[0])));
    expectClose(got[1], np.stack(want.map((w) => w[1])));
    // unbatched xs, batched init (inAxes null for xs)
    const g = (c: NDArray, x: NDArray) => lax.scan((c: NDArray, t: NDArray) => [np.add(c, t), c] as const, c, x);
    const init = f64([1, 2, 3]);
    const r = vmap(g, { inAxes: [0, null] })(init, f64([1, 2])) as unknown as [NDArray, NDArray];
    expectClose(r[0], f64([4, 5, 6]));
    expectClose(
      r[1],
      f64([
        [1, 2],
        [2, 3],
        [3, 4],
      ]),
    );
    const h = (x: NDArray) => lax.foriLoop(0, 4, (i: NDArray, v: NDArray) => np.add(np.sin(v), i), x);
    expectClose(vmap(h)(xs), loop(h, xs));
  });
  it("grad of vmap and vmap of grad through scan", () => {
    const f = (w: NDArray, x: NDArray) =>
      np.sum(lax.scan((c: NDArray, t: NDArray) => [np.tanh(np.add(np.multiply(c, w), t)), c] as const, f64(0.1), x)[1]);
    const w = f64(0.7);
    const g = vmap(grad(f), { inAxes: [null, 0] })(w, xs);
    expectClose(g, np.stack(Array.from({ length: 5 }, (_, i) => grad(f)(w, xs.slice(i)))));
  });
});

describe("custom rules under vmap", () => {
  const xs = f64([
    [1, 2],
    [3, 4],
  ]);
  it("grad of vmap of customVjp / customJvp / checkpoint uses the rules per lane", () => {
    const g = customVjp((x: NDArray) => np.sin(x));
    g.defvjp(
      (x: NDArray) => [g(x), np.cos(x)],
      (c: NDArray, ct: NDArray) => [np.multiply(np.multiply(c, ct), 3)],
    );
    expectClose(vmap(g)(xs), np.sin(xs));
    expectClose(grad((x: NDArray) => np.sum(vmap(g)(x)))(xs), np.multiply(np.cos(xs), 3));
    const f = customJvp((x: NDArray) => np.sin(x));
    f.defjvp(([x]: [NDArray], [t]: [NDArray]) => [f(x), np.multiply(t, 5)]);
    expectClose(grad((x: NDArray) => np.sum(vmap(f)(x)))(xs), np.multiply(np.onesLike(xs), 5));
    expectClose(jvp(vmap(f), [xs], [xs])[1], np.multiply(xs, 5));
    const h = checkpoint((x: NDArray) => np.sin(x));
    expectClose(grad((x: NDArray) => np.sum(vmap(h)(x)))(xs), np.cos(xs));
  });
});

describe("jit as a primitive", () => {
  const f = (x: NDArray) => np.sum(np.sin(np.multiply(x, x)));
  const x = f64([0.5, 1, 1.5]);
  it("grad(jit(f)) compiles the forward and backward programs and equals eager", () => {
    const jf = jit(f);
    expectClose(grad(jf)(x), grad(f)(x));
    // one trace of f (on JVP tracers); its transformed programs compile (kernels), they are not traces
    expect(jf.cacheInfo().traces).toBe(1);
    const kernels = jf.cacheInfo().runtimeCompiles;
    expect(kernels).toBeGreaterThan(0);
    grad(jf)(x);
    expect(jf.cacheInfo()).toMatchObject({ traces: 1, runtimeCompiles: kernels }); // transformed programs are cached
  });
  it("vmap(jit(f)) compiles one batched program and equals eager", () => {
    const g = (x: NDArray) => np.tanh(np.multiply(x, 2));
    const jg = jit(g);
    const xs = rand(rng(31), [4, 3]);
    expectClose(vmap(jg)(xs), vmap(g)(xs));
    expect(jg.cacheInfo().traces).toBe(1);
    vmap(jg)(xs);
    expect(jg.cacheInfo().traces).toBe(1);
  });
  it("jit(grad(jit(f))) inlines the inner jit and equals eager", () => {
    const jf = jit(f);
    const jgj = jit(grad(jf));
    expectClose(jgj(x), grad(f)(x));
    expect(jgj.cacheInfo().traces).toBe(1);
    expect(jgj.lower(x).optimized.eqns.some((e) => e.primitive === "jit_call")).toBe(false);
    // traced once inside jgj's trace; inlined: it never compiled on its own
    expect(jf.cacheInfo()).toMatchObject({ traces: 1, runtimeCompiles: 0 });
  });
  it("makeJaxpr prints the nested jit program", () => {
    const jf = jit(f);
    const s = String(makeJaxpr((x: NDArray) => jf(np.cos(x)))(x));
    expect(s).toContain("jit_call[jaxpr={ lambda a:f64[3]. let");
    expect(s).toContain("name=f]");
  });
  it("jvp(jit(f)) and a jitted function closing over a traced value still work", () => {
    const jf = jit(f);
    const [, t] = jvp(jf, [x], [f64([1, 0, 0])]);
    expectClose(t, jvp(f, [x], [f64([1, 0, 0])])[1]);
    const h = (w: NDArray) => jit((y: NDArray) => np.sum(np.multiply(y, w)))(x);
    expectClose(grad(h)(f64([1, 2, 3])), x);
  });
});
