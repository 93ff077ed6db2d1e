// NJ808: input that does not parse is reported with its location; nothing is emitted.
import { numpy as np, jit } from "@numjit/runtime";

export const f = jit((x: np.NDArray) => np.add(x, );
export const g = jit((x: np.NDArray) => { return np.exp(x) ;
