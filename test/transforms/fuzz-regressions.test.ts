// Regressions from the differential fuzz against JAX 0.10.2 (scripts/fuzz): grad-1-23, grad-1-62, grad-1-201,
// vmap-1-144 (float32 chains widened into float64 ops), grad-1-163 (the gradient of max through a NaN) and
// fwd-2-836 (a periodic function of a fused float32 chain).
import { describe, expect, it } from "vitest";
import { type NDArray, getBackend, grad, jit, jvp, nn, numpy as np, setBackend, valueAndGrad, vmap } from "@numjit/runtime";

const f32 = (d: number[], shape: number[]) => np.reshape(np.array(Float32Array.from(d), { dtype: "float32" }), shape);
const f64 = (d: number[], shape: number[]) => np.reshape(np.array(Float64Array.from(d), { dtype: "float64" }), shape);
const bitsOf = (a: NDArray) => Array.from(a.toTypedArray());
/** Bit for bit (toEqual distinguishes -0 and treats NaN as equal to NaN). */
const expectSameBits = (got: NDArray, want: NDArray) => {
  expect(got.dtype).toBe(want.dtype);
  expect(got.shape).toEqual(want.shape);
  expect(bitsOf(got)).toEqual(bitsOf(want));
};

// grad-1-23 (shrunk): a float32 tanh -> gelu chain meeting a float64 array in matmul.
const a = f32([1.203125, -2.75, 2.65625, -2.71875, 0.4375, -1.75, -2.46875, -1.125], [4, 2]);
const b = f64([2.171875, -1.390625, 0.6875, -2.84375, 0, 1.90625, -1.78125, 0.078125], [2, 4]);
const chainMatmul = (a: NDArray, b: NDArray) => np.sum(np.matmul(b, nn.gelu(np.tanh(a))));
// grad-1-62 / grad-1-201 (shrunk): gelu in float32, then a float64 multiply / a stack with a float64 array.
const x = f32([1.375, 0, 1.796875, 1.28125, -1.859375, -2.53125, 2.03125, -1.953125, -0.359375, 1.234375], [2, 5]);
const y = f64([-1.40625, -1.546875, 1.390625, 1.84375, 2.875, 0.171875, 2.8125, 0.6875, 1.0625, -0.15625], [2, 5]);
const chainMul = (x: NDArray, y: NDArray) => np.sum(np.multiply(np.subtract(np.minimum(nn.gelu(x), 2), 0.5), y));
const chainStack = (x: NDArray, y: NDArray) => np.sum(np.stack([nn.gelu(x), y], 2));

describe("float32 chains widened to float64 under transformations (fuzz grad-1-23/62/201, vmap-1-144)", () => {
  const cases: [string, (p: NDArray, q: NDArray) => NDArray, NDArray, NDArray][] = [
    ["tanh -> gelu -> matmul(f64)", chainMatmul, a, b],
    ["gelu -> minimum -> subtract -> multiply(f64)", chainMul, x, y],
    ["gelu -> stack with f64", chainStack, x, y],
  ];
  for (const [name, f, p, q] of cases) {
    it(`primal of valueAndGrad / jvp / grad(jit) equals eager bit for bit: ${name}`, () => {
      const eager = f(p, q);
      expect(eager.dtype).toBe("float64");
      expectSameBits(valueAndGrad(f, { argnums: [0, 1] })(p, q)[0], eager);
      expectSameBits(jvp(f, [p, q], [np.onesLike(p), np.onesLike(q)])[0], eager);
      expectSameBits(valueAndGrad(jit(f), { argnums: [0, 1] })(p, q)[0], eager);
    });
    it(`under jit too (the widened float32 cone is rounded across kernels): ${name}`, () => {
      const eager = f(p, q);
      expectSameBits(jit(f)(p, q), eager);
      const ones = [np.onesLike(p), np.onesLike(q)] as const;
      expectSameBits(jit((p: NDArray, q: NDArray, s: NDArray, t: NDArray) => jvp(f, [p, q], [s, t])[0])(p, q, ...ones), eager);
      expectSameBits(jit(valueAndGrad(f, { argnums: [0, 1] }))(p, q)[0], eager);
    });
    it(`vmap equals the eager rows bit for bit: ${name}`, () => {
      const ps = np.stack([p, np.negative(p), np.multiply(p, 0.5)]);
      const qs = np.stack([q, q, np.negative(q)]);
      const rows = [0, 1, 2].map((i) => f(np.take(ps, i, 0), np.take(qs, i, 0)));
      expectSameBits(vmap(f)(ps, qs), np.stack(rows));
      expectSameBits(jit(vmap(f))(ps, qs), np.stack(rows));
    });
  }

  it("the cotangent of the float64 operand is the float64 sum of the eager float32 intermediates", () => {
    // d/db sum(b @ v) = row sums of v, v = gelu(tanh(a)) rounded to float32 as eager stores it
    const v = nn.gelu(np.tanh(a));
    expect(v.dtype).toBe("float32");
    const vv = Array.from(v.toTypedArray());
    const rowSums = [0, 1, 2, 3].map((k) => vv[2 * k]! + vv[2 * k + 1]!);
    const [, gb] = grad(chainMatmul, { argnums: [0, 1] })(a, b);
    expect(gb.dtype).toBe("float64");
    expect(bitsOf(gb)).toEqual([...rowSums, ...rowSums]);
  });
});

