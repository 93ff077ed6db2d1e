// NJ809: a transformation rejects the function (grad of a non-scalar function).
import { numpy as np, jit, grad } from "@numjit/runtime";

/** @numjit x: f32[N] */
export const g = jit(grad((x: np.NDArray) => np.sin(x)));
