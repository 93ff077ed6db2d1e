// NJ708: a static argument with no value known at build time (no default, no literal call, no annotation).
import { numpy as np, jit } from "@numjit/runtime";

export const sumAlong = jit((x: np.NDArray, axis: number) => np.sum(x, axis), { staticArgnums: [1] });
