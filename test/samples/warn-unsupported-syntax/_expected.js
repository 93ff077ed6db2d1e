// NJ702: statements and expressions outside the analysable subset.
import { numpy as np, jit } from "@numjit/runtime";
export const a = jit((x) => {
    let i = 0;
    do {
        x = np.sqrt(x);
        i++;
    } while (i < 3);
    return x;
});
export const b = jit((x) => new Map([[1, x]]).get(1));
export const c = jit((x) => {
    try {
        return np.exp(x);
    }
    catch {
        return x;
    }
});
export const d = jit((...xs) => np.stack(xs));
