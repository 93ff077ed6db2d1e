// NJ712: recursive helpers cannot be inlined.
import { numpy as np, jit } from "@numjit/runtime";
function repeatSqrt(x, n) {
    return n === 0 ? x : repeatSqrt(np.sqrt(x), n - 1);
}
export const f = jit((x) => repeatSqrt(x, 3));
