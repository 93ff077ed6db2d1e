// jit() calls inside functions and object literals are found too.
import { numpy as np, jit } from "@numjit/runtime";

export function makeOps() {
  const relu6 = jit((x: np.NDArray) => np.clip(x, 0, 6));
  return { relu6, hardSigmoid: jit((x: np.NDArray) => np.divide(np.clip(np.add(x, 3), 0, 6), 6)) };
}

// a local `jit` is not numjit's: left alone
export function withLocalJit(jit: (f: (x: number) => number) => unknown) {
  return jit((x: number) => x * 2);
}
