// W2: an elementwise chain that a fusing compiler turns into one loop.
import { jit, numpy as np, type NDArray } from "@numjit/runtime";

export const chain = jit((x: NDArray, y: NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
