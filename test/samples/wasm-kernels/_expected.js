// Kernels with a WebAssembly form (float32 elementwise, float32 reductions) ship as one wasm module for
// the whole module, inline as base64 (one record shared by every function); the others (a matmul, an
// int32 chain) keep only their JS kernel. Each plan lists its kernels' wasm exports and sizes.
import { numpy as np, jit, nn } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k1 = function nj_rows_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_dot_#2(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (mul, add, tanh)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k1":{"signature":"rows:#1","op":"softmax rows","layout":{"kind":"rows","row":"softmax","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_N) */;
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
      d_N = s0[0];
      if (s1.length !== 1) return R.fail("rank", "y", 1, s1.length);
      if (s1[0] !== (d_N)) return R.fail("dim", "y.shape[0] == N", (d_N), s1[0]);
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_N) * 4 < L3.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    if ((d_N) < M) {
      const e_1 = A6[0];
      const e_2 = A6[1];
      const e_3 = A6[2];
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_4 = b0[o0 + i_0];
        const e_5 = b1[o1 + i_0];
        const e_6 = (e_4 * e_1);
        const e_7 = (e_6 + e_2);
        const e_8 = H.tanh32(e_7);
        const e_9 = (e_8 * e_5);
        const e_10 = (e_9 + e_3);
        b2[i_0] = e_10;
      }
    } else w0(H, b2, (T4[0] = (d_N), T4), b0, o0, A5, b1, o1, A5, A6);
    return new N(b2, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float32", A5, 0, false, (d_N), true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"], broadcasts: true }];
const __nj_t1 = { "@codegen": "<version>", "rows:#1": __nj_k1 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_B = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0, 0] /* (d_B), 5000 */;
  const A4 = Object.freeze([5000, 1]);
  const A5 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_B = s0[0];
      if (s0[1] !== 5000) return R.fail("dim", "x.shape[1] == 5000", 5000, s0[1]);
      if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((5000 * d_B) * 4 < L2.minBytes ? new Float32Array((5000 * d_B)) : R.alloc("float32", (5000 * d_B)));
    ((5000 * d_B) < M ? k0 : w0)(H, b1, (T3[0] = (d_B), T3[1] = 5000, T3), b0, o0, A4, A5);
    return new N(b1, ((d_B) === Z0_0 ? Z0 : (Z0_0 = (d_B), Z0 = Object.freeze([(d_B), 5000]))), "float32", A4, 0, false, (5000 * d_B), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k1], wasm: ["__nj_k1"] }];
const __nj_t2 = { "@codegen": "<version>", "dot:#2": __nj_k2 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let d_K = 0;
  let d_M = 0;
  let G0 = null;
  let G1 = null;
  const L5 = R.limits;
  const A6 = Object.freeze([0]);
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
      d_K = s0[1];
      if (s1.length !== 2) return R.fail("rank", "b", 2, s1.length);
      if (s1[0] !== (d_K)) return R.fail("dim", "b.shape[0] == K", (d_K), s1[0]);
      d_M = s1[1];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      if (!(d_K >= 1)) return R.fail("constraint", "K >= 1", 1, d_K);
      if (!(d_M >= 1)) return R.fail("constraint", "M >= 1", 1, d_M);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_M * d_N) * 4 < L5.minBytes ? new Float32Array((d_M * d_N)) : R.alloc("float32", (d_M * d_N)));
    (Math.max((d_M * d_N), (d_K * d_N), (d_K * d_M)) < M ? k0 : w0)(H, b2, 1, (d_N), (d_M), (d_K), b0, o0, 0, (d_K), 1, b1, o1, 0, (d_M), 1, A6);
    return new N(b2, ((d_N) === Z0_0 && (d_M) === Z0_1 ? Z0 : (Z0_0 = (d_N), Z0_1 = (d_M), Z0 = Object.freeze([(d_N), (d_M)]))), "float32", ((d_M) === Z1_0 ? Z1 : (Z1_0 = (d_M), Z1 = Object.freeze([(d_M), 1]))), 0, false, (d_M * d_N), true);
  };
};
const __nj_t2p = [{ key: "[*,*]|S|", make: __nj_p2, kernels: [__nj_k2] }];
const __nj_t3 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_N = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_N) */;
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([3, 1]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "int32") return R.fail("dtype", "ids", "int32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "ids", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "ids", 1, s0.length);
      d_N = s0[0];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_N) * 4 < L2.minBytes ? new Int32Array((d_N)) : R.alloc("int32", (d_N)));
    if ((d_N) < M) {
      const e_1 = A5[0];
      const e_2 = A5[1];
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_3 = b0[o0 + i_0];
        const e_4 = Math.imul(e_3, e_1);
        const e_5 = ((e_4 + e_2) | 0);
        b1[i_0] = e_5;
      }
    } else w0(H, b1, (T3[0] = (d_N), T3), b0, o0, A4, A5);
    return new N(b1, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "int32", A4, 0, false, (d_N), true);
  };
};
const __nj_t3p = [{ key: "[*]|S|", make: __nj_p3, kernels: [__nj_k3] }];
/** @numjit x: f32[N], y: f32[N] */
export const chain = __nj_pre((x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1), { name: "chain", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[B, 5000] */
export const rowSoftmax = __nj_pre((x) => nn.softmax(x, -1), { name: "rowSoftmax", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
/** @numjit a: f32[N, K], b: f32[K, M] */
export const project = __nj_pre((a, b) => nn.relu(np.matmul(a, b)), { name: "project", kernels: __nj_t2, plans: __nj_t2p });
/** @numjit ids: i32[N] */
export const ints = __nj_pre((ids) => np.add(np.multiply(ids, 3), 1), { name: "ints", kernels: __nj_t3, plans: __nj_t3p });
