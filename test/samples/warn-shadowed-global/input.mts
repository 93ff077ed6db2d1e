// The module declares its own `Math`. Kernels pasted into this module would call the module's Math.exp
// instead of the real one (a wrong answer, silently), so exp's function is left to the runtime jit
// (NJ716); a function whose kernels use no redeclared global is still precompiled.
import { numpy as np, jit } from "@numjit/runtime";

const Math = { exp: (x: number) => x, tanh: (x: number) => x, max: (a: number, b: number) => a, min: (a: number, b: number) => a };
export const mathIsMine = Math.exp(2);

/** @numjit x: f64[N] */
export const expPlusOne = jit((x: np.NDArray) => np.add(np.exp(x), 1));
export const plusOne = jit((x: np.NDArray) => np.add(x, 1));
