// Weakly typed JS scalars under jit and eager: a float keeps its double value when it meets float64
// (JAX semantics; it was rounded to float32 under jit), a scalar's value is a run-time argument (no
// recompile per value), and an integer outside int32 never silently wraps or turns an int32 op into
// a float32 one: it is JAX's OverflowError as a typed DTypeError (NJ204), eager and jit alike.
import { describe, expect, it } from "vitest";
import { numpy as np, jit, grad, DTypeError, type NDArray } from "@numjit/runtime";

const f64 = () => np.array([1, 2.5, -3, 1e-3], { dtype: "float64" });
const f32 = () => np.array([1, 2.5, -3, 1e-3], { dtype: "float32" });
const i32 = () => np.array([1, -2, 7], { dtype: "int32" });

/** Same dtype, weakness and bit-identical values. */
function expectSame(got: NDArray, want: NDArray, what: string): void {
  expect(got.dtype, `${what} dtype`).toBe(want.dtype);
  expect(got.weakType, `${what} weakType`).toBe(want.weakType);
  expect(got.shape, `${what} shape`).toEqual(want.shape);
  expect(Array.from(got.toTypedArray()), what).toEqual(Array.from(want.toTypedArray()));
}

describe("a weak float scalar keeps its double value under jit", () => {
  it("jit((x, s) => x + s)(float64 [1], 0.1) is 1.1, as eager", () => {
    const r = jit((x: NDArray, s: number) => np.add(x, s))(np.array([1], { dtype: "float64" }), 0.1);
    expect(r.dtype).toBe("float64");
    expect(r.toArray()).toEqual([1.1]);
  });

  const FNS: [string, (x: NDArray, s: number) => NDArray][] = [
    ["add", (x, s) => np.add(x, s)],
    ["multiply", (x, s) => np.multiply(x, s)],
    ["x*s + s", (x, s) => np.add(np.multiply(x, s), s)],
    ["s / x", (x, s) => np.divide(s, x)],
    ["where(x > 0, s, x)", (x, s) => np.where(np.greater(x, 0), s, x)],
    ["maximum", (x, s) => np.maximum(x, s)],
    ["method form x.sub(s)", (x, s) => x.sub(s)],
  ];
  const VALUES = [0.1, 1 / 3, 1e-8, Math.PI, -2.5e-7, 2.5e-300];
  for (const [name, f] of FNS) {
    it(`${name}: float64 arrays, bit-identical to eager for ${VALUES.length} values, one compile`, () => {
      const jf = jit(f);
      for (const s of VALUES) expectSame(jf(f64(), s), f(f64(), s), `${name} s=${s}`);
      expect(jf.cacheInfo().traces).toBe(1);
    });
  }

  it("a float32 array stays float32 and rounds the scalar like eager", () => {
    const jf = jit((x: NDArray, s: number) => np.add(x, s));
    for (const s of VALUES) expectSame(jf(f32(), s), np.add(f32(), s), `s=${s}`);
  });

  it("a scalar alone stays a weak float32, as eager", () => {
    const f = (s: number) => np.multiply(s, 3);
    expectSame(jit(f)(0.1), f(0.1), "0.1 * 3");
  });

  it("scalars closed over and literals inside the function", () => {
    const c = 0.1;
    const f = (x: NDArray) => np.add(np.multiply(x, c), 0.2);
    expectSame(jit(f)(f64()), f(f64()), "x*c + 0.2");
    expect(jit(f)(np.array([1], { dtype: "float64" })).toArray()).toEqual([0.1 + 0.2]);
  });

  it("scalars inside pytree arguments", () => {
    const f = (p: { x: NDArray; s: number[] }) => np.subtract(np.multiply(p.x, p.s[0]!), p.s[1]!);
    const jf = jit(f);
    expectSame(jf({ x: f64(), s: [0.1, 0.7] }), f({ x: f64(), s: [0.1, 0.7] }), "tree");
    expectSame(jf({ x: f64(), s: [0.3, 1e-9] }), f({ x: f64(), s: [0.3, 1e-9] }), "tree, other values");
    expect(jf.cacheInfo().traces).toBe(1);
  });

  it("under a transformation inside jit: jit(grad(f))(x, 0.1)", () => {
    const f = (x: NDArray, s: number) => np.sum(np.multiply(np.sin(x), s));
    expectSame(jit(grad(f))(f64(), 0.1), grad(f)(f64(), 0.1), "grad");
  });

  it("integers and booleans keep their classes (int32 + small int stays int32)", () => {
    const f = (x: NDArray, s: number) => np.add(x, s);
    expectSame(jit(f)(i32(), 5), f(i32(), 5), "int32 + 5");
    expectSame(jit(f)(f64(), 16777217), f(f64(), 16777217), "float64 + 2^24+1");
    expectSame(jit(f)(i32(), -(2 ** 31)), np.array([-2147483647, 2147483646, -2147483641], { dtype: "int32" }), "int32 + -2^31");
  });
});

