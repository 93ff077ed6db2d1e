// NJ715: tracing at build time failed with a plain JS error.
import { numpy as np, jit } from "@numjit/runtime";

const config: { scale?: { value: number } } = {};
export const f = jit((x: np.NDArray) => np.multiply(x, config.scale!.value));
