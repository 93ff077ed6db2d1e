// NJ705: control flow or JS arithmetic on array data (a traced value).
import { numpy as np, jit } from "@numjit/runtime";
export const branch = jit((x) => {
    if (np.any(np.less(x, 0)))
        return np.negative(x);
    return x;
});
export const jsMath = jit((x, y) => x * y);
export const readData = jit((x) => np.multiply(x, x.item()));
export const ternary = jit((x) => (np.max(x) ? x : np.zerosLike(x)));
