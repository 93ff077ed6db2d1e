// lax.topK: the k largest entries along an axis (default the last) and their int32 indices, largest first,
// ties in index order and NaN largest, as JAX's top_k: one two-output `top_k` equation over the last axis
// (another axis is moved there and back). Its tangent is the gather of the operand's tangent at the indices.
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { bindMulti } from "../core/trace.js";
import { moveaxis } from "../numpy/shape-ops.js";
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
  const last = a.ndim - 1;
  const [values, indices] = bindMulti("top_k", [ax === last ? a : moveaxis(a, ax, last)], { k });
  return ax === last ? [values!, indices!] : [moveaxis(values!, last, ax), moveaxis(indices!, last, ax)];
}
