// lax's structural functions: dtype conversion, broadcasting, iota, reshape/squeeze/expandDims, transpose, rev,
// slices, concatenate, pad (with interior padding), tile, full, collapse, split, stack/unstack. Each checks its
// arguments as lax does (no clamping, no negative sizes, dimension lists in range) and binds the primitive the
// numpy functions use, so jit, grad and vmap see through.
import { type DType, type DTypeLike, checkDType } from "../dtype.js";
import { argumentError, formatShape, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { broadcastShapes as broadcast2, checkShape, describeValue, normalizeAxis, sizeOf } from "../shape.js";
import * as np from "../numpy/index.js";
import { sliceAxis } from "../numpy/shape-ops.js";
import { broadcastTo, convert, operand, reshapeTo } from "../numpy/util.js";
import { dimList, intList, laxName, sameDtype } from "./operands.js";

const arg = (op: string, x: ArrayLike): NDArray => operand(x, laxName(op));

/** x as `newDtype` (floats to integers round toward zero); the result is never weak. */
export function convertElementType(x: ArrayLike, newDtype: DTypeLike): NDArray {
  return convert(arg("convert_element_type", x), checkDType(newDtype, laxName("convert_element_type")), false);
}

/** x broadcast into `shape`, its axis i becoming axis broadcastDimensions[i] (size 1 or equal). */
export function broadcastInDim(x: ArrayLike, shape: readonly number[], broadcastDimensions: readonly number[]): NDArray {
  const op = "broadcast_in_dim";
  const a = arg(op, x);
  const s = checkShape(laxName(op), shape);
  const dims = intList(op, "broadcastDimensions", broadcastDimensions);
  if (dims.length !== a.ndim)
    throw shapeError.rank(
      laxName(op),
      `broadcastDimensions [${dims}] must have one entry per operand axis (shape ${formatShape(a.shape)})`,
    );
  dims.forEach((d, i) => {
    if (d < 0 || d >= s.length || (i > 0 && d <= dims[i - 1]!))
      throw shapeError.rank(laxName(op), `broadcastDimensions [${dims}] must be strictly increasing and within the ${s.length}-d output`);
    if (a.shape[i] !== 1 && a.shape[i] !== s[d]) throw shapeError.broadcast(laxName(op), a.shape, s);
  });
  return bind("broadcast_in_dim", [a], { shape: s, broadcastDimensions: dims.slice() });
}

/** x with leading axes `sizes` added. */
export function broadcast(x: ArrayLike, sizes: readonly number[]): NDArray {
  const a = arg("broadcast", x);
  const s = checkShape(laxName("broadcast"), sizes);
  return broadcastInDim(
    a,
    [...s, ...a.shape],
    a.shape.map((_, i) => s.length + i),
  );
}

/** x with leading size-1 axes up to `rank`. */
export function broadcastToRank(x: ArrayLike, rank: number): NDArray {
  const a = arg("broadcast_to_rank", x);
  if (!Number.isInteger(rank) || rank < a.ndim)
    throw shapeError.rank(laxName("broadcast_to_rank"), `rank ${describeValue(rank)} is below the operand's rank ${a.ndim}`);
  return broadcast(a, Array(rank - a.ndim).fill(1));
}

/** The NumPy broadcast of shapes (lax.broadcast_shapes). */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  return shapes.reduce<number[]>((acc, s) => broadcast2(laxName("broadcast_shapes"), acc, checkShape(laxName("broadcast_shapes"), s)), []);
}

/** x broadcast (NumPy rules) to the shape of `like`. */
export function broadcastLike(x: ArrayLike, like: ArrayLike): NDArray {
  return broadcastTo(arg("broadcast_like", x), arg("broadcast_like", like).shape, laxName("broadcast_like"));
}

/** An array of `shape` and `dtype` whose values are unspecified (here zeros; JAX's may be uninitialized). */
export function empty(shape: readonly number[], dtype: DTypeLike): NDArray {
  return np.zeros(checkShape(laxName("empty"), shape), { dtype: checkDType(dtype, laxName("empty")) });
}

/** 0, 1, ..., size - 1 as `dtype`. */
export function iota(dtype: DTypeLike, size: number): NDArray {
  return broadcastedIota(dtype, [size], 0);
}

