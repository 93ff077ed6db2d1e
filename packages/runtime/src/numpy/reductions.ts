// Reductions and scans. axis: null (all) | number | number[]; negative axes allowed.
import { type DType, type DTypeLike, checkDType, toFloat } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import type { ReduceOp } from "../core/primitives.js";
import { bind } from "../core/trace.js";
import { argumentError } from "../errors.js";
import { describeValue, normalizeAxes, normalizeAxis } from "../shape.js";
import { type Dim, dimMax, dimSub } from "../core/dims.js";
import { dimsSize } from "../core/shape-rules.js";
import { convert, describe, dimValue, keepDims, operand, reshapeTo } from "./util.js";
import { divide, maximum, multiply, sqrt, subtract } from "./elementwise.js";

export interface ReduceOptions {
  keepdims?: boolean;
  dtype?: DTypeLike;
}

function reduceWith(
  prim: ReduceOp,
  name: string,
  x: ArrayLike,
  axis: number | number[] | null | undefined,
  opts: ReduceOptions,
  cast?: (d: DType) => DType,
): NDArray {
  let a = operand(x, name);
  const axes = normalizeAxes(name, axis, a.ndim);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, name) : cast ? cast(a.dtype) : a.dtype;
  a = convert(a, dt, a.weakType);
  let out = bind(prim, [a], { axes });
  if (opts.keepdims) out = keepDims(out, axes, a.ndim);
  return out;
}

const intSum = (d: DType): DType => (d === "bool" ? "int32" : d);

export function sum(x: ArrayLike, axis: number | number[] | null = null, opts: ReduceOptions = {}): NDArray {
  return reduceWith("reduce_sum", "sum", x, axis, opts, intSum);
}
export function prod(x: ArrayLike, axis: number | number[] | null = null, opts: ReduceOptions = {}): NDArray {
  return reduceWith("reduce_prod", "prod", x, axis, opts, intSum);
}
export function max(x: ArrayLike, axis: number | number[] | null = null, opts: ReduceOptions = {}): NDArray {
  return reduceWith("reduce_max", "max", x, axis, opts);
}
export function min(x: ArrayLike, axis: number | number[] | null = null, opts: ReduceOptions = {}): NDArray {
  return reduceWith("reduce_min", "min", x, axis, opts);
}
export const amax = max;
export const amin = min;

/** all/any reduce booleans with prod/sum (identity True/False for empty input). */
export function all(x: ArrayLike, axis: number | number[] | null = null, opts: { keepdims?: boolean } = {}): NDArray {
  return reduceWith("reduce_prod", "all", toBoolArr(x, "all"), axis, opts);
}
export function any(x: ArrayLike, axis: number | number[] | null = null, opts: { keepdims?: boolean } = {}): NDArray {
  return reduceWith("reduce_sum", "any", toBoolArr(x, "any"), axis, opts);
}
function toBoolArr(x: ArrayLike, name: string): NDArray {
  const a = operand(x, name);
  return a.dtype === "bool" ? a : convert(a, "bool", false);
}

/** Elements a reduction over `axes` sees (symbolic under traceSymbolic). */
function count(a: NDArray, axes: number[]): Dim {
  return dimsSize(axes.map((i) => a.shape[i]!));
}

export function mean(x: ArrayLike, axis: number | number[] | null = null, opts: ReduceOptions = {}): NDArray {
  const a = operand(x, "mean");
  const axes = normalizeAxes("mean", axis, a.ndim);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, "mean") : toFloat(a.dtype);
  const s = reduceWith("reduce_sum", "mean", convert(a, dt, a.weakType), axes, { keepdims: opts.keepdims ?? false });
  return divide(s, dimValue(count(a, axes)));
}

