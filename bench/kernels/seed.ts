// W0 / W1: the seed's function. Compiled ahead of time by @numjit/compiler for the "precompiled" column;
// transpiled as-is for the "runtime jit" column.
import { jit, numpy as np, type NDArray } from "@numjit/runtime";

export const add = jit((a: NDArray, b: NDArray) => np.add(a, b));
