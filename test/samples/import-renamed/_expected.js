// Renamed imports: the compiler follows the local names.
import { jit as J, numpy as N, nn as NN } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0, "elementwise:#1": __nj_k1 };
const __nj_t1 = { "@codegen": "<version>", "reduce:#2": __nj_k2, "elementwise:#3": __nj_k3, "elementwise:#4": __nj_k4 };
export const act = __nj_pre((x) => NN.gelu(N.multiply(x, 2)), { name: "act", kernels: __nj_t0 });
/** @numjit x: f32[B, N] */
export const norm = __nj_pre((x) => N.divide(x, N.sqrt(N.sum(N.square(x), -1, { keepdims: true }))), { name: "norm", kernels: __nj_t1 });
