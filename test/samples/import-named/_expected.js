// The seed benchmark's function: named imports, an arrow function, JS number constants.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0];
  const A0 = Object.freeze([143]);
  const A1 = Object.freeze([1]);
  const A2 = Object.freeze([1.5, 0.30000001192092896, 1]);
  const A3 = Object.freeze([11, 13]);
  const A4 = Object.freeze([13, 1]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 2) return R.fail("rank", "x", 2, s0.length);
    if (s0[0] !== 11) return R.fail("dim", "x.shape[0] == 11", 11, s0[0]);
    if (s0[1] !== 13) return R.fail("dim", "x.shape[1] == 13", 13, s0[1]);
    if (x1.dtype !== "float32") return R.fail("dtype", "y", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "y", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 2) return R.fail("rank", "y", 2, s1.length);
    if (s1[0] !== 11) return R.fail("dim", "y.shape[0] == 11", 11, s1[0]);
    if (s1[1] !== 13) return R.fail("dim", "y.shape[1] == 13", 13, s1[1]);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = new Float32Array(143);
    k0(H, b2, A0, b0, o0, A1, b1, o1, A1, A2);
    return new N(b2, A3, "float32", A4, 0, false, 143);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0], guessed: true }];
export const fused = __nj_pre((x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1), { name: "fused", kernels: __nj_t0, plans: __nj_t0p });
