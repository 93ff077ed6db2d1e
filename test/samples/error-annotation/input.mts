// NJ805: malformed @numjit annotations, or annotations of parameters that do not exist.
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f16[N] */
export const a = jit((x: np.NDArray) => np.exp(x));

/** @numjit x: f32[N], y: f32[N] */
export const b = jit((x: np.NDArray) => np.exp(x));

/** @numjit x f32[N] */
export const c = jit((x: np.NDArray) => np.exp(x));

/** @numjit x: f32[N], k = 2 */
export const d = jit((x: np.NDArray, k: number) => np.multiply(x, k));
