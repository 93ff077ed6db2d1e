// JS number parameters are traced as weakly typed scalars (they keep an f32 array f32).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([11]);
  const A1 = Object.freeze([0]);
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    if (s0[0] !== 11) return R.fail("dim", "x.shape[0] == 11", 11, s0[0]);
    if (x1.dtype !== "float64") return R.fail("dtype", "lr", "float64", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "lr", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 0) return R.fail("rank", "lr", 0, s1.length);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = new Float32Array(11);
    k0(H, b2, A0, b1, o1, A1, b0, o0, A2, A3);
    return new N(b2, A0, "float32", A2, 0, false, 11);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0], guessed: true }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_p1 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([143]);
  const A1 = Object.freeze([0]);
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([]);
  const A4 = Object.freeze([11, 13]);
  const A5 = Object.freeze([13, 1]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    if (s0[0] !== 11) return R.fail("dim", "x.shape[0] == 11", 11, s0[0]);
    if (s0[1] !== 13) return R.fail("dim", "x.shape[1] == 13", 13, s0[1]);
    if (x1.dtype !== "float64") return R.fail("dtype", "alpha", "float64", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "alpha", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 0) return R.fail("rank", "alpha", 0, s1.length);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = new Float32Array(143);
    k0(H, b2, A0, b1, o1, A1, b0, o0, A2, A3);
    return new N(b2, A4, "float32", A5, 0, false, 143);
  };
};
const __nj_t1p = [{ key: "[*,*]|S|", make: __nj_p1, kernels: [__nj_k1], guessed: true }];
/** @numjit x: f32[N], lr: number */
export const sgd = __nj_pre((x, lr) => np.subtract(x, np.multiply(lr, x)), { name: "sgd", kernels: __nj_t0, plans: __nj_t0p });
export const damp = __nj_pre((x, alpha = 0.9) => np.multiply(x, alpha), { name: "damp", kernels: __nj_t1, plans: __nj_t1p });
