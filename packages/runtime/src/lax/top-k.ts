// lax.topK: the k largest entries along an axis (default the last) and their int32 indices, largest first,
// ties in index order and NaN largest, as JAX's top_k: one two-output `top_k` equation over the last axis
// (another axis is moved there and back). Its tangent is the gather of the operand's tangent at the indices.
// approxMaxK / approxMinK are JAX's approximate top-k, which JAX computes exactly on CPU: topK here too.
import { argumentError, dtypeError, shapeError } from "../errors.js";
import { isFloat } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { bindMulti } from "../core/trace.js";
import { moveaxis } from "../numpy/shape-ops.js";
import { operand } from "../numpy/util.js";
import { negative } from "../numpy/elementwise.js";

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

export interface ApproxTopKOptions {
  reductionDimension?: number;
  recallTarget?: number;
  reductionInputSizeOverride?: number;
  aggregateToTopk?: boolean;
}

/** lax.approx_max_k: on CPU JAX computes it exactly, as topK along `reductionDimension` (default the last). */
export function approxMaxK(x: ArrayLike, k: number, opts: ApproxTopKOptions = {}): [NDArray, NDArray] {
  const op = "approx_max_k";
  const a = floatOperand(op, x);
  return topK(a, k, { axis: approxAxis(op, a, k, opts) });
}

/** lax.approx_min_k: the k smallest (exactly, as on CPU), smallest first: topK of the negated operand. */
export function approxMinK(x: ArrayLike, k: number, opts: ApproxTopKOptions = {}): [NDArray, NDArray] {
  const op = "approx_min_k";
  const a = floatOperand(op, x);
  const [v, i] = topK(negative(a), k, { axis: approxAxis(op, a, k, opts) });
  return [negative(v), i];
}

/** JAX's approximate top-k takes float operands only. */
function floatOperand(op: string, x: ArrayLike): NDArray {
  const a = operand(x, op);
  if (!isFloat(a.dtype)) throw dtypeError.notAllowed(op, a.dtype, `${op} needs a float operand`);
  return a;
}

/** The reduction axis, with the options and k checked (errors name the approx op, not top_k). */
function approxAxis(op: string, a: NDArray, k: number, opts: ApproxTopKOptions): number {
  const allowed = ["reductionDimension", "recallTarget", "reductionInputSizeOverride", "aggregateToTopk"];
  for (const key of Object.keys(opts))
    if (!allowed.includes(key)) throw argumentError.invalid(op, `unsupported option '${key}' (${allowed.join(", ")})`);
  const r = opts.recallTarget ?? 0.95;
  if (!(r > 0 && r <= 1)) throw argumentError.invalid(op, `recallTarget must be in (0, 1], got ${describeValue(r)}`);
  if (a.ndim === 0) throw shapeError.rank(op, "operand must have at least one dimension, got a 0-d array");
  const axis = normalizeAxis(op, opts.reductionDimension ?? -1, a.ndim);
  if (typeof k !== "number" || !Number.isInteger(k) || k < 0)
    throw argumentError.invalid(op, `k must be a non-negative integer, got ${describeValue(k)}`);
  if (k > a.shape[axis]!) throw shapeError.index(op, k, a.shape[axis]!, axis);
  return axis;
}
