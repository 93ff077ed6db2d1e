// @numjit annotations: dtypes and dims (symbols or integers) per parameter.
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit a: f32[N, 3], b: f32[3, M] */
export const project = jit((a: np.NDArray, b: np.NDArray) => np.matmul(a, b));

/** @numjit ids: i32[N], x: f64[N] */
export const mixed = jit((ids: np.NDArray, x: np.NDArray) => np.add(np.multiply(ids, 2), x));

// @numjit flags: bool[N]
export const count = jit((flags: np.NDArray) => np.sum(flags));

/** @numjit x: f32[] */
export const scalar = jit((x: np.NDArray) => np.multiply(x, x));
