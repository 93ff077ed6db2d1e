// Same-module functions are inlined; module constants are evaluated at build time.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k4 = function nj_dot_#4(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_k5 = function nj_elementwise_#5(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k6 = function nj_reduce_#6(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, a1, o1, ks1, rs1, C) { /* body elided */ };
const __nj_k7 = function nj_elementwise_#7(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k8 = function nj_elementwise_#8(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"reduce:#0","op":"reduce_sum kernel (mul)","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k2":{"signature":"elementwise:#2","op":"elementwise kernel (div, mul)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (mul, add)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k5":{"signature":"elementwise:#5","op":"elementwise kernel (add)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k8":{"signature":"elementwise:#8","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_p0 = function (R, K, W, M) {
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
  const A9 = Object.freeze([0]);
  const A10 = Object.freeze([0.000009999999747378752]);
  const L11 = R.limits;
  const T12 = [0, 0] /* (d_B), (d_N) */;
  const T13 = [0, 0] /* (d_N), 1 */;
  const A14 = Object.freeze([1, 0]);
  const A15 = Object.freeze([2.#9]);
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
    const r2 = R.eager("dim_value", { "dim": (d_N), "weakType": true }, []);
    const b2 = r2.data, o2 = r2.offset;
    const b3 = S1 !== null && S1.length === (d_B) ? S1 : (S1 = new Float32Array((d_B)));
    if ((d_B) < M) {
      const e_1 = A10[0];
      const e_2 = b2[o2];
      for (let i_0 = 0; i_0 < (d_B); i_0++) {
        const e_3 = b1[0 + i_0];
        const e_4 = Math.fround(e_2);
        const e_5 = (e_3 / e_4);
        const e_6 = (e_5 + e_1);
        const e_7 = Math.sqrt(e_6);
        b3[i_0] = e_7;
      }
    } else w1(H, b3, (T4[0] = (d_B), T4), b2, o2, A9, b1, 0, A6, A10);
    const b4 = ((d_B * d_N) * 4 < L11.minBytes ? new Float32Array((d_B * d_N)) : R.alloc("float32", (d_B * d_N)));
    ((d_B * d_N) < M ? k2 : w2)(H, b4, (T12[0] = (d_B), T12[1] = (d_N), T12), b0, o0, (T13[0] = (d_N), T13[1] = 1, T13), b3, 0, A14, A15);
    return new N(b4, ((d_B) === Z2_0 && (d_N) === Z2_1 ? Z2 : (Z2_0 = (d_B), Z2_1 = (d_N), Z2 = Object.freeze([(d_B), (d_N)]))), "float32", ((d_N) === Z3_0 ? Z3 : (Z3_0 = (d_N), Z3 = Object.freeze([(d_N), 1]))), 0, false, (d_B * d_N), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1, __nj_k2], wasm: ["__nj_k0", null, "__nj_k2"] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_S_0) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([0, 0.5, 0.25, 0.125]);
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
        const e_6 = (e_1 * e_5);
        const e_7 = (e_6 + e_2);
        const e_8 = (e_7 * e_5);
        const e_9 = (e_8 + e_3);
        const e_10 = (e_9 * e_5);
        const e_11 = (e_10 + e_4);
        b1[i_0] = e_11;
      }
    } else w0(H, b1, (T3[0] = (d_S_0), T3), b0, o0, A4, A5);
    return new N(b1, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A4, 0, false, (d_S_0), true);
  };
};
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0 * d_S_1) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([0, 0.5, 0.25, 0.125]);
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
        const e_6 = (e_1 * e_5);
        const e_7 = (e_6 + e_2);
        const e_8 = (e_7 * e_5);
        const e_9 = (e_8 + e_3);
        const e_10 = (e_9 * e_5);
        const e_11 = (e_10 + e_4);
        b1[i_0] = e_11;
      }
    } else w0(H, b1, (T4[0] = (d_S_0 * d_S_1), T4), b0, o0, A5, A6);
    return new N(b1, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k3], wasm: ["__nj_k3"] }, { key: "[*]|S|", make: __nj_p2, kernels: [__nj_k3], wasm: ["__nj_k3"] }];
