// Namespace import: nj.jit, nj.numpy.*, nj.nn.*
import * as nj from "@numjit/runtime";

const np = nj.numpy;

export const softmaxRows = nj.jit((x: nj.NDArray) => nj.nn.softmax(x, -1));
export const shifted = nj.jit((x: nj.NDArray) => np.exp(np.subtract(x, np.max(x))));
