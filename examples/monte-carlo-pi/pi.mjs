// Monte Carlo π with JAX-style keys: one jitted function draws a batch of points in the unit square with
// random.uniform and counts those inside the quarter circle; batches get independent keys by foldIn.
import { jit, numpy as np, random } from "@numjit/runtime";

/**
 * Points inside the quarter circle among `n` uniform points drawn from `key` (a uint32[2] key). `n` decides
 * the shapes: the build precompiles one plan per listed value (main.mjs's default and the test's).
 * @numjit key: u32[2], n = 1000000 | 100000
 */
export const countInside = jit(
  (key, n) => {
    const [kx, ky] = random.split(key);
    const x = random.uniform(kx, [n]),
      y = random.uniform(ky, [n]);
    return np.sum(np.lessEqual(np.add(np.square(x), np.square(y)), 1));
  },
  { staticArgnums: [1] },
);

/** π ≈ 4 · inside / total over `batches` batches of `n` points, batch i drawn from foldIn(key(seed), i). */
export function estimatePi(seed, batches, n) {
  const key = random.key(seed);
  let inside = 0;
  for (let i = 0; i < batches; i++) inside += Number(countInside(random.foldIn(key, i), n));
  return { inside, total: batches * n, pi: (4 * inside) / (batches * n) };
}
