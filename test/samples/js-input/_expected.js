// Plain JavaScript input.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_S_0) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([0.5, 1, 0.#1, 0.044714998453855515, 3]);
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
      const e_5 = A5[4];
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_6 = b0[o0 + i_0];
        const e_7 = (e_1 * e_6);
        const e_8 = H.fpow(e_6, e_5);
        const e_9 = (e_4 * e_8);
        const e_10 = (e_6 + e_9);
        const e_11 = (e_3 * e_10);
        const e_12 = H.tanh32(e_11);
        const e_13 = (e_2 + e_12);
        const e_14 = (e_7 * e_13);
        b1[i_0] = e_14;
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
  const A6 = Object.freeze([0.5, 1, 0.#1, 0.044714998453855515, 3]);
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
      const e_5 = A6[4];
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_6 = b0[o0 + i_0];
        const e_7 = (e_1 * e_6);
        const e_8 = H.fpow(e_6, e_5);
        const e_9 = (e_4 * e_8);
        const e_10 = (e_6 + e_9);
        const e_11 = (e_3 * e_10);
        const e_12 = H.tanh32(e_11);
        const e_13 = (e_2 + e_12);
        const e_14 = (e_7 * e_13);
        b1[i_0] = e_14;
      }
    } else w0(H, b1, (T4[0] = (d_S_0 * d_S_1), T4), b0, o0, A5, A6);
    return new N(b1, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0] }, { key: "[*]|S|", make: __nj_p1, kernels: [__nj_k0] }];
export const gelu = __nj_pre((x) => np.multiply(np.multiply(0.5, x), np.add(1, np.tanh(np.multiply(0.7978845608, np.add(x, np.multiply(0.044715, np.power(x, 3))))))), { name: "gelu", kernels: __nj_t0, plans: __nj_t0p });
