// A module with top-level await before and after the jit() call.
import { numpy as np, jit } from "@numjit/runtime";

const offset = await Promise.resolve(0.5);
export const shift = jit((x: np.NDArray) => np.add(x, 0.5));
export const result = await Promise.resolve(shift(np.array([1, 2])));
export const offsetSeen = offset;
