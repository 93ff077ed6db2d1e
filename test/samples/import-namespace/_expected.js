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
  let d_B = 0;
  let d_N = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0, 0] /* (d_B), (d_N) */;
  const T5 = [0, 0] /* (d_N), 1 */;
  const A6 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN, Z0_1 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_B = s0[0];
      d_N = s0[1];
      if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_B * d_N) * 4 < L3.minBytes ? new Float32Array((d_B * d_N)) : R.alloc("float32", (d_B * d_N)));
    ((d_B * d_N) < M ? k0 : w0)(H, b1, (T4[0] = (d_B), T4[1] = (d_N), T4), b0, o0, (T5[0] = (d_N), T5[1] = 1, T5), A6);
    return new N(b1, ((d_B) === Z0_0 && (d_N) === Z0_1 ? Z0 : (Z0_0 = (d_B), Z0_1 = (d_N), Z0 = Object.freeze([(d_B), (d_N)]))), "float32", ((d_N) === Z1_0 ? Z1 : (Z1_0 = (d_N), Z1 = Object.freeze([(d_N), 1]))), 0, false, (d_B * d_N), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
const __nj_t1 = { "@codegen": "<version>", "reduce:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let d_N = 0;
  let G0 = null;
  const L2 = R.limits;
  const A3 = Object.freeze([]);
  const T4 = [0] /* (d_N) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([0]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_N = s0[0];
      if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = (1 * 4 < L2.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (Math.max(1, (d_N)) < M ? k0 : w0)(H, b1, A3, (T4[0] = (d_N), T4), 0, b0, o0, A3, A5, A3);
    const b2 = ((d_N) * 4 < L2.minBytes ? new Float32Array((d_N)) : R.alloc("float32", (d_N)));
    if ((d_N) < M) {
      const e_2 = b1[0];
      for (let i_0 = 0; i_0 < (d_N); i_0++) {
        const e_1 = b0[o0 + i_0];
        const e_3 = (e_1 - e_2);
        const e_4 = H.exp32(e_3);
        b2[i_0] = e_4;
      }
    } else w1(H, b2, (T4[0] = (d_N), T4), b0, o0, A5, b1, 0, A6, A3);
    return new N(b2, ((d_N) === Z0_0 ? Z0 : (Z0_0 = (d_N), Z0 = Object.freeze([(d_N)]))), "float32", A5, 0, false, (d_N), true);
  };
};
const __nj_t1p = [{ key: "[*]|S|", make: __nj_p1, kernels: [__nj_k1, __nj_k2], wasm: ["__nj_k1", "__nj_k2"] }];
const np = nj.numpy;
/** @numjit x: f32[B, N] */
export const softmaxRows = __nj_pre((x) => nj.nn.softmax(x, -1), { name: "softmaxRows", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
/** @numjit x: f32[N] */
export const shifted = __nj_pre((x) => np.exp(np.subtract(x, np.max(x))), { name: "shifted", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
