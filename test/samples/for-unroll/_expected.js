// for loops with static bounds are unrolled at build time (constants, static arguments).
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (mul, add)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([0.5, 1, 2, 3]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_S_0 = s0[0];
    if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_S_0) * 4 < L0.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    ((d_S_0) < M ? k0 : w0)(H, b1, (T1[0] = (d_S_0), T1), b0, o0, A2, A3);
    return new N(b1, [(d_S_0)], "float32", A2, 0, false, (d_S_0), true);
  };
};
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0 * d_S_1) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([0.5, 1, 2, 3]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    const d_S_0 = s0[0];
    const d_S_1 = s0[1];
    if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
    if (!(d_S_1 >= 1)) return R.fail("constraint", "S_1 >= 1", 1, d_S_1);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_S_0 * d_S_1) * 4 < L0.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    ((d_S_0 * d_S_1) < M ? k0 : w0)(H, b1, (T1[0] = (d_S_0 * d_S_1), T1), b0, o0, A2, A3);
    return new N(b1, [(d_S_0), (d_S_1)], "float32", [(d_S_1), 1], 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }, { key: "[*]|S|", make: __nj_p1, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let S0 = null;
  const T1 = [0] /* (d_N) */;
  const A2 = Object.freeze([1]);
  let S1 = null;
  const A4 = Object.freeze([2]);
  let S2 = null;
  const A6 = Object.freeze([3]);
  const P7 = { "axis": 0 };
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_N = s0[0];
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = S0 !== null && S0.length === (d_N) ? S0 : (S0 = new Float32Array((d_N)));
    ((d_N) < M ? k0 : w0)(H, b1, (T1[0] = (d_N), T1), b0, o0, A2, A2);
    const b2 = S1 !== null && S1.length === (d_N) ? S1 : (S1 = new Float32Array((d_N)));
    ((d_N) < M ? k0 : w0)(H, b2, (T1[0] = (d_N), T1), b0, o0, A2, A4);
    const b3 = S2 !== null && S2.length === (d_N) ? S2 : (S2 = new Float32Array((d_N)));
    ((d_N) < M ? k0 : w0)(H, b3, (T1[0] = (d_N), T1), b0, o0, A2, A6);
    const r4 = R.eager("concatenate", P7, [new N(b1, [1, (d_N)], "float32", [(d_N), 1], 0, false, (d_N), true), new N(b2, [1, (d_N)], "float32", [(d_N), 1], 0, false, (d_N), true), new N(b3, [1, (d_N)], "float32", [(d_N), 1], 0, false, (d_N), true)]);
    const b4 = r4.data, o4 = r4.offset;
    return new N(b4, [3, (d_N)], "float32", [(d_N), 1], o4, false, (3 * d_N), true);
  };
};
const __nj_t1p = [{ key: "[*,N]|S|n3", make: __nj_p2, kernels: [__nj_k1] }];
const STEPS = 4;
export const iterate = __nj_pre((x) => {
    let y = x;
    for (let i = 0; i < STEPS; i++) {
        y = np.add(np.multiply(y, 0.5), i);
    }
    return y;
}, { name: "iterate", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const powers = __nj_pre((x, n) => {
    const terms = [];
    for (let k = 1; k <= n; k += 1)
        terms.push(np.power(x, k));
    return np.stack(terms, 0);
}, { name: "powers", kernels: __nj_t1, plans: __nj_t1p, staticArgnums: [1] });
export const usePowers = (x) => powers(x, 3);
