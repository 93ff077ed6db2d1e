// NJ710: the rank of x is not known at build time (no annotation, no call site, not elementwise); an annotation fixes it.
import { numpy as np, jit } from "@numjit/runtime";

export const grid = jit((x: np.NDArray) => np.sum(np.reshape(x, [5, 7]), 0));

/** @numjit x: f32[35] */
export const gridAnnotated = jit((x: np.NDArray) => np.sum(np.reshape(x, [5, 7]), 0));
