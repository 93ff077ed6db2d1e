// jit() calls inside functions and object literals are found too.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (max, min)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (add, max, min, div)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([0, 6]);
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
  const A3 = Object.freeze([0, 6]);
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
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([3, 0, 6]);
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
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0 * d_S_1) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([3, 0, 6]);
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
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p2, kernels: [__nj_k1], wasm: ["__nj_k1"] }, { key: "[*]|S|", make: __nj_p3, kernels: [__nj_k1], wasm: ["__nj_k1"] }];
export function makeOps() {
    const relu6 = __nj_pre((x) => np.clip(x, 0, 6), { name: "relu6", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
    return { relu6, hardSigmoid: __nj_pre((x) => np.divide(np.clip(np.add(x, 3), 0, 6), 6), { name: "hardSigmoid", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w }) };
}
// a local `jit` is not numjit's: left alone
export function withLocalJit(jit) {
    return jit((x) => x * 2);
}
