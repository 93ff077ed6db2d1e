// NJ801: statically incompatible shapes under @numjit annotations.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([1]);
  const A1 = Object.freeze([2]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "a", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "a", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "a", 1, s0.length);
    const d_N = s0[0];
    if (x1.dtype !== "float32") return R.fail("dtype", "b", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "b", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 1) return R.fail("rank", "b", 1, s1.length);
    const d_M = s1[0];
    if (!(d_N >= 1)) return R.fail("constraint", "N >= 1", 1, d_N);
    if (!(d_M >= 1)) return R.fail("constraint", "M >= 1", 1, d_M);
    if ((d_N) !== (d_M)) return R.fail("constraint", "N == M", (d_M), (d_N));
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = new Float32Array((d_M));
    k0(H, b2, [(d_M)], b0, o0, A0, b1, o1, A0, A1);
    return new N(b2, [(d_M)], "float32", A0, 0, false, (d_M));
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0] }];
/** @numjit x: f32[N, 3], w: f32[4, M] */
export const project = jit((x, w) => np.matmul(x, w));
/** @numjit a: f32[N], b: f32[M] */
export const mix = __nj_pre((a, b) => {
    const scaled = np.multiply(a, 2);
    return np.add(scaled, b);
}, { name: "mix", kernels: __nj_t0, plans: __nj_t0p });
/** @numjit x: f32[N, 3] */
export const badAxis = jit((x) => np.sum(x, 2));
