// NJ715: tracing at build time failed with a plain JS error.
import { numpy as np, jit } from "@numjit/runtime";
const config = {};
export const f = jit((x) => np.multiply(x, config.scale.value));
