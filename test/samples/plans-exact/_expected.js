// Fully concrete annotations: every function has exact plans, so the module imports the light
// @numjit/runtime/precompiled entry and a call runs its plan (guard, sizes, kernels) without tracing.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, C) { /* body elided */ };
const __nj_k1 = function nj_reduce_#1(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, a1, o1, ks1, rs1, C) { /* body elided */ };
const __nj_k2 = function nj_elementwise_#2(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k1":{"signature":"reduce:#1","op":"reduce_sum kernel (mul)","layout":{"kind":"reduce","nin":2,"used":[0,1],"out":1,"consts":13,"data":[5,9],"offset":[6,10],"kshape":2,"rshape":3,"kstrides":[7,11],"rstrides":[8,12]}},"__nj_k2":{"signature":"elementwise:#2","op":"elementwise kernel (mul)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}},"__nj_k3":{"signature":"elementwise:#3","op":"elementwise kernel (max, min)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let G0 = null;
  let G1 = null;
  const L2 = R.limits;
  const A3 = Object.freeze([1, 0]);
  const A4 = Object.freeze([2, 2]);
  const A5 = Object.freeze([2, 1]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "w", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "w", false, x1.weakType);
    const s0 = x0.shape, s1 = x1.shape;
    if (s0 !== G0 || s1 !== G1) {
      G0 = null;
      if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
      if (s0[0] !== 2) return R.fail("dim", "x.shape[0] == 2", 2, s0[0]);
      if (s0[1] !== 3) return R.fail("dim", "x.shape[1] == 3", 3, s0[1]);
      if (s1.length !== 2) return R.fail("rank", "w", 2, s1.length);
      if (s1[0] !== 3) return R.fail("dim", "w.shape[0] == 3", 3, s1[0]);
      if (s1[1] !== 2) return R.fail("dim", "w.shape[1] == 2", 2, s1[1]);
      G0 = s0; G1 = s1;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = (4 * 4 < L2.minBytes ? new Float32Array(4) : R.alloc("float32", 4));
    (6 < M ? k0 : w0)(H, b2, 1, 2, 2, 3, b0, o0, 0, 3, 1, b1, o1, 0, 2, 1, A3);
    return new N(b2, A4, "float32", A5, 0, false, 4, true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0] }];
const __nj_t1 = { "@codegen": "<version>", "reduce:#1": __nj_k1, "elementwise:#2": __nj_k2 };
const __nj_p1 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const k1 = K[1], w1 = W[1];
  let G0 = null;
  let G1 = null;
  let G2 = null;
  const L3 = R.limits;
  const A4 = Object.freeze([]);
  const A5 = Object.freeze([4]);
  const A6 = Object.freeze([1]);
  const A7 = Object.freeze([0]);
  const A8 = Object.freeze([(-1)]);
  return function (x0, x1, x2) {
    if (x0.dtype !== "float32") return R.fail("dtype", "p.a", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "p.a", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "p.b", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "p.b", false, x1.weakType);
    if (x2.dtype !== "float32") return R.fail("dtype", "s", "float32", x2.dtype);
    if (x2.weakType !== false) return R.fail("weakType", "s", false, x2.weakType);
    const s0 = x0.shape, s1 = x1.shape, s2 = x2.shape;
    if (s0 !== G0 || s1 !== G1 || s2 !== G2) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "p.a", 1, s0.length);
      if (s0[0] !== 4) return R.fail("dim", "p.a.shape[0] == 4", 4, s0[0]);
      if (s1.length !== 1) return R.fail("rank", "p.b", 1, s1.length);
      if (s1[0] !== 4) return R.fail("dim", "p.b.shape[0] == 4", 4, s1[0]);
      if (s2.length !== 0) return R.fail("rank", "s", 0, s2.length);
      G0 = s0; G1 = s1; G2 = s2;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const c2 = x2.isContiguous ? x2 : R.dense(x2);
    const b2 = c2.data, o2 = c2.offset;
    const b3 = (1 * 4 < L3.minBytes ? new Float32Array(1) : R.alloc("float32", 1));
    (4 < M ? k0 : w0)(H, b3, A4, A5, 0, b0, o0, A4, A6, b1, o1, A4, A6, A4);
    const b4 = (4 * 4 < L3.minBytes ? new Float32Array(4) : R.alloc("float32", 4));
    if (4 < M) {
      const e_2 = b2[o2];
      for (let i_0 = 0; i_0 < 4; i_0++) {
        const e_1 = b0[o0 + i_0];
        const e_3 = (e_1 * e_2);
        b4[i_0] = e_3;
      }
    } else w1(H, b4, A5, b0, o0, A6, b2, o2, A7, A4);
    return { "scaled": [new N(b4, A5, "float32", A6, 0, false, 4, true), new N(b1, A5, "float32", A8, o1 + 3, false, 4, true)], "sum": new N(b3, A4, "float32", A4, 0, false, 1, true) };
  };
};
const __nj_t1p = [{ key: "[{\"a\":*,\"b\":*},*]|S|", make: __nj_p1, kernels: [__nj_k1, __nj_k2], wasm: ["__nj_k1", "__nj_k2"] }];
const __nj_t2 = { "@codegen": "<version>", "elementwise:#3": __nj_k3 };
const __nj_p2 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let G0 = null;
  const L1 = R.limits;
  const A2 = Object.freeze([3]);
  const A3 = Object.freeze([1]);
  const A4 = Object.freeze([(-2), 2]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      if (s0[0] !== 3) return R.fail("dim", "x.shape[0] == 3", 3, s0[0]);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = (3 * 4 < L1.minBytes ? new Float32Array(3) : R.alloc("float32", 3));
    if (3 < M) {
      const e_1 = A4[0];
      const e_2 = A4[1];
      for (let i_0 = 0; i_0 < 3; i_0++) {
        const e_3 = b0[o0 + i_0];
        const e_4 = Math.fround(Math.max(e_3, e_1));
        const e_5 = Math.min(e_4, e_2);
        b1[i_0] = e_5;
      }
    } else w0(H, b1, A2, b0, o0, A3, A4);
    return new N(b1, A2, "float32", A3, 0, false, 3, true);
  };
};
const __nj_t2p = [{ key: "[*,N]|S|n2", make: __nj_p2, kernels: [__nj_k3], wasm: ["__nj_k3"] }];
/** @numjit x: f32[2, 3], w: f32[3, 2] */
export const affine = __nj_pre((x, w) => np.maximum(np.add(np.matmul(x, w), 1), 0), { name: "affine", kernels: __nj_t0, plans: __nj_t0p });
/** @numjit p: { a: f32[4], b: f32[4] }, s: f32[] */
export const tree = __nj_pre((p, s) => ({
    sum: np.sum(np.multiply(p.a, p.b)),
    scaled: [np.multiply(p.a, s), np.flip(p.b)],
}), { name: "tree", kernels: __nj_t1, plans: __nj_t1p, wasm: __nj_w });
/** @numjit x: f32[3] */
export const clipTo = __nj_pre((x, k) => np.clip(x, -k, k), { name: "clipTo", kernels: __nj_t2, plans: __nj_t2p, wasm: __nj_w, staticArgnums: [1] });
export const clipped = clipTo(np.array([-3, 0.5, 3]), 2);
