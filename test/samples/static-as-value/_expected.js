// A static argument used only as a value (a clip bound, a scale) needs no build-time value: it is traced as a
// weak scalar input (a scalar kernel argument). One that decides a shape still needs a value (NJ708).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, a2, o2, s2, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0, "elementwise:#1": __nj_k1 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#2": __nj_k2 };
/** @numjit x: f32[N] */
export const clipTo = __nj_pre((x, k) => np.clip(x, -k, k), { name: "clipTo", kernels: __nj_t0, tracedStatics: [1], staticArgnums: [1] });
export const scaled = __nj_pre((x, s) => np.multiply(x, s), { name: "scaled", kernels: __nj_t1, tracedStatics: [1], staticArgnames: ["s"] });
/** @numjit x: f32[N] */
export const rows = jit((x, n) => np.reshape(x, [n, -1]), { staticArgnums: [1] });
