// NJ704: indexing an array with [] (use x.slice / np.take), computed keys.
import { numpy as np, jit } from "@numjit/runtime";

export const first = jit((x: np.NDArray) => np.exp(x[0] as unknown as np.NDArray));
export const pick = jit((x: np.NDArray, key: string) => ({ [key]: np.exp(x) }), { staticArgnums: [1] });
export const usePick = (x: np.NDArray) => pick(x, "out");
