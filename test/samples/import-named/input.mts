// The seed benchmark's function: named imports, an arrow function, JS number constants.
import { numpy as np, jit } from "@numjit/runtime";

export const fused = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
