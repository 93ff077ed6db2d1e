// Deviations from NumPy/JAX that were fixed: NumPy reference cases (refs/deviations.json, from
// scripts/gen_numpy_refs.py) run eager/jit/strided, plus JAX-only behaviour checked by hand against JAX 0.10.2.
import { describe, expect, it } from "vitest";
import { ArgumentError, ConcretizationError, type NDArray, grad, jit, jvp, linearize, nn, numpy as np, vmap } from "@numjit/runtime";
import { runRefFile } from "./runner.js";

runRefFile("deviations");

describe("JAX semantics without a NumPy counterpart", () => {
  it("grad(nn.relu) at 0 is 0 (jax.grad(jax.nn.relu)(0.) == 0.), 1 above, 0 below", () => {
    for (const g of [grad(nn.relu), jit(grad(nn.relu))]) {
      expect(g(np.array(0)).item()).toBe(0);
      expect(g(np.array(2)).item()).toBe(1);
      expect(g(np.array(-2)).item()).toBe(0);
    }
    expect(vmap(grad(nn.relu))(np.array([-1, 0, 3])).toArray()).toEqual([0, 0, 1]);
    expect(grad(jit(nn.relu))(np.array(0)).item()).toBe(0);
    expect(grad((x: NDArray) => np.sum(vmap(nn.relu)(x)))(np.array([-1, 0, 3])).toArray()).toEqual([0, 0, 1]);
  });

  it("grad(np.abs) at 0 is 1 as in JAX (select(x >= 0, g, -g)), under grad, jit(grad), jvp and vmap", () => {
    const f = (x: NDArray) => np.sum(np.abs(x));
    const x = np.array([-2, 0, 3]);
    expect(grad(f)(x).toArray()).toEqual([-1, 1, 1]);
    expect(jit(grad(f))(x).toArray()).toEqual([-1, 1, 1]);
    expect(vmap(grad((v: NDArray) => np.abs(v)))(x).toArray()).toEqual([-1, 1, 1]);
    expect(jvp((v: NDArray) => np.abs(v), [np.array(0)], [np.array(1)])[1].item()).toBe(1);
  });

  it("nn.softplus' is sigmoid everywhere, 0.5 at 0 (JAX's logaddexp(x, 0)); nn.gelu(exact)' at 0 is 0.5", () => {
    const xs = np.array([-3, -0.5, 0, 0.5, 3], { dtype: "float64" });
    const g = vmap(grad((v: NDArray) => nn.softplus(v)))(xs).toArray() as number[];
    const want = [-3, -0.5, 0, 0.5, 3].map((v) => 1 / (1 + Math.exp(-v)));
    g.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
    expect(grad((v: NDArray) => nn.gelu(v, { approximate: false }))(np.array(0, { dtype: "float64" })).item()).toBeCloseTo(0.5, 7);
  });

  it("np.maximum / np.clip keep lax.max's rule: a tie splits the derivative (jax.grad(lambda x: jnp.maximum(x, 0.))(0.) == 0.5)", () => {
    expect(grad((x: NDArray) => np.maximum(x, 0))(np.array(0)).item()).toBe(0.5);
    expect(grad((x: NDArray) => np.minimum(x, 0))(np.array(0)).item()).toBe(0.5);
    expect(grad((x: NDArray) => np.clip(x, 0, 1))(np.array(0)).item()).toBe(0.5);
    expect(jit(grad((x: NDArray) => np.maximum(x, 0)))(np.array(0)).item()).toBe(0.5);
  });

  it("linearize traces f like jvp: method calls on JS-number primals work and dtypes agree", () => {
    const f = (x: NDArray) => x.sin().mul(2);
    const [out, fJvp] = linearize(f as (x: unknown) => NDArray, 1.5);
    const [jOut, jTan] = jvp(f as (x: unknown) => NDArray, [1.5], [1]);
    expect(out.dtype).toBe(jOut.dtype);
    expect(out.item()).toBeCloseTo(2 * Math.sin(1.5), 6);
    const t = fJvp(1);
    expect(t.dtype).toBe(jTan.dtype);
    expect(t.item()).toBeCloseTo(2 * Math.cos(1.5), 6);
  });

  it("float32 prod rounds every step under jit, as eagerly", () => {
    const x = np.array([1e20, 1e20, 1e-20, 1e-20]);
    expect(np.prod(x).item()).toBe(Infinity);
    expect(jit((a: NDArray) => np.prod(np.multiply(a, 1)))(x).item()).toBe(Infinity);
  });

  it("astype('int32') saturates like JAX on CPU, eagerly and under jit", () => {
    const x = np.array([3e9, -3e9, Infinity, -Infinity, NaN, -2.7], { dtype: "float64" });
    const want = [2147483647, -2147483648, 2147483647, -2147483648, 0, -2];
    expect(x.astype("int32").toArray()).toEqual(want);
    expect(jit((a: NDArray) => a.astype("int32"))(x).toArray()).toEqual(want);
  });
});

