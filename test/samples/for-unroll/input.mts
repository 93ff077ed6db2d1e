// for loops with static bounds are unrolled at build time (constants, static arguments).
import { numpy as np, jit } from "@numjit/runtime";

const STEPS = 4;

export const iterate = jit((x: np.NDArray) => {
  let y = x;
  for (let i = 0; i < STEPS; i++) {
    y = np.add(np.multiply(y, 0.5), i);
  }
  return y;
});

/** @numjit x: f32[N] */
export const powers = jit((x: np.NDArray, n: number) => {
  const terms = [];
  for (let k = 1; k <= n; k += 1) terms.push(np.power(x, k));
  return np.stack(terms, 0);
}, { staticArgnums: [1] });

export const usePowers = (x: np.NDArray) => powers(x, 3);
