// Pytree arguments and results: objects and tuples of arrays.
import { numpy as np, nn, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k3 = function nj_dot_#3(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_t2 = { "@codegen": "<version>", "dot:#3": __nj_k3 };
/** @numjit params: { w: f32[4, 2], b: f32[2] }, x: f32[B, 4] */
export const predict = __nj_pre((params, x) => nn.sigmoid(np.add(np.matmul(x, params.w), params.b)), { name: "predict", kernels: __nj_t0 });
// destructured parameters are objects / tuples of arrays; elementwise code is rank-polymorphic
export const stats = __nj_pre(([a, b]) => ({ sum: np.add(a, b), diff: np.subtract(a, b) }), { name: "stats", kernels: __nj_t1 });
// unannotated and untyped: `params.w` / `params.b` make params an object of arrays; the call gives the ranks
export const linear = __nj_pre((params, x) => np.add(np.matmul(x, params.w), params.b), { name: "linear", kernels: __nj_t2 });
export const y0 = linear({ w: np.ones([4, 2]), b: np.zeros([2]) }, np.ones([3, 4]));
