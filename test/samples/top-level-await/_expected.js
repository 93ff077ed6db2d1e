// A module with top-level await before and after the jit() call.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (add)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  const L0 = R.limits;
  const T1 = [0] /* (d_x_0) */;
  const A2 = Object.freeze([1]);
  const A3 = Object.freeze([0.5]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
    const d_x_0 = s0[0];
    if (!(d_x_0 >= 1)) return R.fail("constraint", "x_0 >= 1", 1, d_x_0);
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_x_0) * 4 < L0.minBytes ? new Float32Array((d_x_0)) : R.alloc("float32", (d_x_0)));
    ((d_x_0) < M ? k0 : w0)(H, b1, (T1[0] = (d_x_0), T1), b0, o0, A2, A3);
    return new N(b1, [(d_x_0)], "float32", A2, 0, false, (d_x_0), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
const offset = await Promise.resolve(0.5);
export const shift = __nj_pre((x) => np.add(x, 0.5), { name: "shift", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
export const result = await Promise.resolve(shift(np.array([1, 2])));
export const offsetSeen = offset;
