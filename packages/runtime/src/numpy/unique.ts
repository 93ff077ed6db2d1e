// np.unique (sorted distinct values or subarrays, with first indices, inverse and counts) and `uniqueOf`, its
// body with the public function named in errors, shared by the set operations (union1d, unique_values, ...).
//
// The distinct count depends on the data: eager computes it; under jit a ConcretizationError asks for
// `{ size }` (JAX's size=), with which unique traces to a fixed-length result padded by `fillValue`.
import { argumentError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis, sizeOf } from "../shape.js";
import { isnan, less, logicalAnd, logicalNot, notEqual, subtract, where } from "./elementwise.js";
import { any, cumsum, sum } from "./reductions.js";
import { convert, operand, reshapeTo } from "./util.js";
import { concatenate, moveaxis, ravel, sliceAxis } from "./shape-ops.js";
import { full } from "./creation.js";
import { take } from "./indexing.js";
import { argsort, lexsort } from "./sorting.js";
import { type SizeOptions, checkSizeOptions, compact, resultSize } from "./index-util.js";

export interface UniqueOptions extends SizeOptions {
  /** Unique subarrays along this axis (NumPy/JAX axis=); null (default) flattens. */
  axis?: number | null;
  equalNan?: boolean;
  returnIndex?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
}
type UniqueExtras = { returnIndex: true } | { returnInverse: true } | { returnCounts: true };
const UNIQUE_OPTIONS = ["size", "fillValue", "equalNan", "axis", "returnIndex", "returnInverse", "returnCounts"];

/**
 * The sorted distinct values of the flattened input, or the distinct subarrays along `axis` (sorted
 * lexicographically), as JAX's unique. NaNs merge into one with `equalNan` (NumPy 2's default). With any of
 * returnIndex / returnInverse / returnCounts the result is [values, index?, inverse?, counts?] (int32): the
 * first occurrence of each value, the value each element maps to (the input's shape when flattened), and
 * how often each occurs. `{ size }` pads (values with `fillValue`, default the smallest value; index with
 * the smallest value's index; counts with 0) or truncates, as JAX.
 */
export function unique(x: ArrayLike, opts: UniqueOptions & UniqueExtras): NDArray[];
export function unique(x: ArrayLike, opts?: UniqueOptions): NDArray;
export function unique(x: ArrayLike, opts: UniqueOptions = {}): NDArray | NDArray[] {
  checkSizeOptions("unique", opts, UNIQUE_OPTIONS);
  return uniqueOf("unique", operand(x, "unique"), opts);
}
/** unique's body, with the public function named in errors (unique_values, union1d, ...). */
export function uniqueOf(op: string, a: NDArray, opts: UniqueOptions): NDArray | NDArray[] {
  const ax = opts.axis === undefined || opts.axis === null ? null : uniqueAxis(op, a, opts.axis);
  const aux = ax === null ? ravel(a) : moveaxis(a, ax, 0);
  const n = aux.shape[0]!,
    rest = aux.shape.slice(1);
  const extras = [opts.returnIndex, opts.returnInverse, opts.returnCounts];
  const pack = (values: NDArray, index: () => NDArray, inverse: () => NDArray, counts: () => NDArray) => {
    const out = [values, ...[index, inverse, counts].filter((_, i) => extras[i]).map((f) => f())];
    return out.length === 1 ? values : out;
  };
  if (n === 0 || sizeOf(rest) === 0) {
    const size = opts.size ?? Math.min(n, 1);
    const values = full([size, ...rest], opts.fillValue ?? 0, { dtype: a.dtype });
    const none = () => full([size], 0, { dtype: "int32" });
    const inverse = () => full(ax === null ? a.shape : [n], 0, { dtype: "int32" });
    return pack(ax === null ? values : moveaxis(values, 0, ax), none, inverse, () => full([size], n, { dtype: "int32" }));
  }
  const perm = ax === null ? argsort(aux, 0) : lexsort(rowKeys(aux));
  const sorted = take(aux, perm, 0);
  const head = sliceAxis(sorted, 0, 1, n, 1),
    prev = sliceAxis(sorted, 0, 0, n - 1, 1);
  let differ = notEqual(head, prev);
  if (opts.equalNan ?? true) differ = logicalAnd(differ, logicalNot(logicalAnd(isnan(head), isnan(prev))));
  const fresh =
    rest.length === 0
      ? differ
      : any(
          differ,
          rest.map((_, i) => i + 1),
        );
  const first = concatenate([full([1], true, { dtype: "bool" }), fresh]);
  const size = resultSize(op, () => sum(first), opts.size, first);
  const pos = compact(first, size);
  const found = less(pos, n);
  const ind = where(found, pos, 0);
  let values = take(sorted, ind, 0);
  if (opts.fillValue !== undefined)
    values = where(reshapeTo(found, [size, ...rest.map(() => 1)]), values, convert(operand(opts.fillValue, op), a.dtype, false));
  const inverse = () => {
    const group = subtract(cumsum(first, 0, { dtype: "int32" }), 1);
    const inv = take(group, argsort(perm, 0));
    return ax === null ? reshapeTo(inv, a.shape.slice()) : inv;
  };
  const counts = () => {
    const bounds = compact(first, size + 1);
    return subtract(sliceAxis(bounds, 0, 1, size + 1, 1), sliceAxis(bounds, 0, 0, size, 1));
  };
  return pack(ax === null ? values : moveaxis(values, 0, ax), () => take(perm, ind), inverse, counts);
}

/** lexsort keys ordering the rows of [n, ...] `a`: its columns, the first one last (the primary key). */
function rowKeys(a: NDArray): NDArray[] {
  const m = sizeOf(a.shape.slice(1));
  const rows = reshapeTo(a, [a.shape[0]!, m]);
  return Array.from({ length: m }, (_, j) => reshapeTo(sliceAxis(rows, 1, m - 1 - j, m - j, 1), [a.shape[0]!]));
}

function uniqueAxis(op: string, a: NDArray, axis: number): number {
  if (typeof axis !== "number") throw argumentError.invalid(op, `axis must be an integer or null, got ${describeValue(axis)}`);
  return normalizeAxis(op, axis, Math.max(a.ndim, 1));
}
