// NJ806: staticArgnums / staticArgnames that name no parameter.
import { numpy as np, jit } from "@numjit/runtime";

export const a = jit((x: np.NDArray) => np.exp(x), { staticArgnums: [3] });
export const b = jit((x: np.NDArray, k: number) => np.multiply(x, k), { staticArgnames: ["scale"] });
