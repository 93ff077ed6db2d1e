// NJ714: assignments with effects outside the function.
import { numpy as np, jit } from "@numjit/runtime";

const history: np.NDArray[] = [];
export const a = jit((params: { w: np.NDArray }, x: np.NDArray) => {
  params.w = np.add(params.w, x);
  return params.w;
});
export const b = jit((x: np.NDArray) => {
  history[0] = x;
  return np.exp(x);
});
