// Plain JavaScript input.
import { numpy as np, jit } from "@numjit/runtime";

export const gelu = jit((x) => np.multiply(np.multiply(0.5, x), np.add(1, np.tanh(np.multiply(0.7978845608, np.add(x, np.multiply(0.044715, np.power(x, 3))))))));
