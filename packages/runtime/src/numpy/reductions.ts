// Reductions and scans. axis: null (all) | number | number[]; negative axes allowed.
import { type DType, type DTypeLike, checkDType, toFloat } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import type { ReduceOp } from "../core/primitives.js";
import { bind } from "../core/trace.js";
import { normalizeAxes, sizeOf } from "../shape.js";
import { convert, keepDims, operand, reshapeTo } from "./util.js";
import { divide, multiply, sqrt, subtract } from "./elementwise.js";

export interface ReduceOptions {
  keepdims?: boolean;
  dtype?: DTypeLike;
}

function reduceWith(prim: ReduceOp, name: string, x: ArrayLike, axis: number | number[] | null | undefined, opts: ReduceOptions, cast?: (d: DType) => DType): NDArray {
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

function count(a: NDArray, axes: number[]): number {
  return sizeOf(axes.map((i) => a.shape[i]));
}

export function mean(x: ArrayLike, axis: number | number[] | null = null, opts: ReduceOptions = {}): NDArray {
  const a = operand(x, "mean");
  const axes = normalizeAxes("mean", axis, a.ndim);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, "mean") : toFloat(a.dtype);
  const s = reduceWith("reduce_sum", "mean", convert(a, dt, a.weakType), axes, { keepdims: opts.keepdims ?? false });
  return divide(s, count(a, axes));
}

export interface VarOptions extends ReduceOptions {
  ddof?: number;
}
export function variance(x: ArrayLike, axis: number | number[] | null = null, opts: VarOptions = {}): NDArray {
  const a0 = operand(x, "var");
  const a = convert(a0, opts.dtype !== undefined ? checkDType(opts.dtype, "var") : toFloat(a0.dtype), a0.weakType);
  const axes = normalizeAxes("var", axis, a.ndim);
  const m = mean(a, axes, { keepdims: true });
  const d = subtract(a, m);
  const ss = reduceWith("reduce_sum", "var", multiply(d, d), axes, { keepdims: opts.keepdims ?? false });
  return divide(ss, Math.max(0, count(a, axes) - (opts.ddof ?? 0)));
}
export { variance as var };
export function std(x: ArrayLike, axis: number | number[] | null = null, opts: VarOptions = {}): NDArray {
  return sqrt(variance(x, axis, opts));
}

function argReduce(prim: "argmax" | "argmin", x: ArrayLike, axis: number | null | undefined, opts: { keepdims?: boolean }): NDArray {
  let a = operand(x, prim);
  let ax: number;
  if (axis === null || axis === undefined) {
    a = reshapeTo(a, [a.size]);
    ax = 0;
  } else {
    ax = normalizeAxes(prim, axis, a.ndim)[0];
  }
  let out = bind(prim, [a], { axis: ax });
  if (opts.keepdims) out = keepDims(out, axis === null || axis === undefined ? [...Array(operand(x, prim).ndim).keys()] : [ax], operand(x, prim).ndim);
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
  if (axis === null || axis === undefined) {
    a = reshapeTo(a, [a.size]);
    axis = 0;
  }
  const ax = normalizeAxes(prim, axis, a.ndim)[0];
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