/** An array of `shape` whose elements are their index along `dimension`. */
export function broadcastedIota(dtype: DTypeLike, shape: readonly number[], dimension: number): NDArray {
  const s = checkShape(laxName("broadcasted_iota"), shape);
  return bind("iota", [], {
    shape: s,
    dimension: normalizeAxis(laxName("broadcasted_iota"), dimension, s.length),
    dtype: checkDType(dtype, laxName("broadcasted_iota")),
  });
}

/** x in the row-major order of its axes permuted by `dimensions` (when given), reshaped to `newSizes`. */
export function reshape(x: ArrayLike, newSizes: readonly number[], dimensions: readonly number[] | null = null): NDArray {
  let a = arg("reshape", x);
  const s = checkShape(laxName("reshape"), newSizes);
  if (dimensions !== null && dimensions !== undefined) a = transpose(a, dimensions);
  if (sizeOf(s) !== a.size) throw shapeError.reshape(laxName("reshape"), a.shape, s);
  return reshapeTo(a, s);
}

/** x without the size-1 axes `dimensions`. */
export function squeeze(x: ArrayLike, dimensions: readonly number[]): NDArray {
  const a = arg("squeeze", x);
  const dims = dimList("squeeze", "dimensions", dimensions, a.ndim);
  for (const d of dims)
    if (a.shape[d] !== 1) throw shapeError.rank(laxName("squeeze"), `axis ${d} of shape ${formatShape(a.shape)} is not 1`, { axis: d });
  return reshapeTo(
    a,
    a.shape.filter((_, i) => !dims.includes(i)),
  );
}

/** x with size-1 axes inserted at `dimensions` (positions in the result). */
export function expandDims(x: ArrayLike, dimensions: readonly number[]): NDArray {
  const a = arg("expand_dims", x);
  const dims = dimList("expand_dims", "dimensions", dimensions, a.ndim + dimensions.length);
  const shape: number[] = [];
  let j = 0;
  for (let i = 0; i < a.ndim + dims.length; i++) shape.push(dims.includes(i) ? 1 : a.shape[j++]!);
  return reshapeTo(a, shape);
}

/** Axes permuted: result axis i is x's axis permutation[i]. */
export function transpose(x: ArrayLike, permutation: readonly number[]): NDArray {
  const a = arg("transpose", x);
  const perm = intList("transpose", "permutation", permutation);
  if (perm.length !== a.ndim || perm.some((p, i) => p < 0 || p >= a.ndim || perm.indexOf(p) !== i))
    throw shapeError.rank(laxName("transpose"), `permutation [${perm}] is not a permutation of the axes of shape ${formatShape(a.shape)}`);
  return perm.every((p, i) => p === i) ? a : bind("transpose", [a], { perm: perm.slice() });
}

/** x reversed along `dimensions`. */
export function rev(x: ArrayLike, dimensions: readonly number[]): NDArray {
  const a = arg("rev", x);
  const axes = dimList("rev", "dimensions", dimensions, a.ndim);
  return axes.length === 0 ? a : bind("rev", [a], { axes });
}

/** x[start:limit:stride] on every axis; 0 <= start <= limit <= size, strides >= 1 (no clamping). */
export function slice(
  x: ArrayLike,
  startIndices: readonly number[],
  limitIndices: readonly number[],
  strides: readonly number[] | null = null,
): NDArray {
  const a = arg("slice", x);
  const st = intList("slice", "startIndices", startIndices),
    li = intList("slice", "limitIndices", limitIndices);
  const sd = strides === null || strides === undefined ? a.shape.map(() => 1) : intList("slice", "strides", strides);
  if (st.length !== a.ndim || li.length !== a.ndim || sd.length !== a.ndim)
    throw shapeError.rank(laxName("slice"), `start, limit and strides need one entry per axis of shape ${formatShape(a.shape)}`);
  a.shape.forEach((d, i) => {
    if (!(st[i]! >= 0 && st[i]! <= li[i]! && li[i]! <= d && sd[i]! >= 1))
      throw shapeError.rank(
        laxName("slice"),
        `invalid slice [${st[i]}:${li[i]}:${sd[i]}] of axis ${i} (size ${d}): need 0 <= start <= limit <= size, stride >= 1`,
        { axis: i, shapes: [a.shape] },
      );
  });
  return bind("slice", [a], { starts: st.slice(), limits: li.slice(), strides: sd.slice() });
}

