// Same-module functions are inlined; module constants are evaluated at build time.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k4 = function nj_dot_#4(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, a0, o0, s0, C) { /* body elided */ };
const __nj_k5 = function nj_reduce_#5(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, a1, o1, ks1, rs1, C) { /* body elided */ };
const __nj_k6 = function nj_elementwise_#6(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k7 = function nj_elementwise_#7(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_t1 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_t2 = { "@codegen": "<version>", "dot:#4": __nj_k4, "reduce:#5": __nj_k5, "elementwise:#6": __nj_k6 };
const __nj_t3 = { "@codegen": "<version>", "elementwise:#7": __nj_k7 };
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
/** @numjit x: f32[B, N] */
export const rmsNorm = __nj_pre((x) => scale(np.divide(x, rms(x)), GAIN), { name: "rmsNorm", kernels: __nj_t0 });
export const horner = __nj_pre((x) => poly(x), { name: "horner", kernels: __nj_t1 });
// destructured module constants; a parameter used as an object inside an inlined helper
const [HIDDEN, CLASSES] = [8, 3];
const predict = (p, x) => np.add(np.matmul(x, p.w), p.b);
export const accuracy = __nj_pre((p, x, y) => np.mean(np.equal(np.argmax(predict(p, x), -1), y)), { name: "accuracy", kernels: __nj_t2 });
// ranks (and the int32 labels) from a call site in this module
export const first = accuracy({ w: np.zeros([HIDDEN, CLASSES]), b: np.zeros([CLASSES]) }, np.ones([2, HIDDEN]), np.array([0, 2], { dtype: "int32" }));
export const widths = __nj_pre((x) => np.multiply(x, HIDDEN / CLASSES), { name: "widths", kernels: __nj_t3 });
