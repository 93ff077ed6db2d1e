// NJ704: indexing an array with [] (use x.slice / np.take), computed keys.
import { numpy as np, jit } from "@numjit/runtime";
export const first = jit((x) => np.exp(x[0]));
export const pick = jit((x, key) => ({ [key]: np.exp(x) }), { staticArgnums: [1] });
export const usePick = (x) => pick(x, "out");
