// The module declares its own `Math`. Kernels pasted into this module would call the module's Math.exp
// instead of the real one (a wrong answer, silently), so exp's function is left to the runtime jit
// (NJ716); a function whose kernels use no redeclared global is still precompiled.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const Math = { exp: (x) => x, tanh: (x) => x, max: (a, b) => a, min: (a, b) => a };
export const mathIsMine = Math.exp(2);
/** @numjit x: f64[N] */
export const expPlusOne = jit((x) => np.add(np.exp(x), 1));
export const plusOne = __nj_pre((x) => np.add(x, 1), { name: "plusOne", kernels: __nj_t0 });
