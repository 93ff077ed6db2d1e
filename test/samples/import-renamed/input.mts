// Renamed imports: the compiler follows the local names.
import { jit as J, numpy as N, nn as NN } from "@numjit/runtime";

export const act = J((x: N.NDArray) => NN.gelu(N.multiply(x, 2)));
/** @numjit x: f32[B, N] */
export const norm = J((x: N.NDArray) => N.divide(x, N.sqrt(N.sum(N.square(x), -1, { keepdims: true }))));
