// Every export form around a jit() call: export const / let, export default, export { a as b },
// export function returning a jitted function, and a re-export.
import { numpy as np, nn, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k4 = function nj_elementwise_#4(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (add)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k2":{"signature":"elementwise:#2","op":"elementwise kernel (max)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k4":{"signature":"elementwise:#4","op":"elementwise kernel (neg)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([1]);
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
    ((d_S_0) < M ? k0 : w0)(H, b1, (T1[0] = (d_S_0), T1), b0, o0, A2, A2);
    return new N(b1, [(d_S_0)], "float32", A2, 0, false, (d_S_0), true);
  };
};
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0 * d_S_1) */;
  const A2 = Object.freeze([1]);
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
    ((d_S_0 * d_S_1) < M ? k0 : w0)(H, b1, (T1[0] = (d_S_0 * d_S_1), T1), b0, o0, A2, A2);
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
  const A3 = Object.freeze([3]);
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
  const A3 = Object.freeze([3]);
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
const __nj_t2 = { "@codegen": "<version>", "elementwise:#2": __nj_k2 };
const __nj_p4 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([0]);
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
const __nj_p5 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0 * d_S_1) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([0]);
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
const __nj_t2p = [{ key: "[*]|S|", make: __nj_p4, kernels: [__nj_k2], wasm: ["__nj_k2"] }, { key: "[*]|S|", make: __nj_p5, kernels: [__nj_k2], wasm: ["__nj_k2"] }];
const __nj_t3 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_p6 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([]);
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
const __nj_p7 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0 * d_S_1) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([]);
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
const __nj_t3p = [{ key: "[*]|S|", make: __nj_p6, kernels: [__nj_k3], wasm: ["__nj_k3"] }, { key: "[*]|S|", make: __nj_p7, kernels: [__nj_k3], wasm: ["__nj_k3"] }];
const __nj_t4 = { "@codegen": "<version>", "elementwise:#4": __nj_k4 };
const __nj_p8 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([]);
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
const __nj_p9 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_S_0 * d_S_1) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([]);
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
const __nj_t4p = [{ key: "[*]|S|", make: __nj_p8, kernels: [__nj_k4], wasm: ["__nj_k4"] }, { key: "[*]|S|", make: __nj_p9, kernels: [__nj_k4], wasm: ["__nj_k4"] }];
export const a = __nj_pre((x) => np.add(x, 1), { name: "a", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
export let b = __nj_pre((x) => np.multiply(x, 3), { name: "b", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
const c = __nj_pre((x) => nn.relu(x), { name: "c", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w });
export { c, c as relu };
export function make() {
    return __nj_pre((x) => np.square(x), { name: "jit3", kernels: __nj_t3, plans: __nj_t3p, wasm: __nj_w });
}
export default __nj_pre((x) => np.negative(x), { name: "jit4", kernels: __nj_t4, plans: __nj_t4p, wasm: __nj_w });
export { numpy } from "@numjit/runtime";
