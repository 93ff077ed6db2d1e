// for loops with static bounds are unrolled at build time (constants, static arguments).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const STEPS = 4;
export const iterate = __nj_pre((x) => {
    let y = x;
    for (let i = 0; i < STEPS; i++) {
        y = np.add(np.multiply(y, 0.5), i);
    }
    return y;
}, { name: "iterate", kernels: __nj_t0 });
/** @numjit x: f32[N] */
export const powers = __nj_pre((x, n) => {
    const terms = [];
    for (let k = 1; k <= n; k += 1)
        terms.push(np.power(x, k));
    return np.stack(terms, 0);
}, { name: "powers", kernels: __nj_t1, staticArgnums: [1] });
export const usePowers = (x) => powers(x, 3);
