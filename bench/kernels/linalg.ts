// W7: a linear solve, a complex FFT and a 3x3 convolution (channels last), each one jit() call.
import { jit, lax, numpy as np, type NDArray } from "@numjit/runtime";

export const solve = jit((a: NDArray, b: NDArray) => np.linalg.solve(a, b));
export const fft = jit((z: NDArray) => np.fft.fft(z));
export const conv = jit((x: NDArray, w: NDArray) =>
  lax.convGeneralDilated(x, w, [1, 1], "SAME", { dimensionNumbers: ["NHWC", "HWIO", "NHWC"] }),
);
