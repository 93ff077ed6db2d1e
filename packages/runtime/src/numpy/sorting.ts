// Sorting, searching and data-dependent selection: sort/argsort (the `argsort` primitive, stable, NaN
// last), takeAlongAxis, searchsorted, lexsort, partition, unique, nonzero, argwhere.
//
// unique/nonzero/argwhere have a data-dependent length: eager computes it; under jit a ConcretizationError
// asks for `{ size }` (JAX's size=), with which they trace to a fixed-length result padded by `fillValue`.
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { describeValue, normalizeAxis, sizeOf } from "../shape.js";
import {
  add,
  floorDivide,
  isnan,
  less,
  lessEqual,
  logicalAnd,
  logicalNot,
  logicalOr,
  mod,
  multiply,
  notEqual,
  subtract,
  where,
} from "./elementwise.js";
import { sum } from "./reductions.js";
import { broadcastTo, convert, operand, reshapeTo } from "./util.js";
import { flip, sliceAxis, stack } from "./shape-ops.js";
import { iota } from "./creation.js";
import { intIndices, take } from "./indexing.js";
import { type SizeOptions, checkSizeOptions, compact, resultSize } from "./index-util.js";

/** An axis argument of a sort: null flattens (NumPy), else normalized against `a`. */
function sortAxis(op: string, x: ArrayLike, axis: number | null): [NDArray, number] {
  let a = operand(x, op);
  if (axis === null) return [reshapeTo(a, [a.size]), 0];
  if (typeof axis !== "number") throw argumentError.invalid(op, `axis must be an integer or null, got ${describeValue(axis)}`);
  if (a.ndim === 0) a = reshapeTo(a, [1]);
  return [a, normalizeAxis(op, axis, a.ndim)];
}

interface SortOptions {
  descending?: boolean;
  /** Accepted for JAX compatibility: numjit's sorts are always stable. */
  stable?: boolean;
}
function checkSortOptions(op: string, opts: SortOptions): void {
  for (const k of Object.keys(opts))
    if (k !== "descending" && k !== "stable") throw argumentError.invalid(op, `unsupported option '${k}' (descending, stable)`);
}

/** Stable argsort along `ax`; descending as JAX: reverse, sort, reverse back (equal keys keep index order, NaN first). */
function argsortAlong(a: NDArray, ax: number, descending: boolean): NDArray {
  if (!descending) return bind("argsort", [a], { axis: ax });
  const n = a.shape[ax]!;
  return subtract(n - 1, flip(bind("argsort", [flip(a, ax)], { axis: ax }), ax));
}

export function argsort(x: ArrayLike, axis: number | null = -1, opts: SortOptions = {}): NDArray {
  checkSortOptions("argsort", opts);
  const [a, ax] = sortAxis("argsort", x, axis);
  return argsortAlong(a, ax, opts.descending ?? false);
}

export function sort(x: ArrayLike, axis: number | null = -1, opts: SortOptions = {}): NDArray {
  checkSortOptions("sort", opts);
  const [a, ax] = sortAxis("sort", x, axis);
  return gatherAlong("sort", a, argsortAlong(a, ax, opts.descending ?? false), ax);
}

/**
 * NumPy's partition: the k-th element in its sorted place, smaller ones before, larger after. numjit
 * returns the full sort, which is one valid partition (JAX's order within the parts differs from NumPy's too).
 */
export function partition(x: ArrayLike, kth: number, axis = -1): NDArray {
  const [a, ax] = sortAxis("partition", x, axis);
  checkKth("partition", a, ax, kth);
  return sort(a, ax);
}
export function argpartition(x: ArrayLike, kth: number, axis = -1): NDArray {
  const [a, ax] = sortAxis("argpartition", x, axis);
  checkKth("argpartition", a, ax, kth);
  return argsort(a, ax);
}
function checkKth(op: string, a: NDArray, ax: number, kth: number): void {
  const n = a.shape[ax]!;
  if (typeof kth !== "number" || !Number.isInteger(kth))
    throw argumentError.invalid(op, `kth must be an integer, got ${describeValue(kth)}`);
  if (kth < -n || kth >= n) throw shapeError.index(op, kth, n, ax);
}

/**
 * out[..., i, ...] = a[..., idx[..., i, ...], ...] along `ax`; `idx` broadcasts against `a` on the other
 * axes (NumPy's take_along_axis). One gather from the flattened array at computed flat offsets.
 */
function gatherAlong(op: string, a: NDArray, idx: NDArray, ax: number): NDArray {
  if (idx.ndim !== a.ndim)
    throw shapeError.rank(op, `indices and arr must have the same number of dimensions, got ${idx.ndim} and ${a.ndim}`);
  const shape = a.shape.map((d, i) => {
    const e = idx.shape[i]!;
    if (i === ax) return e;
    if (d !== e && d !== 1 && e !== 1) throw shapeError.broadcast(op, a.shape, idx.shape);
    return d === 1 ? e : d;
  });
  const n = a.shape[ax]!;
  let j = convert(idx, "int32", false);
  j = broadcastTo(where(less(j, 0), add(j, n), j), shape, op);
  // flat offset into `a` broadcast to `shape` (a stride-0 axis contributes nothing)
  const strides = a.shape.map((_, i) => sizeOf(a.shape.slice(i + 1)));
  let flat: NDArray = multiply(j, strides[ax]!);
  shape.forEach((_, i) => {
    if (i !== ax && a.shape[i] !== 1) flat = add(flat, multiply(iota(shape, i), strides[i]!));
  });
  return bind("gather", [reshapeTo(a, [a.size]), convert(flat, "int32", false)], { axis: 0 });
}

