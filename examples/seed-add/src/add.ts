// The seed's experiment: `add`, eager and jitted. `numjit build` precompiles `addJit` into this
// module's output (examples/seed-add/dist/add.js); the source version compiles at run time.
import { numpy as np, jit, type NDArray } from "@numjit/runtime";

export const add = (a: NDArray, b: NDArray): NDArray => np.add(a, b);
export const addJit = jit((a: NDArray, b: NDArray) => np.add(a, b));
