// jit(grad(f)), jit(valueAndGrad(f)), jit(vmap(f)): the transformations run at build time too.
import { numpy as np, jit, grad, valueAndGrad, vmap } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k4 = function nj_reduce_#4(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k5 = function nj_elementwise_#5(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k6 = function nj_elementwise_#6(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k7 = function nj_elementwise_#7(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k8 = function nj_reduce_#8(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, a1, o1, ks1, rs1, C) { /* body elided */ };
const __nj_k9 = function nj_elementwise_#9(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (sub)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (mul, add)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k4":{"signature":"reduce:#4","op":"reduce_sum kernel (mul)","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k6":{"signature":"elementwise:#6","op":"elementwise kernel (div)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k7":{"signature":"elementwise:#7","op":"elementwise kernel (div)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k8":{"signature":"reduce:#8","op":"reduce_sum kernel (mul)","layout":{"kind":"reduce","nin":2,"used":[0,1],"out":1,"consts":13,"data":[5,9],"offset":[6,10],"kshape":2,"rshape":3,"kstrides":[7,11],"rstrides":[8,12]}}} };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0, "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2, "elementwise:#3": __nj_k3 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  const k3 = K[3], w3 = W[3];
  let d_N = 0;
  let G0 = null;
  let G1 = null;
  let G2 = null;
  let S0 = null;
  const A5 = Object.freeze([]);
  let S1 = null;
  const T7 = [0] /* (d_N) */;
  const A8 = Object.freeze([1]);
  const L9 = R.limits;
  let S2 = null;
  const A11 = Object.freeze([0]);
  const A12 = Object.freeze([3]);
  return function (x0, x1, x2) {
    if (x0.dtype !== "float32") return R.fail("dtype", "w", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "w", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "x", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "x", false, x1.weakType);
    if (x2.dtype !== "float32") return R.fail("dtype", "y", "float32", x2.dtype);
    if (x2.weakType !== false) return R.fail("weakType", "y", false, x2.weakType);
    const s0 = x0.shape, s1 = x1.shape, s2 = x2.shape;
    if (s0 !== G0 || s1 !== G1 || s2 !== G2) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "w", 1, s0.length);
      if (s0[0] !== 3) return R.fail("dim", "w.shape[0] == 3", 3, s0[0]);
      if (s1.length !== 2) return R.fail("rank", "x", 2, s1.length);
      d_N = s1[0];
      if (s1[1] !== 3) return R.fail("dim", "x.shape[1] == 3", 3, s1[1]);
      if (s2.length !== 1) return R.fail("rank", "y", 1, s2.length);
      if (s2[0] !== (d_N)) return R.fail("dim", "y.shape[0] == N", (d_N), s2[0]);
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0; G1 = s1; G2 = s2;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const c2 = x2.isContiguous ? x2 : R.dense(x2);
    const b2 = c2.data, o2 = c2.offset;
    const b3 = S0 !== null && S0.length === (d_N) ? S0 : (S0 = new Float32Array((d_N)));
    (Math.max((d_N), (3 * d_N), 3) < M ? k0 : w0)(H, b3, 1, (d_N), 1, 3, b1, o1, 0, 3, 1, b0, o0, 0, 1, 0, A5);
    const b4 = S1 !== null && S1.length === (d_N) ? S1 : (S1 = new Float32Array((d_N)));
    if ((d_N) < M) {
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_1 = b3[0 + i_0];
        const e_2 = b2[o2 + i_0];
        const e_3 = (e_1 - e_2);
        b4[i_0] = e_3;
      }
    } else w1(H, b4, (T7[0] = (d_N), T7), b3, 0, A8, b2, o2, A8, A5);
    const r5 = R.eager("dim_value", { "dim": (d_N), "weakType": true }, []);
    const b5 = r5.data, o5 = r5.offset;
    const b6 = (1 * 4 < L9.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    if (1 < M) {
      const e_5 = A8[0];
      const e_6 = b5[o5];
      for (let i_4 = 0; i_4 < 1; i_4++) {
        const e_7 = Math.fround(e_6);
        const e_8 = (e_5 / e_7);
        b6[i_4] = e_8;
      }
    } else w2(H, b6, A5, b5, o5, A5, A8);
    const b7 = S2 !== null && S2.length === (d_N) ? S2 : (S2 = new Float32Array((d_N)));
    if ((d_N) < M) {
      const e_10 = b6[0];
      for (let i_9 = 0; i_9 < (d_N); i_9++) {
        const e_11 = b4[0 + i_9];
        const e_12 = (e_10 * e_11);
        const e_13 = (e_11 * e_10);
        const e_14 = (e_12 + e_13);
        b7[i_9] = e_14;
      }
    } else w3(H, b7, (T7[0] = (d_N), T7), b6, 0, A11, b4, 0, A8, A5);
    const b8 = (3 * 4 < L9.minBytes ? new Float32Array(3) : R.alloc("float32", 3));
    (Math.max(3, (3 * d_N), (d_N)) < M ? k0 : w0)(H, b8, 1, 3, 1, (d_N), b1, o1, 0, 1, 3, b7, 0, 0, 1, 0, A5);
    return new N(b8, A12, "float32", A8, 0, false, 3, true);
  };
};
const __nj_t0p = [{ key: "[*,*,*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1, __nj_k2, __nj_k3], wasm: [null, "__nj_k1", null, "__nj_k3"] }];
const __nj_t1 = { "@codegen": "<version>", "dot:#0": __nj_k0, "elementwise:#1": __nj_k1, "reduce:#4": __nj_k4, "elementwise:#5": __nj_k5, "elementwise:#6": __nj_k6, "elementwise:#7": __nj_k7, "elementwise:#3": __nj_k3 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  const k3 = K[3], w3 = W[3];
  const k4 = K[4], w4 = W[4];
  const k5 = K[5], w5 = W[5];
  const k6 = K[6], w6 = W[6];
  let d_N = 0;
  let G0 = null;
  let G1 = null;
  let G2 = null;
  let S0 = null;
  const A5 = Object.freeze([]);
  let S1 = null;
  const T7 = [0] /* (d_N) */;
  const A8 = Object.freeze([1]);
  const L9 = R.limits;
  let S2 = null;
  const A11 = Object.freeze([0]);
  const A12 = Object.freeze([3]);
  return function (x0, x1, x2) {
    if (x0.dtype !== "float32") return R.fail("dtype", "w", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "w", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "x", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "x", false, x1.weakType);
    if (x2.dtype !== "float32") return R.fail("dtype", "y", "float32", x2.dtype);
    if (x2.weakType !== false) return R.fail("weakType", "y", false, x2.weakType);
    const s0 = x0.shape, s1 = x1.shape, s2 = x2.shape;
    if (s0 !== G0 || s1 !== G1 || s2 !== G2) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "w", 1, s0.length);
      if (s0[0] !== 3) return R.fail("dim", "w.shape[0] == 3", 3, s0[0]);
      if (s1.length !== 2) return R.fail("rank", "x", 2, s1.length);
      d_N = s1[0];
      if (s1[1] !== 3) return R.fail("dim", "x.shape[1] == 3", 3, s1[1]);
      if (s2.length !== 1) return R.fail("rank", "y", 1, s2.length);
      if (s2[0] !== (d_N)) return R.fail("dim", "y.shape[0] == N", (d_N), s2[0]);
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0; G1 = s1; G2 = s2;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const c2 = x2.isContiguous ? x2 : R.dense(x2);
    const b2 = c2.data, o2 = c2.offset;
    const b3 = S0 !== null && S0.length === (d_N) ? S0 : (S0 = new Float32Array((d_N)));
    (Math.max((d_N), (3 * d_N), 3) < M ? k0 : w0)(H, b3, 1, (d_N), 1, 3, b1, o1, 0, 3, 1, b0, o0, 0, 1, 0, A5);
    const b4 = S1 !== null && S1.length === (d_N) ? S1 : (S1 = new Float32Array((d_N)));
    if ((d_N) < M) {
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_1 = b3[0 + i_0];
        const e_2 = b2[o2 + i_0];
        const e_3 = (e_1 - e_2);
        b4[i_0] = e_3;
      }
    } else w1(H, b4, (T7[0] = (d_N), T7), b3, 0, A8, b2, o2, A8, A5);
    const b5 = (1 * 4 < L9.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (Math.max(1, (d_N)) < M ? k2 : w2)(H, b5, A5, (T7[0] = (d_N), T7), 0, b4, 0, A5, A8, A5);
    const r6 = R.eager("dim_value", { "dim": (d_N), "weakType": true }, []);
    const b6 = r6.data, o6 = r6.offset;
    const b7 = (1 * 4 < L9.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    if (1 < M) {
      const e_5 = b6[o6];
      for (let i_4 = 0; i_4 < 1; i_4++) {
        const e_6 = Math.fround(e_5);
        b7[i_4] = e_6;
      }
    } else w3(H, b7, A5, b6, o6, A5, A5);
    const b8 = (1 * 4 < L9.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    if (1 < M) {
      const e_8 = b5[0];
      const e_9 = b7[0];
      for (let i_7 = 0; i_7 < 1; i_7++) {
        const e_10 = (e_8 / e_9);
        b8[i_7] = e_10;
      }
    } else w4(H, b8, A5, b5, 0, A5, b7, 0, A5, A5);
    const b9 = (1 * 4 < L9.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    if (1 < M) {
      const e_12 = A8[0];
      const e_13 = b7[0];
      for (let i_11 = 0; i_11 < 1; i_11++) {
        const e_14 = (e_12 / e_13);
        b9[i_11] = e_14;
      }
    } else w5(H, b9, A5, b7, 0, A5, A8);
    const b10 = S2 !== null && S2.length === (d_N) ? S2 : (S2 = new Float32Array((d_N)));
    if ((d_N) < M) {
      const e_16 = b9[0];
      for (let i_15 = 0; i_15 < (d_N); i_15++) {
        const e_17 = b4[0 + i_15];
        const e_18 = (e_16 * e_17);
        const e_19 = (e_17 * e_16);
        const e_20 = (e_18 + e_19);
        b10[i_15] = e_20;
      }
    } else w6(H, b10, (T7[0] = (d_N), T7), b9, 0, A11, b4, 0, A8, A5);
    const b11 = (3 * 4 < L9.minBytes ? new Float32Array(3) : R.alloc("float32", 3));
    (Math.max(3, (3 * d_N), (d_N)) < M ? k0 : w0)(H, b11, 1, 3, 1, (d_N), b1, o1, 0, 1, 3, b10, 0, 0, 1, 0, A5);
    return [new N(b8, A5, "float32", A5, 0, false, 1, true), new N(b11, A12, "float32", A8, 0, false, 3, true)];
  };
};
const __nj_t1p = [{ key: "[*,*,*]|S|", make: __nj_p1, kernels: [__nj_k0, __nj_k1, __nj_k4, __nj_k5, __nj_k6, __nj_k7, __nj_k3], wasm: [null, "__nj_k1", "__nj_k4", null, "__nj_k6", "__nj_k7", "__nj_k3"] }];
const __nj_t2 = { "@codegen": "<version>", "reduce:#8": __nj_k8 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_B = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_B) */;
  const A5 = Object.freeze([4]);
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "a", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "a", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "b", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "b", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "a", 2, s0.length);
      d_B = s0[0];
      if (s0[1] !== 4) return R.fail("dim", "a.shape[1] == 4", 4, s0[1]);
      if (s1.length !== 2) return R.fail("rank", "b", 2, s1.length);
      if (s1[0] !== (d_B)) return R.fail("dim", "b.shape[0] == B", (d_B), s1[0]);
      if (s1[1] !== 4) return R.fail("dim", "b.shape[1] == 4", 4, s1[1]);
      if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_B) * 4 < L3.minBytes ? new Float32Array((d_B)) : R.alloc("float32", (d_B)));
    (Math.max((d_B), (4 * d_B)) < M ? k0 : w0)(H, b2, (T4[0] = (d_B), T4), A5, 0, b0, o0, A5, A6, b1, o1, A5, A6, A7);
    return new N(b2, ((d_B) === Z0_0 ? Z0 : (Z0_0 = (d_B), Z0 = Object.freeze([(d_B)]))), "float32", A6, 0, false, (d_B), true);
  };
};
const __nj_t2p = [{ key: "[*,*]|S|", make: __nj_p2, kernels: [__nj_k8], wasm: ["__nj_k8"] }];
const __nj_t3 = { "@codegen": "<version>", "elementwise:#9": __nj_k9 };
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_N) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([]);
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
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_1 = b0[o0 + i_0];
        const e_2 = Math.cos(e_1);
        b1[i_0] = e_2;
      }
    } else w0(H, b1, (T3[0] = (d_N), T3), b0, o0, A4, A5);
    return new N(b1, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float32", A4, 0, false, (d_N), true);
  };
};
const __nj_t3p = [{ key: "[*]|S|", make: __nj_p3, kernels: [__nj_k9] }];
/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
function loss(w, x, y) {
    return np.mean(np.square(np.subtract(np.matmul(x, w), y)));
}
/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
export const dloss = __nj_pre(grad(loss), { name: "dloss", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
export const both = __nj_pre(valueAndGrad(loss), { name: "both", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
const dot = (a, b) => np.sum(np.multiply(a, b));
/** @numjit a: f32[B, 4], b: f32[B, 4] */
export const batchedDot = __nj_pre(vmap(dot), { name: "batchedDot", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const dsin = __nj_pre(grad((x) => np.sum(np.sin(x))), { name: "dsin", kernels: __nj_t3, plans: __nj_t3p });
