// for loops with static bounds are unrolled at build time (constants, static arguments).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (mul, add)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_S_0) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([0.5, 1, 2, 3]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_S_0 = s0[0];
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_S_0) * 4 < L2.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    if ((d_S_0) < M) {
      const e_1 = A5[0];
      const e_2 = A5[1];
      const e_3 = A5[2];
      const e_4 = A5[3];
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_5 = b0[o0 + i_0];
        const e_6 = (e_5 * e_1);
        const e_7 = (e_6 * e_1);
        const e_8 = (e_7 + e_2);
        const e_9 = (e_8 * e_1);
        const e_10 = (e_9 + e_3);
        const e_11 = (e_10 * e_1);
        const e_12 = (e_11 + e_4);
        b1[i_0] = e_12;
      }
    } else w0(H, b1, (T3[0] = (d_S_0), T3), b0, o0, A4, A5);
    return new N(b1, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A4, 0, false, (d_S_0), true);
  };
};
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0 * d_S_1) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([0.5, 1, 2, 3]);
  let Z0 = null, Z0_0 = NaN, Z0_1 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_S_0 = s0[0];
      d_S_1 = s0[1];
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      if (!(d_S_1 >= 1)) return R.fail("constraint", "S_1 >= 1", 1, d_S_1);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_S_0 * d_S_1) * 4 < L3.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    if ((d_S_0 * d_S_1) < M) {
      const e_1 = A6[0];
      const e_2 = A6[1];
      const e_3 = A6[2];
      const e_4 = A6[3];
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_5 = b0[o0 + i_0];
        const e_6 = (e_5 * e_1);
        const e_7 = (e_6 * e_1);
        const e_8 = (e_7 + e_2);
        const e_9 = (e_8 * e_1);
        const e_10 = (e_9 + e_3);
        const e_11 = (e_10 * e_1);
        const e_12 = (e_11 + e_4);
        b1[i_0] = e_12;
      }
    } else w0(H, b1, (T4[0] = (d_S_0 * d_S_1), T4), b0, o0, A5, A6);
    return new N(b1, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }, { key: "[*]|S|", make: __nj_p1, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let G0 = null;
  let S0 = null;
  const T3 = [0] /* (d_N) */;
  const A4 = Object.freeze([1]);
  let S1 = null;
  const A6 = Object.freeze([2]);
  let S2 = null;
  const A8 = Object.freeze([3]);
  let Z3 = null, Z3_1 = NaN;
  let Z4 = null, Z4_0 = NaN;
  let Z5 = null, Z5_1 = NaN;
  let Z6 = null, Z6_0 = NaN;
  let Z7 = null, Z7_1 = NaN;
  let Z8 = null, Z8_0 = NaN;
  const P15 = { "axis": 0 };
  let Z9 = null, Z9_1 = NaN;
  let Z10 = null, Z10_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_N = s0[0];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = S0 !== null && S0.length === (d_N) ? S0 : (S0 = new Float32Array((d_N)));
    if ((d_N) < M) {
      const e_1 = A4[0];
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = H.fpow(e_2, e_1);
        b1[i_0] = e_3;
      }
    } else w0(H, b1, (T3[0] = (d_N), T3), b0, o0, A4, A4);
    const b2 = S1 !== null && S1.length === (d_N) ? S1 : (S1 = new Float32Array((d_N)));
    if ((d_N) < M) {
      const e_5 = A6[0];
      for (let i_4 = 0; i_4 < (d_N); i_4++) {
        const e_6 = b0[o0 + i_4];
        const e_7 = H.fpow(e_6, e_5);
        b2[i_4] = e_7;
      }
    } else w0(H, b2, (T3[0] = (d_N), T3), b0, o0, A4, A6);
    const b3 = S2 !== null && S2.length === (d_N) ? S2 : (S2 = new Float32Array((d_N)));
    if ((d_N) < M) {
      const e_9 = A8[0];
      for (let i_8 = 0; i_8 < (d_N); i_8++) {
        const e_10 = b0[o0 + i_8];
        const e_11 = H.fpow(e_10, e_9);
        b3[i_8] = e_11;
      }
    } else w0(H, b3, (T3[0] = (d_N), T3), b0, o0, A4, A8);
    const r4 = R.eager("concatenate", P15, [new N(b1, ((d_N) === Z3_1 ? Z3 : (Z3_1 = (d_N), Z3 = Object.freeze([1, (d_N)]))), "float32", ((d_N) === Z4_0 ? Z4 : (Z4_0 = (d_N), Z4 = Object.freeze([(d_N), 1]))), 0, false, (d_N), true), new N(b2, ((d_N) === Z5_1 ? Z5 : (Z5_1 = (d_N), Z5 = Object.freeze([1, (d_N)]))), "float32", ((d_N) === Z6_0 ? Z6 : (Z6_0 = (d_N), Z6 = Object.freeze([(d_N), 1]))), 0, false, (d_N), true), new N(b3, ((d_N) === Z7_1 ? Z7 : (Z7_1 = (d_N), Z7 = Object.freeze([1, (d_N)]))), "float32", ((d_N) === Z8_0 ? Z8 : (Z8_0 = (d_N), Z8 = Object.freeze([(d_N), 1]))), 0, false, (d_N), true)]);
    const b4 = r4.data, o4 = r4.offset;
    return new N(b4, ((d_N) === Z9_1 ? Z9 : (Z9_1 = (d_N), Z9 = Object.freeze([3, (d_N)]))), "float32", ((d_N) === Z10_0 ? Z10 : (Z10_0 = (d_N), Z10 = Object.freeze([(d_N), 1]))), o4, false, (3 * d_N), true);
  };
};
const __nj_t1p = [{ key: "[*,N]|S|n3", make: __nj_p2, kernels: [__nj_k1] }];
const STEPS = 4;
export const iterate = __nj_pre((x) => {
    let y = x;
    for (let i = 0; i < STEPS; i++) {
        y = np.add(np.multiply(y, 0.5), i);
    }
    return y;
}, { name: "iterate", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const powers = __nj_pre((x, n) => {
    const terms = [];
    for (let k = 1; k <= n; k += 1)
        terms.push(np.power(x, k));
    return np.stack(terms, 0);
}, { name: "powers", kernels: __nj_t1, plans: __nj_t1p, staticArgnums: [1] });
export const usePowers = (x) => powers(x, 3);
