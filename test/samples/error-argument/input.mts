// NJ807: argument errors raised by numpy functions (shape-independent, so errors even unannotated).
import { numpy as np, jit } from "@numjit/runtime";

export const a = jit((x: np.NDArray) => x.slice("0:4:0"));
export const b = jit((x: np.NDArray) => np.concatenate([]));
