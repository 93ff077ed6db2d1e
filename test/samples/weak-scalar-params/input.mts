// JS number parameters are traced as weakly typed scalars (they keep an f32 array f32).
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[N], lr: number */
export const sgd = jit((x: np.NDArray, lr: number) => np.subtract(x, np.multiply(lr, x)));

export const damp = jit((x: np.NDArray, alpha = 0.9) => np.multiply(x, alpha));
