// NJ710: the rank of x is not known at build time (no annotation, no call site, not elementwise); an annotation fixes it.
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
const __nj_k0 = function nj_reduce_#0(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"reduce:#0","op":"reduce_sum kernel ()","layout":{"kind":"reduce","nin":1,"used":[0],"out":1,"consts":9,"data":[5],"offset":[6],"kshape":2,"rshape":3,"kstrides":[7],"rstrides":[8]}}} };
const __nj_t0 = { "@codegen": "<version>", "reduce:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let G0 = null;
  const L1 = R.limits;
  const A2 = Object.freeze([7]);
  const A3 = Object.freeze([5]);
  const A4 = Object.freeze([1]);
  const A5 = Object.freeze([]);
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      if (s0[0] !== 35) return R.fail("dim", "x.shape[0] == 35", 35, s0[0]);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = (7 * 4 < L1.minBytes ? new Float32Array(7) : R.alloc("float32", 7));
    (35 < M ? k0 : w0)(H, b1, A2, A3, 1, b0, o0, A4, A2, A5);
    return new N(b1, A2, "float32", A4, 0, false, 7, true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
export const grid = jit((x) => np.sum(np.reshape(x, [5, 7]), 0));
/** @numjit x: f32[35] */
export const gridAnnotated = __nj_pre((x) => np.sum(np.reshape(x, [5, 7]), 0), { name: "gridAnnotated", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
