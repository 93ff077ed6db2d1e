// jit() calls inside functions and object literals are found too.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
export function makeOps() {
    const relu6 = __nj_pre((x) => np.clip(x, 0, 6), { name: "relu6", kernels: __nj_t0 });
    return { relu6, hardSigmoid: __nj_pre((x) => np.divide(np.clip(np.add(x, 3), 0, 6), 6), { name: "hardSigmoid", kernels: __nj_t1 }) };
}
// a local `jit` is not numjit's: left alone
export function withLocalJit(jit) {
    return jit((x) => x * 2);
}
