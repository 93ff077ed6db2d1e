// Static arguments: values come from call sites in this module, parameter defaults and @numjit
// annotations; one trace per value (kernels are shared where equal).
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[N, M] */
export const reduceAlong = jit((x: np.NDArray, axis: number) => np.sum(np.exp(x), axis), { staticArgnums: [1] });
export const rows = (x: np.NDArray) => reduceAlong(x, 0);
export const cols = (x: np.NDArray) => reduceAlong(x, -1);

export const leaky = jit((x: np.NDArray, slope = 0.1) => np.where(np.greater(x, 0), x, np.multiply(x, slope)), { staticArgnames: ["slope"] });

/** @numjit x: f32[N, M], mode = "sum" | "max" */
export const pool = jit((x: np.NDArray, mode: string) => (mode === "sum" ? np.sum(x, -1) : np.max(x, -1)), { staticArgnums: [1] });
