// Array manipulation as jax.numpy: block, rowStack, rollaxis, resize, trimZeros, delete,
// insert, copy, ascontiguousarray, asarrayChkfinite.
//
// Everything composes existing primitives (reshape, concatenate, gather, argsort), so jit, grad and vmap come
// from their rules. Static shapes stay static: delete with an integer, a slice string or a concrete index array
// gathers the kept rows by constant indices; insert's output length depends only on how many values go in,
// so a traced index array works under jit (a stable argsort of position keys orders the rows).
import { type DTypeLike, isFloat } from "../dtype.js";
import { argumentError, shapeError, traceError } from "../errors.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import { describeValue, normalizeAxis, sizeOf } from "../shape.js";
import { add, clip, greaterEqual, isfinite, less, multiply, notEqual, subtract, where } from "./elementwise.js";
import { all, any, sum } from "./reductions.js";
import { array, asarray, broadcastTo, convert, operand, reshapeTo } from "./util.js";
import { concatenate, intIndex, moveaxis, ravel, sliceAxis, tile, vstack } from "./shape-ops.js";
import { arange, zeros } from "./creation.js";
import { intIndices, slice, take } from "./indexing.js";
import { sliceRange } from "./slice-spec.js";
import { staticInts } from "./index-util.js";
import { argsort, sort } from "./sorting.js";

/** NumPy's deprecated alias of vstack (JAX kept it until 0.4.x). */
export const rowStack = vstack;

/** A nested list of blocks: JS lists are nesting levels, anything else a leaf array. */
export type BlockArrays = ArrayLike | BlockArrays[];

/**
 * Assemble an array from nested lists of blocks (np.block): the innermost lists join along the last axis,
 * the next ones along the axis before; every block is first given as many leading axes as the deepest
 * nesting or the largest rank needs.
 */
export function block(arrays: BlockArrays): NDArray {
  return blockLevel(arrays)[0];
}
function blockLevel(xs: BlockArrays): [NDArray, number] {
  if (!Array.isArray(xs)) return [operand(xs as ArrayLike, "block"), 1];
  if (xs.length === 0) throw argumentError.invalid("block", "lists cannot be empty");
  const parts = xs.map((x) => blockLevel(x as BlockArrays));
  const depth = parts[0]![1];
  if (parts.some((p) => p[1] !== depth))
    throw shapeError.rank("block", `list depths are mismatched: got depths ${parts.map((p) => p[1]).join(", ")}`);
  const rank = Math.max(depth, ...parts.map((p) => p[0].ndim));
  const blocks = parts.map(([a]) => (a.ndim >= rank ? a : reshapeTo(a, [...Array(rank - a.ndim).fill(1), ...a.shape])));
  return [concatenateAs("block", blocks, rank - depth), depth + 1];
}
/** concatenate with `op` named in the shape errors. */
function concatenateAs(op: string, xs: NDArray[], axis: number): NDArray {
  const ref = xs[0]!.shape;
  for (const x of xs)
    if (x.shape.some((d, i) => i !== axis && d !== ref[i]))
      throw shapeError.concat(op, `all dimensions except axis ${axis} must match, got shapes (${ref}) and (${x.shape})`, {
        shapes: [ref, x.shape],
        axis,
      });
  return concatenate(xs, axis);
}

/** Move `axis` so that it sits before the axis that was at `start` (np.rollaxis). */
export function rollaxis(x: ArrayLike, axis: number, start = 0): NDArray {
  const a = operand(x, "rollaxis");
  const ax = normalizeAxis("rollaxis", axis, a.ndim);
  const n = a.ndim;
  if (typeof start !== "number" || !Number.isInteger(start) || start < -n || start > n)
    throw argumentError.invalid("rollaxis", `start must be an integer with ${-n} <= start <= ${n}, got ${describeValue(start)}`);
  let s = start < 0 ? start + n : start;
  if (s > ax) s -= 1;
  return moveaxis(a, ax, s);
}

/** The flattened input repeated (or cut) to fill `newShape` (np.resize); zeros when either side is empty. */
export function resize(x: ArrayLike, newShape: number | number[]): NDArray {
  const a = ravel(operand(x, "resize"));
  const shape = typeof newShape === "number" ? [newShape] : newShape;
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== "number" || !Number.isInteger(d) || d < 0))
    throw argumentError.invalid("resize", `new_shape must be non-negative integers, got ${describeValue(newShape)}`);
  const n = sizeOf(shape);
  if (a.size === 0 || n === 0) return zeros(shape, { dtype: a.dtype });
  return reshapeTo(sliceAxis(tile(a, Math.ceil(n / a.size)), 0, 0, n, 1), shape);
}

