// Static arguments: values come from call sites in this module, parameter defaults and @numjit
// annotations; one trace per value (kernels are shared where equal).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_reduce_#3(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"reduce:#0","op":"reduce_sum kernel (exp)","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (gt, mul, select)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k2":{"signature":"reduce:#2","op":"reduce_sum kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k3":{"signature":"reduce:#3","op":"reduce_max kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}}} };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let d_M = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_M) */;
  const T5 = [0] /* (d_N) */;
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
    const b1 = ((d_M) * 4 < L3.minBytes ? new Float32Array((d_M)) : R.alloc("float32", (d_M)));
    (Math.max((d_M), (d_M * d_N)) < M ? k0 : w0)(H, b1, (T4[0] = (d_M), T4), (T5[0] = (d_N), T5), 1, b0, o0, A6, (T4[0] = (d_M), T4), A7);
    return new N(b1, ((d_M) === Z0_0 ? Z0 : (Z0_0 = (d_M), Z0 = Object.freeze([(d_M)]))), "float32", A6, 0, false, (d_M), true);
  };
};
const __nj_p1 = function (R, K, W, M) {
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
const __nj_t0p = [{ key: "[*,N]|S|n0", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }, { key: "[*,N]|S|n-1", make: __nj_p1, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_S_0) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([0, 0.10000000149011612]);
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
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_3 = b0[o0 + i_0];
        const e_4 = (e_3 > e_1 ? 1 : 0);
        const e_5 = (e_3 * e_2);
        const e_6 = (e_4 ? e_3 : e_5);
        b1[i_0] = e_6;
      }
    } else w0(H, b1, (T3[0] = (d_S_0), T3), b0, o0, A4, A5);
    return new N(b1, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A4, 0, false, (d_S_0), true);
  };
};
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0 * d_S_1) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([0, 0.10000000149011612]);
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
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_3 = b0[o0 + i_0];
        const e_4 = (e_3 > e_1 ? 1 : 0);
        const e_5 = (e_3 * e_2);
        const e_6 = (e_4 ? e_3 : e_5);
        b1[i_0] = e_6;
      }
    } else w0(H, b1, (T4[0] = (d_S_0 * d_S_1), T4), b0, o0, A5, A6);
    return new N(b1, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t1p = [{ key: "[*,N]|S|n0.1", make: __nj_p2, kernels: [__nj_k1], wasm: ["__nj_k1"] }, { key: "[*,N]|S|n0.1", make: __nj_p3, kernels: [__nj_k1], wasm: ["__nj_k1"] }];
const __nj_t2 = { "@codegen": "<version>", "reduce:#2": __nj_k2, "reduce:#3": __nj_k3 };
const __nj_p4 = function (R, K, W, M) {
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
const __nj_t2p = [{ key: "[*,N]|S|\"sum\"", make: __nj_p4, kernels: [__nj_k2], wasm: ["__nj_k2"] }, { key: "[*,N]|S|\"max\"", make: __nj_p5, kernels: [__nj_k3], wasm: ["__nj_k3"] }];
/** @numjit x: f32[N, M] */
export const reduceAlong = __nj_pre((x, axis) => np.sum(np.exp(x), axis), { name: "reduceAlong", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w, staticArgnums: [1] });
export const rows = (x) => reduceAlong(x, 0);
export const cols = (x) => reduceAlong(x, -1);
export const leaky = __nj_pre((x, slope = 0.1) => np.where(np.greater(x, 0), x, np.multiply(x, slope)), { name: "leaky", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w, staticArgnames: ["slope"] });
/** @numjit x: f32[N, M], mode = "sum" | "max" */
export const pool = __nj_pre((x, mode) => (mode === "sum" ? np.sum(x, -1) : np.max(x, -1)), { name: "pool", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w, staticArgnums: [1] });
