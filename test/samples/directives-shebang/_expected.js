#!/usr/bin/env node
"use strict";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_w = { bytes: "<wasm module>", kernels: {"__nj_k0":{"signature":"elementwise:#0","op":"elementwise kernel (sub)","layout":{"kind":"elementwise","nin":1,"used":[0],"out":1,"consts":6,"data":[3],"offset":[4],"shape":2,"strides":[5]}}} };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
const __nj_p0 = function (R, K, W, M) {
  const H = R.H, N = R.NDArray;
  const k0 = K[0], w0 = W[0];
  let d_x_0 = 0;
  let G0 = null;
  const L2 = R.limits;
  const T3 = [0] /* (d_x_0) */;
  const A4 = Object.freeze([1]);
  let Z0 = null, Z0_0 = NaN;
  return function (x0) {
    if (x0.dtype !== "float32") return R.fail("dtype", "x", "float32", x0.dtype);
    if (x0.weakType !== false) return R.fail("weakType", "x", false, x0.weakType);
    const s0 = x0.shape;
    if (s0 !== G0) {
      G0 = null;
      if (s0.length !== 1) return R.fail("rank", "x", 1, s0.length);
      d_x_0 = s0[0];
      if (!(d_x_0 >= 1)) return R.fail("constraint", "x_0 >= 1", 1, d_x_0);
      G0 = s0;
    }
    const c0 = x0.isContiguous ? x0 : R.dense(x0);
    const b0 = c0.data, o0 = c0.offset;
    const b1 = ((d_x_0) * 4 < L2.minBytes ? new Float32Array((d_x_0)) : R.alloc("float32", (d_x_0)));
    if ((d_x_0) < M) {
      const e_1 = A4[0];
      for (let i_0 = 0; i_0 < (d_x_0); i_0++) {
        const e_2 = b0[o0 + i_0];
        const e_3 = (e_2 - e_1);
        b1[i_0] = e_3;
      }
    } else w0(H, b1, (T3[0] = (d_x_0), T3), b0, o0, A4, A4);
    return new N(b1, ((d_x_0) === Z0_0 ? Z0 : (Z0_0 = (d_x_0), Z0 = Object.freeze([(d_x_0)]))), "float32", A4, 0, false, (d_x_0), true);
  };
};
const __nj_t0p = [{ key: "[*]|S|", make: __nj_p0, kernels: [__nj_k0], wasm: ["__nj_k0"] }];
// A shebang and a directive prologue, then code before any import: the kernel declarations go after the
// directives (which must stay first to count), before the code.
export const f = __nj_pre((x) => np.subtract(x, 1), { name: "f", kernels: __nj_t0, plans: __nj_t0p, wasm: __nj_w });
export const out = f(np.array([5, 6]));
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";