/** Leading ('f') and/or trailing ('b') all-zero slices cut off along `axis` (all axes by default). Eager only. */
export function trimZeros(filt: ArrayLike, trim = "fb", axis: number | number[] | null = null): NDArray {
  const a = operand(filt, "trim_zeros");
  if (typeof trim !== "string" || !/^[fb]*$/i.test(trim))
    throw argumentError.invalid("trim_zeros", `trim must be a string of 'f' and 'b', got ${describeValue(trim)}`);
  if (a instanceof Tracer)
    throw traceError.concretization("np.trim_zeros (a result whose shape depends on the data)", currentFunctionName());
  const axes =
    axis === null ? a.shape.map((_, i) => i) : (Array.isArray(axis) ? axis : [axis]).map((ax) => normalizeAxis("trim_zeros", ax, a.ndim));
  const front = /f/i.test(trim),
    back = /b/i.test(trim);
  if (!front && !back) return a;
  const specs = a.shape.map((d, i): [number, number] => {
    if (!axes.includes(i)) return [0, d as number];
    const others = a.shape.map((_, j) => j).filter((j) => j !== i);
    const keep = Array.from((others.length ? any(notEqual(a, 0), others) : notEqual(a, 0)).toTypedArray());
    const first = keep.findIndex((v) => v !== 0);
    if (first < 0) return [0, 0];
    const last = keep.length - 1 - [...keep].reverse().findIndex((v) => v !== 0);
    return [front ? first : 0, back ? last + 1 : (d as number)];
  });
  return slice(a, ...specs);
}

/** The rows of `a` along `axis` (null: the flattened input) and that axis. */
function alongAxis(op: string, x: ArrayLike, axis: number | null): [NDArray, number] {
  const a = operand(x, op);
  return axis === null ? [ravel(a), 0] : [a, normalizeAxis(op, axis, a.ndim)];
}

/**
 * `arr` without the entries `obj` along `axis` (np.delete). obj: an integer, a slice string ("1:5:2"), integer
 * indices or a boolean mask of the axis length. Concrete indices give a static gather; traced integer indices
 * need `{ assumeUniqueIndices: true }` (JAX: the kept rows are computed from the sorted indices).
 */
function deleteAlong(
  arr: ArrayLike,
  obj: ArrayLike | string,
  axis: number | null = null,
  opts: { assumeUniqueIndices?: boolean } = {},
): NDArray {
  const [a, ax] = alongAxis("delete", arr, axis);
  const n = a.shape[ax] as number;
  if (typeof obj === "number") {
    if (!Number.isInteger(obj)) throw argumentError.invalid("delete", `index must be an integer, got ${obj}`);
    if (obj < -n || obj >= n) throw shapeError.index("delete", obj, n, ax);
    const i = obj < 0 ? obj + n : obj;
    return concatenate([sliceAxis(a, ax, 0, i, 1), sliceAxis(a, ax, i + 1, n, 1)], ax);
  }
  if (typeof obj === "string") return keepRows(a, ax, n, sliceRange("delete", obj, n));
  const o = operand(obj, "delete");
  if (o.dtype === "bool") {
    if (o.ndim !== 1 || o.shape[0] !== n)
      throw shapeError.rank("delete", `a boolean obj must be 1-d with the axis length ${n}, got shape (${o.shape.join(", ")})`);
    if (o instanceof Tracer)
      throw traceError.concretization("np.delete with a boolean mask (a result whose shape depends on the data)", currentFunctionName());
    const m = o.toTypedArray();
    return keepRowsMask(a, ax, (i) => !m[i]);
  }
  if (obj instanceof NDArray && isFloat(obj.dtype))
    throw argumentError.invalid("delete", `obj must be integer or bool, got dtype ${o.dtype}`);
  const fixed = staticInts("delete", o);
  if (fixed && !opts.assumeUniqueIndices) return keepRows(a, ax, n, fixed);
  const idx = ravel(intIndices("delete", o));
  if (opts.assumeUniqueIndices) {
    // JAX: kept row i of the result is i plus the number of (sorted, shifted) deleted indices at or before it
    const k = idx.size;
    const sorted = subtract(sort(clip(where(less(idx, 0), add(idx, n), idx), 0, n)), arange(k));
    const i = arange(Math.max(n - k, 0));
    const keep = add(i, sum(greaterEqual(reshapeTo(i, [1, i.size]), reshapeTo(sorted, [k, 1])), 0, { dtype: "int32" }));
    return take(a, keep, ax);
  }
  throw traceError.concretization(
    "np.delete with traced indices (a result whose shape depends on the data)",
    currentFunctionName(),
    "Pass { assumeUniqueIndices: true } when the indices are distinct",
  );
}
function keepRows(a: NDArray, ax: number, n: number, drop: number[]): NDArray {
  const gone = new Uint8Array(n);
  for (const v of drop) {
    if (v < -n || v >= n) throw shapeError.index("delete", v, n, ax);
    gone[v < 0 ? v + n : v] = 1;
  }
  return keepRowsMask(a, ax, (i) => !gone[i]);
}
function keepRowsMask(a: NDArray, ax: number, keep: (i: number) => boolean): NDArray {
  const rows: number[] = [];
  for (let i = 0; i < (a.shape[ax] as number); i++) if (keep(i)) rows.push(i);
  return take(a, intIndex(rows), ax);
}
export { deleteAlong as delete };

