// NJ710: the rank of x is not known at build time (no annotation, no call site, not elementwise); an annotation fixes it.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0 };
export const grid = jit((x) => np.sum(np.reshape(x, [5, 7]), 0));
/** @numjit x: f32[35] */
export const gridAnnotated = __nj_pre((x) => np.sum(np.reshape(x, [5, 7]), 0), { name: "gridAnnotated", kernels: __nj_t0 });
