// Every export form around a jit() call: export const / let, export default, export { a as b },
// export function returning a jitted function, and a re-export.
import { numpy as np, nn, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_t2 = { "@codegen": "<version>", "elementwise:#2": __nj_k2 };
const __nj_t3 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_t4 = { "@codegen": "<version>", "elementwise:#4": __nj_k4 };
export const a = __nj_pre((x) => np.add(x, 1), { name: "a", kernels: __nj_t0 });
export let b = __nj_pre((x) => np.multiply(x, 3), { name: "b", kernels: __nj_t1 });
const c = __nj_pre((x) => nn.relu(x), { name: "c", kernels: __nj_t2 });
export { c, c as relu };
export function make() {
    return __nj_pre((x) => np.square(x), { name: "jit3", kernels: __nj_t3 });
}
export default __nj_pre((x) => np.negative(x), { name: "jit4", kernels: __nj_t4 });
export { numpy } from "@numjit/runtime";
