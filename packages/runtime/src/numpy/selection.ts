// Selecting and placing entries as jax.numpy: compress, extract, choose, and the functional updates place,
// put, putAlongAxis, fillDiagonal (JAX's inplace=False: a new array, the input unchanged).
//
// compress/extract have a data-dependent length: eager counts it; under jit `{ size }` fixes it (padded with
// `fillValue`, as JAX). The updates go through `scatterSetFlat`: updates sorted by target position, the last
// update of each position wins (NumPy's order; JAX leaves duplicates unspecified), out-of-range ones are
// dropped (JAX's default scatter mode); two scatter_adds and a where, so gradients reach both the array and
// the values, and vmap batches them.
import type { DType } from "../dtype.js";
import { argumentError, shapeError } from "../errors.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import { Tracer, bind } from "../core/trace.js";
import { describeValue, normalizeAxis, sizeOf } from "../shape.js";
import { add, clip, equal, greater, greaterEqual, less, logicalAnd, mod, multiply, notEqual, subtract, where } from "./elementwise.js";
import { any, cumsum, sum } from "./reductions.js";
import { broadcastTo, convert, operand, reshapeTo } from "./util.js";
import { broadcastArrays, concatenate, expandDims, moveaxis, ravel, sliceAxis, stack } from "./shape-ops.js";
import { iota, zeros } from "./creation.js";
import { take } from "./indexing.js";
import { argsort, takeAlongAxis } from "./sorting.js";
import { type IndexMode, boundIndices, compact, integerOperand, resultSize, tileTo } from "./index-util.js";

/** The first `size` rows of [n, ...] `a` where the 1-d bool `cond` holds, padded with `fill` (a JAX size= result). */
function pickRows(op: string, a: NDArray, cond: NDArray, size: number | undefined, fill: ArrayLike | undefined): NDArray {
  const k = resultSize(op, () => sum(cond), size, cond);
  const n = a.shape[0] as number;
  const pos = compact(cond, k);
  const found = less(pos, n);
  const rows = n === 0 ? zeros([k, ...a.shape.slice(1)], { dtype: a.dtype }) : take(a, where(found, pos, 0), 0);
  if (fill === undefined) return rows;
  return where(reshapeTo(found, [k, ...a.shape.slice(1).map(() => 1)]), rows, convert(operand(fill, op), a.dtype, false));
}

type CompressOptions = { size?: number; fillValue?: ArrayLike };

/** The slices of `a` along `axis` (null: flattened) where `condition` is true; `condition` may be shorter. */
export function compress(condition: ArrayLike, a: ArrayLike, axis: number | null = null, opts: CompressOptions = {}): NDArray {
  return compressAs("compress", condition, a, axis, opts);
}
function compressAs(op: string, condition: ArrayLike, x: ArrayLike, axis: number | null, opts: CompressOptions): NDArray {
  const c0 = operand(condition, op);
  if (c0.ndim !== 1) throw shapeError.rank(op, `condition must be a 1-d array, got shape (${c0.shape.join(", ")})`);
  const a0 = operand(x, op);
  const ax = axis === null ? 0 : normalizeAxis(op, axis, a0.ndim);
  let arr = axis === null ? ravel(a0) : moveaxis(a0, ax, 0);
  const n = arr.shape[0] as number,
    m = c0.shape[0] as number;
  const cond = notEqual(sliceAxis(c0, 0, 0, Math.min(n, m), 1), 0);
  arr = sliceAxis(arr, 0, 0, Math.min(n, m), 1);
  if (opts.size === undefined && m > n && !(c0 instanceof Tracer) && (any(sliceAxis(c0, 0, n, m, 1)).item() as boolean))
    throw argumentError.invalid(op, `condition has ${m} entries, true beyond the ${n} of the axis`);
  if (opts.size !== undefined && (typeof opts.size !== "number" || opts.size > arr.shape[0]!))
    throw argumentError.invalid(op, `size must be a non-negative integer at most ${arr.shape[0]}, got ${describeValue(opts.size)}`);
  return moveaxis(pickRows(op, arr, cond, opts.size, opts.size === undefined ? undefined : (opts.fillValue ?? 0)), 0, ax);
}
/** The entries of `arr` where `condition` is true, both flattened (np.extract). */
export function extract(condition: ArrayLike, arr: ArrayLike, opts: CompressOptions = {}): NDArray {
  return compressAs("extract", ravel(operand(condition, "extract")), ravel(operand(arr, "extract")), null, opts);
}

