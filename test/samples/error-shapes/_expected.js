// NJ801: statically incompatible shapes under @numjit annotations.
import { numpy as np, jit } from "@numjit/runtime";
/** @numjit x: f32[N, 3], w: f32[4, M] */
export const project = jit((x, w) => np.matmul(x, w));
/** @numjit a: f32[N], b: f32[M] */
export const mix = jit((a, b) => {
    const scaled = np.multiply(a, 2);
    return np.add(scaled, b);
});
/** @numjit x: f32[N, 3] */
export const badAxis = jit((x) => np.sum(x, 2));
