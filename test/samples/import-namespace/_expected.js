// Namespace import: nj.jit, nj.numpy.*, nj.nn.*
import * as nj from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"reduce:#0","op":"reduce_max kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (sub, exp)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k2":{"signature":"reduce:#2","op":"reduce_sum kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (div)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1, "reduce:#2": __nj_k2, "elementwise:#3": __nj_k3 };
const __nj_p0 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const k1 = K[1];
  const k2 = K[2];
  const k3 = K[3];
  let S0 = null;
  const T1 = [0] /* (d_B) */;
  const T2 = [0] /* (d_N) */;
  const A3 = Object.freeze([1]);
  const A4 = Object.freeze([]);
  let S1 = null;
  const T6 = [0, 0] /* (d_B), (d_N) */;
  const T7 = [0, 0] /* (d_N), 1 */;
  const A8 = Object.freeze([1, 0]);
  let S2 = null;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    const d_B = s0[0];
    const d_N = s0[1];
    if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = S0 !== null && S0.length === (d_B) ? S0 : (S0 = new Float32Array((d_B)));
    k0(H, b1, (T1[0] = (d_B), T1), (T2[0] = (d_N), T2), 0, b0, o0, (T2[0] = (d_N), T2), A3, A4);
    const b2 = S1 !== null && S1.length === (d_B * d_N) ? S1 : (S1 = new Float32Array((d_B * d_N)));
    k1(H, b2, (T6[0] = (d_B), T6[1] = (d_N), T6), b0, o0, (T7[0] = (d_N), T7[1] = 1, T7), b1, 0, A8, A4);
    const b3 = S2 !== null && S2.length === (d_B) ? S2 : (S2 = new Float32Array((d_B)));
    k2(H, b3, (T1[0] = (d_B), T1), (T2[0] = (d_N), T2), 0, b2, 0, (T2[0] = (d_N), T2), A3, A4);
    const b4 = new Float32Array((d_B * d_N));
    k3(H, b4, (T6[0] = (d_B), T6[1] = (d_N), T6), b2, 0, (T7[0] = (d_N), T7[1] = 1, T7), b3, 0, A8, A4);
    return new N(b4, [(d_B), (d_N)], "float32", [(d_N), 1], 0, false, (d_B * d_N), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0, __nj_k1, __nj_k2, __nj_k3], wasm: ["__nj_k0", "__nj_k1", "__nj_k2", "__nj_k3"], elems: [Infinity, Infinity, Infinity, Infinity] }];
const __nj_t1 = { "@codegen": "<version>", "reduce:#0": __nj_k0, "elementwise:#1": __nj_k1 };
const __nj_p1 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const k1 = K[1];
  const A0 = Object.freeze([]);
  const T1 = [0] /* (d_N) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([0]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_N = s0[0];
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = new Float32Array(1);
    k0(H, b1, A0, (T1[0] = (d_N), T1), 0, b0, o0, A0, A2, A0);
    const b2 = new Float32Array((d_N));
    k1(H, b2, (T1[0] = (d_N), T1), b0, o0, A2, b1, 0, A3, A0);
    return new N(b2, [(d_N)], "float32", A2, 0, false, (d_N), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k0, __nj_k1], wasm: ["__nj_k0", "__nj_k1"], elems: [Infinity, Infinity] }];
const np = nj.numpy;
/** @numjit x: f32[B, N] */
export const softmaxRows = __nj_pre((x) => nj.nn.softmax(x, -1), { name: "softmaxRows", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const shifted = __nj_pre((x) => np.exp(np.subtract(x, np.max(x))), { name: "shifted", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
