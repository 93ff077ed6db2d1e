const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
// Imports are hoisted (legal ESM): code above an import may use its bindings. The kernel declarations
// must still come before the first statement that runs, or the call below meets them in their TDZ.
export const scaled = __nj_pre((x, y) => np.add(np.multiply(x, 2), y), { name: "scaled", kernels: __nj_t0 });
export const first = scaled(np.array([1, 2, 3]), np.array([10, 20, 30]));
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
