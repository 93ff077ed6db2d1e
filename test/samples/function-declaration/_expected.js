// jit around an identifier naming a function declaration, a const arrow, and a named function expression.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_t2 = { "@codegen": "<version>", "reduce:#2": __nj_k2 };
function sigmoidish(x) {
    const e = np.exp(np.negative(x));
    return np.divide(1, np.add(1, e));
}
const addSquares = (a, b) => np.add(np.square(a), np.square(b));
export const s = __nj_pre(sigmoidish, { name: "s", kernels: __nj_t0 });
export const q = __nj_pre(addSquares, { name: "q", kernels: __nj_t1 });
/** @numjit x: f32[B, N] */
export const m = __nj_pre(function maxAbs(x) {
    return np.max(np.abs(x), -1);
}, { name: "m", kernels: __nj_t2 });