export interface VarOptions extends ReduceOptions {
  ddof?: number;
}
export function variance(x: ArrayLike, axis: number | number[] | null = null, opts: VarOptions = {}): NDArray {
  return varianceAs("var", x, axis, opts);
}
function varianceAs(op: string, x: ArrayLike, axis: number | number[] | null, opts: VarOptions): NDArray {
  const a0 = operand(x, op);
  const a = convert(a0, opts.dtype !== undefined ? checkDType(opts.dtype, op) : toFloat(a0.dtype), a0.weakType);
  const axes = normalizeAxes(op, axis, a.ndim);
  const ddof = opts.ddof ?? 0;
  if (typeof ddof !== "number" || !Number.isFinite(ddof))
    throw argumentError.invalid(op, `ddof must be a number, got ${describeValue(ddof)}`);
  const m = mean(a, axes, { keepdims: true });
  const d = subtract(a, m);
  const ss = reduceWith("reduce_sum", op, multiply(d, d), axes, { keepdims: opts.keepdims ?? false });
  const n = count(a, axes);
  if (typeof n === "number") return divide(ss, Math.max(0, n - ddof));
  // symbolic N: max(0, N - ddof) stays a dim for an integer ddof; a fractional ddof is array math on N
  if (Number.isInteger(ddof)) return divide(ss, dimValue(dimMax(0, dimSub(n, ddof))));
  return divide(ss, maximum(subtract(dimValue(n), ddof), 0));
}
/** `var_`: jax-js's spelling (var is reserved in JS). */
export { variance as var, variance as var_ };
export function std(x: ArrayLike, axis: number | number[] | null = null, opts: VarOptions = {}): NDArray {
  return sqrt(varianceAs("std", x, axis, opts));
}

function argReduce(prim: "argmax" | "argmin", x: ArrayLike, axis: number | null | undefined, opts: { keepdims?: boolean }): NDArray {
  let a = operand(x, prim);
  let ax: number;
  if (axis === null || axis === undefined) {
    a = reshapeTo(a, [a.size]);
    ax = 0;
  } else {
    if (typeof axis !== "number") throw argumentError.invalid(prim, `axis must be an integer or null, got ${describe(axis)}`);
    ax = normalizeAxis(prim, axis, a.ndim);
  }
  let out = bind(prim, [a], { axis: ax });
  if (opts.keepdims)
    out = keepDims(out, axis === null || axis === undefined ? [...Array(operand(x, prim).ndim).keys()] : [ax], operand(x, prim).ndim);
  return out;
}
export function argmax(x: ArrayLike, axis: number | null = null, opts: { keepdims?: boolean } = {}): NDArray {
  return argReduce("argmax", x, axis, opts);
}
export function argmin(x: ArrayLike, axis: number | null = null, opts: { keepdims?: boolean } = {}): NDArray {
  return argReduce("argmin", x, axis, opts);
}

function scan(
  prim: "cumsum" | "cumprod" | "cummax" | "cummin",
  x: ArrayLike,
  axis: number | null | undefined,
  opts: { dtype?: DTypeLike; reverse?: boolean },
): NDArray {
  let a = operand(x, prim);
  // NumPy scans a 0-d array as a length-1 vector: cumsum(5, 0) is [5]
  if (axis === null || axis === undefined || a.ndim === 0) a = reshapeTo(a, [a.size]);
  if (axis === null || axis === undefined) axis = 0;
  if (typeof axis !== "number") throw argumentError.invalid(prim, `axis must be an integer or null, got ${describe(axis)}`);
  const ax = normalizeAxis(prim, axis, a.ndim);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, prim) : prim === "cumsum" || prim === "cumprod" ? intSum(a.dtype) : a.dtype;
  return bind(prim, [convert(a, dt, a.weakType)], { axis: ax, reverse: opts.reverse ?? false });
}
export function cumsum(x: ArrayLike, axis: number | null = null, opts: { dtype?: DTypeLike } = {}): NDArray {
  return scan("cumsum", x, axis, opts);
}
export function cumprod(x: ArrayLike, axis: number | null = null, opts: { dtype?: DTypeLike } = {}): NDArray {
  return scan("cumprod", x, axis, opts);
}
export const cumulativeSum = cumsum;
export const cumulativeProd = cumprod;
