// Imports are hoisted (legal ESM): code above an import may use its bindings. The kernel declarations
// must still come before the first statement that runs, or the call below meets them in their TDZ.
export const scaled = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(x, 2), y));
export const first = scaled(np.array([1, 2, 3]), np.array([10, 20, 30]));

import { numpy as np, jit } from "@numjit/runtime";
