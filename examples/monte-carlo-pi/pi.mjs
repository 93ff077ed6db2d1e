// Monte Carlo π with JAX-style keys: a batch of points in the unit square drawn with random.uniform, counting
// those inside the quarter circle; batches get independent keys by foldIn. Two drivers: a JS loop calling a
// jitted batch, and the whole loop in one jitted lax.foriLoop. The @numjit lines give the build the key's
// type and the static sizes to precompile (other sizes run on the runtime jit).
import { jit, lax, numpy as np, random } from "@numjit/runtime";

/** Points inside the quarter circle among `n` uniform points drawn from `key`. */
function countBatch(key, n) {
  const keys = random.split(key);
  const x = random.uniform(keys.slice(0), [n]),
    y = random.uniform(keys.slice(1), [n]);
  return np.sum(np.lessEqual(np.add(np.square(x), np.square(y)), 1));
}

/** @numjit key: u32[2], n = 100000 | 1000000 */
export const countInside = jit(countBatch, { staticArgnums: [1] });

/** Points inside among `batches` batches of `n`, batch i drawn from foldIn(key, i): one jitted loop. */
/** @numjit key: u32[2], batches = 2 | 10, n = 100000 | 1000000 */
export const countInsideLoop = jit(
  (key, batches, n) =>
    lax.foriLoop(0, batches, (i, inside) => np.add(inside, countBatch(random.foldIn(key, i), n)), np.array(0, { dtype: "int32" })),
  { staticArgnums: [1, 2] },
);

/** π ≈ 4 · inside / total over `batches` batches of `n` points, batch i drawn from foldIn(key(seed), i). */
export function estimatePi(seed, batches, n) {
  const key = random.key(seed);
  let inside = 0;
  for (let i = 0; i < batches; i++) inside += Number(countInside(random.foldIn(key, i), n));
  return { inside, total: batches * n, pi: (4 * inside) / (batches * n) };
}

/** The same estimate from one call of the jitted loop. */
export function estimatePiLoop(seed, batches, n) {
  const inside = Number(countInsideLoop(random.key(seed), batches, n));
  return { inside, total: batches * n, pi: (4 * inside) / (batches * n) };
}
