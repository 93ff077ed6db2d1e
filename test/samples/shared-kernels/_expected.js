// Functions with the same fused structure share one kernel declaration.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
export const a = __nj_pre((x, y) => np.add(np.exp(x), y), { name: "a", kernels: __nj_t0 });
export const b = __nj_pre((p, q) => np.add(np.exp(p), q), { name: "b", kernels: __nj_t1 });
