// for loops with static bounds are unrolled at build time (constants, static arguments).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([143]);
  const A1 = Object.freeze([1]);
  const A2 = Object.freeze([0.5, 1, 2, 3]);
  const A3 = Object.freeze([11, 13]);
  const A4 = Object.freeze([13, 1]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    if (s0[0] !== 11) return R.fail("dim", "x.shape[0] == 11", 11, s0[0]);
    if (s0[1] !== 13) return R.fail("dim", "x.shape[1] == 13", 13, s0[1]);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = new Float32Array(143);
    k0(H, b1, A0, b0, o0, A1, A2);
    return new N(b1, A3, "float32", A4, 0, false, 143);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], guessed: true }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_p1 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([143]);
  const A1 = Object.freeze([1]);
  const A2 = Object.freeze([2]);
  const A3 = Object.freeze([3]);
  const A4 = Object.freeze([1, 11, 13]);
  const A5 = Object.freeze([143, 13, 1]);
  const P6 = { "axis": 0 };
  const A7 = Object.freeze([3, 11, 13]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    if (s0[0] !== 11) return R.fail("dim", "x.shape[0] == 11", 11, s0[0]);
    if (s0[1] !== 13) return R.fail("dim", "x.shape[1] == 13", 13, s0[1]);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = new Float32Array(143);
    k0(H, b1, A0, b0, o0, A1, A1);
    const b2 = new Float32Array(143);
    k0(H, b2, A0, b0, o0, A1, A2);
    const b3 = new Float32Array(143);
    k0(H, b3, A0, b0, o0, A1, A3);
    const r4 = R.eager("concatenate", P6, [new N(b1, A4, "float32", A5, 0, false, 143), new N(b2, A4, "float32", A5, 0, false, 143), new N(b3, A4, "float32", A5, 0, false, 143)]);
    const b4 = r4.data, o4 = r4.offset;
    return new N(b4, A7, "float32", A5, o4, false, 429);
  };
};
const __nj_p2 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([11]);
  const A1 = Object.freeze([1]);
  const A2 = Object.freeze([2]);
  const A3 = Object.freeze([3]);
  const A4 = Object.freeze([1, 11]);
  const A5 = Object.freeze([11, 1]);
  const P6 = { "axis": 0 };
  const A7 = Object.freeze([3, 11]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    if (s0[0] !== 11) return R.fail("dim", "x.shape[0] == 11", 11, s0[0]);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = new Float32Array(11);
    k0(H, b1, A0, b0, o0, A1, A1);
    const b2 = new Float32Array(11);
    k0(H, b2, A0, b0, o0, A1, A2);
    const b3 = new Float32Array(11);
    k0(H, b3, A0, b0, o0, A1, A3);
    const r4 = R.eager("concatenate", P6, [new N(b1, A4, "float32", A5, 0, false, 11), new N(b2, A4, "float32", A5, 0, false, 11), new N(b3, A4, "float32", A5, 0, false, 11)]);
    const b4 = r4.data, o4 = r4.offset;
    return new N(b4, A7, "float32", A5, o4, false, 33);
  };
};
const __nj_t1p = [{ key: "[*,N]|S|n3", make: __nj_p1, kernels: [__nj_k1], guessed: true }, { key: "[*,N]|S|n3", make: __nj_p2, kernels: [__nj_k1], guessed: true }];
const STEPS = 4;
export const iterate = __nj_pre((x) => {
    let y = x;
    for (let i = 0; i < STEPS; i++) {
        y = np.add(np.multiply(y, 0.5), i);
    }
    return y;
}, { name: "iterate", kernels: __nj_t0, plans: __nj_t0p });
export const powers = __nj_pre((x, n) => {
    const terms = [];
    for (let k = 1; k <= n; k += 1)
        terms.push(np.power(x, k));
    return np.stack(terms, 0);
}, { name: "powers", kernels: __nj_t1, plans: __nj_t1p, staticArgnums: [1] });
export const usePowers = (x) => powers(x, 3);
