// jit around an identifier naming a function declaration, a const arrow, and a named function expression.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (neg, exp, add, div)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}},"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (mul, add)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k2":{"signature":"reduce:#2","op":"reduce_max kernel (abs)","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_S_0) */;
  const A4 = Object.freeze([1]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_S_0 = s0[0];
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_S_0) * 4 < L2.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    if ((d_S_0) < M) {
      const e_1 = A4[0];
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (-e_2);
        const e_4 = H.exp32(e_3);
        const e_5 = (e_1 + e_4);
        const e_6 = (e_1 / e_5);
        b1[i_0] = e_6;
      }
    } else w0(H, b1, (T3[0] = (d_S_0), T3), b0, o0, A4, A4);
    return new N(b1, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A4, 0, false, (d_S_0), true);
  };
};
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0 * d_S_1) */;
  const A5 = Object.freeze([1]);
  let Z0 = null, Z0_0 = NaN, Z0_1 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      d_S_0 = s0[0];
      d_S_1 = s0[1];
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      if (!(d_S_1 >= 1)) return R.fail("constraint", "S_1 >= 1", 1, d_S_1);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_S_0 * d_S_1) * 4 < L3.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    if ((d_S_0 * d_S_1) < M) {
      const e_1 = A5[0];
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (-e_2);
        const e_4 = H.exp32(e_3);
        const e_5 = (e_1 + e_4);
        const e_6 = (e_1 / e_5);
        b1[i_0] = e_6;
      }
    } else w0(H, b1, (T4[0] = (d_S_0 * d_S_1), T4), b0, o0, A5, A5);
    return new N(b1, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }, { key: "[*]|S|", make: __nj_p1, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "a", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "a", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "b", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "b", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "a", 1, s0.length);
      d_S_0 = s0[0];
      if (s1.length !== 1) return R.fail("rank", "b", 1, s1.length);
      if (s1[0] !== (d_S_0)) return R.fail("dim", "b.shape[0] == S_0", (d_S_0), s1[0]);
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_S_0) * 4 < L3.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    if ((d_S_0) < M) {
      for (let i_0 = 0; i_0 < (d_S_0); i_0++) {
        const e_1 = b0[o0 + i_0];
        const e_2 = b1[o1 + i_0];
        const e_3 = (e_1 * e_1);
        const e_4 = (e_2 * e_2);
        const e_5 = (e_3 + e_4);
        b2[i_0] = e_5;
      }
    } else w0(H, b2, (T4[0] = (d_S_0), T4), b0, o0, A5, b1, o1, A5, A6);
    return new N(b2, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A5, 0, false, (d_S_0), true);
  };
};
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_S_0 = 0;
  let d_S_1 = 0;
  let G0 = null;
  let G1 = null;
  const L4 = R.limits;
  const T5 = [0] /* (d_S_0 * d_S_1) */;
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN, Z0_1 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "a", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "a", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "b", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "b", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "a", 2, s0.length);
      d_S_0 = s0[0];
      d_S_1 = s0[1];
      if (s1.length !== 2) return R.fail("rank", "b", 2, s1.length);
      if (s1[0] !== (d_S_0)) return R.fail("dim", "b.shape[0] == S_0", (d_S_0), s1[0]);
      if (s1[1] !== (d_S_1)) return R.fail("dim", "b.shape[1] == S_1", (d_S_1), s1[1]);
      if (!(d_S_0 >= 1)) return R.fail("constraint", "S_0 >= 1", 1, d_S_0);
      if (!(d_S_1 >= 1)) return R.fail("constraint", "S_1 >= 1", 1, d_S_1);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_S_0 * d_S_1) * 4 < L4.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    if ((d_S_0 * d_S_1) < M) {
      for (let i_0 = 0; i_0 < (d_S_0 * d_S_1); i_0++) {
        const e_1 = b0[o0 + i_0];
        const e_2 = b1[o1 + i_0];
        const e_3 = (e_1 * e_1);
        const e_4 = (e_2 * e_2);
        const e_5 = (e_3 + e_4);
        b2[i_0] = e_5;
      }
    } else w0(H, b2, (T5[0] = (d_S_0 * d_S_1), T5), b0, o0, A6, b1, o1, A6, A7);
    return new N(b2, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true);
  };
};
const __nj_t1p = [{ key: "[*,*]|S|", make: __nj_p2, kernels: [__nj_k1], wasm: ["__nj_k1"], broadcasts: true }, { key: "[*,*]|S|", make: __nj_p3, kernels: [__nj_k1], wasm: ["__nj_k1"], broadcasts: true }];
const __nj_t2 = { "@codegen": "<version>", "reduce:#2": __nj_k2 };
const __nj_p4 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_B = 0;
  let d_N = 0;
  let G0 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_B) */;
  const T5 = [0] /* (d_N) */;
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
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
    const b1 = ((d_B) * 4 < L3.minBytes ? new Float32Array((d_B)) : R.alloc("float32", (d_B)));
    (Math.max((d_B), (d_B * d_N)) < M ? k0 : w0)(H, b1, (T4[0] = (d_B), T4), (T5[0] = (d_N), T5), 0, b0, o0, (T5[0] = (d_N), T5), A6, A7);
    return new N(b1, ((d_B) === Z0_0 ? Z0 : (Z0_0 = (d_B), Z0 = Object.freeze([(d_B)]))), "float32", A6, 0, false, (d_B), true);
  };
};
const __nj_t2p = [{ key: "[*]|S|", make: __nj_p4, kernels: [__nj_k2], wasm: ["__nj_k2"] }];
function sigmoidish(x) {
    const e = np.exp(np.negative(x));
    return np.divide(1, np.add(1, e));
}
const addSquares = (a, b) => np.add(np.square(a), np.square(b));
export const s = __nj_pre(sigmoidish, { name: "s", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
export const q = __nj_pre(addSquares, { name: "q", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
/** @numjit x: f32[B, N] */
export const m = __nj_pre(function maxAbs(x) {
    return np.max(np.abs(x), -1);
}, { name: "m", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w });
