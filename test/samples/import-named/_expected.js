// The seed benchmark's function: named imports, an arrow function, JS number constants.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (mul, add, tanh)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([1.5, 0.30000001192092896, 1]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "y", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "y", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_S_0 = s0[0];
      if (s1.length !== 1) return R.fail("rank", "y", 1, s1.length);
      if (s1[0] !== (d_S_0)) return R.fail("dim", "y.shape[0] == S_0", (d_S_0), s1[0]);
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_S_0) * 4 < L3.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    if ((d_S_0) < M) {
      const e_1 = A6[0];
      const e_2 = A6[1];
      const e_3 = A6[2];
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_4 = b0[o0 + i_0];
        const e_5 = b1[o1 + i_0];
        const e_6 = (e_4 * e_1);
        const e_7 = (e_6 + e_2);
        const e_8 = H.tanh32(e_7);
        const e_9 = (e_8 * e_5);
        const e_10 = (e_9 + e_3);
        b2[i_0] = e_10;
      }
    } else w0(H, b2, (T4[0] = (d_S_0), T4), b0, o0, A5, b1, o1, A5, A6);
    return new N(b2, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A5, 0, false, (d_S_0), true);
  };
};
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  let G1 = null;
  const L4 = R.limits;
  const T5 = [0] /* (d_S_0 * d_S_1) */;
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([1.5, 0.30000001192092896, 1]);
  let Z0 = null, Z0_0 = NaN, Z0_1 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "y", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "y", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_S_0 = s0[0];
      d_S_1 = s0[1];
      if (s1.length !== 2) return R.fail("rank", "y", 2, s1.length);
      if (s1[0] !== (d_S_0)) return R.fail("dim", "y.shape[0] == S_0", (d_S_0), s1[0]);
      if (s1[1] !== (d_S_1)) return R.fail("dim", "y.shape[1] == S_1", (d_S_1), s1[1]);
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
      const e_1 = A7[0];
      const e_2 = A7[1];
      const e_3 = A7[2];
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_4 = b0[o0 + i_0];
        const e_5 = b1[o1 + i_0];
        const e_6 = (e_4 * e_1);
        const e_7 = (e_6 + e_2);
        const e_8 = H.tanh32(e_7);
        const e_9 = (e_8 * e_5);
        const e_10 = (e_9 + e_3);
        b2[i_0] = e_10;
      }
    } else w0(H, b2, (T5[0] = (d_S_0 * d_S_1), T5), b0, o0, A6, b1, o1, A6, A7);
    return new N(b2, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"], broadcasts: true }, { key: "[*,*]|S|", make: __nj_p1, kernels: [__nj_k0], wasm: ["__nj_k0"], broadcasts: true }];
export const fused = __nj_pre((x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1), { name: "fused", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
