// Plain JavaScript input.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
export const gelu = __nj_pre((x) => np.multiply(np.multiply(0.5, x), np.add(1, np.tanh(np.multiply(0.7978845608, np.add(x, np.multiply(0.044715, np.power(x, 3))))))), { name: "gelu", kernels: __nj_t0 });
