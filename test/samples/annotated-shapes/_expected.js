// @numjit annotations: dtypes and dims (symbols or integers) per parameter.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_t2 = { "@codegen": "<version>", "reduce:#2": __nj_k2 };
const __nj_t3 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
/** @numjit a: f32[N, 3], b: f32[3, M] */
export const project = __nj_pre((a, b) => np.matmul(a, b), { name: "project", kernels: __nj_t0 });
/** @numjit ids: i32[N], x: f64[N] */
export const mixed = __nj_pre((ids, x) => np.add(np.multiply(ids, 2), x), { name: "mixed", kernels: __nj_t1 });
// @numjit flags: bool[N]
export const count = __nj_pre((flags) => np.sum(flags), { name: "count", kernels: __nj_t2 });
/** @numjit x: f32[] */
export const scalar = __nj_pre((x) => np.multiply(x, x), { name: "scalar", kernels: __nj_t3 });
