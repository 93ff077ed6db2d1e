// NJ705: control flow or JS arithmetic on array data (a traced value).
import { numpy as np, jit } from "@numjit/runtime";

export const branch = jit((x: np.NDArray) => {
  if (np.any(np.less(x, 0))) return np.negative(x);
  return x;
});
export const jsMath = jit((x: np.NDArray, y: np.NDArray) => (x as unknown as number) * (y as unknown as number));
export const readData = jit((x: np.NDArray) => np.multiply(x, x.item() as number));
export const ternary = jit((x: np.NDArray) => (np.max(x) ? x : np.zerosLike(x)));
