// W6: a 10-op elementwise function; its compile cost is measured (first call vs steady state).
import { jit, numpy as np, type NDArray } from "@numjit/runtime";

export const tenOps = jit((x: NDArray, y: NDArray) => {
  const d = np.subtract(x, y); // 1
  const g = np.exp(np.negative(np.square(d))); // 2 3 4
  const s = np.sqrt(np.add(np.abs(x), 1)); // 5 6 7
  return np.add(np.multiply(g, s), np.maximum(y, 0)); // 8 9 10
});
