// NJ707: values not known at build time (module let/var, globals, other modules).
import { numpy as np, jit } from "@numjit/runtime";
import { SCALE } from "./config";

let temperature = 0.7;
export function setTemperature(t: number) {
  temperature = t;
}

export const a = jit((x: np.NDArray) => np.divide(x, temperature));
export const b = jit((x: np.NDArray) => np.multiply(x, SCALE));
export const c = jit((x: np.NDArray) => np.multiply(x, window.devicePixelRatio));
