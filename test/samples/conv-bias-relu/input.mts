// A channels-last 3x3 convolution with a bias and relu: one conv step whose GEMM store adds the bias and
// applies relu (ir/schedule.ts convEpilogues), with a symbolic batch.
import { lax, nn, numpy as np, jit } from "@numjit/runtime";

/**
 * @numjit x: f32[B, 8, 8, 4], w: f32[3, 3, 4, 6], b: f32[6]
 */
export const convLayer = jit((x: np.NDArray, w: np.NDArray, b: np.NDArray) =>
  nn.relu(np.add(lax.convGeneralDilated(x, w, [1, 1], "SAME", { dimensionNumbers: ["NHWC", "HWIO", "NHWC"] }), b)),
);
