// Array methods (x.add(y), x.sum(axis), x.T, x.reshape(...)) and shape properties.
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[N, M] */
export const centered = jit((x: np.NDArray) => x.sub(x.mean(0)).mul(2).T);
/** @numjit x: f32[N, M] */
export const rowNorms = jit((x: np.NDArray) => x.square().sum(-1).sqrt());
/** @numjit x: f32[N, M], y: f32[K] */
export const flat = jit((x: np.NDArray, y: np.NDArray) => x.reshape(-1).maximum(y.ravel()).clip(0, 6));
