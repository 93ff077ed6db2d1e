// Set operations on flattened arrays as jax.numpy: intersect1d, setdiff1d, setxor1d, union1d, and the
// array-API unique_values / unique_counts / unique_inverse / unique_all (NaNs stay distinct there).
//
// Each sorts, marks the entries of the result with a mask over the sorted values, and compacts the mask:
// eagerly to its true count, under jit to a static `{ size }` padded as JAX pads (fillValue, else the
// smallest value found, else 0; setdiff1d pads with 0). Without `size` a traced input is a
// ConcretizationError naming the function.
import { argumentError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { isnan, less, logicalAnd, logicalNot, logicalOr, notEqual, where } from "./elementwise.js";
import { max, min, sum } from "./reductions.js";
import { broadcastTo, convert, operand, resultOf } from "./util.js";
import { concatenate, ravel, sliceAxis } from "./shape-ops.js";
import { full } from "./creation.js";
import { take } from "./indexing.js";
import { isin } from "./arrays.js";
import { argsort, lexsort, searchsorted, sort } from "./sorting.js";
import { uniqueOf } from "./unique.js";
import { type SizeOptions, checkSizeOptions, compact, resultSize } from "./index-util.js";

interface SetOptions extends SizeOptions {
  assumeUnique?: boolean;
}

/** Both inputs flattened and converted to their common dtype. */
function promoted(op: string, x: ArrayLike, y: ArrayLike): [NDArray, NDArray] {
  const a = ravel(operand(x, op)),
    b = ravel(operand(y, op));
  const [dt, weak] = resultOf(a, b);
  return [convert(a, dt, weak), convert(b, dt, weak)];
}

/** True at the first entry of each run of equal values in the sorted 1-d `s` (NaNs form one run). */
function firstOfRuns(s: NDArray): NDArray {
  const n = s.size;
  if (n === 0) return full([0], true, { dtype: "bool" });
  const head = sliceAxis(s, 0, 1, n, 1),
    prev = sliceAxis(s, 0, 0, n - 1, 1);
  const differ = logicalAnd(notEqual(head, prev), logicalNot(logicalAnd(isnan(head), isnan(prev))));
  return concatenate([full([1], true, { dtype: "bool" }), differ]);
}

/**
 * The entries of 1-d `vals` where `keep` holds, in order: all of them eagerly, the first `size` under a
 * static size. Padding: `fillValue`, else `padding` (JAX's per-function default), computed from the found
 * values and their mask.
 */
function select(
  op: string,
  vals: NDArray,
  keep: NDArray,
  opts: SizeOptions,
  padding: (v: NDArray, found: NDArray) => NDArray | number,
): [NDArray, NDArray, NDArray] {
  const k = resultSize(op, () => sum(keep), opts.size, keep);
  const n = vals.size;
  const pos = compact(keep, k);
  const found = less(pos, n);
  const at = where(found, pos, 0);
  const got = n === 0 ? full([k], 0, { dtype: vals.dtype }) : take(vals, at);
  if (opts.size === undefined) return [got, found, at];
  const fill = opts.fillValue !== undefined ? convert(operand(opts.fillValue, op), vals.dtype, false) : padding(got, found);
  return [where(found, got, fill), found, at];
}
/** JAX's default padding of intersect1d/setxor1d: the smallest value found (NaN if one is NaN), 0 if none. */
function smallestFound(v: NDArray, found: NDArray): NDArray | number {
  if (v.size === 0) return 0;
  return min(where(found, v, max(where(found, v, 0))));
}

function checkOptions(op: string, opts: object, allowed: string[]): void {
  if (typeof opts !== "object" || opts === null) throw argumentError.invalid(op, `options must be an object, got ${describeValue(opts)}`);
  checkSizeOptions(op, opts, allowed);
}

/**
 * The sorted values present in both inputs; with `returnIndices` also [values, ar1 indices, ar2 indices] (the
 * first occurrence of each value in each flattened input; padding indices are the inputs' sizes).
 */
export function intersect1d(ar1: ArrayLike, ar2: ArrayLike, opts?: SetOptions & { returnIndices?: false }): NDArray;
export function intersect1d(ar1: ArrayLike, ar2: ArrayLike, opts: SetOptions & { returnIndices: true }): [NDArray, NDArray, NDArray];
export function intersect1d(ar1: ArrayLike, ar2: ArrayLike, opts: SetOptions & { returnIndices?: boolean } = {}): NDArray | NDArray[] {
  checkOptions("intersect1d", opts, ["assumeUnique", "returnIndices", "size", "fillValue"]);
  const [a, b] = promoted("intersect1d", ar1, ar2);
  const perm = argsort(a, 0);
  const s = take(a, perm);
  const [vals, found, at] = select("intersect1d", s, logicalAnd(firstOfRuns(s), isin(s, b)), opts, smallestFound);
  if (!opts.returnIndices) return vals;
  const i1 = a.size === 0 ? full([vals.size], 0, { dtype: "int32" }) : where(found, take(perm, at), a.size);
  let i2: NDArray = full([vals.size], b.size, { dtype: "int32" });
  if (b.size > 0) {
    const perm2 = argsort(b, 0);
    const j = searchsorted(take(b, perm2), vals);
    i2 = where(found, take(perm2, where(less(j, b.size), j, 0)), b.size);
  }
  return [vals, i1, i2];
}

/** The sorted distinct values of ar1 not in ar2 (ar1's order when `assumeUnique`), ar1's dtype; padding 0. */
export function setdiff1d(ar1: ArrayLike, ar2: ArrayLike, opts: SetOptions = {}): NDArray {
  checkOptions("setdiff1d", opts, ["assumeUnique", "size", "fillValue"]);
  const a = ravel(operand(ar1, "setdiff1d")),
    b = ravel(operand(ar2, "setdiff1d"));
  if (a.size === 0) return broadcastTo(convert(operand(opts.fillValue ?? 0, "setdiff1d"), a.dtype, false), [opts.size ?? 0], "setdiff1d");
  const s = opts.assumeUnique ? a : sort(a);
  const keep = opts.assumeUnique ? isin(s, b, { invert: true }) : logicalAnd(firstOfRuns(s), isin(s, b, { invert: true }));
  return select("setdiff1d", s, keep, opts, () => 0)[0];
}

/** The sorted values in exactly one of the inputs (each input's NaNs count once, NaNs of both stay apart). */
export function setxor1d(ar1: ArrayLike, ar2: ArrayLike, opts: SetOptions = {}): NDArray {
  checkOptions("setxor1d", opts, ["assumeUnique", "size", "fillValue"]);
  const [a, b] = promoted("setxor1d", ar1, ar2);
  const c = concatenate([a, b]);
  const N = c.size;
  let aux: NDArray, valid: NDArray;
  if (opts.assumeUnique) {
    aux = sort(c);
    valid = full([N], true, { dtype: "bool" });
  } else {
    // each input's distinct values first (sorted), its repeats after: lexsort on (repeat, value)
    const sa = sort(a),
      sb = sort(b);
    const distinct = concatenate([firstOfRuns(sa), firstOfRuns(sb)]);
    const joined = concatenate([sa, sb]);
    const perm = lexsort([joined, logicalNot(distinct)]);
    aux = take(joined, perm);
    valid = take(distinct, perm);
  }
  if (N === 0) return select("setxor1d", aux, valid, opts, smallestFound)[0];
  // flag[k]: aux[k] starts a new value among the valid entries (k = 0, the first invalid one and N: true)
  const change = logicalOr(notEqual(sliceAxis(aux, 0, 1, N, 1), sliceAxis(aux, 0, 0, N - 1, 1)), logicalNot(sliceAxis(valid, 0, 1, N, 1)));
  const t = full([1], true, { dtype: "bool" });
  const flag = concatenate([t, change, t]);
  const keep = logicalAnd(logicalAnd(sliceAxis(flag, 0, 0, N, 1), sliceAxis(flag, 0, 1, N + 1, 1)), valid);
  return select("setxor1d", aux, keep, opts, smallestFound)[0];
}

/** The sorted distinct values of both inputs together (unique of the concatenation). */
export function union1d(ar1: ArrayLike, ar2: ArrayLike, opts: SizeOptions = {}): NDArray {
  checkOptions("union1d", opts, ["size", "fillValue"]);
  const x = concatenate([ravel(operand(ar1, "union1d")), ravel(operand(ar2, "union1d"))]);
  return uniqueOf("union1d", x, { size: opts.size, fillValue: opts.fillValue } as SizeOptions) as NDArray;
}

function arrayApiUnique(op: string, x: ArrayLike, opts: SizeOptions, extras: object): NDArray | NDArray[] {
  checkOptions(op, opts, ["size", "fillValue"]);
  return uniqueOf(op, operand(x, op), { ...opts, ...extras, equalNan: false });
}
/** The sorted distinct values (NaNs are all distinct, as the array API's unique_values). */
export function uniqueValues(x: ArrayLike, opts: SizeOptions = {}): NDArray {
  return arrayApiUnique("unique_values", x, opts, {}) as NDArray;
}
/** [values, counts]. */
export function uniqueCounts(x: ArrayLike, opts: SizeOptions = {}): [NDArray, NDArray] {
  return arrayApiUnique("unique_counts", x, opts, { returnCounts: true }) as [NDArray, NDArray];
}
/** [values, inverse indices] (the inverse has x's shape). */
export function uniqueInverse(x: ArrayLike, opts: SizeOptions = {}): [NDArray, NDArray] {
  return arrayApiUnique("unique_inverse", x, opts, { returnInverse: true }) as [NDArray, NDArray];
}
/** [values, first indices, inverse indices, counts]. */
export function uniqueAll(x: ArrayLike, opts: SizeOptions = {}): [NDArray, NDArray, NDArray, NDArray] {
  return arrayApiUnique("unique_all", x, opts, { returnIndex: true, returnInverse: true, returnCounts: true }) as [
    NDArray,
    NDArray,
    NDArray,
    NDArray,
  ];
}
