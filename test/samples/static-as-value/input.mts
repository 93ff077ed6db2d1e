// A static argument used only as a value (a clip bound, a scale) needs no build-time value: it is traced as a
// weak scalar input (a scalar kernel argument). One that decides a shape still needs a value (NJ708).
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[N] */
export const clipTo = jit((x: np.NDArray, k: number) => np.clip(x, -k, k), { staticArgnums: [1] });
export const scaled = jit((x: np.NDArray, s: number) => np.multiply(x, s), { staticArgnames: ["s"] });
/** @numjit x: f32[N] */
export const rows = jit((x: np.NDArray, n: number) => np.reshape(x, [n, -1]), { staticArgnums: [1] });
