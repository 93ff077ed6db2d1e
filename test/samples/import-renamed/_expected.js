// Renamed imports: the compiler follows the local names.
import { jit as J, numpy as N, nn as NN } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (mul, add, tanh)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k2":{"signature":"reduce:#2","op":"reduce_sum kernel (mul)","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (sqrt)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k4":{"signature":"elementwise:#4","op":"elementwise kernel (div)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0, "elementwise:#1": __nj_k1 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let d_S_0 = 0;
  let G0 = null;
  let S0 = null;
  const T3 = [0] /* (d_S_0) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([2]);
  const L6 = R.limits;
  const A7 = Object.freeze([0.5, 1, 0.#5, 0.044714998453855515]);
  let Z1 = null, Z1_0 = NaN;
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
    const b1 = S0 !== null && S0.length === (d_S_0) ? S0 : (S0 = new Float32Array((d_S_0)));
    if ((d_S_0) < M) {
      const e_1 = A5[0];
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (e_2 * e_1);
        b1[i_0] = e_3;
      }
    } else w0(H, b1, (T3[0] = (d_S_0), T3), b0, o0, A4, A5);
    const b2 = ((d_S_0) * 4 < L6.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    if ((d_S_0) < M) {
      const e_5 = A7[0];
      const e_6 = A7[1];
      const e_7 = A7[2];
      const e_8 = A7[3];
      for (let i_4 = 0; i_4 < (d_S_0); i_4++) {
        const e_9 = b1[0 + i_4];
        const e_10 = (e_5 * e_9);
        const e_11 = (e_9 * e_9);
        const e_12 = (e_9 * e_11);
        const e_13 = (e_8 * e_12);
        const e_14 = (e_9 + e_13);
        const e_15 = (e_7 * e_14);
        const e_16 = H.tanh32(e_15);
        const e_17 = (e_6 + e_16);
        const e_18 = (e_10 * e_17);
        b2[i_4] = e_18;
      }
    } else w1(H, b2, (T3[0] = (d_S_0), T3), b1, 0, A4, A7);
    return new N(b2, ((d_S_0) === Z1_0 ? Z1 : (Z1_0 = (d_S_0), Z1 = Object.freeze([(d_S_0)]))), "float32", A4, 0, false, (d_S_0), true);
  };
};
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  let S0 = null;
  const T4 = [0] /* (d_S_0 * d_S_1) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([2]);
  const L7 = R.limits;
  const A8 = Object.freeze([0.5, 1, 0.#5, 0.044714998453855515]);
  let Z1 = null, Z1_0 = NaN, Z1_1 = NaN;
  let Z2 = null, Z2_0 = NaN;
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
    const b1 = S0 !== null && S0.length === (d_S_0 * d_S_1) ? S0 : (S0 = new Float32Array((d_S_0 * d_S_1)));
    if ((d_S_0 * d_S_1) < M) {
      const e_1 = A6[0];
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (e_2 * e_1);
        b1[i_0] = e_3;
      }
    } else w0(H, b1, (T4[0] = (d_S_0 * d_S_1), T4), b0, o0, A5, A6);
    const b2 = ((d_S_0 * d_S_1) * 4 < L7.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    if ((d_S_0 * d_S_1) < M) {
      const e_5 = A8[0];
      const e_6 = A8[1];
      const e_7 = A8[2];
      const e_8 = A8[3];
      for (let i_4 = 0; i_4 < (d_S_0 * d_S_1); i_4++) {
        const e_9 = b1[0 + i_4];
        const e_10 = (e_5 * e_9);
        const e_11 = (e_9 * e_9);
        const e_12 = (e_9 * e_11);
        const e_13 = (e_8 * e_12);
        const e_14 = (e_9 + e_13);
        const e_15 = (e_7 * e_14);
        const e_16 = H.tanh32(e_15);
        const e_17 = (e_6 + e_16);
        const e_18 = (e_10 * e_17);
        b2[i_4] = e_18;
      }
    } else w1(H, b2, (T4[0] = (d_S_0 * d_S_1), T4), b1, 0, A5, A8);
    return new N(b2, ((d_S_0) === Z1_0 && (d_S_1) === Z1_1 ? Z1 : (Z1_0 = (d_S_0), Z1_1 = (d_S_1), Z1 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z2_0 ? Z2 : (Z2_0 = (d_S_1), Z2 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1], wasm: ["__nj_k0", "__nj_k1"] }, { key: "[*]|S|", make: __nj_p1, kernels: [__nj_k0, __nj_k1], wasm: ["__nj_k0", "__nj_k1"] }];
const __nj_t1 = { "@codegen": "<version>", "reduce:#2": __nj_k2, "elementwise:#3": __nj_k3, "elementwise:#4": __nj_k4 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  let d_B = 0;
  let d_N = 0;
  let G0 = null;
  let S0 = null;
  const T4 = [0] /* (d_B) */;
  const T5 = [0] /* (d_N) */;
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  let S1 = null;
  const L9 = R.limits;
  const T10 = [0, 0] /* (d_B), (d_N) */;
  const T11 = [0, 0] /* (d_N), 1 */;
  const A12 = Object.freeze([1, 0]);
  let Z2 = null, Z2_0 = NaN, Z2_1 = NaN;
  let Z3 = null, Z3_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_B = s0[0];
      d_N = s0[1];
      if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = S0 !== null && S0.length === (d_B) ? S0 : (S0 = new Float32Array((d_B)));
    (Math.max((d_B), (d_B * d_N)) < M ? k0 : w0)(H, b1, (T4[0] = (d_B), T4), (T5[0] = (d_N), T5), 0, b0, o0, (T5[0] = (d_N), T5), A6, A7);
    const b2 = S1 !== null && S1.length === (d_B) ? S1 : (S1 = new Float32Array((d_B)));
    if ((d_B) < M) {
      for (let i_0 = 0; i_0 < (d_B); i_0++) {
        const e_1 = b1[0 + i_0];
        const e_2 = Math.sqrt(e_1);
        b2[i_0] = e_2;
      }
    } else w1(H, b2, (T4[0] = (d_B), T4), b1, 0, A6, A7);
    const b3 = ((d_B * d_N) * 4 < L9.minBytes ? new Float32Array((d_B * d_N)) : R.alloc("float32", (d_B * d_N)));
    ((d_B * d_N) < M ? k2 : w2)(H, b3, (T10[0] = (d_B), T10[1] = (d_N), T10), b0, o0, (T11[0] = (d_N), T11[1] = 1, T11), b2, 0, A12, A7);
    return new N(b3, ((d_B) === Z2_0 && (d_N) === Z2_1 ? Z2 : (Z2_0 = (d_B), Z2_1 = (d_N), Z2 = Object.freeze([(d_B), (d_N)]))), "float32", ((d_N) === Z3_0 ? Z3 : (Z3_0 = (d_N), Z3 = Object.freeze([(d_N), 1]))), 0, false, (d_B * d_N), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p2, kernels: [__nj_k2, __nj_k3, __nj_k4], wasm: ["__nj_k2", "__nj_k3", "__nj_k4"] }];
export const act = __nj_pre((x) => NN.gelu(N.multiply(x, 2)), { name: "act", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[B, N] */
export const norm = __nj_pre((x) => N.divide(x, N.sqrt(N.sum(N.square(x), -1, { keepdims: true }))), { name: "norm", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
