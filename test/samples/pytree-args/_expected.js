// Pytree arguments and results: objects and tuples of arrays.
import { numpy as np, nn, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_elementwise_#1(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k3 = function nj_dot_#3(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k1":{"signature":"elementwise:#1","op":"elementwise kernel (add)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k2":{"signature":"elementwise:#2","op":"elementwise kernel (sub)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_B = 0;
  let G0 = null;
  let G1 = null;
  let G2 = null;
  const L4 = R.limits;
  const A5 = Object.freeze([0, 0, 1]);
  const A6 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
  const A8 = Object.freeze([2, 1]);
  return function (x0, x1, x2) {
    if (x0.dtype !== "float32") return R.fail("dtype", "params.b", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "params.b", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "params.w", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "params.w", false, x1.weakType);
    if (x2.dtype !== "float32") return R.fail("dtype", "x", "float32", x2.dtype);
    if (x2.weakType !== false) return R.fail("weakType", "x", false, x2.weakType);
    const s0 = x0.shape, s1 = x1.shape, s2 = x2.shape;
    if (s0 !== G0 || s1 !== G1 || s2 !== G2) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "params.b", 1, s0.length);
      if (s0[0] !== 2) return R.fail("dim", "params.b.shape[0] == 2", 2, s0[0]);
      if (s1.length !== 2) return R.fail("rank", "params.w", 2, s1.length);
      if (s1[0] !== 4) return R.fail("dim", "params.w.shape[0] == 4", 4, s1[0]);
      if (s1[1] !== 2) return R.fail("dim", "params.w.shape[1] == 2", 2, s1[1]);
      if (s2.length !== 2) return R.fail("rank", "x", 2, s2.length);
      d_B = s2[0];
      if (s2[1] !== 4) return R.fail("dim", "x.shape[1] == 4", 4, s2[1]);
      if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
      G0 = s0; G1 = s1; G2 = s2;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const c2 = x2.isContiguous ? x2 : R.dense(x2);
    const b2 = c2.data, o2 = c2.offset;
    const b3 = ((2 * d_B) * 4 < L4.minBytes ? new Float32Array((2 * d_B)) : R.alloc("float32", (2 * d_B)));
    (Math.max((2 * d_B), (4 * d_B), 8) < M ? k0 : w0)(H, b3, 1, (d_B), 2, 4, b2, o2, 0, 4, 1, b1, o1, 0, 2, 1, b0, o0, A5, A6);
    return new N(b3, ((d_B) === Z0_0 ? Z0 : (Z0_0 = (d_B), Z0 = Object.freeze([(d_B), 2]))), "float32", A8, 0, false, (2 * d_B), true);
  };
};
const __nj_t0p = [{ key: "[{\"b\":*,\"w\":*},*]|S|", make: __nj_p0, kernels: [__nj_k0] }];
const __nj_t1 = { "@codegen": "<version>", "elementwise:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let d_S_0 = 0;
  let G0 = null;
  let G1 = null;
  const L3 = R.limits;
  const T4 = [0] /* (d_S_0) */;
  const A5 = Object.freeze([1]);
  const A6 = Object.freeze([]);
  let Z0 = null, Z0_0 = NaN;
  let Z1 = null, Z1_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "arg0[0]", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "arg0[0]", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "arg0[1]", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "arg0[1]", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "arg0[0]", 1, s0.length);
      d_S_0 = s0[0];
      if (s1.length !== 1) return R.fail("rank", "arg0[1]", 1, s1.length);
      if (s1[0] !== (d_S_0)) return R.fail("dim", "arg0[1].shape[0] == S_0", (d_S_0), s1[0]);
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
        const e_3 = (e_1 + e_2);
        b2[i_0] = e_3;
      }
    } else w0(H, b2, (T4[0] = (d_S_0), T4), b0, o0, A5, b1, o1, A5, A6);
    const b3 = ((d_S_0) * 4 < L3.minBytes ? new Float32Array((d_S_0)) : R.alloc("float32", (d_S_0)));
    if ((d_S_0) < M) {
      for (let i_4 = 0; i_4 < (d_S_0); i_4++) {
        const e_5 = b0[o0 + i_4];
        const e_6 = b1[o1 + i_4];
        const e_7 = (e_5 - e_6);
        b3[i_4] = e_7;
      }
    } else w1(H, b3, (T4[0] = (d_S_0), T4), b0, o0, A5, b1, o1, A5, A6);
    return { "diff": new N(b3, ((d_S_0) === Z0_0 ? Z0 : (Z0_0 = (d_S_0), Z0 = Object.freeze([(d_S_0)]))), "float32", A5, 0, false, (d_S_0), true), "sum": new N(b2, ((d_S_0) === Z1_0 ? Z1 : (Z1_0 = (d_S_0), Z1 = Object.freeze([(d_S_0)]))), "float32", A5, 0, false, (d_S_0), true) };
  };
};
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
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
  let Z2 = null, Z2_0 = NaN, Z2_1 = NaN;
  let Z3 = null, Z3_0 = NaN;
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "arg0[0]", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "arg0[0]", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "arg0[1]", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "arg0[1]", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "arg0[0]", 2, s0.length);
      d_S_0 = s0[0];
      d_S_1 = s0[1];
      if (s1.length !== 2) return R.fail("rank", "arg0[1]", 2, s1.length);
      if (s1[0] !== (d_S_0)) return R.fail("dim", "arg0[1].shape[0] == S_0", (d_S_0), s1[0]);
      if (s1[1] !== (d_S_1)) return R.fail("dim", "arg0[1].shape[1] == S_1", (d_S_1), s1[1]);
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
        const e_3 = (e_1 + e_2);
        b2[i_0] = e_3;
      }
    } else w0(H, b2, (T5[0] = (d_S_0 * d_S_1), T5), b0, o0, A6, b1, o1, A6, A7);
    const b3 = ((d_S_0 * d_S_1) * 4 < L4.minBytes ? new Float32Array((d_S_0 * d_S_1)) : R.alloc("float32", (d_S_0 * d_S_1)));
    if ((d_S_0 * d_S_1) < M) {
      for (let i_4 = 0; i_4 < (d_S_0 * d_S_1); i_4++) {
        const e_5 = b0[o0 + i_4];
        const e_6 = b1[o1 + i_4];
        const e_7 = (e_5 - e_6);
        b3[i_4] = e_7;
      }
    } else w1(H, b3, (T5[0] = (d_S_0 * d_S_1), T5), b0, o0, A6, b1, o1, A6, A7);
    return { "diff": new N(b3, ((d_S_0) === Z0_0 && (d_S_1) === Z0_1 ? Z0 : (Z0_0 = (d_S_0), Z0_1 = (d_S_1), Z0 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z1_0 ? Z1 : (Z1_0 = (d_S_1), Z1 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true), "sum": new N(b2, ((d_S_0) === Z2_0 && (d_S_1) === Z2_1 ? Z2 : (Z2_0 = (d_S_0), Z2_1 = (d_S_1), Z2 = Object.freeze([(d_S_0), (d_S_1)]))), "float32", ((d_S_1) === Z3_0 ? Z3 : (Z3_0 = (d_S_1), Z3 = Object.freeze([(d_S_1), 1]))), 0, false, (d_S_0 * d_S_1), true) };
  };
};
const __nj_t1p = [{ key: "[[*,*]]|S|", make: __nj_p1, kernels: [__nj_k1, __nj_k2], wasm: ["__nj_k1", "__nj_k2"], broadcasts: true }, { key: "[[*,*]]|S|", make: __nj_p2, kernels: [__nj_k1, __nj_k2], wasm: ["__nj_k1", "__nj_k2"], broadcasts: true }];
const __nj_t2 = { "@codegen": "<version>", "dot:#3": __nj_k3, "elementwise:#1": __nj_k1 };
const __nj_p3 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let d_params_b_0 = 0;
  let d_params_w_0 = 0;
  let d_params_w_1 = 0;
  let d_x_0 = 0;
  let d_x_1 = 0;
  let G0 = null;
  let G1 = null;
  let G2 = null;
  let S0 = null;
  const A9 = Object.freeze([]);
  const L10 = R.limits;
  const T11 = [0, 0] /* (d_x_0), (d_params_b_0) */;
  const T12 = [0, 0] /* (d_params_w_1), 1 */;
  const A13 = Object.freeze([0, 1]);
  let Z1 = null, Z1_0 = NaN, Z1_1 = NaN;
  let Z2 = null, Z2_0 = NaN;
  return function (x0, x1, x2) {
    if (x0.dtype !== "float32") return R.fail("dtype", "params.b", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "params.b", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "params.w", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "params.w", false, x1.weakType);
    if (x2.dtype !== "float32") return R.fail("dtype", "x", "float32", x2.dtype);
    if (x2.weakType !== false) return R.fail("weakType", "x", false, x2.weakType);
    const s0 = x0.shape, s1 = x1.shape, s2 = x2.shape;
    if (s0 !== G0 || s1 !== G1 || s2 !== G2) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "params.b", 1, s0.length);
      d_params_b_0 = s0[0];
      if (s1.length !== 2) return R.fail("rank", "params.w", 2, s1.length);
      d_params_w_0 = s1[0];
      d_params_w_1 = s1[1];
      if (s2.length !== 2) return R.fail("rank", "x", 2, s2.length);
      d_x_0 = s2[0];
      d_x_1 = s2[1];
      if (!(d_params_b_0 >= 1)) return R.fail("constraint", "params_b_0 >= 1", 1, d_params_b_0);
      if (!(d_params_w_0 >= 1)) return R.fail("constraint", "params_w_0 >= 1", 1, d_params_w_0);
      if (!(d_params_w_1 >= 1)) return R.fail("constraint", "params_w_1 >= 1", 1, d_params_w_1);
      if (!(d_x_0 >= 1)) return R.fail("constraint", "x_0 >= 1", 1, d_x_0);
      if (!(d_x_1 >= 1)) return R.fail("constraint", "x_1 >= 1", 1, d_x_1);
      if ((d_x_1) !== (d_params_w_0)) return R.fail("constraint", "x_1 == params_w_0", (d_params_w_0), (d_x_1));
      if ((d_params_w_1) !== (d_params_b_0)) return R.fail("constraint", "params_w_1 == params_b_0", (d_params_b_0), (d_params_w_1));
      G0 = s0; G1 = s1; G2 = s2;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const c2 = x2.isContiguous ? x2 : R.dense(x2);
    const b2 = c2.data, o2 = c2.offset;
    const b3 = S0 !== null && S0.length === (d_params_w_1 * d_x_0) ? S0 : (S0 = new Float32Array((d_params_w_1 * d_x_0)));
    (Math.max((d_params_w_1 * d_x_0), (d_x_0 * d_x_1), (d_params_w_0 * d_params_w_1)) < M ? k0 : w0)(H, b3, 1, (d_x_0), (d_params_w_1), (d_x_1), b2, o2, 0, (d_x_1), 1, b1, o1, 0, (d_params_w_1), 1, A9);
    const b4 = ((d_params_b_0 * d_x_0) * 4 < L10.minBytes ? new Float32Array((d_params_b_0 * d_x_0)) : R.alloc("float32", (d_params_b_0 * d_x_0)));
    (Math.max((d_params_b_0 * d_x_0), (d_params_w_1 * d_x_0)) < M ? k1 : w1)(H, b4, (T11[0] = (d_x_0), T11[1] = (d_params_b_0), T11), b3, 0, (T12[0] = (d_params_w_1), T12[1] = 1, T12), b0, o0, A13, A9);
    return new N(b4, ((d_x_0) === Z1_0 && (d_params_b_0) === Z1_1 ? Z1 : (Z1_0 = (d_x_0), Z1_1 = (d_params_b_0), Z1 = Object.freeze([(d_x_0), (d_params_b_0)]))), "float32", ((d_params_b_0) === Z2_0 ? Z2 : (Z2_0 = (d_params_b_0), Z2 = Object.freeze([(d_params_b_0), 1]))), 0, false, (d_params_b_0 * d_x_0), true);
  };
};
const __nj_t2p = [{ key: "[{\"b\":*,\"w\":*},*]|S|", make: __nj_p3, kernels: [__nj_k3, __nj_k1], wasm: [null, "__nj_k1"] }];
/** @numjit params: { w: f32[4, 2], b: f32[2] }, x: f32[B, 4] */
export const predict = __nj_pre((params, x) => nn.sigmoid(np.add(np.matmul(x, params.w), params.b)), { name: "predict", kernels: __nj_t0, plans: __nj_t0p });
// destructured parameters are objects / tuples of arrays; elementwise code is rank-polymorphic
export const stats = __nj_pre(([a, b]) => ({ sum: np.add(a, b), diff: np.subtract(a, b) }), { name: "stats", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
// unannotated and untyped: `params.w` / `params.b` make params an object of arrays; the call gives the ranks
export const linear = __nj_pre((params, x) => np.add(np.matmul(x, params.w), params.b), { name: "linear", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w });
export const y0 = linear({ w: np.ones([4, 2]), b: np.zeros([2]) }, np.ones([3, 4]));
