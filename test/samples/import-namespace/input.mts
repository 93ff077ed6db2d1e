// Namespace import: nj.jit, nj.numpy.*, nj.nn.*
import * as nj from "@numjit/runtime";

const np = nj.numpy;

/** @numjit x: f32[B, N] */
export const softmaxRows = nj.jit((x: nj.NDArray) => nj.nn.softmax(x, -1));
/** @numjit x: f32[N] */
export const shifted = nj.jit((x: nj.NDArray) => np.exp(np.subtract(x, np.max(x))));
