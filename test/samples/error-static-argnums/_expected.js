// NJ806: staticArgnums / staticArgnames that name no parameter.
import { numpy as np, jit } from "@numjit/runtime";
export const a = jit((x) => np.exp(x), { staticArgnums: [3] });
export const b = jit((x, k) => np.multiply(x, k), { staticArgnames: ["scale"] });
