// Functions with the same fused structure share one kernel declaration.
import { numpy as np, jit } from "@numjit/runtime";

export const a = jit((x: np.NDArray, y: np.NDArray) => np.add(np.exp(x), y));
export const b = jit((p: np.NDArray, q: np.NDArray) => np.add(np.exp(p), q));
