// W4: a plain matrix product.
import { jit, numpy as np, type NDArray } from "@numjit/runtime";

export const matmul = jit((a: NDArray, b: NDArray) => np.matmul(a, b));
