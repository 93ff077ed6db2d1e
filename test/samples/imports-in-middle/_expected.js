// Imports between statements: the runtime is imported twice, once after code that uses it.
import { numpy as np } from "@numjit/runtime";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_t2 = { "@codegen": "<version>", "elementwise:#2": __nj_k2 };
const SCALE = 3;
export const scale = __nj_pre((x) => np.multiply(x, SCALE), { name: "scale", kernels: __nj_t0 });
import { jit, nn } from "@numjit/runtime";
export const act = __nj_pre((x) => nn.relu(np.subtract(x, 1)), { name: "act", kernels: __nj_t1 });
export const both = act(scale(np.array([0, 1, 2])));
import * as nj from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
export const viaNamespace = __nj_pre((x) => np.exp(np.negative(x)), { name: "viaNamespace", kernels: __nj_t2 });
