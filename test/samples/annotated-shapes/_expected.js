// @numjit annotations: dtypes and dims (symbols or integers) per parameter.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let d_M = 0;
  let G0 = null;
  let G1 = null;
  const L4 = R.limits;
  const A5 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN, Z0_1 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "a", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "a", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "b", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "b", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "a", 2, s0.length);
      d_N = s0[0];
      if (s0[1] !== 3) return R.fail("dim", "a.shape[1] == 3", 3, s0[1]);
      if (s1.length !== 2) return R.fail("rank", "b", 2, s1.length);
      if (s1[0] !== 3) return R.fail("dim", "b.shape[0] == 3", 3, s1[0]);
      d_M = s1[1];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      if (!(d_M >= 1)) return R.fail("constraint", "M >= 1", 1, d_M);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_M * d_N) * 4 < L4.minBytes ? new Float32Array((d_M * d_N)) : R.alloc("float32", (d_M * d_N)));
    (Math.max((d_M * d_N), (3 * d_N), (3 * d_M)) < M ? k0 : w0)(H, b2, 1, (d_N), (d_M), 3, b0, o0, 0, 3, 1, b1, o1, 0, (d_M), 1, A5);
    return new N(b2, ((d_N) === Z0_0 && (d_M) === Z0_1 ? Z0 : (Z0_0 = (d_N), Z0_1 = (d_M), Z0 = Object.freeze([(d_N), (d_M)]))), "float32", ((d_M) === Z1_0 ? Z1 : (Z1_0 = (d_M), Z1 = Object.freeze([(d_M), 1]))), 0, false, (d_M * d_N), true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_N) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([2]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "int32") return R.fail("dtype", "ids", "int32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "ids", false, x0.weakType);
    if (x1.dtype !== "float64") return R.fail("dtype", "x", "float64", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "x", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "ids", 1, s0.length);
      d_N = s0[0];
      if (s1.length !== 1) return R.fail("rank", "x", 1, s1.length);
      if (s1[0] !== (d_N)) return R.fail("dim", "x.shape[0] == N", (d_N), s1[0]);
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_N) * 8 < L3.minBytes ? new Float64Array((d_N)) : R.alloc("float64", (d_N)));
    if ((d_N) < M) {
      const e_1 = A6[0];
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = b1[o1 + i_0];
        const e_4 = Math.imul(e_2, e_1);
        const e_5 = e_4;
        const e_6 = (e_5 + e_3);
        b2[i_0] = e_6;
      }
    } else w0(H, b2, (T4[0] = (d_N), T4), b0, o0, A5, b1, o1, A5, A6);
    return new N(b2, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float64", A5, 0, false, (d_N), true);
  };
};
const __nj_t1p = [{ key: "[*,*]|S|", make: __nj_p1, kernels: [__nj_k1], broadcasts: true }];
const __nj_t2 = { "@codegen": "<version>", "reduce:#2": __nj_k2 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let G0 = null;
  const L2 = R.limits;
  const A3 = Object.freeze([]);
  const T4 = [0] /* (d_N) */;
  const A5 = Object.freeze([1]);
  return function (x0) {
    if (x0.dtype !== "bool") return R.fail("dtype", "flags", "bool", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "flags", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "flags", 1, s0.length);
      d_N = s0[0];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = (1 * 4 < L2.minBytes ? new Int32Array(1) : R.alloc("int32", 1));
    (Math.max(1, (d_N)) < M ? k0 : w0)(H, b1, A3, (T4[0] = (d_N), T4), 0, b0, o0, A3, A5, A3);
    return new N(b1, A3, "int32", A3, 0, false, 1, true);
  };
};
const __nj_t2p = [{ key: "[*]|S|", make: __nj_p2, kernels: [__nj_k2] }];
const __nj_t3 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let G0 = null;
  const L1 = R.limits;
  const A2 = Object.freeze([]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 0) return R.fail("rank", "x", 0, s0.length);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = (1 * 4 < L1.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    if (1 < M) {
      const e_1 = b0[o0];
      for (let i_0 = 0; i_0 < 1; i_0++) {
        const e_2 = (e_1 * e_1);
        b1[i_0] = e_2;
      }
    } else w0(H, b1, A2, b0, o0, A2, A2);
    return new N(b1, A2, "float32", A2, 0, false, 1, true);
  };
};
const __nj_t3p = [{ key: "[*]|S|", make: __nj_p3, kernels: [__nj_k3], wasm: ["__nj_k3"] }];
/** @numjit a: f32[N, 3], b: f32[3, M] */
export const project = __nj_pre((a, b) => np.matmul(a, b), { name: "project", kernels: __nj_t0, plans: __nj_t0p });
/** @numjit ids: i32[N], x: f64[N] */
export const mixed = __nj_pre((ids, x) => np.add(np.multiply(ids, 2), x), { name: "mixed", kernels: __nj_t1, plans: __nj_t1p });
// @numjit flags: bool[N]
export const count = __nj_pre((flags) => np.sum(flags), { name: "count", kernels: __nj_t2, plans: __nj_t2p });
/** @numjit x: f32[] */
export const scalar = __nj_pre((x) => np.multiply(x, x), { name: "scalar", kernels: __nj_t3, plans: __nj_t3p, wasm: __nj_w });
