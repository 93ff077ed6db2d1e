// NJ802: wrong number of arguments to numpy functions and to module functions.
import { numpy as np, jit } from "@numjit/runtime";

function scaleAdd(x: np.NDArray, k: number) {
  return np.add(np.multiply(x, k), 1);
}

export const a = jit((x: np.NDArray) => np.add(x));
export const b = jit((x: np.NDArray) => np.exp(x, 2));
export const c = jit((x: np.NDArray) => scaleAdd(x));
