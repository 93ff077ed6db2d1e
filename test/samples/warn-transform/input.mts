// NJ711: a transformation the compiler cannot apply at build time (non-literal argnums here).
import { numpy as np, jit, grad } from "@numjit/runtime";

const loss = (w: np.NDArray, x: np.NDArray) => np.sum(np.square(np.multiply(w, x)));
const which = Math.random() > 0.5 ? 0 : 1;
export const g = jit(grad(loss, which));
