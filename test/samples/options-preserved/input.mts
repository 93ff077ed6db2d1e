// User options are kept; name and kernels are added in front.
import { numpy as np, jit } from "@numjit/runtime";

export const f = jit((x: np.NDArray, k: number) => np.multiply(x, k), { staticArgnums: [1], name: "scaleBy" });
export const g = jit((x: np.NDArray) => np.abs(x), {});
export const use = (x: np.NDArray) => f(x, 2);
