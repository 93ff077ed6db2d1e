// A static argument used only as a value (a clip bound, a scale) needs no build-time value: it is traced as a
// weak scalar input (a scalar kernel argument). One that decides a shape still needs a value (NJ708).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, a2, o2, s2, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0, "elementwise:#1": __nj_k1 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let d_N = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const A4 = Object.freeze([]);
  const T5 = [0] /* (d_N) */;
  const A6 = Object.freeze([0]);
  const A7 = Object.freeze([1]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float64") return R.fail("dtype", "k", "float64", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "k", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_N = s0[0];
      if (s1.length !== 0) return R.fail("rank", "k", 0, s1.length);
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = (1 * 4 < L3.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    if (1 < M) {
      const e_1 = b1[o1];
      for (let i_0 = 0; i_0 < 1; i_0++) {
        const e_2 = Math.fround(Math.fround(e_1));
        const e_3 = Math.fround((-e_2));
        b2[i_0] = e_3;
      }
    } else w0(H, b2, A4, b1, o1, A4, A4);
    const b3 = ((d_N) * 4 < L3.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    if ((d_N) < M) {
      const e_5 = b2[0];
      const e_7 = b1[o1];
      for (let i_4 = 0; i_4 < (d_N); i_4++) {
        const e_6 = b0[o0 + i_4];
        const e_8 = Math.fround(e_5);
        const e_9 = Math.fround(Math.max(e_6, e_8));
        const e_10 = Math.fround(Math.fround(e_7));
        const e_11 = Math.min(e_9, e_10);
        b3[i_4] = e_11;
      }
    } else w1(H, b3, (T5[0] = (d_N), T5), b2, 0, A6, b0, o0, A7, b1, o1, A6, A4);
    return new N(b3, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float32", A7, 0, false, (d_N), true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#2": __nj_k2 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0) */;
  const A5 = Object.freeze([0]);
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float64") { if (x1.dtype !== "int32") return R.fail("dtype", "s", "float64", x1.dtype); x1 = R.floatScalar(x1); }
    if (x1.weakType !== false) return R.fail("weakType", "s", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_S_0 = s0[0];
      if (s1.length !== 0) return R.fail("rank", "s", 0, s1.length);
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_S_0) * 4 < L3.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    if ((d_S_0) < M) {
      const e_1 = b1[o1];
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = Math.fround(e_1);
        const e_4 = (e_2 * e_3);
        b2[i_0] = e_4;
      }
    } else w0(H, b2, (T4[0] = (d_S_0), T4), b1, o1, A5, b0, o0, A6, A7);
    return new N(b2, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A6, 0, false, (d_S_0), true);
  };
};
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  let G1 = null;
  const L4 = R.limits;
  const T5 = [0] /* (d_S_0 * d_S_1) */;
  const A6 = Object.freeze([0]);
  const A7 = Object.freeze([1]);
  const A8 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN, Z0_1 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float64") { if (x1.dtype !== "int32") return R.fail("dtype", "s", "float64", x1.dtype); x1 = R.floatScalar(x1); }
    if (x1.weakType !== false) return R.fail("weakType", "s", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_S_0 = s0[0];
      d_S_1 = s0[1];
      if (s1.length !== 0) return R.fail("rank", "s", 0, s1.length);
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      if (!(d_S_1 >= 1)) return R.fail("constraint", "S_1 >= 1", 1, d_S_1);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_S_0 * d_S_1) * 4 < L4.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    if ((d_S_0 * d_S_1) < M) {
      const e_1 = b1[o1];
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = Math.fround(e_1);
        const e_4 = (e_2 * e_3);
        b2[i_0] = e_4;
      }
    } else w0(H, b2, (T5[0] = (d_S_0 * d_S_1), T5), b1, o1, A6, b0, o0, A7, A8);
    return new N(b2, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t1p = [{ key: "[*,*]|S|", make: __nj_p1, kernels: [__nj_k2] }, { key: "[*,*]|S|", make: __nj_p2, kernels: [__nj_k2] }];
/** @numjit x: f32[N] */
export const clipTo = __nj_pre((x, k) => np.clip(x, -k, k), { name: "clipTo", kernels: __nj_t0, plans: __nj_t0p, tracedStatics: [1], staticArgnums: [1] });
export const scaled = __nj_pre((x, s) => np.multiply(x, s), { name: "scaled", kernels: __nj_t1, plans: __nj_t1p, tracedStatics: [1], staticArgnames: ["s"] });
/** @numjit x: f32[N] */
export const rows = jit((x, n) => np.reshape(x, [n, -1]), { staticArgnums: [1] });
