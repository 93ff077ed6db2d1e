// NJ714: assignments with effects outside the function.
import { numpy as np, jit } from "@numjit/runtime";
const history = [];
export const a = jit((params, x) => {
    params.w = np.add(params.w, x);
    return params.w;
});
export const b = jit((x) => {
    history[0] = x;
    return np.exp(x);
});
