// The module already uses names of the form the compiler emits (__nj_pre, __nj_k0, __nj_t0, and the
// next prefixes __nj1_ / __nj2_, one spelled with a unicode escape, one only in a nested scope): the
// emitted names must neither collide with these declarations nor be shadowed at a rewritten call.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj3_pre } from "@numjit/runtime/internal";
const __nj3_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj3_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj3_t0 = { "@codegen": "<version>", "elementwise:#0": __nj3_k0 };
const __nj3_t1 = { "@codegen": "<version>", "elementwise:#1": __nj3_k1 };
const __nj_k0 = "user k0";
export let __nj_t0 = 1;
export function __nj_pre() {
    return "user pre";
}
const \u005f_nj1_pre = "escaped";
export function make() {
    const __nj2_t0 = "shadow";
    void __nj2_t0;
    return __nj3_pre((x) => np.add(x, 1), { name: "jit0", kernels: __nj3_t0 });
}
export const f = __nj3_pre((x) => np.multiply(x, 2), { name: "f", kernels: __nj3_t1 });
export const user = [__nj_k0, __nj_t0, __nj_pre(), __nj1_pre];
