const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (mul, add)","layout":{"kind":"elementwise","nin":2,"used":[0,1],"out":1,"consts":9,"data":[3,6],"offset":[4,7],"shape":2,"strides":[5,8]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_x_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([2]);
  return function (x0, x1) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_x_0 = s0[0];
    if (x1.dtype !== "float32") return R.fail("dtype", "y", "float32", x1.dtype);
    if (x1.weakType !== false) return R.fail("weakType", "y", false, x1.weakType);
    const s1 = x1.shape;
    if (s1.length !== 1) return R.fail("rank", "y", 1, s1.length);
    const d_y_0 = s1[0];
    if (!(d_x_0 >= 1)) return R.fail("constraint", "x_0 >= 1", 1, d_x_0);
    if (!(d_y_0 >= 1)) return R.fail("constraint", "y_0 >= 1", 1, d_y_0);
    if ((d_x_0) !== (d_y_0)) return R.fail("constraint", "x_0 == y_0", (d_y_0), (d_x_0));
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const c1 = x1.isContiguous ? x1 : R.dense(x1);
    const b1 = c1.data, o1 = c1.offset;
    const b2 = ((d_x_0) * 4 < L0.minBytes ? new Float32Array((d_x_0)) : R.alloc("float32", (d_x_0)));
    (Math.max((d_x_0), (d_y_0)) < M ? k0 : w0)(H, b2, (T1[0] = (d_x_0), T1), b0, o0, A2, b1, o1, A2, A3);
    return new N(b2, [(d_x_0)], "float32", A2, 0, false, (d_x_0), true);
  };
};
const __nj_t0p = [{ key: "[*,*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
// Imports are hoisted (legal ESM): code above an import may use its bindings. The kernel declarations
// must still come before the first statement that runs, or the call below meets them in their TDZ.
export const scaled = __nj_pre((x, y) => np.add(np.multiply(x, 2), y), { name: "scaled", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
export const first = scaled(np.array([1, 2, 3]), np.array([10, 20, 30]));
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
