// lax.topK: the k largest entries along an axis (default the last) and their int32 indices, largest first,
// ties in index order and NaN largest, as JAX's top_k. A descending stable argsort cut to k and one gather
// (takeAlongAxis), so it is eager, traceable and differentiable: the values' cotangent goes back to the
// picked positions through the gather's transpose.
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { argsort, takeAlongAxis } from "../numpy/sorting.js";
import { sliceAxis } from "../numpy/shape-ops.js";
import { operand } from "../numpy/util.js";

export function topK(x: ArrayLike, k: number, opts: { axis?: number } = {}): [NDArray, NDArray] {
  for (const key of Object.keys(opts)) if (key !== "axis") throw argumentError.invalid("top_k", `unsupported option '${key}' (axis)`);
  const a = operand(x, "top_k");
  if (a.ndim === 0) throw shapeError.rank("top_k", "operand must have at least one dimension, got a 0-d array");
  const ax = normalizeAxis("top_k", opts.axis ?? -1, a.ndim);
  const n = a.shape[ax]!;
  if (typeof k !== "number" || !Number.isInteger(k) || k < 0)
    throw argumentError.invalid("top_k", `k must be a non-negative integer, got ${describeValue(k)}`);
  if (k > n) throw shapeError.index("top_k", k, n, ax);
  const idx = sliceAxis(argsort(a, ax, { descending: true }), ax, 0, k, 1);
  return [takeAlongAxis(a, idx, ax), idx];
}
