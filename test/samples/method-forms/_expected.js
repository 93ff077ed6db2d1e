// Array methods (x.add(y), x.sum(axis), x.T, x.reshape(...)) and shape properties.
import { jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k3 = function nj_reduce_#3(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_t1 = { "@codegen": "<version>", "reduce:#3": __nj_k3, "elementwise:#4": __nj_k4 };
/** @numjit x: f32[N, M] */
export const centered = __nj_pre((x) => x.sub(x.mean(0)).mul(2).T, { name: "centered", kernels: __nj_t0 });
/** @numjit x: f32[N, M] */
export const rowNorms = __nj_pre((x) => x.square().sum(-1).sqrt(), { name: "rowNorms", kernels: __nj_t1 });
/** @numjit x: f32[N, M], y: f32[K] */
export const flat = jit((x, y) => x.reshape(-1).maximum(y.ravel()).clip(0, 6));
