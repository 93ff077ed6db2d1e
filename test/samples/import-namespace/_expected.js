// Namespace import: nj.jit, nj.numpy.*, nj.nn.*
import * as nj from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_rows_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_reduce_#1(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"rows:#0","op":"softmax rows","layout":{"kind":"rows","row":"softmax","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k1":{"signature":"reduce:#1","op":"reduce_max kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}},"__nj_k2":{"signature":"elementwise:#2","op":"elementwise kernel (sub, exp)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "rows:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0, 0] /* (d_B), (d_N) */;
  const T2 = [0, 0] /* (d_N), 1 */;
  const A3 = Object.freeze([]);
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
    const b1 = ((d_B * d_N) * 4 < L0.minBytes ? new Float32Array((d_B * d_N)) : R.alloc("float32", (d_B * d_N)));
    ((d_B * d_N) < M ? k0 : w0)(H, b1, (T1[0] = (d_B), T1[1] = (d_N), T1), b0, o0, (T2[0] = (d_N), T2[1] = 1, T2), A3);
    return new N(b1, [(d_B), (d_N)], "float32", [(d_N), 1], 0, false, (d_B * d_N), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
const __nj_t1 = { "@codegen": "<version>", "reduce:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  const L0 = R.limits;
  const A1 = Object.freeze([]);
  const T2 = [0] /* (d_N) */;
  const A3 = Object.freeze([1]);
  const A4 = Object.freeze([0]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_N = s0[0];
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = (1 * 4 < L0.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (Math.max(1, (d_N)) < M ? k0 : w0)(H, b1, A1, (T2[0] = (d_N), T2), 0, b0, o0, A1, A3, A1);
    const b2 = ((d_N) * 4 < L0.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    ((d_N) < M ? k1 : w1)(H, b2, (T2[0] = (d_N), T2), b0, o0, A3, b1, 0, A4, A1);
    return new N(b2, [(d_N)], "float32", A3, 0, false, (d_N), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k1, __nj_k2], wasm: ["__nj_k1", "__nj_k2"] }];
const np = nj.numpy;
/** @numjit x: f32[B, N] */
export const softmaxRows = __nj_pre((x) => nj.nn.softmax(x, -1), { name: "softmaxRows", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const shifted = __nj_pre((x) => np.exp(np.subtract(x, np.max(x))), { name: "shifted", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
