// Bugs found by the differential fuzz against JAX (scripts/fuzz/), kept as regression tests once fixed.
// A new finding goes in as `it.fails` asserting JAX's (hand-checked) answer; remove `.fails` with the fix.
import { describe, expect, it } from "vitest";
import { numpy as np, jit, jvp, type NDArray } from "@numjit/runtime";

describe("fuzz findings", () => {
  // fuzz: grad-1-63 (jit_jvp), shrunk. Raw "TypeError: Cannot read properties of undefined (reading 'slot')"
  // at jit/plan.js:93. JAX: jax.jit(lambda p, t: jax.jvp(lambda a, b: jnp.einsum("i,i->", a, b), p, t)).
  // fixed with the dot-epilogue scheduling fix (an equation joins at most one dot's epilogue)
  it("jit(jvp) of einsum('i,i->') returns the primal and tangent", () => {
    const a = np.array([1, 2, 3]),
      b = np.array([4, 5, 6]);
    const ta = np.array([1, 0, 0]),
      tb = np.array([0, 1, 0]);
    const f = (x: NDArray, y: NDArray) => np.einsum("i,i->", x, y);
    const jitJvp = jit((x: NDArray, y: NDArray, tx: NDArray, ty: NDArray) => jvp(f, [x, y], [tx, ty]));
    const [out, tout] = jitJvp(a, b, ta, tb);
    expect(out.item()).toBe(32); // 4 + 10 + 18
    expect(tout.item()).toBe(6); // ta.b + a.tb = 4 + 2
  });
});

describe("fuzz findings: int32 -> float32 in fused kernels", () => {
  // fuzz: fwd-1-493. An int32 above 2^24 converted to float32 inside a fused kernel was not rounded, so
  // cos() of it differed from eager (and JAX), which store the cast as float32 first.
  it("jit rounds an int32 -> float32 cast like eager does", () => {
    const x = np.array([16777217, 1000000001, -2147483647, 7], { dtype: "int32" });
    const f = (v: NDArray) => np.cos(v.astype("float32"));
    const eager = f(x).toArray();
    expect(jit(f)(x).toArray()).toEqual(eager);
    const shifted = jit((v: NDArray) => np.subtract(v.astype("float32"), 16777216))(x).toTypedArray();
    expect(shifted[0]).toBe(0);
  });
});

describe("fuzz findings: seed 31", () => {
  // fuzz: fwd-31-410 (jit only). A float32 matmul whose result is widened to float64 for a second dot: the
  // widening cast fused into the first dot's epilogue read the double accumulator without rounding it to
  // float32 first, so jit differed from eager (and JAX) in the 8th digit.
  it("a float32 dot widened to float64 inside jit equals eager bit for bit", () => {
    const a = np.array(Float32Array.from([-3.5, 2.5, -2.75, 3.25]), { dtype: "float32" }).reshape([1, 4]);
    const b = np
      .array(Float32Array.from([3.25, -3, 0.5, 1e30, 1.75, -0.75, -1.25, 3.5, 0, -3.5, -3.25, 0]), { dtype: "float32" })
      .reshape([4, 3]);
    const c = np.array([-1.75, 1, 2, -3.25, 3.75, -2.75, -0.5, 0, -0.75], { dtype: "float64" }).reshape([3, 3]);
    const f = (p: NDArray, q: NDArray, r: NDArray) => np.dot(np.matmul(p, q), r);
    const eager = f(a, b, c);
    expect(eager.toTypedArray()[0]).toBe(-4.374999933606403e30); // JAX 0.10.2 (x64)
    expect(Array.from(jit(f)(a, b, c).toTypedArray())).toEqual(Array.from(eager.toTypedArray()));
    // the transposed and offset views of the same operands take the same path
    const bt = np.array(Float32Array.from(b.toTypedArray()), { dtype: "float32" }).reshape([4, 3]).T.T;
    const big = np.concatenate([np.zeros([1, 4], { dtype: "float32" }), a]);
    expect(Array.from(jit(f)(big.slice(1), bt, c).toTypedArray())).toEqual(Array.from(eager.toTypedArray()));
  });

  // fuzz: grad-31-10 (jvp, jit_jvp). The tangent of max(log(x)) with a 0 in x: log's tangent there is -inf,
  // and the max rule multiplied it by the 0 of its location mask (NaN). JAX under jit answers the tangent of
  // the maximum element (-2.375 / 1.84375); the rule now selects the located tangents instead of multiplying.
  it("jvp of max does not let an infinite tangent of a non-maximal element through", () => {
    const x = np.array(Float32Array.from([0, 0.21875, 1.84375]), { dtype: "float32" });
    const t = np.array(Float32Array.from([-2.765625, 0.09375, -2.375]), { dtype: "float32" });
    const f = (v: NDArray) => np.max(np.log(v));
    const eager = jvp(f, [x], [t])[1];
    const jitted = jit((p: NDArray, q: NDArray) => jvp(f, [p], [q]))(x, t)[1];
    for (const tout of [eager, jitted]) expect(tout.item()).toBeCloseTo(-1.2881356477737427, 6);
  });

  // fuzz: fwd-31-34 / fwd-31-120. An integer to a negative integer power: NumPy and JAX raise, numjit
  // returned int32 values.
  it("power of an integer array to a negative integer is a typed error", () => {
    const x = np.array([0, 6, 3], { dtype: "int32" });
    expect(() => np.power(x, -3)).toThrow(expect.objectContaining({ code: "NJ301" }));
    expect(() => jit((v: NDArray) => np.power(v, -1))(x)).toThrow(/integers to negative integer powers/);
    expect(np.power(x.astype("float32"), -1).toTypedArray()[1]).toBeCloseTo(1 / 6, 6);
    expect(Array.from(np.power(x, 2).toTypedArray())).toEqual([0, 36, 9]);
  });
});
