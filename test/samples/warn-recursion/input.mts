// NJ712: recursive helpers cannot be inlined.
import { numpy as np, jit } from "@numjit/runtime";

function repeatSqrt(x: np.NDArray, n: number): np.NDArray {
  return n === 0 ? x : repeatSqrt(np.sqrt(x), n - 1);
}
export const f = jit((x: np.NDArray) => repeatSqrt(x, 3));
