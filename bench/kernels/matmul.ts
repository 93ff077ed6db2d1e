// W4: a plain matrix product.
import { jit, numpy as np, type NDArray } from "@numjit/runtime";

/** @numjit a: f32[M, K], b: f32[K, N] */
export const matmul = jit((a: NDArray, b: NDArray) => np.matmul(a, b));
