// A channels-last 3x3 convolution with a bias and relu: one conv step whose GEMM store adds the bias and
// applies relu (ir/schedule.ts convEpilogues), with a symbolic batch.
import { lax, nn, numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_t0 = { "@codegen": "<version>" };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  let d_B = 0;
  let G0 = null;
  let G1 = null;
  let G2 = null;
  let Z0 = null, Z0_0 = NaN;
  const A5 = Object.freeze([256, 32, 4, 1]);
  const A6 = Object.freeze([3, 3, 4, 6]);
  const A7 = Object.freeze([72, 24, 6, 1]);
  const A8 = Object.freeze([6]);
  const A9 = Object.freeze([1]);
  const P10 = { "strides": [1, 1], "padding": [[1, 1], [1, 1]], "lhsDilation": [1, 1], "rhsDilation": [1, 1], "groups": 1, "epilogue": { "act": "relu" } };
  let Z1 = null, Z1_0 = NaN;
  const A12 = Object.freeze([384, 48, 6, 1]);
  return function (x0, x1, x2) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    if (x1.dtype !== "float32") return R.fail("dtype", "w", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "w", false, x1.weakType);
    if (x2.dtype !== "float32") return R.fail("dtype", "b", "float32", x2.dtype);
    if (x2.weakType !== false) return R.fail("weakType", "b", false, x2.weakType);
    const s0 = x0.shape, s1 = x1.shape, s2 = x2.shape;
    if (s0 !== G0 || s1 !== G1 || s2 !== G2) {
      G0 = null;
      if (s0.length !== 4) return R.fail("rank", "x", 4, s0.length);
      d_B = s0[0];
      if (s0[1] !== 8) return R.fail("dim", "x.shape[1] == 8", 8, s0[1]);
      if (s0[2] !== 8) return R.fail("dim", "x.shape[2] == 8", 8, s0[2]);
      if (s0[3] !== 4) return R.fail("dim", "x.shape[3] == 4", 4, s0[3]);
      if (s1.length !== 4) return R.fail("rank", "w", 4, s1.length);
      if (s1[0] !== 3) return R.fail("dim", "w.shape[0] == 3", 3, s1[0]);
      if (s1[1] !== 3) return R.fail("dim", "w.shape[1] == 3", 3, s1[1]);
      if (s1[2] !== 4) return R.fail("dim", "w.shape[2] == 4", 4, s1[2]);
      if (s1[3] !== 6) return R.fail("dim", "w.shape[3] == 6", 6, s1[3]);
      if (s2.length !== 1) return R.fail("rank", "b", 1, s2.length);
      if (s2[0] !== 6) return R.fail("dim", "b.shape[0] == 6", 6, s2[0]);
      if (!(d_B >= 1)) return R.fail("constraint", "B >= 1", 1, d_B);
      G0 = s0; G1 = s1; G2 = s2;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const c2 = x2.isContiguous ? x2 : R.dense(x2);
    const b2 = c2.data, o2 = c2.offset;
    const r3 = R.eager("conv_general_dilated", P10, [new N(b0, ((d_B) === Z0_0 ? Z0 : (Z0_0 = (d_B), Z0 = Object.freeze([(d_B), 8, 8, 4]))), "float32", A5, o0, false, (256 * d_B), true), new N(b1, A6, "float32", A7, o1, false, 216, true), new N(b2, A8, "float32", A9, o2, false, 6, true)]);
    const b3 = r3.data, o3 = r3.offset;
    return new N(b3, ((d_B) === Z1_0 ? Z1 : (Z1_0 = (d_B), Z1 = Object.freeze([(d_B), 8, 8, 6]))), "float32", A12, o3, false, (384 * d_B), true);
  };
};
const __nj_t0p = [{ key: "[*,*,*]|S|", make: __nj_p0, kernels: [] }];
/**
 * @numjit x: f32[B, 8, 8, 4], w: f32[3, 3, 4, 6], b: f32[6]
 */
export const convLayer = __nj_pre((x, w, b) => nn.relu(np.add(lax.convGeneralDilated(x, w, [1, 1], "SAME", { dimensionNumbers: ["NHWC", "HWIO", "NHWC"] }), b)), { name: "convLayer", kernels: __nj_t0, plans: __nj_t0p });