describe("np.allclose is a JS boolean", () => {
  it("eagerly: true/false, so `if (np.allclose(a, b))` works", () => {
    expect(np.allclose([1, 2], [1, 2 + 1e-7])).toBe(true);
    expect(np.allclose([1, 2], [1, 3])).toBe(false);
    expect(np.allclose([NaN], [NaN], { equalNan: true })).toBe(true);
  });
  it("under grad (no jit) values are concrete, as in JAX: Python-style control flow works", () => {
    const f = (a: NDArray) => (np.allclose(a, 1) ? np.multiply(a, 3) : np.negative(a));
    expect(grad((a: NDArray) => np.sum(f(a)))(np.array([1])).toArray()).toEqual([3]);
    expect(grad((a: NDArray) => np.sum(f(a)))(np.array([2])).toArray()).toEqual([-1]);
  });
  it("under jit/vmap (abstract values): ConcretizationError pointing to np.isclose(a, b).all()", () => {
    const f = (a: NDArray) => (np.allclose(a, 1) ? a : np.negative(a));
    for (const run of [
      () => jit(f)(np.array([1])),
      () => jit(grad((a: NDArray) => np.sum(f(a))))(np.array([1])),
      () => vmap(f)(np.array([1, 2])),
    ]) {
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConcretizationError);
      expect((err as ConcretizationError).code).toBe("NJ401");
      expect((err as Error).message).toContain("np.isclose(a, b).all()");
    }
    // the traced-array form works
    expect(jit((a: NDArray) => np.isclose(a, 1).all())(np.array([1, 1])).item()).toBe(true);
  });
});

describe("np.arrayEqual / np.arrayEquiv are JS booleans (NumPy's array_equal / array_equiv)", () => {
  it("eagerly, with NumPy's values", () => {
    // np.array_equal([1, 2], [1, 2]) True; [1, 3] False; shape (2,) vs (1, 2) False; NaN only with equal_nan
    expect(np.arrayEqual([1, 2], [1, 2])).toBe(true);
    expect(np.arrayEqual([1, 2], [1, 3])).toBe(false);
    expect(np.arrayEqual([1, 2], [[1, 2]])).toBe(false);
    expect(np.arrayEqual([NaN], [NaN])).toBe(false);
    expect(np.arrayEqual([NaN], [NaN], { equalNan: true })).toBe(true);
    // np.array_equiv([1, 2], [[1, 2], [1, 2]]) True; [[1, 2], [1, 3]] False; (2,) vs (3,) False
    expect(
      np.arrayEquiv(
        [1, 2],
        [
          [1, 2],
          [1, 2],
        ],
      ),
    ).toBe(true);
    expect(
      np.arrayEquiv(
        [1, 2],
        [
          [1, 2],
          [1, 3],
        ],
      ),
    ).toBe(false);
    expect(np.arrayEquiv([1, 2], [1, 2, 3])).toBe(false);
  });
  it("under jit: ConcretizationError pointing to np.equal(a, b).all()", () => {
    for (const f of [(a: NDArray) => np.arrayEqual(a, a), (a: NDArray) => np.arrayEquiv(a, a)]) {
      let err: unknown;
      try {
        jit(f as unknown as (a: NDArray) => NDArray)(np.array([1]));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConcretizationError);
      expect((err as Error).message).toContain("np.equal(a, b).all()");
    }
  });
});

describe("NDArray.shape and .strides are immutable", () => {
  it("frozen: push/index assignment cannot corrupt an array", () => {
    const z = np.zeros([2, 3]);
    expect(Object.isFrozen(z.shape)).toBe(true);
    expect(Object.isFrozen(z.strides)).toBe(true);
    expect(() => (z.shape as number[]).push(3)).toThrow(TypeError);
    expect(() => ((z.strides as number[])[0] = 1)).toThrow(TypeError);
    expect(z.shape).toEqual([2, 3]);
    expect(z.strides).toEqual([3, 1]);
    expect(np.add(z, 1).toArray()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });
  it("getter-only: assigning .shape is an ArgumentError and changes nothing", () => {
    const z = np.arange(6);
    let err: unknown;
    try {
      (z as unknown as { shape: number[] }).shape = [2, 3];
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as ArgumentError).code).toBe("NJ301");
    expect(z.shape).toEqual([6]);
  });
  it("a caller's shape list is copied, not aliased", () => {
    const s = [2, 2];
    const z = np.zeros(s);
    s.push(5);
    expect(z.shape).toEqual([2, 2]);
    expect(np.reshape(z, z.shape).shape).toEqual([2, 2]);
  });
});
