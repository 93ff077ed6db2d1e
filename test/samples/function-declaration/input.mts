// jit around an identifier naming a function declaration, a const arrow, and a named function expression.
import { numpy as np, jit } from "@numjit/runtime";

function sigmoidish(x: np.NDArray): np.NDArray {
  const e = np.exp(np.negative(x));
  return np.divide(1, np.add(1, e));
}
const addSquares = (a: np.NDArray, b: np.NDArray) => np.add(np.square(a), np.square(b));

export const s = jit(sigmoidish);
export const q = jit(addSquares);
/** @numjit x: f32[B, N] */
export const m = jit(function maxAbs(x: np.NDArray) {
  return np.max(np.abs(x), -1);
});
