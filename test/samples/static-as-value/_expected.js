// A static argument used only as a value (a clip bound, a scale) needs no build-time value: it is traced as a
// weak scalar input (a scalar kernel argument). One that decides a shape still needs a value (NJ708).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, a2, o2, s2, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0, "elementwise:#1": __nj_k1 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const L0 = R.limits;
  const A1 = Object.freeze([]);
  const T2 = [0] /* (d_N) */;
  const A3 = Object.freeze([0]);
  const A4 = Object.freeze([1]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_N = s0[0];
    if (x1.dtype !== "float64") return R.fail("dtype", "k", "float64", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "k", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 0) return R.fail("rank", "k", 0, s1.length);
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = (1 * 4 < L0.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (1 < M ? k0 : w0)(H, b2, A1, b1, o1, A1, A1);
    const b3 = ((d_N) * 4 < L0.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    ((d_N) < M ? k1 : w1)(H, b3, (T2[0] = (d_N), T2), b2, 0, A3, b0, o0, A4, b1, o1, A3, A1);
    return new N(b3, [(d_N)], "float32", A4, 0, false, (d_N), true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#2": __nj_k2 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([0]);
  const A3 = Object.freeze([1]);
  const A4 = Object.freeze([]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_S_0 = s0[0];
    if (x1.dtype !== "float64") return R.fail("dtype", "s", "float64", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "s", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 0) return R.fail("rank", "s", 0, s1.length);
    if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_S_0) * 4 < L0.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    ((d_S_0) < M ? k0 : w0)(H, b2, (T1[0] = (d_S_0), T1), b1, o1, A2, b0, o0, A3, A4);
    return new N(b2, [(d_S_0)], "float32", A3, 0, false, (d_S_0), true);
  };
};
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0 * d_S_1) */;
  const A2 = Object.freeze([0]);
  const A3 = Object.freeze([1]);
  const A4 = Object.freeze([]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    const d_S_0 = s0[0];
    const d_S_1 = s0[1];
    if (x1.dtype !== "float64") return R.fail("dtype", "s", "float64", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "s", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 0) return R.fail("rank", "s", 0, s1.length);
    if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
    if (!(d_S_1 >= 1)) return R.fail("constraint", "S_1 >= 1", 1, d_S_1);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_S_0 * d_S_1) * 4 < L0.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    ((d_S_0 * d_S_1) < M ? k0 : w0)(H, b2, (T1[0] = (d_S_0 * d_S_1), T1), b1, o1, A2, b0, o0, A3, A4);
    return new N(b2, [(d_S_0), (d_S_1)], "float32", [(d_S_1), 1], 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t1p = [{ key: "[*,*]|S|", make: __nj_p1, kernels: [__nj_k2] }, { key: "[*,*]|S|", make: __nj_p2, kernels: [__nj_k2] }];
/** @numjit x: f32[N] */
export const clipTo = __nj_pre((x, k) => np.clip(x, -k, k), { name: "clipTo", kernels: __nj_t0, plans: __nj_t0p, tracedStatics: [1], staticArgnums: [1] });
export const scaled = __nj_pre((x, s) => np.multiply(x, s), { name: "scaled", kernels: __nj_t1, plans: __nj_t1p, tracedStatics: [1], staticArgnames: ["s"] });
/** @numjit x: f32[N] */
export const rows = jit((x, n) => np.reshape(x, [n, -1]), { staticArgnums: [1] });