// JAX 0.10.2 (x64, op by op, i.e. not under jax.jit): reduce_max's rule shares the cotangent among the
// elements equal to the maximum, mask = eq(x, max) / count. With a NaN the maximum is NaN, nothing equals it,
// and ct / 0 * 0 is NaN: jax.grad(jnp.max)([1, nan, 3]) = [nan, nan, nan]. (Under jax.jit XLA rewrites
// mul(g, convert(mask)) to a select and returns 0, which is what the fuzz reference grad-1-163 recorded.)
describe("gradient of max/min through a NaN (fuzz grad-1-163), values from JAX 0.10.2", () => {
  const xn = np.array([1, NaN, 3]);
  it("grad and jvp of a full max/min are NaN", () => {
    expect(grad((x: NDArray) => np.max(x))(xn).toArray()).toEqual([NaN, NaN, NaN]);
    expect(grad((x: NDArray) => np.min(x))(xn).toArray()).toEqual([NaN, NaN, NaN]);
    const [p, t] = jvp((x: NDArray) => np.max(x), [xn], [np.array([1, 2, 4])]);
    expect([p.item(), t.item()]).toEqual([NaN, NaN]);
  });
  it("only the rows holding a NaN get NaN; ties share the cotangent", () => {
    const x2 = np.array([
      [1, NaN, 3],
      [3, 3, 1],
    ]);
    const g = grad((x: NDArray) => np.sum(np.multiply(np.max(x, 1), np.array([2, 5]))))(x2);
    expect(g.toArray()).toEqual([
      [NaN, NaN, NaN],
      [2.5, 2.5, 0],
    ]);
    const [p, t] = jvp(
      (x: NDArray) => np.max(x, 1),
      [x2],
      [
        np.array([
          [1, 2, 4],
          [1, 2, 4],
        ]),
      ],
    );
    expect(p.toArray()).toEqual([NaN, 3]);
    expect(t.toArray()).toEqual([NaN, 1.5]);
  });
  it("infinite maxima are ordinary ties", () => {
    expect(grad((x: NDArray) => np.max(x))(np.array([1, Infinity, Infinity])).toArray()).toEqual([0, 0.5, 0.5]);
    expect(grad((x: NDArray) => np.max(x))(np.array([-Infinity, -Infinity])).toArray()).toEqual([0.5, 0.5]);
  });
  it("grad-1-163: log1p(x < -1) is NaN, and the NaN maximum's gradient is NaN as in JAX op by op", () => {
    const x0 = f32([-1.625, -2.21875, 1.125, 0.9375, -1.6875], [5, 1]);
    const w = f64([-2.046875, 0.421875, 2.09375, 0.125, 2.15625, 1.265625], [1, 6]);
    const f = (x: NDArray) => np.sum(np.tanh(np.matmul(np.max(np.log1p(x), null, { keepdims: true }), w)));
    expect(Array.from(grad(f)(x0).toTypedArray())).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });
});

// fwd-2-836: sin(x - (-2**31)) for float32 x. x + 2**31 rounds to 2**31 in float32 (spacing 256), so eager
// and JAX take sin(2**31); a fused kernel computing the chain in double took sin(2147483645.25), an
// unrelated value (0.807 vs -0.971). A periodic function amplifies any difference in its argument, so its
// input cone is rounded to float32 after every step, as for the discontinuous ops.
describe("periodic functions of a fused float32 chain equal eager and JAX (fuzz fwd-2-836)", () => {
  const xs = f32([-2.75, 2.75, -2.25], [3]);
  // JAX 0.10.2 on CPU, jax.jit of the same chain
  const cases: [string, (x: NDArray) => NDArray, number[]][] = [
    ["sin(x - -2**31)", (x) => np.sin(np.subtract(x, -2147483648)), [-0.9713101983070374, -0.9713101983070374, -0.9713101983070374]],
    ["cos(x - -2**31)", (x) => np.cos(np.subtract(x, -2147483648)), [0.2378161996603012, 0.2378161996603012, 0.2378161996603012]],
    ["tan(x - -2**31)", (x) => np.tan(np.subtract(x, -2147483648)), [-4.08428955078125, -4.08428955078125, -4.08428955078125]],
    [
      "sin(x * 3.3e6 + 0.1)",
      (x) => np.sin(np.add(np.multiply(x, 3.3e6), 0.1)),
      [-0.6304214596748352, 0.6304214596748352, -0.29429662227630615],
    ],
  ];
  for (const [name, f, jax] of cases)
    it(name, () => {
      const eager = f(xs);
      for (const [i, v] of bitsOf(eager).entries()) expect(Math.abs(v - jax[i]!), `eager ${name}[${i}]`).toBeLessThan(1e-6);
      expectSameBits(jit(f)(xs), eager);
      expectSameBits(vmap(f)(np.stack([xs, xs])), np.stack([eager, eager]));
      // the wasm kernels round the same cone
      const big = np.tile(xs, [700]);
      const before = getBackend();
      setBackend("wasm");
      try {
        expectSameBits(jit(f)(big), f(big));
      } finally {
        setBackend(before);
      }
    });
});
