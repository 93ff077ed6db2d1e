// Fully concrete annotations: every function has exact plans, so the module imports the light
// @numjit/runtime/precompiled entry and a call runs its plan (guard, sizes, kernels) without tracing.
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[2, 3], w: f32[3, 2] */
export const affine = jit((x: np.NDArray, w: np.NDArray) => np.maximum(np.add(np.matmul(x, w), 1), 0));

/** @numjit p: { a: f32[4], b: f32[4] }, s: f32[] */
export const tree = jit((p: { a: np.NDArray; b: np.NDArray }, s: np.NDArray) => ({
  sum: np.sum(np.multiply(p.a, p.b)),
  scaled: [np.multiply(p.a, s), np.flip(p.b)],
}));

/** @numjit x: f32[3] */
export const clipTo = jit((x: np.NDArray, k: number) => np.clip(x, -k, k), { staticArgnums: [1] });
export const clipped = clipTo(np.array([-3, 0.5, 3]), 2);
