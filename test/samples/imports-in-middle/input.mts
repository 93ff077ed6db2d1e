// Imports between statements: the runtime is imported twice, once after code that uses it.
import { numpy as np } from "@numjit/runtime";

const SCALE = 3;
export const scale = jit((x: np.NDArray) => np.multiply(x, SCALE));

import { jit, nn } from "@numjit/runtime";

export const act = jit((x: np.NDArray) => nn.relu(np.subtract(x, 1)));
export const both = act(scale(np.array([0, 1, 2])));

import * as nj from "@numjit/runtime";
export const viaNamespace = nj.jit((x: np.NDArray) => np.exp(np.negative(x)));
