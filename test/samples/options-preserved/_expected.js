// User options are kept; name and kernels are added in front.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
export const f = __nj_pre((x, k) => np.multiply(x, k), { kernels: __nj_t0, staticArgnums: [1], name: "scaleBy" });
export const g = __nj_pre((x) => np.abs(x), { name: "g", kernels: __nj_t1 });
export const use = (x) => f(x, 2);
