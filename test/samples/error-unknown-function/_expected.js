// NJ803: functions that do not exist in the runtime (with a suggestion when one is close).
import { numpy as np, nn, jit } from "@numjit/runtime";
export const a = jit((x) => np.sofmax(x));
export const b = jit((x) => nn.reluu(x));
export const c = jit((x) => x.logsumexp());
