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
  const L0 = R.limits;
  const T1 = [0] /* (d_N) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([1.5, 0.30000001192092896, 1]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_N = s0[0];
    if (x1.dtype !== "float32") return R.fail("dtype", "y", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "y", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 1) return R.fail("rank", "y", 1, s1.length);
    if (s1[0] !== (d_N)) return R.fail("dim", "y.shape[0] == N", (d_N), s1[0]);
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_N) * 4 < L0.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    ((d_N) < M ? k0 : w0)(H, b2, (T1[0] = (d_N), T1), b0, o0, A2, b1, o1, A2, A3);
    return new N(b2, [(d_N)], "float32", A2, 0, false, (d_N), true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"], broadcasts: true }];
const __nj_t1 = { "@codegen": "<version>", "rows:#1": __nj_k1 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0, 0] /* (d_B), 5000 */;
  const A2 = Object.freeze([5000, 1]);
  const A3 = Object.freeze([]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    const d_B = s0[0];
    if (s0[1] !== 5000) return R.fail("dim", "x.shape[1] == 5000", 5000, s0[1]);
    if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((5000 * d_B) * 4 < L0.minBytes ? new Float32Array((5000 * d_B)) : R.alloc("float32", (5000 * d_B)));
    ((5000 * d_B) < M ? k0 : w0)(H, b1, (T1[0] = (d_B), T1[1] = 5000, T1), b0, o0, A2, A3);
    return new N(b1, [(d_B), 5000], "float32", A2, 0, false, (5000 * d_B), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k1], wasm: ["__nj_k1"] }];
const __nj_t2 = { "@codegen": "<version>", "dot:#2": __nj_k2 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const A1 = Object.freeze([0]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "a", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "a", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "a", 2, s0.length);
    const d_N = s0[0];
    const d_K = s0[1];
    if (x1.dtype !== "float32") return R.fail("dtype", "b", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "b", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 2) return R.fail("rank", "b", 2, s1.length);
    if (s1[0] !== (d_K)) return R.fail("dim", "b.shape[0] == K", (d_K), s1[0]);
    const d_M = s1[1];
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    if (!(d_K >= 1)) return R.fail("constraint", "K >= 1", 1, d_K);
    if (!(d_M >= 1)) return R.fail("constraint", "M >= 1", 1, d_M);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_M * d_N) * 4 < L0.minBytes ? new Float32Array((d_M * d_N)) : R.alloc("float32", (d_M * d_N)));
    (Math.max((d_M * d_N), (d_K * d_N), (d_K * d_M)) < M ? k0 : w0)(H, b2, 1, (d_N), (d_M), (d_K), b0, o0, 0, (d_K), 1, b1, o1, 0, (d_M), 1, A1);
    return new N(b2, [(d_N), (d_M)], "float32", [(d_M), 1], 0, false, (d_M * d_N), true);
  };
};
const __nj_t2p = [{ key: "[*,*]|S|", make: __nj_p2, kernels: [__nj_k2] }];
const __nj_t3 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_N) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([3, 1]);
  return function (x0) {
    if (x0.dtype !== "int32") return R.fail("dtype", "ids", "int32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "ids", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "ids", 1, s0.length);
    const d_N = s0[0];
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_N) * 4 < L0.minBytes ? new Int32Array((d_N)) : R.alloc("int32", (d_N)));
    ((d_N) < M ? k0 : w0)(H, b1, (T1[0] = (d_N), T1), b0, o0, A2, A3);
    return new N(b1, [(d_N)], "int32", A2, 0, false, (d_N), true);
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