describe("a JS integer outside int32 meeting int32 is a typed overflow error", () => {
  const BIG = [2 ** 31, -(2 ** 31) - 1, 1e10, 2 ** 53];
  const OPS: [string, (x: NDArray | number, s: number) => NDArray][] = [
    ["add", (x, s) => np.add(x, s)],
    ["subtract", (x, s) => np.subtract(x, s)],
    ["multiply", (x, s) => np.multiply(s, x)],
    ["maximum", (x, s) => np.maximum(x, s)],
    ["floor_divide", (x, s) => np.floorDivide(x, s)],
    ["less", (x, s) => np.less(x, s)],
    ["equal", (x, s) => np.equal(x, s)],
    ["where", (x, s) => np.where(true, x, s)],
  ];

  function expectOverflow(run: () => unknown, op: string, value: number, what: string): void {
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(err, what).toBeInstanceOf(DTypeError);
    const e = err as DTypeError;
    expect(e.code, what).toBe("NJ204");
    expect(e.data, what).toEqual({ op, value, dtype: "int32" });
  }

  for (const [op, f] of OPS) {
    it(`${op}: eager and jit, int32 and bool arrays`, () => {
      for (const v of BIG) {
        expectOverflow(() => f(i32(), v), op, v, `eager int32 ${op} ${v}`);
        expectOverflow(() => jit(f)(i32(), v), op, v, `jit int32 ${op} ${v}`);
        expectOverflow(() => f(np.array([true, false]), v), op, v, `eager bool ${op} ${v}`);
        expectOverflow(() => jit(f)(np.array([true, false]), v), op, v, `jit bool ${op} ${v}`);
      }
    });
  }

  it("two weak integers promote to int32 too; the value named is the one that does not fit", () => {
    expectOverflow(() => np.add(2 ** 31, 1), "add", 2 ** 31, "eager");
    expectOverflow(() => np.add(3, 2 ** 31), "add", 2 ** 31, "eager, second");
    expectOverflow(() => jit((a: number, b: number) => np.add(a, b))(2 ** 31, 1), "add", 2 ** 31, "jit");
    expectOverflow(() => i32().add(2 ** 40), "add", 2 ** 40, "method form");
  });

  it("jit names the value of the current call (the overflow is never cached)", () => {
    const jf = jit((x: NDArray, s: number) => np.add(x, s));
    expectOverflow(() => jf(i32(), 2 ** 31), "add", 2 ** 31, "first");
    expectOverflow(() => jf(i32(), 2 ** 32), "add", 2 ** 32, "second");
  });

  it("the int32 bounds themselves are fine", () => {
    const f = (x: NDArray, s: number) => np.add(x, s);
    for (const g of [f, jit(f)]) {
      expectSame(g(np.array([0], { dtype: "int32" }), 2 ** 31 - 1), np.array([2147483647], { dtype: "int32" }), "2^31-1");
      expectSame(g(np.array([0], { dtype: "int32" }), -(2 ** 31)), np.array([-2147483648], { dtype: "int32" }), "-2^31");
    }
  });

  it("with float arrays a large integer promotes normally (float64 keeps it exactly), eager and jit", () => {
    const f = (x: NDArray, s: number) => np.add(x, s);
    const jf = jit(f);
    for (const g of [f, jf]) {
      expectSame(g(np.array([1], { dtype: "float64" }), 2 ** 31 + 1), np.array([2147483650], { dtype: "float64" }), "f64");
      expectSame(g(np.array([1], { dtype: "float32" }), 2 ** 31 + 1), np.array([2147483648], { dtype: "float32" }), "f32");
      expectSame(g(np.array([0], { dtype: "float64" }), 2 ** 53), np.array([2 ** 53], { dtype: "float64" }), "2^53");
      expectSame(g(np.array([0], { dtype: "float64" }), 1e300), np.array([1e300], { dtype: "float64" }), "1e300");
    }
    expect(jf.cacheInfo().traces).toBe(2);
  });

  it("int32 / large integer is an inexact op: float32, as JAX's true_divide", () => {
    const f = (x: NDArray, s: number) => np.divide(x, s);
    const want = np.array([2 ** -31, -(2 ** -30), 7 * 2 ** -31], { dtype: "float32" });
    expectSame(f(i32(), 2 ** 31), want, "eager");
    expectSame(jit(f)(i32(), 2 ** 31), want, "jit");
  });

  it("non-integral numbers are floats and promote normally with int32", () => {
    const f = (x: NDArray, s: number) => np.add(x, s);
    const want = np.array([2147483648.5 + 1, 2147483648.5 - 2, 2147483648.5 + 7], { dtype: "float32" });
    expectSame(f(i32(), 2147483648.5), want, "eager");
    expectSame(jit(f)(i32(), 2147483648.5), want, "jit");
  });
});

it("a float scalar argument costs no kernel of its own (its casts fold into the consumer's loop)", () => {
  const sgd = jit((x: NDArray, lr: number) => np.subtract(x, np.multiply(lr, x)));
  const low = sgd.lower(np.ones([11]), 0.5);
  expect(low.kernels.map((k) => k.kind)).toEqual(["elementwise"]);
  const lr = Math.fround(0.1);
  expect(sgd(np.array([2, 4]), 0.1).toArray()).toEqual([Math.fround(2 - Math.fround(lr * 2)), Math.fround(4 - Math.fround(lr * 4))]);
});