/**
 * `values` inserted before the entries `obj` of `arr` along `axis` (np.insert). obj: an integer, a slice
 * string or 1-d integer indices (traced ones too). Each value gets the position key 2*index, each original
 * entry 2*i+1; a stable argsort of the keys orders the joined rows.
 */
export function insert(arr: ArrayLike, obj: ArrayLike | string, values: ArrayLike, axis: number | null = null): NDArray {
  const [a, ax] = alongAxis("insert", arr, axis);
  const n = a.shape[ax] as number;
  let idx: NDArray;
  if (typeof obj === "string") idx = intIndex(sliceRange("insert", obj, n));
  else {
    const o = operand(obj, "insert");
    if (o.dtype === "bool" || (obj instanceof NDArray && isFloat(obj.dtype)))
      throw argumentError.invalid("insert", `index array must be integer typed, got dtype ${o.dtype}`);
    idx = o.size === 0 ? convert(o, "int32", false) : intIndices("insert", o);
  }
  if (idx.ndim > 1) throw shapeError.rank("insert", `obj must be a slice, a 1-d array or a scalar, got shape (${idx.shape.join(", ")})`);
  let v = convert(operand(values, "insert"), a.dtype, a.weakType);
  if (v.ndim < a.ndim) v = reshapeTo(v, [...Array(a.ndim - v.ndim).fill(1), ...v.shape]);
  if (idx.size === 1) {
    if (idx.ndim === 0) v = moveaxis(v, 0, ax);
    idx = broadcastTo(reshapeTo(idx, []), [v.shape[ax] as number], "insert");
  }
  const m = idx.shape[0] as number,
    vm = v.shape[ax] as number;
  if (m !== vm && m !== 1 && vm !== 1) throw shapeError.broadcast("insert", idx.shape, [vm]);
  const k = Math.max(m, vm);
  const slots = a.shape.map((d, i) => (i === ax ? k : d));
  v = broadcastTo(v, slots, "insert");
  idx = broadcastTo(idx, [k], "insert");
  idx = clip(where(less(idx, 0), add(idx, n), idx), 0, n);
  const keys = concatenate([add(multiply(arange(n), 2), 1), multiply(idx, 2)]);
  return take(concatenate([a, v], ax), argsort(keys), ax);
}

/** A copy of the array (numjit's arrays are immutable, so only a new handle). */
export function copy(x: ArrayLike): NDArray {
  return array(operand(x, "copy"));
}
/** np.ascontiguousarray: numjit lays results out contiguously itself; this is asarray. */
export function ascontiguousarray(x: ArrayLike, opts: { dtype?: DTypeLike } = {}): NDArray {
  return asarray(operand(x, "ascontiguousarray"), opts);
}
/** asarray, raising on NaN or infinity in float data (eager: it reads the values). */
export function asarrayChkfinite(x: ArrayLike, opts: { dtype?: DTypeLike } = {}): NDArray {
  const a = asarray(operand(x, "asarray_chkfinite"), opts);
  if (!isFloat(a.dtype)) return a;
  if (a instanceof Tracer) throw traceError.concretization("np.asarray_chkfinite (a check of the values)", currentFunctionName());
  if (!(all(isfinite(a)).item() as boolean)) throw argumentError.data("asarray_chkfinite", "array must not contain infs or NaNs");
  return a;
}
