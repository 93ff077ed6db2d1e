// A module with top-level await before and after the jit() call.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const offset = await Promise.resolve(0.5);
export const shift = __nj_pre((x) => np.add(x, 0.5), { name: "shift", kernels: __nj_t0 });
export const result = await Promise.resolve(shift(np.array([1, 2])));
export const offsetSeen = offset;
