// AutoGraph: `if`/`else`, `?:`, `while` and counted `for` loops whose condition is a traced value are
// lowered to lax.cond / lax.whileLoop / lax.foriLoop (the helpers dispatch: JS values keep JS semantics).
import { numpy as np, jit } from "@numjit/runtime";
import { autograph as __nj_ag } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_reduce_#1(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k5 = function nj_reduce_#5(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k6 = function nj_elementwise_#6(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k7 = function nj_elementwise_#7(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k8 = function nj_elementwise_#8(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k9 = function nj_reduce_#9(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k10 = function nj_elementwise_#10(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k11 = function nj_reduce_#11(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k12 = function nj_elementwise_#12(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k13 = function nj_elementwise_#13(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k14 = function nj_elementwise_#14(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k15 = function nj_elementwise_#15(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k1":{"signature":"reduce:#1","op":"reduce_sum kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (neg)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k4":{"signature":"elementwise:#4","op":"elementwise kernel (add)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k7":{"signature":"elementwise:#7","op":"elementwise kernel (sqrt)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k8":{"signature":"elementwise:#8","op":"elementwise kernel (abs)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k9":{"signature":"reduce:#9","op":"reduce_max kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k10":{"signature":"elementwise:#10","op":"elementwise kernel (div)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k11":{"signature":"reduce:#11","op":"reduce_sum kernel (abs)","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k15":{"signature":"elementwise:#15","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0, "reduce:#1": __nj_k1, "elementwise:#2": __nj_k2, "elementwise:#3": __nj_k3, "elementwise:#4": __nj_k4 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  const k3 = K[3], w3 = W[3];
  const k4 = K[4], w4 = W[4];
  let d_N = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_N) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([2]);
  const A6 = Object.freeze([]);
  const A7 = Object.freeze([0]);
  let Z0 = null, Z0_0 = NaN;
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
    const b1 = ((d_N) * 4 < L2.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    if ((d_N) < M) {
      const e_1 = A5[0];
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (e_2 * e_1);
        b1[i_0] = e_3;
      }
    } else w0(H, b1, (T3[0] = (d_N), T3), b0, o0, A4, A5);
    const b2 = (1 * 4 < L2.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (Math.max(1, (d_N)) < M ? k1 : w1)(H, b2, A6, (T3[0] = (d_N), T3), 0, b0, o0, A6, A4, A6);
    const b3 = (1 * 4 < L2.minBytes ? new Int32Array(1) : R.alloc("int32", 1));
    if (1 < M) {
      const e_5 = A7[0];
      const e_6 = b2[0];
      for (let i_4 = 0; i_4 < 1; i_4++) {
        const e_7 = (e_6 > e_5 ? 1 : 0);
        const e_8 = e_7;
        b3[i_4] = e_8;
      }
    } else w2(H, b3, A6, b2, 0, A6, A7);
    const ix_9 = Math.min(Math.max(b3[0], 0), 1);
    let cb_10, co_11;
    if (ix_9 === 0) {
      const p_12_b2 = ((d_N) * 4 < L2.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
      if ((d_N) < M) {
        for (let i_13 = 0; i_13 < (d_N); i_13++) {
          const e_14 = b1[0 + i_13];
          const e_15 = (-e_14);
          p_12_b2[i_13] = e_15;
        }
      } else w3(H, p_12_b2, (T3[0] = (d_N), T3), b1, 0, A4, A6);
      cb_10 = p_12_b2; co_11 = 0;
    } else {
      const p_16_b2 = ((d_N) * 4 < L2.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
      if ((d_N) < M) {
        const e_18 = A4[0];
        for (let i_17 = 0; i_17 < (d_N); i_17++) {
          const e_19 = b1[0 + i_17];
          const e_20 = (e_19 + e_18);
          p_16_b2[i_17] = e_20;
        }
      } else w4(H, p_16_b2, (T3[0] = (d_N), T3), b1, 0, A4, A4);
      cb_10 = p_16_b2; co_11 = 0;
    }
    return new N(cb_10, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float32", A4, co_11, false, (d_N), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1, __nj_k2, __nj_k3, __nj_k4], wasm: ["__nj_k0", "__nj_k1", null, "__nj_k3", "__nj_k4"] }];
const __nj_t1 = { "@codegen": "<version>", "reduce:#5": __nj_k5, "elementwise:#6": __nj_k6, "elementwise:#7": __nj_k7, "elementwise:#8": __nj_k8 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  const k3 = K[3], w3 = W[3];
  let d_N = 0;
  let G0 = null;
  const A2 = Object.freeze([]);
  const T3 = [0] /* (d_N) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([0]);
  const L6 = R.limits;
  let Z0 = null, Z0_0 = NaN;
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
    const b1 = new Uint8Array(1);
    (Math.max(1, (d_N)) < M ? k0 : w0)(H, b1, A2, (T3[0] = (d_N), T3), 0, b0, o0, A2, A4, A5);
    const b2 = (1 * 4 < L6.minBytes ? new Int32Array(1) : R.alloc("int32", 1));
    if (1 < M) {
      const e_1 = b1[0];
      for (let i_0 = 0; i_0 < 1; i_0++) {
        const e_2 = e_1;
        b2[i_0] = e_2;
      }
    } else w1(H, b2, A2, b1, 0, A2, A2);
    const ix_3 = Math.min(Math.max(b2[0], 0), 1);
    let cb_4, co_5;
    if (ix_3 === 0) {
      const p_6_b2 = ((d_N) * 4 < L6.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
      if ((d_N) < M) {
        for (let i_7 = 0; i_7 < (d_N); i_7++) {
          const e_8 = b0[o0 + i_7];
          const e_9 = Math.sqrt(e_8);
          p_6_b2[i_7] = e_9;
        }
      } else w2(H, p_6_b2, (T3[0] = (d_N), T3), b0, o0, A4, A2);
      cb_4 = p_6_b2; co_5 = 0;
    } else {
      const p_10_b2 = ((d_N) * 4 < L6.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
      if ((d_N) < M) {
        for (let i_11 = 0; i_11 < (d_N); i_11++) {
          const e_12 = b0[o0 + i_11];
          const e_13 = Math.abs(e_12);
          p_10_b2[i_11] = e_13;
        }
      } else w3(H, p_10_b2, (T3[0] = (d_N), T3), b0, o0, A4, A2);
      cb_4 = p_10_b2; co_5 = 0;
    }
    return new N(cb_4, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float32", A4, co_5, false, (d_N), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k5, __nj_k6, __nj_k7, __nj_k8], wasm: [null, null, "__nj_k7", "__nj_k8"] }];
const __nj_t2 = { "@codegen": "<version>", "reduce:#9": __nj_k9, "elementwise:#2": __nj_k2, "elementwise:#10": __nj_k10 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  let d_N = 0;
  let G0 = null;
  const L2 = R.limits;
  const A3 = Object.freeze([]);
  const T4 = [0] /* (d_N) */;
  const A5 = Object.freeze([1]);
  let S0 = null;
  const A7 = Object.freeze([0]);
  let Z1 = null, Z1_0 = NaN;
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
    const b1 = (1 * 4 < L2.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (Math.max(1, (d_N)) < M ? k0 : w0)(H, b1, A3, (T4[0] = (d_N), T4), 0, b0, o0, A3, A5, A3);
    const b2 = (1 * 4 < L2.minBytes ? new Int32Array(1) : R.alloc("int32", 1));
    if (1 < M) {
      const e_1 = A5[0];
      const e_2 = b1[0];
      for (let i_0 = 0; i_0 < 1; i_0++) {
        const e_3 = (e_2 > e_1 ? 1 : 0);
        const e_4 = e_3;
        b2[i_0] = e_4;
      }
    } else w1(H, b2, A3, b1, 0, A3, A5);
    const ix_5 = Math.min(Math.max(b2[0], 0), 1);
    let cb_6, co_7;
    if (ix_5 === 0) {
      cb_6 = b0; co_7 = o0;
    } else {
      const p_9_b2 = S0 !== null && S0.length === 1 ? S0 : (S0 = new Float32Array(1));
      (Math.max(1, (d_N)) < M ? k0 : w0)(H, p_9_b2, A3, (T4[0] = (d_N), T4), 0, b0, o0, A3, A5, A3);
      const p_9_b3 = ((d_N) * 4 < L2.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
      if ((d_N) < M) {
        const e_12 = p_9_b2[0];
        for (let i_10 = 0; i_10 < (d_N); i_10++) {
          const e_11 = b0[o0 + i_10];
          const e_13 = (e_11 / e_12);
          p_9_b3[i_10] = e_13;
        }
      } else w2(H, p_9_b3, (T4[0] = (d_N), T4), b0, o0, A5, p_9_b2, 0, A7, A3);
      cb_6 = p_9_b3; co_7 = 0;
    }
    return new N(cb_6, ((d_N) === Z1_0 ? Z1 : (Z1_0 = (d_N), Z1 = Object.freeze([(d_N)]))), "float32", A5, co_7, false, (d_N), true);
  };
};
const __nj_t2p = [{ key: "[*]|S|", make: __nj_p2, kernels: [__nj_k9, __nj_k2, __nj_k10], wasm: ["__nj_k9", null, "__nj_k10"] }];
const __nj_t3 = { "@codegen": "<version>", "reduce:#11": __nj_k11 };
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let G0 = null;
  const L2 = R.limits;
  const A3 = Object.freeze([]);
  const T4 = [0] /* (d_N) */;
  const A5 = Object.freeze([1]);
  const D6 = new Int32Array([0]);
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
    const b1 = (1 * 4 < L2.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (Math.max(1, (d_N)) < M ? k0 : w0)(H, b1, A3, (T4[0] = (d_N), T4), 0, b0, o0, A3, A5, A3);
    let s_0 = b1[0 + 0];
    let s_1 = D6[0 + 0];
    for (;;) {
      const v_2 = (s_0 < 100 ? 1 : 0);
      const e_3 = (v_2) & 255;
      if (!e_3) break;
      const v_4 = (s_0 * 2);
      const e_5 = Math.fround(v_4);
      const v_6 = ((s_1 + 1) | 0);
      const e_7 = (v_6) | 0;
      s_0 = e_5;
      s_1 = e_7;
    }
    const r_8 = new Float32Array(1);
    r_8[0] = s_0;
    const r_9 = new Int32Array(1);
    r_9[0] = s_1;
    return { "n": new N(r_9, A3, "int32", A3, 0, false, 1, true), "s": new N(r_8, A3, "float32", A3, 0, false, 1, true) };
  };
};
const __nj_t3p = [{ key: "[*]|S|", make: __nj_p3, kernels: [__nj_k11], wasm: ["__nj_k11"] }];
const __nj_t4 = { "@codegen": "<version>", "elementwise:#12": __nj_k12, "elementwise:#13": __nj_k13, "elementwise:#14": __nj_k14, "elementwise:#15": __nj_k15 };
const __nj_p4 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  const k3 = K[3], w3 = W[3];
  let d_N = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const A4 = Object.freeze([]);
  const D5 = new Int32Array([0]);
  let S0 = null;
  let S1 = null;
  const A8 = Object.freeze([1]);
  let S2 = null;
  const T10 = [0] /* (d_N) */;
  let Z3 = null, Z3_0 = NaN;
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
    const b2 = (1 * 4 < L3.minBytes ? new Int32Array(1) : R.alloc("int32", 1));
    if (1 < M) {
      const e_1 = b1[o1];
      for (let i_0 = 0; i_0 < 1; i_0++) {
        const e_2 = Math.fround(Math.fround(e_1));
        const e_3 = H.f2i(e_2);
        b2[i_0] = e_3;
      }
    } else w0(H, b2, A4, b1, o1, A4, A4);
    let c_4 = D5, co_5 = 0;
    let c_6 = b2, co_7 = 0;
    let c_8 = b0, co_9 = o0;
    const A_10 = new Int32Array(1), B_11 = new Int32Array(1);
    const A_12 = new Int32Array(1), B_13 = new Int32Array(1);
    const A_14 = new Float32Array((d_N)), B_15 = new Float32Array((d_N));
    for (;;) {
      const p_16_b3 = S0 !== null && S0.length === 1 ? S0 : (S0 = new Uint8Array(1));
      if (1 < M) {
        const e_18 = c_4[co_5];
        const e_19 = c_6[co_7];
        for (let i_17 = 0; i_17 < 1; i_17++) {
          const e_20 = (e_18 < e_19 ? 1 : 0);
          p_16_b3[i_17] = e_20;
        }
      } else w1(H, p_16_b3, A4, c_4, co_5, A4, c_6, co_7, A4, A4);
      if (!p_16_b3[0]) break;
      const p_21_b4 = S1 !== null && S1.length === 1 ? S1 : (S1 = new Int32Array(1));
      if (1 < M) {
        const e_23 = A8[0];
        const e_24 = c_4[co_5];
        for (let i_22 = 0; i_22 < 1; i_22++) {
          const e_25 = ((e_24 + e_23) | 0);
          p_21_b4[i_22] = e_25;
        }
      } else w2(H, p_21_b4, A4, c_4, co_5, A4, A8);
      const p_21_b5 = S2 !== null && S2.length === (d_N) ? S2 : (S2 = new Float32Array((d_N)));
      if ((d_N) < M) {
        for (let i_26 = 0; i_26 < (d_N); i_26++) {
          const e_27 = c_8[co_9 + i_26];
          const e_28 = b0[o0 + i_26];
          const e_29 = (e_27 * e_28);
          p_21_b5[i_26] = e_29;
        }
      } else w3(H, p_21_b5, (T10[0] = (d_N), T10), c_8, co_9, A8, b0, o0, A8, A4);
      const nb_30 = c_4 === A_10 ? B_11 : A_10;
      for (let q_31 = 0; q_31 < 1; q_31++) nb_30[0 + q_31] = p_21_b4[0 + q_31];
      const nb_32 = c_6 === A_12 ? B_13 : A_12;
      for (let q_33 = 0; q_33 < 1; q_33++) nb_32[0 + q_33] = c_6[co_7 + q_33];
      const nb_34 = c_8 === A_14 ? B_15 : A_14;
      for (let q_35 = 0; q_35 < (d_N); q_35++) nb_34[0 + q_35] = p_21_b5[0 + q_35];
      c_4 = nb_30; co_5 = 0;
      c_6 = nb_32; co_7 = 0;
      c_8 = nb_34; co_9 = 0;
    }
    return new N(c_8, ((d_N) === Z3_0 ? Z3 : (Z3_0 = (d_N), Z3 = Object.freeze([(d_N)]))), "float32", A8, co_9, false, (d_N), true);
  };
};
const __nj_t4p = [{ key: "[*,*]|S|", make: __nj_p4, kernels: [__nj_k12, __nj_k13, __nj_k14, __nj_k15], wasm: [null, null, null, "__nj_k15"] }];
const __nj_t5 = { "@codegen": "<version>", "reduce:#1": __nj_k1 };
const __nj_p5 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let d_M = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_N) */;
  const T5 = [0] /* (d_M) */;
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_N = s0[0];
      d_M = s0[1];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      if (!(d_M >= 1)) return R.fail("constraint", "M >= 1", 1, d_M);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_N) * 4 < L3.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    (Math.max((d_N), (d_M * d_N)) < M ? k0 : w0)(H, b1, (T4[0] = (d_N), T4), (T5[0] = (d_M), T5), 0, b0, o0, (T5[0] = (d_M), T5), A6, A7);
    return new N(b1, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float32", A6, 0, false, (d_N), true);
  };
};
const __nj_t5p = [{ key: "[*]|S|", make: __nj_p5, kernels: [__nj_k1], wasm: ["__nj_k1"] }];
/** @numjit x: f32[N] */
export const flip = __nj_pre((x) => {
    let y = np.multiply(x, 2);
    __nj_ag.ifStmt(np.greater(np.sum(x), 0), () => {
        y = np.add(y, 1);
    }, () => {
        y = np.negative(y);
    }, () => [y], v => { [y] = v; }, ["y"]);
    return y;
}, { name: "flip", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const early = __nj_pre((x) => {
    return __nj_ag.ifExp(np.any(np.less(x, 0)), () => { return np.abs(x); }, () => {
        return np.sqrt(x);
    }, () => [], () => { });
}, { name: "early", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const pick = __nj_pre((x) => ((__nj_ag.ifExp(np.greater(np.max(x), 1), () => (np.divide(x, np.max(x))), () => (x)))), { name: "pick", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const doubling = __nj_pre((x) => {
    let s = np.sum(np.abs(x));
    let n = np.asarray(0, { dtype: "int32" });
    __nj_ag.whileStmt(() => (np.less(s, 100)), () => {
        s = np.multiply(s, 2);
        n = np.add(n, 1);
    }, () => [s, n], v => { [s, n] = v; }, ["s", "n"]);
    return { s, n };
}, { name: "doubling", kernels: __nj_t3, plans: __nj_t3p, wasm: __nj_w });
/** @numjit x: f32[N], k: number */
export const powers = __nj_pre((x, k) => {
    let acc = x;
    __nj_ag.forRange(0, k, i => { acc = np.multiply(acc, x); }, () => [acc], v => { [acc] = v; }, ["acc"]);
    return acc;
}, { name: "powers", kernels: __nj_t4, plans: __nj_t4p, wasm: __nj_w });
// static conditions stay JS: no helper call is emitted for them
/** @numjit x: f32[N, M] */
export const rowsum = __nj_pre((x) => (x.ndim === 2 ? np.sum(x, 1) : x), { name: "rowsum", kernels: __nj_t5, plans: __nj_t5p, wasm: __nj_w });
// not lowerable: a return inside a loop; the condition is guarded (NJ717 at build time, NJ403 at run time)
/** @numjit x: f32[N] */
export const firstNeg = jit((x) => {
    for (let i = 0; i < 3; i++) {
        if (__nj_ag.test(np.any(np.less(x, 0)), "an if", "it returns from inside a loop, or from a branch the rest of the function cannot follow"))
            return x;
        x = np.subtract(x, 1);
    }
    return x;
});