/** out = choices[a][...] elementwise: a picks, per element, which choice array to read (np.choose). */
export function choose(a: ArrayLike, choices: ArrayLike[] | NDArray, opts: { mode?: IndexMode } = {}): NDArray {
  const cs =
    choices instanceof NDArray
      ? choices.ndim === 0
        ? null
        : [...choices]
      : Array.isArray(choices)
        ? choices.map((c) => operand(c as ArrayLike, "choose"))
        : null;
  if (cs === null || cs.length === 0)
    throw argumentError.invalid("choose", `choices must be a non-empty list of arrays, got ${describeValue(choices)}`);
  const idx = boundIndices("choose", integerOperand("choose", a), cs.length, opts.mode);
  const [i, ...bs] = broadcastArrays(idx, ...cs);
  return reshapeTo(takeAlongAxis(stack(bs, 0), expandDims(i!, 0), 0), i!.shape.slice());
}

/**
 * xf with xf[pos[k]] = v[k] (1-d, pos int32): sorted by position, the last update of a position wins and a
 * position outside [0, n) is dropped. The kept updates go to their position, the others to a spare slot n.
 */
function scatterSetFlat(xf: NDArray, pos: NDArray, v: NDArray): NDArray {
  const n = xf.size,
    k = pos.size;
  if (k === 0 || n === 0) return xf;
  const order = argsort(pos, 0);
  const sp = take(pos, order),
    sv = take(v, order);
  const next = concatenate([sliceAxis(sp, 0, 1, k, 1), reshapeTo(subtract(sliceAxis(sp, 0, 0, 1, 1), 1), [1])]);
  const keep = logicalAnd(notEqual(sp, next), logicalAnd(greaterEqual(sp, 0), less(sp, n)));
  const target = convert(where(keep, sp, n), "int32", false);
  const dt: DType = xf.dtype === "bool" ? "int32" : xf.dtype;
  const scatter = (u: NDArray) => sliceAxis(bind("scatter_add", [zeros([n + 1], { dtype: u.dtype }), target, u], { axis: 0 }), 0, 0, n, 1);
  const hit = greater(scatter(convert(keep, "int32", false)), 0);
  const vals = scatter(where(keep, convert(sv, dt, false), 0));
  return where(hit, convert(vals, xf.dtype, xf.weakType), xf);
}

type InplaceOption = { inplace?: boolean };
function checkFunctional(op: string, opts: InplaceOption): void {
  if (opts.inplace === true)
    throw argumentError.invalid(
      op,
      "numjit arrays are immutable: it returns an updated copy (JAX's inplace: false); inplace: true is not supported",
    );
}

/** A copy of `arr` whose entries where `mask` is true take the values of `vals` in order, repeated as needed. */
export function place(arr: ArrayLike, mask: ArrayLike, vals: ArrayLike, opts: InplaceOption = {}): NDArray {
  checkFunctional("place", opts);
  const a = operand(arr, "place"),
    m = operand(mask, "place");
  const v = ravel(convert(operand(vals, "place"), a.dtype, a.weakType));
  if (a.size !== m.size) throw shapeError.broadcast("place", a.shape, m.shape);
  if (v.size === 0) throw argumentError.invalid("place", "cannot place values from an empty array");
  if (a.size === 0) return a;
  const mf = notEqual(ravel(m), 0);
  const k = subtract(cumsum(mf, 0, { dtype: "int32" }), 1);
  return reshapeTo(where(mf, take(v, mod(where(less(k, 0), 0, k), v.size)), ravel(a)), a.shape.slice());
}

/**
 * A copy of `a` with the flat entries `ind` set to `v` (repeated as needed). mode 'wrap' or 'clip'; by default
 * negative indices count from the end and out-of-range ones clip (JAX: put unravels the indices, which clips).
 */
export function put(a: ArrayLike, ind: ArrayLike, v: ArrayLike, opts: InplaceOption & { mode?: "wrap" | "clip" } = {}): NDArray {
  checkFunctional("put", opts);
  const x = operand(a, "put");
  const idx = ravel(integerOperand("put", ind));
  const vals = ravel(convert(operand(v, "put"), x.dtype, x.weakType));
  if (opts.mode !== undefined && opts.mode !== "wrap" && opts.mode !== "clip")
    throw argumentError.invalid(
      "put",
      `mode must be 'wrap' or 'clip' (default: out-of-range indices are dropped), got ${describeValue(opts.mode)}`,
    );
  if (x.size === 0 || idx.size === 0 || vals.size === 0) return x;
  const n = x.size;
  // default (JAX's unravel_index): negative indices count from the end, out-of-range ones clip
  const pos = opts.mode === "wrap" ? mod(idx, n) : clip(opts.mode === "clip" ? idx : where(less(idx, 0), add(idx, n), idx), 0, n - 1);
  return reshapeTo(scatterSetFlat(ravel(x), pos, tileTo(vals, idx.size)), x.shape.slice());
}

