// Static arguments: values come from call sites in this module, parameter defaults and @numjit
// annotations; one trace per value (kernels are shared where equal).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_reduce_#3(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_t2 = { "@codegen": "<version>", "reduce:#2": __nj_k2, "reduce:#3": __nj_k3 };
/** @numjit x: f32[N, M] */
export const reduceAlong = __nj_pre((x, axis) => np.sum(np.exp(x), axis), { name: "reduceAlong", kernels: __nj_t0, staticArgnums: [1] });
export const rows = (x) => reduceAlong(x, 0);
export const cols = (x) => reduceAlong(x, -1);
export const leaky = __nj_pre((x, slope = 0.1) => np.where(np.greater(x, 0), x, np.multiply(x, slope)), { name: "leaky", kernels: __nj_t1, staticArgnames: ["slope"] });
/** @numjit x: f32[N, M], mode = "sum" | "max" */
export const pool = __nj_pre((x, mode) => (mode === "sum" ? np.sum(x, -1) : np.max(x, -1)), { name: "pool", kernels: __nj_t2, staticArgnums: [1] });
