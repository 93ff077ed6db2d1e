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
