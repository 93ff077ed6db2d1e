// Array methods (x.add(y), x.sum(axis), x.T, x.reshape(...)) and shape properties.
import { jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k3 = function nj_reduce_#3(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k5 = function nj_elementwise_#5(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"reduce:#0","op":"reduce_sum kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k2":{"signature":"elementwise:#2","op":"elementwise kernel (sub, mul)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k3":{"signature":"reduce:#3","op":"reduce_sum kernel (mul)","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k4":{"signature":"elementwise:#4","op":"elementwise kernel (sqrt)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k5":{"signature":"elementwise:#5","op":"elementwise kernel (max, min)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const k2 = K[2], w2 = W[2];
  let d_N = 0;
  let d_M = 0;
  let G0 = null;
  let S0 = null;
  const T4 = [0] /* (d_M) */;
  const T5 = [0] /* (d_N) */;
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  let S1 = null;
  const A9 = Object.freeze([0]);
  const L10 = R.limits;
  const T11 = [0, 0] /* (d_N), (d_M) */;
  const T12 = [0, 0] /* (d_M), 1 */;
  const A13 = Object.freeze([0, 1]);
  const A14 = Object.freeze([2]);
  let Z2 = null, Z2_0 = NaN, Z2_1 = NaN;
  let Z3 = null, Z3_1 = NaN;
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
    const b1 = S0 !== null && S0.length === (d_M) ? S0 : (S0 = new Float32Array((d_M)));
    (Math.max((d_M), (d_M * d_N)) < M ? k0 : w0)(H, b1, (T4[0] = (d_M), T4), (T5[0] = (d_N), T5), 1, b0, o0, A6, (T4[0] = (d_M), T4), A7);
    const r2 = R.eager("dim_value", { "dim": (d_N), "weakType": true }, []);
    const b2 = r2.data, o2 = r2.offset;
    const b3 = S1 !== null && S1.length === (d_M) ? S1 : (S1 = new Float32Array((d_M)));
    if ((d_M) < M) {
      const e_1 = b2[o2];
      for (let i_0 = 0; i_0 < (d_M); i_0++) {
        const e_2 = b1[0 + i_0];
        const e_3 = Math.fround(e_1);
        const e_4 = (e_2 / e_3);
        b3[i_0] = e_4;
      }
    } else w1(H, b3, (T4[0] = (d_M), T4), b2, o2, A9, b1, 0, A6, A7);
    const b4 = ((d_M * d_N) * 4 < L10.minBytes ? new Float32Array((d_M * d_N)) : R.alloc("float32", (d_M * d_N)));
    ((d_M * d_N) < M ? k2 : w2)(H, b4, (T11[0] = (d_N), T11[1] = (d_M), T11), b0, o0, (T12[0] = (d_M), T12[1] = 1, T12), b3, 0, A13, A14);
    return new N(b4, ((d_M) === Z2_0 && (d_N) === Z2_1 ? Z2 : (Z2_0 = (d_M), Z2_1 = (d_N), Z2 = Object.freeze([(d_M), (d_N)]))), "float32", ((d_M) === Z3_1 ? Z3 : (Z3_1 = (d_M), Z3 = Object.freeze([1, (d_M)]))), 0, false, (d_M * d_N), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1, __nj_k2], wasm: ["__nj_k0", null, "__nj_k2"] }];
const __nj_t1 = { "@codegen": "<version>", "reduce:#3": __nj_k3, "elementwise:#4": __nj_k4 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let d_N = 0;
  let d_M = 0;
  let G0 = null;
  let S0 = null;
  const T4 = [0] /* (d_N) */;
  const T5 = [0] /* (d_M) */;
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  const L8 = R.limits;
  let Z1 = null, Z1_0 = NaN;
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
    const b1 = S0 !== null && S0.length === (d_N) ? S0 : (S0 = new Float32Array((d_N)));
    (Math.max((d_N), (d_M * d_N)) < M ? k0 : w0)(H, b1, (T4[0] = (d_N), T4), (T5[0] = (d_M), T5), 0, b0, o0, (T5[0] = (d_M), T5), A6, A7);
    const b2 = ((d_N) * 4 < L8.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    if ((d_N) < M) {
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_1 = b1[0 + i_0];
        const e_2 = Math.sqrt(e_1);
        b2[i_0] = e_2;
      }
    } else w1(H, b2, (T4[0] = (d_N), T4), b1, 0, A6, A7);
    return new N(b2, ((d_N) === Z1_0 ? Z1 : (Z1_0 = (d_N), Z1 = Object.freeze([(d_N)]))), "float32", A6, 0, false, (d_N), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k3, __nj_k4], wasm: ["__nj_k3", "__nj_k4"] }];
const __nj_t2 = { "@codegen": "<version>", "elementwise:#5": __nj_k5 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let d_M = 0;
  let d_K = 0;
  let G0 = null;
  let G1 = null;
  const L5 = R.limits;
  const T6 = [0] /* (d_M * d_N) */;
  const A7 = Object.freeze([1]);
  const A8 = Object.freeze([0, 6]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "y", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "y", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_N = s0[0];
      d_M = s0[1];
      if (s1.length !== 1) return R.fail("rank", "y", 1, s1.length);
      d_K = s1[0];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      if (!(d_M >= 1)) return R.fail("constraint", "M >= 1", 1, d_M);
      if (!(d_K >= 1)) return R.fail("constraint", "K >= 1", 1, d_K);
      if ((d_M * d_N) !== (d_K)) return R.fail("constraint", "M*N == K", (d_K), (d_M * d_N));
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_M * d_N) * 4 < L5.minBytes ? new Float32Array((d_M * d_N)) : R.alloc("float32", (d_M * d_N)));
    if ((d_M * d_N) < M) {
      const e_1 = A8[0];
      const e_2 = A8[1];
      for (let i_0 = 0; i_0 < (d_M * d_N); i_0++) {
        const e_3 = b0[o0 + i_0];
        const e_4 = b1[o1 + i_0];
        const e_5 = Math.fround(Math.max(e_3, e_4));
        const e_6 = Math.fround(Math.max(e_5, e_1));
        const e_7 = Math.min(e_6, e_2);
        b2[i_0] = e_7;
      }
    } else w0(H, b2, (T6[0] = (d_M * d_N), T6), b0, o0, A7, b1, o1, A7, A8);
    return new N(b2, ((d_M * d_N) === Z0_0 ? Z0 : (Z0_0 = (d_M * d_N), Z0 = Object.freeze([(d_M * d_N)]))), "float32", A7, 0, false, (d_M * d_N), true);
  };
};
const __nj_t2p = [{ key: "[*,*]|S|", make: __nj_p2, kernels: [__nj_k5], wasm: ["__nj_k5"] }];
/** @numjit x: f32[N, M] */
export const centered = __nj_pre((x) => x.sub(x.mean(0)).mul(2).T, { name: "centered", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[N, M] */
export const rowNorms = __nj_pre((x) => x.square().sum(-1).sqrt(), { name: "rowNorms", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
/** @numjit x: f32[N, M], y: f32[K] */
export const flat = __nj_pre((x, y) => x.reshape(-1).maximum(y.ravel()).clip(0, 6), { name: "flat", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w });
