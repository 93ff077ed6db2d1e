// NJ702: statements and expressions outside the analysable subset.
import { numpy as np, jit } from "@numjit/runtime";

export const a = jit((x: np.NDArray) => {
  let i = 0;
  do {
    x = np.sqrt(x);
    i++;
  } while (i < 3);
  return x;
});
export const b = jit((x: np.NDArray) => new Map([[1, x]]).get(1));
export const c = jit((x: np.NDArray) => {
  try {
    return np.exp(x);
  } catch {
    return x;
  }
});
export const d = jit((...xs: np.NDArray[]) => np.stack(xs));
