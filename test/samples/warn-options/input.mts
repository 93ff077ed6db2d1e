// NJ709: jit options the compiler cannot read.
import { numpy as np, jit } from "@numjit/runtime";

const opts = { staticArgnums: [1] };
export const a = jit((x: np.NDArray, k: number) => np.multiply(x, k), opts);
export const b = jit((x: np.NDArray) => np.exp(x), { cacheSize: 4 });
