// W7: a linear solve, a complex FFT and a 3x3 convolution (channels last), each one jit() call.
import { jit, lax, numpy as np, type NDArray } from "@numjit/runtime";

/** @numjit a: f32[N, N], b: f32[N, K] */
export const solve = jit((a: NDArray, b: NDArray) => np.linalg.solve(a, b));
// fft and conv trace on concrete sizes only (their shape rules take numbers): annotated with W7's sizes
/** @numjit z: f32[1048576, 2] */
export const fft = jit((z: NDArray) => np.fft.fft(z));
/** @numjit x: f32[32, 64, 64, 16], w: f32[3, 3, 16, 16] */
export const conv = jit((x: NDArray, w: NDArray) =>
  lax.convGeneralDilated(x, w, [1, 1], "SAME", { dimensionNumbers: ["NHWC", "HWIO", "NHWC"] }),
);
