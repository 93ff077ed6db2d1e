// Same-module functions are inlined; module constants are evaluated at build time.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0) { /* 71 lines */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0) { /* 52 lines */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1) { /* 56 lines */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0) { /* 52 lines */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0) { /* 52 lines */ };
const __nj_k5 = function nj_elementwise_#5(H, o, shape, a0, o0, s0, a1, o1, s1) { /* 72 lines */ };
const __nj_t0 = { "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2, "elementwise:#3": __nj_k3, "elementwise:#4": __nj_k4 };
const __nj_t1 = { "elementwise:#5": __nj_k5 };
const EPS = 1e-5;
const GAIN = 2 * Math.SQRT2;
const COEFS = [0.5, 0.25, 0.125];
function rms(x) {
    return np.sqrt(np.add(np.mean(np.square(x), -1, { keepdims: true }), EPS));
}
const scale = (x, k) => np.multiply(x, k);
function poly(x) {
    let acc = np.zerosLike(x);
    for (const c of COEFS)
        acc = np.add(np.multiply(acc, x), c);
    return acc;
}
export const rmsNorm = __nj_pre((x) => scale(np.divide(x, rms(x)), GAIN), { name: "rmsNorm", kernels: __nj_t0 });
export const horner = __nj_pre((x) => poly(x), { name: "horner", kernels: __nj_t1 });