/** x[start:limit:stride] along one axis; null means the axis's end, negative indices count from the end. */
export function sliceInDim(x: ArrayLike, startIndex: number | null, limitIndex: number | null, stride = 1, axis = 0): NDArray {
  const a = arg("slice_in_dim", x);
  const ax = normalizeAxis(laxName("slice_in_dim"), axis, a.ndim);
  const n = a.shape[ax]!;
  let s = startIndex ?? 0,
    l = limitIndex ?? n;
  if (s < 0) s += n;
  if (l < 0) l += n;
  const st = a.shape.map(() => 0),
    li = a.shape.slice(),
    sd = a.shape.map(() => 1);
  st[ax] = s;
  li[ax] = l;
  sd[ax] = stride;
  return slice(a, st, li, sd);
}

/** The operands (one dtype, one rank, equal sizes off `dimension`) joined along `dimension`. */
export function concatenate(operands: readonly ArrayLike[], dimension: number): NDArray {
  if (!Array.isArray(operands) || operands.length === 0)
    throw argumentError.invalid(laxName("concatenate"), "needs a non-empty list of operands");
  const xs = sameDtype("concatenate", operands);
  const nd = xs[0]!.ndim;
  if (xs.some((x) => x.ndim !== nd) || nd === 0)
    throw shapeError.rank(
      laxName("concatenate"),
      `operands must have one rank >= 1, got ${xs.map((x) => formatShape(x.shape)).join(", ")}`,
    );
  const ax = normalizeAxis(laxName("concatenate"), dimension, nd);
  for (const x of xs)
    if (x.shape.some((d, i) => i !== ax && d !== xs[0]!.shape[i]))
      throw shapeError.concat(laxName("concatenate"), `shapes ${xs.map((y) => formatShape(y.shape)).join(", ")} differ off axis ${ax}`, {
        axis: ax,
        shapes: xs.map((y) => y.shape),
      });
  return xs.length === 1 ? xs[0]! : bind("concatenate", xs, { axis: ax });
}

/** `x` with `interior` copies of `v` between neighbours along `axis`. */
function dilate(x: NDArray, v: NDArray, axis: number, interior: number): NDArray {
  const n = x.shape[axis]!;
  if (interior === 0 || n <= 1) return x;
  const e = expandDims(x, [axis + 1]);
  const fillShape = e.shape.slice();
  fillShape[axis + 1] = interior;
  const joined = concatenate([e, np.broadcastTo(v, fillShape)], axis + 1);
  const merged = collapse(joined, axis, axis + 2);
  return sliceInDim(merged, 0, n + (n - 1) * interior, 1, axis);
}

/**
 * x padded by the scalar `paddingValue`: per axis [lo, hi, interior] (interior elements between neighbours,
 * then lo before and hi after; a negative lo/hi removes elements).
 */
export function pad(x: ArrayLike, paddingValue: ArrayLike, paddingConfig: readonly (readonly [number, number, number])[]): NDArray {
  const op = "pad";
  const [a, v] = sameDtype(op, [x, paddingValue]);
  if (v!.ndim !== 0) throw shapeError.rank(laxName(op), `paddingValue must be a scalar, got shape ${formatShape(v!.shape)}`);
  if (!Array.isArray(paddingConfig) || paddingConfig.length !== a!.ndim)
    throw shapeError.rank(laxName(op), `paddingConfig needs one (lo, hi, interior) per axis of shape ${formatShape(a!.shape)}`);
  let out = a!;
  paddingConfig.forEach((cfg, i) => {
    const [lo, hi, interior] = intList(op, `paddingConfig[${i}]`, cfg);
    const n = a!.shape[i]!;
    const size = lo! + hi! + n + Math.max(0, n - 1) * interior!;
    if (cfg.length !== 3 || interior! < 0 || size < 0)
      throw shapeError.rank(laxName(op), `invalid padding (${cfg}) for axis ${i} of size ${n}: interior >= 0 and a size >= 0 needed`, {
        axis: i,
      });
    out = dilate(out, v!, i, interior!);
  });
  const lo = paddingConfig.map((c) => c[0]),
    hi = paddingConfig.map((c) => c[1]);
  return lo.every((l) => l === 0) && hi.every((h) => h === 0) ? out : bind("pad", [out, v!], { lo, hi });
}

