// NJ804: dtype errors under annotations.
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit a: f32[N], b: f32[N] */
export const bits = jit((a: np.NDArray, b: np.NDArray) => np.bitwiseAnd(a, b));

/** @numjit m: bool[N] */
export const neg = jit((m: np.NDArray) => np.negative(m));
