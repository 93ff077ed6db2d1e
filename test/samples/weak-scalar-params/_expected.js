// JS number parameters are traced as weakly typed scalars (they keep an f32 array f32).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
/** @numjit x: f32[N], lr: number */
export const sgd = __nj_pre((x, lr) => np.subtract(x, np.multiply(lr, x)), { name: "sgd", kernels: __nj_t0 });
export const damp = __nj_pre((x, alpha = 0.9) => np.multiply(x, alpha), { name: "damp", kernels: __nj_t1 });