/** x repeated reps[i] times along each axis (one rep per axis). */
export function tile(x: ArrayLike, reps: readonly number[]): NDArray {
  const a = arg("tile", x);
  const r = intList("tile", "reps", reps);
  if (r.length !== a.ndim) throw shapeError.rank(laxName("tile"), `reps [${r}] needs one entry per axis of shape ${formatShape(a.shape)}`);
  return np.tile(a, r);
}

/** An array of `shape` filled with the scalar `fillValue` (its dtype, weak for a JS number, unless `dtype`). */
export function full(shape: readonly number[], fillValue: ArrayLike, dtype: DTypeLike | null = null): NDArray {
  const s = checkShape(laxName("full"), shape);
  const v = arg("full", fillValue);
  if (v.ndim !== 0) throw shapeError.rank(laxName("full"), `fillValue must be a scalar, got shape ${formatShape(v.shape)}`);
  const dt: DType = dtype === null || dtype === undefined ? v.dtype : checkDType(dtype, laxName("full"));
  const c = dtype === null || dtype === undefined ? v : convert(v, dt, false, laxName("full"));
  return s.length === 0 ? c : bind("broadcast_in_dim", [c], { shape: s, broadcastDimensions: [] });
}

/** full() with x's shape and dtype unless given (x is never weak-typed here: the result is strong). */
export function fullLike(
  x: ArrayLike,
  fillValue: ArrayLike,
  dtype: DTypeLike | null = null,
  shape: readonly number[] | null = null,
): NDArray {
  const a = arg("full_like", x);
  return full(shape ?? a.shape, fillValue, dtype ?? a.dtype);
}

/** x with axes [startDimension, stopDimension) merged into one. */
export function collapse(x: ArrayLike, startDimension: number, stopDimension: number | null = null): NDArray {
  const a = arg("collapse", x);
  const start = normalizeAxis(laxName("collapse"), startDimension, Math.max(a.ndim, 1));
  const stop = stopDimension === null || stopDimension === undefined ? a.ndim : stopDimension < 0 ? stopDimension + a.ndim : stopDimension;
  if (!Number.isInteger(stop) || stop < start || stop > a.ndim)
    throw shapeError.rank(laxName("collapse"), `invalid dimensions [${startDimension}, ${stopDimension}) of shape ${formatShape(a.shape)}`);
  const merged = sizeOf(a.shape.slice(start, stop));
  return reshapeTo(a, [...a.shape.slice(0, start), merged, ...a.shape.slice(stop)]);
}

/** x cut along `axis` into pieces of `sizes` (which sum to the axis's size). */
export function split(x: ArrayLike, sizes: readonly number[], axis = 0): NDArray[] {
  const a = arg("split", x);
  const ax = normalizeAxis(laxName("split"), axis, a.ndim);
  const s = intList("split", "sizes", sizes);
  if (s.some((d) => d < 0) || s.reduce((p, q) => p + q, 0) !== a.shape[ax])
    throw shapeError.split(laxName("split"), `sizes [${s}] must be non-negative and sum to axis ${ax}'s size ${a.shape[ax]}`);
  let at = 0;
  return s.map((d) => sliceAxis(a, ax, at, (at += d), 1));
}

/** The operands (one dtype, one shape) stacked along a new axis `axis`. */
export function stack(operands: readonly ArrayLike[], axis = 0): NDArray {
  if (!Array.isArray(operands) || operands.length === 0)
    throw argumentError.invalid(laxName("stack"), "needs a non-empty list of operands");
  const xs = sameDtype("stack", operands);
  const ax = normalizeAxis(laxName("stack"), axis, xs[0]!.ndim + 1);
  return concatenate(
    xs.map((x) => expandDims(x, [ax])),
    ax,
  );
}

/** The slices of x along `axis`, that axis removed. */
export function unstack(x: ArrayLike, axis = 0): NDArray[] {
  const a = arg("unstack", x);
  const ax = normalizeAxis(laxName("unstack"), axis, a.ndim);
  return Array.from({ length: a.shape[ax]! }, (_, i) => squeeze(sliceAxis(a, ax, i, i + 1, 1), [ax]));
}
