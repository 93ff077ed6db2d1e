// AutoGraph: `if`/`else`, `?:`, `while` and counted `for` loops whose condition is a traced value are
// lowered to lax.cond / lax.whileLoop / lax.foriLoop (the helpers dispatch: JS values keep JS semantics).
import { numpy as np, jit } from "@numjit/runtime";
import { autograph as __nj_ag } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_reduce_#1(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k3 = function nj_reduce_#3(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k5 = function nj_reduce_#5(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k6 = function nj_reduce_#6(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k7 = function nj_elementwise_#7(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0, "reduce:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_t1 = { "@codegen": "<version>", "reduce:#3": __nj_k3, "elementwise:#4": __nj_k4 };
const __nj_t2 = { "@codegen": "<version>", "reduce:#5": __nj_k5, "elementwise:#2": __nj_k2 };
const __nj_t3 = { "@codegen": "<version>", "reduce:#6": __nj_k6 };
const __nj_t4 = { "@codegen": "<version>", "elementwise:#7": __nj_k7 };
const __nj_t5 = { "@codegen": "<version>", "reduce:#1": __nj_k1 };
const __nj_p0 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([1]);
  const A1 = Object.freeze([]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    const d_N = s0[0];
    const d_M = s0[1];
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    if (!(d_M >= 1)) return R.fail("constraint", "M >= 1", 1, d_M);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = new Float32Array((d_N));
    k0(H, b1, [(d_N)], [(d_M)], 0, b0, o0, [(d_M)], A0, A1);
    return new N(b1, [(d_N)], "float32", A0, 0, false, (d_N));
  };
};
const __nj_t5p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k1] }];
/** @numjit x: f32[N] */
export const flip = __nj_pre((x) => {
    let y = np.multiply(x, 2);
    __nj_ag.ifStmt(np.greater(np.sum(x), 0), () => {
        y = np.add(y, 1);
    }, () => {
        y = np.negative(y);
    }, () => [y], (v) => { [y] = v; }, ["y"]);
    return y;
}, { name: "flip", kernels: __nj_t0 });
/** @numjit x: f32[N] */
export const early = __nj_pre((x) => {
    return __nj_ag.ifExp(np.any(np.less(x, 0)), () => { return np.abs(x); }, () => {
        return np.sqrt(x);
    }, () => [], () => { });
}, { name: "early", kernels: __nj_t1 });
/** @numjit x: f32[N] */
export const pick = __nj_pre((x) => ((__nj_ag.ifExp(np.greater(np.max(x), 1), () => (np.divide(x, np.max(x))), () => (x)))), { name: "pick", kernels: __nj_t2 });
/** @numjit x: f32[N] */
export const doubling = __nj_pre((x) => {
    let s = np.sum(np.abs(x));
    let n = np.asarray(0, { dtype: "int32" });
    __nj_ag.whileStmt(() => (np.less(s, 100)), () => {
        s = np.multiply(s, 2);
        n = np.add(n, 1);
    }, () => [s, n], (v) => { [s, n] = v; }, ["s", "n"]);
    return { s, n };
}, { name: "doubling", kernels: __nj_t3 });
/** @numjit x: f32[N], k: number */
export const powers = __nj_pre((x, k) => {
    let acc = x;
    __nj_ag.forRange(0, k, (i) => { acc = np.multiply(acc, x); }, () => [acc], (v) => { [acc] = v; }, ["acc"]);
    return acc;
}, { name: "powers", kernels: __nj_t4 });
// static conditions stay JS: no helper call is emitted for them
/** @numjit x: f32[N, M] */
export const rowsum = __nj_pre((x) => (x.ndim === 2 ? np.sum(x, 1) : x), { name: "rowsum", kernels: __nj_t5, plans: __nj_t5p });
// not lowerable: a return inside a loop; the condition is guarded (NJ717 at build time, NJ403 at run time)
/** @numjit x: f32[N] */
export const firstNeg = jit((x) => {
    for (let i = 0; i < 3; i++) {
        if (__nj_ag.test(np.any(np.less(x, 0)), "an if", "it returns from inside a loop, or from a branch the rest of the function cannot follow"))
            return x;
        x = np.subtract(x, 1);
    }
    return x;
});
