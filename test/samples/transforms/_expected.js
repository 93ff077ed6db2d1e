// jit(grad(f)), jit(valueAndGrad(f)), jit(vmap(f)): the transformations run at build time too.
import { numpy as np, jit, grad, valueAndGrad, vmap } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k3 = function nj_reduce_#3(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k5 = function nj_reduce_#5(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, a1, o1, ks1, rs1, C) { /* body elided */ };
const __nj_k6 = function nj_elementwise_#6(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0, "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_t1 = { "@codegen": "<version>", "dot:#0": __nj_k0, "elementwise:#1": __nj_k1, "reduce:#3": __nj_k3, "elementwise:#4": __nj_k4, "elementwise:#2": __nj_k2 };
const __nj_t2 = { "@codegen": "<version>", "reduce:#5": __nj_k5 };
const __nj_t3 = { "@codegen": "<version>", "elementwise:#6": __nj_k6 };
/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
function loss(w, x, y) {
    return np.mean(np.square(np.subtract(np.matmul(x, w), y)));
}
/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
export const dloss = __nj_pre(grad(loss), { name: "dloss", kernels: __nj_t0 });
/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
export const both = __nj_pre(valueAndGrad(loss), { name: "both", kernels: __nj_t1 });
const dot = (a, b) => np.sum(np.multiply(a, b));
/** @numjit a: f32[B, 4], b: f32[B, 4] */
export const batchedDot = __nj_pre(vmap(dot), { name: "batchedDot", kernels: __nj_t2 });
/** @numjit x: f32[N] */
export const dsin = __nj_pre(grad((x) => np.sum(np.sin(x))), { name: "dsin", kernels: __nj_t3 });
