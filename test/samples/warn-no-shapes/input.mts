// NJ710: no guessed shape fits (the function needs exactly 35 elements); an annotation fixes it.
import { numpy as np, jit } from "@numjit/runtime";

export const grid = jit((x: np.NDArray) => np.sum(np.reshape(x, [5, 7]), 0));

/** @numjit x: f32[35] */
export const gridAnnotated = jit((x: np.NDArray) => np.sum(np.reshape(x, [5, 7]), 0));
