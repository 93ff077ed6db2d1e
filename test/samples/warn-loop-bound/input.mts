// NJ706: for loops whose bounds are not static (shapes, data, non-constant variables).
import { numpy as np, jit } from "@numjit/runtime";

export const byShape = jit((x: np.NDArray) => {
  let acc = x;
  for (let i = 0; i < x.shape[0]; i++) acc = np.add(acc, 1);
  return acc;
});
export const byArg = jit((x: np.NDArray, n: number) => {
  let acc = x;
  for (let i = 0; i < n; i++) acc = np.multiply(acc, 2);
  return acc;
});