export function takeAlongAxis(x: ArrayLike, indices: ArrayLike, axis: number | null): NDArray {
  const idx = intIndices("take_along_axis", indices);
  if (axis === null) {
    const a = operand(x, "take_along_axis");
    if (idx.ndim !== 1) throw shapeError.rank("take_along_axis", `when axis is null, indices must be 1-d, got ${idx.ndim}-d`);
    return gatherAlong("take_along_axis", reshapeTo(a, [a.size]), idx, 0);
  }
  const a = operand(x, "take_along_axis");
  return gatherAlong("take_along_axis", a, idx, normalizeAxis("take_along_axis", axis, a.ndim));
}

/** Elementwise a < v (side left) or a <= v (right) in NumPy's sort order, where NaN is the largest value. */
function before(a: NDArray, v: NDArray, right: boolean): NDArray {
  return right ? logicalOr(lessEqual(a, v), isnan(v)) : logicalOr(less(a, v), logicalAnd(isnan(v), logicalNot(isnan(a))));
}

/** Insertion points of `v` in the sorted 1-d `a` (int32, v's shape): counts a's elements before each value. */
export function searchsorted(a: ArrayLike, v: ArrayLike, opts: { side?: "left" | "right"; sorter?: ArrayLike } = {}): NDArray {
  let s = operand(a, "searchsorted");
  const q = operand(v, "searchsorted");
  const side = opts.side ?? "left";
  if (side !== "left" && side !== "right")
    throw argumentError.invalid("searchsorted", `side must be 'left' or 'right', got ${describeValue(side)}`);
  if (s.ndim !== 1) throw shapeError.rank("searchsorted", `a must be 1-d, got shape (${s.shape.join(", ")})`);
  if (opts.sorter !== undefined) s = take(s, opts.sorter);
  const cmp = before(reshapeTo(s, [...q.shape.map(() => 1), s.size]), reshapeTo(q, [...q.shape, 1]), side === "right");
  return sum(cmp, -1);
}

/** Indirect stable sort on several keys: the last key is the primary one (NumPy). */
export function lexsort(keys: ArrayLike[] | NDArray, axis = -1): NDArray {
  const ks = Array.isArray(keys) ? keys.map((k) => operand(k, "lexsort")) : unstackKeys(operand(keys as ArrayLike, "lexsort"));
  if (ks.length === 0) throw argumentError.invalid("lexsort", "need at least one key");
  for (const k of ks)
    if (k.shape.join() !== ks[0]!.shape.join())
      throw shapeError.concat("lexsort", `all keys need to be the same shape, got (${ks[0]!.shape}) and (${k.shape})`);
  const ax = normalizeAxis("lexsort", axis, Math.max(ks[0]!.ndim, 1));
  let idx = argsort(ks[0]!, ax);
  for (const k of ks.slice(1)) idx = gatherAlong("lexsort", idx, argsort(gatherAlong("lexsort", k, idx, ax), ax), ax);
  return idx;
}
function unstackKeys(k: NDArray): NDArray[] {
  if (k.ndim === 0) throw shapeError.rank("lexsort", "keys must be at least 1-d");
  return Array.from({ length: k.shape[0]! }, (_, i) => reshapeTo(sliceAxis(k, 0, i, i + 1, 1), k.shape.slice(1)));
}

/** Indices of the nonzero elements, one int32 array per axis. */
export function nonzero(x: ArrayLike, opts: SizeOptions = {}): NDArray[] {
  checkSizeOptions("nonzero", opts, ["size", "fillValue"]);
  const a = operand(x, "nonzero");
  if (a.ndim === 0) throw shapeError.rank("nonzero", "calling nonzero on 0d arrays is not allowed; use np.atleast1d(x).nonzero()");
  const mask = reshapeTo(notEqual(a, 0), [a.size]);
  const size = resultSize("nonzero", () => sum(mask), opts.size, mask);
  const pos = compact(mask, size);
  const found = less(pos, a.size);
  const fill = opts.fillValue ?? 0;
  return a.shape.map((d, i) => {
    const stride = sizeOf(a.shape.slice(i + 1));
    const coord = mod(floorDivide(pos, stride), d);
    return where(found, coord, fill);
  });
}
export function flatnonzero(x: ArrayLike, opts: SizeOptions = {}): NDArray {
  checkSizeOptions("flatnonzero", opts, ["size", "fillValue"]);
  const a = operand(x, "flatnonzero");
  return nonzero(reshapeTo(a, [a.size]), opts)[0]!;
}
/** Indices of the nonzero elements as rows of a [count, ndim] int32 array. */
export function argwhere(x: ArrayLike, opts: SizeOptions = {}): NDArray {
  checkSizeOptions("argwhere", opts, ["size", "fillValue"]);
  const a = operand(x, "argwhere");
  return stack(nonzero(a.ndim === 0 ? reshapeTo(a, [1]) : a, opts), 1);
}
