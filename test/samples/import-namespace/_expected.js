// Namespace import: nj.jit, nj.numpy.*, nj.nn.*
import * as nj from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1, "reduce:#2": __nj_k2, "elementwise:#3": __nj_k3 };
const __nj_t1 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1 };
const np = nj.numpy;
/** @numjit x: f32[B, N] */
export const softmaxRows = __nj_pre((x) => nj.nn.softmax(x, -1), { name: "softmaxRows", kernels: __nj_t0 });
/** @numjit x: f32[N] */
export const shifted = __nj_pre((x) => np.exp(np.subtract(x, np.max(x))), { name: "shifted", kernels: __nj_t1 });