const __nj_t2 = { "@codegen": "<version>", "dot:#4": __nj_k4, "elementwise:#5": __nj_k5, "reduce:#6": __nj_k6, "elementwise:#7": __nj_k7 };
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  const k3 = K[3], w3 = W[3];
  let d_p_b_0 = 0;
  let d_p_w_0 = 0;
  let d_p_w_1 = 0;
  let d_x_0 = 0;
  let d_x_1 = 0;
  let d_y_0 = 0;
  let G0 = null;
  let G1 = null;
  let G2 = null;
  let G3 = null;
  let S0 = null;
  const A11 = Object.freeze([]);
  let S1 = null;
  const T13 = [0, 0] /* (d_x_0), (d_p_b_0) */;
  const T14 = [0, 0] /* (d_p_w_1), 1 */;
  const A15 = Object.freeze([0, 1]);
  let Z2 = null, Z2_0 = NaN, Z2_1 = NaN;
  let Z3 = null, Z3_0 = NaN;
  const P18 = { "axis": 1 };
  const L19 = R.limits;
  const T20 = [0] /* (d_x_0) */;
  const A21 = Object.freeze([1]);
  return function (x0, x1, x2, x3) {
    if (x0.dtype !== "float32") return R.fail("dtype", "p.b", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "p.b", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "p.w", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "p.w", false, x1.weakType);
    if (x2.dtype !== "float32") return R.fail("dtype", "x", "float32", x2.dtype);
    if (x2.weakType !== false) return R.fail("weakType", "x", false, x2.weakType);
    if (x3.dtype !== "int32") return R.fail("dtype", "y", "int32", x3.dtype);
    if (x3.weakType !== false) return R.fail("weakType", "y", false, x3.weakType);
    const s0 = x0.shape, s1 = x1.shape, s2 = x2.shape, s3 = x3.shape;
    if (s0 !== G0 || s1 !== G1 || s2 !== G2 || s3 !== G3) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "p.b", 1, s0.length);
      d_p_b_0 = s0[0];
      if (s1.length !== 2) return R.fail("rank", "p.w", 2, s1.length);
      d_p_w_0 = s1[0];
      d_p_w_1 = s1[1];
      if (s2.length !== 2) return R.fail("rank", "x", 2, s2.length);
      d_x_0 = s2[0];
      d_x_1 = s2[1];
      if (s3.length !== 1) return R.fail("rank", "y", 1, s3.length);
      d_y_0 = s3[0];
      if (!(d_p_b_0 >= 1)) return R.fail("constraint", "p_b_0 >= 1", 1, d_p_b_0);
      if (!(d_p_w_0 >= 1)) return R.fail("constraint", "p_w_0 >= 1", 1, d_p_w_0);
      if (!(d_p_w_1 >= 1)) return R.fail("constraint", "p_w_1 >= 1", 1, d_p_w_1);
      if (!(d_x_0 >= 1)) return R.fail("constraint", "x_0 >= 1", 1, d_x_0);
      if (!(d_x_1 >= 1)) return R.fail("constraint", "x_1 >= 1", 1, d_x_1);
      if (!(d_y_0 >= 1)) return R.fail("constraint", "y_0 >= 1", 1, d_y_0);
      if ((d_x_1) !== (d_p_w_0)) return R.fail("constraint", "x_1 == p_w_0", (d_p_w_0), (d_x_1));
      if ((d_p_w_1) !== (d_p_b_0)) return R.fail("constraint", "p_w_1 == p_b_0", (d_p_b_0), (d_p_w_1));
      if ((d_x_0) !== (d_y_0)) return R.fail("constraint", "x_0 == y_0", (d_y_0), (d_x_0));
      G0 = s0; G1 = s1; G2 = s2; G3 = s3;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const c2 = x2.isContiguous ? x2 : R.dense(x2);
    const b2 = c2.data, o2 = c2.offset;
    const c3 = x3.isContiguous ? x3 : R.dense(x3);
    const b3 = c3.data, o3 = c3.offset;
    const b4 = S0 !== null && S0.length === (d_p_w_1 * d_x_0) ? S0 : (S0 = new Float32Array((d_p_w_1 * d_x_0)));
    (Math.max((d_p_w_1 * d_x_0), (d_x_0 * d_x_1), (d_p_w_0 * d_p_w_1)) < M ? k0 : w0)(H, b4, 1, (d_x_0), (d_p_w_1), (d_x_1), b2, o2, 0, (d_x_1), 1, b1, o1, 0, (d_p_w_1), 1, A11);
    const b5 = S1 !== null && S1.length === (d_p_b_0 * d_x_0) ? S1 : (S1 = new Float32Array((d_p_b_0 * d_x_0)));
    (Math.max((d_p_b_0 * d_x_0), (d_p_w_1 * d_x_0)) < M ? k1 : w1)(H, b5, (T13[0] = (d_x_0), T13[1] = (d_p_b_0), T13), b4, 0, (T14[0] = (d_p_w_1), T14[1] = 1, T14), b0, o0, A15, A11);
    const r6 = R.eager("argmax", P18, [new N(b5, ((d_x_0) === Z2_0 && (d_p_b_0) === Z2_1 ? Z2 : (Z2_0 = (d_x_0), Z2_1 = (d_p_b_0), Z2 = Object.freeze([(d_x_0), (d_p_b_0)]))), "float32", ((d_p_b_0) === Z3_0 ? Z3 : (Z3_0 = (d_p_b_0), Z3 = Object.freeze([(d_p_b_0), 1]))), 0, false, (d_p_b_0 * d_x_0), true)]);
    const b6 = r6.data, o6 = r6.offset;
    const b7 = (1 * 4 < L19.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (Math.max(1, (d_x_0), (d_y_0)) < M ? k2 : w2)(H, b7, A11, (T20[0] = (d_x_0), T20), 0, b6, o6, A11, A21, b3, o3, A11, A21, A11);
    const r8 = R.eager("dim_value", { "dim": (d_x_0), "weakType": true }, []);
    const b8 = r8.data, o8 = r8.offset;
    const b9 = (1 * 4 < L19.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    if (1 < M) {
      const e_1 = b8[o8];
      const e_2 = b7[0];
      for (let i_0 = 0; i_0 < 1; i_0++) {
        const e_3 = Math.fround(e_1);
        const e_4 = (e_2 / e_3);
        b9[i_0] = e_4;
      }
    } else w3(H, b9, A11, b8, o8, A11, b7, 0, A11, A11);
    return new N(b9, A11, "float32", A11, 0, false, 1, true);
  };
};
const __nj_t2p = [{ key: "[{\"b\":*,\"w\":*},*,*]|S|", make: __nj_p3, kernels: [__nj_k4, __nj_k5, __nj_k6, __nj_k7], wasm: [null, "__nj_k5", null, null] }];
const __nj_t3 = { "@codegen": "<version>", "elementwise:#8": __nj_k8 };
const __nj_p4 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_S_0) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([2.#10]);
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
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (e_2 * e_1);
        b1[i_0] = e_3;
      }
    } else w0(H, b1, (T3[0] = (d_S_0), T3), b0, o0, A4, A5);
    return new N(b1, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A4, 0, false, (d_S_0), true);
  };
};
const __nj_p5 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0 * d_S_1) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([2.#10]);
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
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (e_2 * e_1);
        b1[i_0] = e_3;
      }
    } else w0(H, b1, (T4[0] = (d_S_0 * d_S_1), T4), b0, o0, A5, A6);
    return new N(b1, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t3p = [{ key: "[*]|S|", make: __nj_p4, kernels: [__nj_k8], wasm: ["__nj_k8"] }, { key: "[*]|S|", make: __nj_p5, kernels: [__nj_k8], wasm: ["__nj_k8"] }];
const EPS = 1e-5;
const GAIN = 2 * Math.SQRT2;
const COEFS = [0.5, 0.25, 0.125];
function rms(x) {
    return np.sqrt(np.add(np.mean(np.square(x), -1, { keepdims: true }), EPS));
}
const scale = (x, k) => np.multiply(x, k);
function poly(x) {
    let acc = np.zerosLike(x);
    for (const c of COEFS)
        acc = np.add(np.multiply(acc, x), c);
    return acc;
}
/** @numjit x: f32[B, N] */
export const rmsNorm = __nj_pre((x) => scale(np.divide(x, rms(x)), GAIN), { name: "rmsNorm", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
export const horner = __nj_pre((x) => poly(x), { name: "horner", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
// destructured module constants; a parameter used as an object inside an inlined helper
const [HIDDEN, CLASSES] = [8, 3];
const predict = (p, x) => np.add(np.matmul(x, p.w), p.b);
export const accuracy = __nj_pre((p, x, y) => np.mean(np.equal(np.argmax(predict(p, x), -1), y)), { name: "accuracy", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w });
// ranks (and the int32 labels) from a call site in this module
export const first = accuracy({ w: np.zeros([HIDDEN, CLASSES]), b: np.zeros([CLASSES]) }, np.ones([2, HIDDEN]), np.array([0, 2], { dtype: "int32" }));
export const widths = __nj_pre((x) => np.multiply(x, HIDDEN / CLASSES), { name: "widths", kernels: __nj_t3, plans: __nj_t3p, wasm: __nj_w });