/**
 * A copy of `arr` with arr[..., indices[..., i, ...], ...] = values along `axis` (null: flattened), the
 * inverse of takeAlongAxis; `indices` broadcasts against `arr` on the other axes, `values` against `indices`.
 */
export function putAlongAxis(
  arr: ArrayLike,
  indices: ArrayLike,
  values: ArrayLike,
  axis: number | null,
  opts: InplaceOption & { mode?: "drop" | "fill" | "clip" | "promise_in_bounds" } = {},
): NDArray {
  checkFunctional("put_along_axis", opts);
  const x = operand(arr, "put_along_axis");
  const a = axis === null ? ravel(x) : x;
  const idx = integerOperand("put_along_axis", indices);
  if (idx.ndim !== a.ndim)
    throw shapeError.rank("put_along_axis", `arr and indices must have the same number of dimensions, got ${a.ndim} and ${idx.ndim}`);
  const ax = axis === null ? 0 : normalizeAxis("put_along_axis", axis, a.ndim);
  const mode = opts.mode ?? "drop";
  if (!["drop", "fill", "clip", "promise_in_bounds"].includes(mode))
    throw argumentError.invalid("put_along_axis", `mode must be 'drop', 'fill', 'clip' or 'promise_in_bounds', got ${describeValue(mode)}`);
  const v = broadcastTo(convert(operand(values, "put_along_axis"), a.dtype, a.weakType), idx.shape, "put_along_axis");
  const shape = a.shape.map((d, i) => {
    const e = idx.shape[i] as number;
    if (i === ax) return e;
    if (e !== d && e !== 1) throw shapeError.broadcast("put_along_axis", a.shape, idx.shape);
    return d as number;
  });
  const n = a.shape[ax] as number;
  let j = broadcastTo(where(less(idx, 0), add(idx, n), idx), shape, "put_along_axis");
  if (mode === "clip") j = clip(j, 0, n - 1);
  // the flat offset of each update; an index outside [0, n) becomes -1, which scatterSetFlat drops
  const strides = a.shape.map((_, i) => sizeOf(a.shape.slice(i + 1) as number[]));
  let flat: NDArray = multiply(j, strides[ax]!);
  shape.forEach((_, i) => {
    if (i !== ax) flat = add(flat, multiply(iota(shape, i), strides[i]!));
  });
  const pos = where(logicalAnd(greaterEqual(j, 0), less(j, n)), flat, -1);
  const out = scatterSetFlat(ravel(a), ravel(pos), ravel(broadcastTo(v, shape, "put_along_axis")));
  return reshapeTo(out, x.shape.slice());
}

/** A copy of `a` (at least 2-d; all axes equal beyond 2-d) with its main diagonal set to `val` (flattened, repeated). */
export function fillDiagonal(a: ArrayLike, val: ArrayLike, wrap = false, opts: InplaceOption = {}): NDArray {
  checkFunctional("fill_diagonal", opts);
  if (wrap) throw argumentError.invalid("fill_diagonal", "wrap: true is not supported (JAX fills the leading square block only)");
  const x = operand(a, "fill_diagonal");
  if (x.ndim < 2) throw shapeError.rank("fill_diagonal", `array must be at least 2-d, got ${x.ndim}-d`);
  if (x.ndim > 2 && x.shape.some((d) => d !== x.shape[0]))
    throw shapeError.rank("fill_diagonal", `all dimensions of input must be of equal length, got shape (${x.shape.join(", ")})`);
  const v = convert(operand(val, "fill_diagonal"), x.dtype, x.weakType);
  const shape = x.shape as number[];
  const n = Math.min(...shape);
  const i0 = iota(shape, 0);
  let on: NDArray = equal(iota(shape, 1), i0);
  for (let d = 2; d < shape.length; d++) on = logicalAnd(on, equal(iota(shape, d), i0));
  if (n === 0) return x;
  const vals = v.ndim === 0 ? v : take(tileTo(ravel(v), n), clip(i0, 0, n - 1));
  return where(on, vals, x);
}
