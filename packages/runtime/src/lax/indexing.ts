// lax's indexing: dynamicSlice / dynamicUpdateSlice and their *InDim / *IndexInDim forms, indexInDim,
// indexTake, and gather / scatter (scatterAdd, scatterSub, scatterMul, scatterMin, scatterMax, scatterApply)
// with JAX's GatherDimensionNumbers / ScatterDimensionNumbers and modes. All are compositions: a window's
// operand positions are computed as int32 arithmetic on the (possibly traced) start indices, then read with
// `take` (the `gather` primitive, whose transpose is `scatter_add`) or written through numpy's scatter helper;
// so jit, grad (into the operand and the updates) and vmap follow from the parts.
// Starts are clamped into range as XLA does (a dynamic slice always has its full size; a gather by default);
// the "fill" mode (a scatter's default) instead fills (gather) or drops (scatter) every window that is not
// wholly in bounds.
import { argumentError, dtypeError, shapeError } from "../errors.js";
import { isFloat } from "../dtype.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { arange } from "../numpy/creation.js";
import { add, clip, greaterEqual, less, lessEqual, logicalAnd, mod, multiply, negative, subtract, where } from "../numpy/elementwise.js";
import { intIndices, slice, take } from "../numpy/indexing.js";
import { type ScatterOp, scatterFlat } from "../numpy/scatter.js";
import { expandDims, ravel, squeeze, stack } from "../numpy/shape-ops.js";
import { broadcastTo, convert, operand, reshapeTo } from "../numpy/util.js";

/** A start index: a JS integer (static) or an integer scalar array (traced under jit). */
type Start = number | NDArray;

/** One start index as a JS integer or an int32 0-d array; floats are a DTypeError (JAX: TypeError). */
function startOf(op: string, s: ArrayLike, what: string): Start {
  if (typeof s === "number") {
    if (!Number.isInteger(s)) throw argumentError.invalid(op, `${what} must be an integer, got ${s}`);
    return s;
  }
  const a = operand(s, op);
  if (a.ndim !== 0) throw shapeError.rank(op, `${what} must be a scalar, got shape (${a.shape.join(", ")})`, { shapes: [a.shape] });
  if (isFloat(a.dtype) || a.dtype === "bool") throw dtypeError.notAllowed(op, a.dtype, `${what} must be an integer`);
  return convert(a, "int32", false);
}

/** The start list: JS integers / scalar arrays, or one 1-D integer array (one entry per axis). */
function startList(op: string, starts: ArrayLike | readonly ArrayLike[], n: number): Start[] {
  let list: ArrayLike[];
  if (starts instanceof NDArray) {
    if (starts.ndim !== 1) throw shapeError.rank(op, `start indices must be a list or a 1-D array, got shape (${starts.shape.join(", ")})`);
    list = Array.from({ length: starts.shape[0]! }, (_, i) => take(starts, i, 0));
  } else if (Array.isArray(starts)) list = starts as ArrayLike[];
  else throw argumentError.invalid(op, `start indices must be a list or a 1-D array, got ${describeValue(starts)}`);
  if (list.length !== n)
    throw shapeError.rank(op, `${list.length} start indices given for an operand of rank ${n}`, { dims: [list.length, n] });
  return list.map((s, i) => startOf(op, s, `start index ${i}`));
}

/** JAX's start: negative counts from the end (unless disallowed), then clamped to [0, n - size]. */
function clampStart(s: Start, n: number, size: number, allowNegative: boolean): Start {
  const hi = n - size;
  if (typeof s === "number") return Math.min(Math.max(allowNegative && s < 0 ? s + n : s, 0), hi);
  const w = allowNegative ? where(less(s, 0), add(s, n), s) : s;
  return clip(w, 0, hi);
}

function checkSizes(op: string, shape: readonly number[], sizes: readonly number[]): void {
  if (!Array.isArray(sizes) || sizes.length !== shape.length)
    throw shapeError.rank(op, `slice sizes ${describeValue(sizes)} must have one entry per operand axis (${shape.length})`, {
      shapes: [shape],
    });
  sizes.forEach((z, d) => {
    if (!Number.isInteger(z) || z < 0 || z > shape[d]!) throw shapeError.index(op, z, shape[d]!, d);
  });
}

/** Window along one axis: a static slice or a take of start + arange(size). */
function windowAlong(x: NDArray, s: Start, size: number, axis: number): NDArray {
  if (typeof s === "number") return s === 0 && size === x.shape[axis] ? x : slice(x, ...new Array<string>(axis).fill(":"), [s, s + size]);
  return take(x, add(s, arange(0, size, 1, { dtype: "int32" })), axis);
}

function allowNeg(op: string, opts: { allowNegativeIndices?: boolean }): boolean {
  for (const k of Object.keys(opts))
    if (k !== "allowNegativeIndices") throw argumentError.invalid(op, `unsupported option '${k}' (allowNegativeIndices)`);
  return opts.allowNegativeIndices ?? true;
}

/** lax.dynamic_slice: x[s0:s0+z0, s1:s1+z1, ...] with each start clamped so the window fits. */
export function dynamicSlice(
  x: ArrayLike,
  startIndices: ArrayLike | readonly ArrayLike[],
  sliceSizes: readonly number[],
  opts: { allowNegativeIndices?: boolean } = {},
): NDArray {
  const op = "dynamic_slice";
  const a = operand(x, op);
  const neg = allowNeg(op, opts);
  checkSizes(op, a.shape, sliceSizes);
  const starts = startList(op, startIndices, a.ndim);
  let out = a;
  starts.forEach((s, d) => {
    out = windowAlong(out, clampStart(s, a.shape[d]!, sliceSizes[d]!, neg), sliceSizes[d]!, d);
  });
  return out;
}

/**
 * lax.dynamic_update_slice: x with `update` written at the (clamped) starts. A mask of the window and the
 * update spread over x's shape (each position reads its update element), joined with where.
 */
export function dynamicUpdateSlice(
  x: ArrayLike,
  update: ArrayLike,
  startIndices: ArrayLike | readonly ArrayLike[],
  opts: { allowNegativeIndices?: boolean } = {},
): NDArray {
  const op = "dynamic_update_slice";
  const a = operand(x, op);
  const neg = allowNeg(op, opts);
  let u = operand(update, op);
  if (u.dtype !== a.dtype) {
    if (!u.weakType) throw dtypeError.mismatch(op, `update dtype ${u.dtype} must equal the operand's ${a.dtype}`);
    u = convert(u, a.dtype, a.weakType);
  }
  if (u.ndim !== a.ndim)
    throw shapeError.rank(op, `update rank ${u.ndim} must equal the operand's ${a.ndim}`, { shapes: [a.shape, u.shape] });
  u.shape.forEach((z, d) => {
    if (z > a.shape[d]!)
      throw shapeError.concat(op, `update shape (${u.shape.join(", ")}) exceeds the operand's (${a.shape.join(", ")})`, {
        shapes: [a.shape, u.shape],
        axis: d,
      });
  });
  const starts = startList(op, startIndices, a.ndim);
  if (u.size === 0) return a;
  let spread = u;
  let mask: NDArray | null = null;
  starts.forEach((s0, d) => {
    const n = a.shape[d]!,
      z = u.shape[d]!;
    const s = clampStart(s0, n, z, neg);
    const i = arange(0, n, 1, { dtype: "int32" });
    const rel = subtract(i, s);
    spread = take(spread, clip(rel, 0, z - 1), d);
    if (typeof s === "number" && s === 0 && z === n) return;
    const inside = reshapeTo(
      logicalAnd(greaterEqual(rel, 0), less(rel, z)),
      a.shape.map((m, k) => (k === d ? m : 1)),
    );
    mask = mask === null ? inside : logicalAnd(mask, inside);
  });
  return mask === null ? convert(spread, a.dtype, a.weakType) : where(mask, spread, a);
}

/** lax.dynamic_slice_in_dim: dynamicSlice along one axis (the others whole). */
export function dynamicSliceInDim(
  x: ArrayLike,
  start: ArrayLike,
  size: number,
  axis = 0,
  opts: { allowNegativeIndices?: boolean } = {},
): NDArray {
  const op = "dynamic_slice_in_dim";
  const a = operand(x, op);
  const ax = normalizeAxis(op, axis, a.ndim);
  return dynamicSlice(
    a,
    a.shape.map((_, d) => (d === ax ? start : 0)),
    a.shape.map((n, d) => (d === ax ? size : n)),
    opts,
  );
}

/** lax.dynamic_update_slice_in_dim: dynamicUpdateSlice at `start` along one axis (0 elsewhere). */
export function dynamicUpdateSliceInDim(x: ArrayLike, update: ArrayLike, start: ArrayLike, axis: number): NDArray {
  const op = "dynamic_update_slice_in_dim";
  const a = operand(x, op);
  const ax = normalizeAxis(op, axis, a.ndim);
  return dynamicUpdateSlice(
    a,
    update,
    a.shape.map((_, d) => (d === ax ? start : 0)),
  );
}

/** lax.dynamic_index_in_dim: the (clamped) index along `axis`, kept as a size-1 axis unless keepdims is false. */
export function dynamicIndexInDim(x: ArrayLike, index: ArrayLike, axis = 0, keepdims = true): NDArray {
  const op = "dynamic_index_in_dim";
  const a = operand(x, op);
  const ax = normalizeAxis(op, axis, a.ndim);
  const r = dynamicSliceInDim(a, index, 1, ax);
  return keepdims ? r : squeeze(r, ax);
}

/** lax.dynamic_update_index_in_dim: write `update` (with or without the size-1 axis) at index along `axis`. */
export function dynamicUpdateIndexInDim(x: ArrayLike, update: ArrayLike, index: ArrayLike, axis: number): NDArray {
  const op = "dynamic_update_index_in_dim";
  const a = operand(x, op);
  const ax = normalizeAxis(op, axis, a.ndim);
  let u = operand(update, op);
  if (u.ndim === a.ndim - 1) u = expandDims(u, ax);
  return dynamicUpdateSliceInDim(a, u, index, ax);
}

/** lax.index_in_dim: the static index along `axis` (negative counts from the end; out of range is NJ109). */
export function indexInDim(x: ArrayLike, index: number, axis = 0, keepdims = true): NDArray {
  const op = "index_in_dim";
  const a = operand(x, op);
  const ax = normalizeAxis(op, axis, a.ndim);
  const n = a.shape[ax]!;
  if (!Number.isInteger(index) || index < -n || index >= n) throw shapeError.index(op, index, n, ax);
  const r = take(a, [index < 0 ? index + n : index], ax);
  return keepdims ? r : squeeze(r, ax);
}

/** lax.index_take: src[idxs[0], idxs[1], ...] over `axes` (each index wrapped modulo its axis). */
export function indexTake(src: ArrayLike, idxs: readonly ArrayLike[], axes: readonly number[]): NDArray {
  const op = "index_take";
  const a = operand(src, op);
  if (!Array.isArray(idxs) || !Array.isArray(axes) || idxs.length !== axes.length || idxs.length === 0)
    throw argumentError.invalid(
      op,
      `idxs and axes must be non-empty lists of one length, got ${describeValue(idxs)} and ${describeValue(axes)}`,
    );
  const ax = axes.map((d) => normalizeAxis(op, d, a.ndim));
  const cols = idxs.map((i, k) => mod(intIndices(op, i), a.shape[ax[k]!]!));
  const rest = a.shape.map((_, d) => d).filter((d) => !ax.includes(d));
  return gather(
    a,
    stack(cols, 1),
    {
      offsetDims: rest.map((_, k) => k + 1),
      collapsedSliceDims: ax,
      startIndexMap: ax,
    },
    a.shape.map((n, d) => (ax.includes(d) ? 1 : n)),
  );
}

// ---------------------------------------------------------------------------------------- gather / scatter

export interface GatherDimensionNumbers {
  offsetDims: readonly number[];
  collapsedSliceDims: readonly number[];
  startIndexMap: readonly number[];
  operandBatchingDims?: readonly number[];
  startIndicesBatchingDims?: readonly number[];
}
export interface ScatterDimensionNumbers {
  updateWindowDims: readonly number[];
  insertedWindowDims: readonly number[];
  scatterDimsToOperandDims: readonly number[];
  operandBatchingDims?: readonly number[];
  scatterIndicesBatchingDims?: readonly number[];
}
/** clip: starts clamped into range; fill (fill_or_drop): windows not wholly in bounds filled (gather) / dropped (scatter). */
export type GatherScatterMode = "clip" | "fill" | "drop" | "fill_or_drop" | "promise_in_bounds";
export interface GatherOptions {
  mode?: GatherScatterMode | null;
  fillValue?: number | null;
  indicesAreSorted?: boolean;
  uniqueIndices?: boolean;
}
export interface ScatterOptions {
  mode?: GatherScatterMode | null;
  indicesAreSorted?: boolean;
  uniqueIndices?: boolean;
}

/** A window layout in operand terms: dims map to starts (index columns), batch coordinates or window offsets. */
interface Layout {
  offsetDims: readonly number[]; // positions in the result (gather) / updates (scatter) of the window dims
  collapsed: readonly number[]; // operand dims without a window axis
  startIndexMap: readonly number[];
  operandBatching: readonly number[];
  indicesBatching: readonly number[];
}

function dimList(op: string, what: string, v: unknown, bound: number, sorted: boolean): number[] {
  if (!Array.isArray(v) || v.some((d) => !Number.isInteger(d) || d < 0 || d >= bound))
    throw argumentError.invalid(op, `${what} must be a list of integers in [0, ${bound}), got ${describeValue(v)}`);
  if (new Set(v).size !== v.length) throw argumentError.invalid(op, `${what} has repeated entries: ${describeValue(v)}`);
  if (sorted && v.some((d, i) => i > 0 && d < v[i - 1])) throw argumentError.invalid(op, `${what} must be sorted, got ${describeValue(v)}`);
  return v.slice() as number[];
}

/**
 * The flat operand position of every element of `outShape` (int32, outShape) and, for fill/drop, which
 * windows lie wholly in bounds (bool, broadcastable to outShape). `sizes` are the window sizes per operand dim.
 */
function windowPositions(
  shape: readonly number[],
  idx: NDArray,
  l: Layout,
  sizes: readonly number[],
  outShape: readonly number[],
  clamp: boolean,
): { flat: NDArray; valid: NDArray | null } {
  const nb = idx.ndim - 1;
  const batch = idx.shape.slice(0, nb);
  const batchPos = outShape.map((_, i) => i).filter((i) => !l.offsetDims.includes(i));
  const windowDims = shape.map((_, d) => d).filter((d) => !l.collapsed.includes(d) && !l.operandBatching.includes(d));
  const placed = (a: NDArray) =>
    reshapeTo(
      a,
      outShape.map((n, i) => (batchPos.includes(i) ? n : 1)),
    );
  const along = (n: number, at: number) =>
    reshapeTo(
      arange(0, n, 1, { dtype: "int32" }),
      outShape.map((_, i) => (i === at ? n : 1)),
    );
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((p, q) => p * q, 1));
  let flat: NDArray | null = null;
  let valid: NDArray | null = null;
  shape.forEach((n, d) => {
    let pos: NDArray | null = null;
    const k = l.startIndexMap.indexOf(d);
    if (k >= 0) {
      const s = take(idx, k, nb);
      const hi = n - sizes[d]!;
      if (!clamp) {
        const ok = placed(logicalAnd(greaterEqual(s, 0), lessEqual(s, hi)));
        valid = valid === null ? ok : logicalAnd(valid, ok);
      }
      pos = placed(clip(s, 0, hi));
    }
    const b = l.operandBatching.indexOf(d);
    if (b >= 0) pos = along(batch[l.indicesBatching[b]!]!, batchPos[l.indicesBatching[b]!]!);
    const w = windowDims.indexOf(d);
    if (w >= 0) {
      const off = along(sizes[d]!, l.offsetDims[w]!);
      pos = pos === null ? off : add(pos, off);
    }
    if (pos !== null) {
      const term = strides[d] === 1 ? pos : multiply(pos, strides[d]!);
      flat = flat === null ? term : add(flat, term);
    }
  });
  const f = flat === null ? arange(0, 1, 1, { dtype: "int32" }).reshape([]) : (flat as NDArray);
  return { flat: broadcastTo(convert(f, "int32", false), outShape.slice()), valid };
}

/** Checks shared by gather and scatter: the index array, the layout's lists and the batching dims. */
function layoutOf(op: string, shape: readonly number[], idxIn: ArrayLike, l: Layout, outRank: number, sizes: readonly number[]): NDArray {
  const idx = intIndices(op, idxIn);
  const r = shape.length;
  if (idx.ndim === 0) throw shapeError.rank(op, "start indices must have at least one dimension (the last holds the index vector)");
  const nb = idx.ndim - 1;
  const names =
    op === "gather"
      ? ["offsetDims", "collapsedSliceDims", "startIndexMap", "operandBatchingDims", "startIndicesBatchingDims"]
      : ["updateWindowDims", "insertedWindowDims", "scatterDimsToOperandDims", "operandBatchingDims", "scatterIndicesBatchingDims"];
  dimList(op, names[0]!, l.offsetDims, outRank, true);
  dimList(op, names[1]!, l.collapsed, r, true);
  dimList(op, names[2]!, l.startIndexMap, r, false);
  dimList(op, names[3]!, l.operandBatching, r, true);
  dimList(op, names[4]!, l.indicesBatching, Math.max(nb, 0), false);
  if (l.startIndexMap.length !== idx.shape[nb])
    throw shapeError.rank(
      op,
      `${names[2]} has ${l.startIndexMap.length} entries but the index vector (last axis of the indices) has ${idx.shape[nb]}`,
      {
        shapes: [shape, idx.shape],
      },
    );
  if (l.operandBatching.length !== l.indicesBatching.length)
    throw argumentError.invalid(op, `${names[3]} and ${names[4]} must have the same length`);
  for (const d of l.operandBatching) {
    if (l.collapsed.includes(d) || l.startIndexMap.includes(d))
      throw argumentError.invalid(op, `operand batching dim ${d} must not be in ${names[1]} or ${names[2]}`);
  }
  l.operandBatching.forEach((d, i) => {
    const j = l.indicesBatching[i]!;
    if (shape[d] !== idx.shape[j])
      throw shapeError.concat(
        op,
        `operand batching dim ${d} (size ${shape[d]}) and indices batching dim ${j} (size ${idx.shape[j]}) differ`,
        {
          shapes: [shape, idx.shape],
        },
      );
  });
  const windowed = r - l.collapsed.length - l.operandBatching.length;
  if (l.offsetDims.length !== windowed)
    throw shapeError.rank(op, `${names[0]} has ${l.offsetDims.length} entries but the operand of rank ${r} has ${windowed} window dims`, {
      shapes: [shape],
    });
  if (outRank !== nb + windowed)
    throw shapeError.rank(op, `the ${op === "gather" ? "result" : "updates"} rank must be ${nb + windowed}, got ${outRank}`, {
      shapes: [shape, idx.shape],
    });
  for (const d of [...l.collapsed, ...l.operandBatching])
    if (sizes[d] !== 1) throw shapeError.rank(op, `window size of collapsed / batching dim ${d} must be 1, got ${sizes[d]}`, { axis: d });
  return idx;
}

/**
 * JAX's defaults: a gather promises in-bounds indices, a scatter fills-or-drops. XLA clamps a gather's starts
 * and drops a scatter's out-of-bounds windows, which is what promise_in_bounds does here.
 */
function modeOf(op: string, mode: GatherScatterMode | null | undefined): "clip" | "fill" {
  if (mode === "fill" || mode === "drop" || mode === "fill_or_drop") return "fill";
  if (mode === "clip") return "clip";
  if (mode === null || mode === undefined || mode === "promise_in_bounds") return op === "gather" ? "clip" : "fill";
  throw argumentError.invalid(op, `unknown mode ${describeValue(mode)} (clip, fill, promise_in_bounds)`);
}

function checkOpts(op: string, opts: object, allowed: readonly string[]): void {
  for (const k of Object.keys(opts))
    if (!allowed.includes(k)) throw argumentError.invalid(op, `unsupported option '${k}' (${allowed.join(", ")})`);
}

/** The default fill of an out-of-bounds gather window (JAX): NaN, the least int32, the largest uint32, true. */
function defaultFill(dtype: NDArray["dtype"]): number {
  if (isFloat(dtype)) return NaN;
  if (dtype === "int32") return -2147483648;
  if (dtype === "uint32") return 4294967295;
  return 1;
}

/** lax.gather with JAX's dimension numbers (the index vector is the last axis of startIndices). */
export function gather(
  operandIn: ArrayLike,
  startIndices: ArrayLike,
  dimensionNumbers: GatherDimensionNumbers,
  sliceSizes: readonly number[],
  opts: GatherOptions = {},
): NDArray {
  const op = "gather";
  checkOpts(op, opts, ["mode", "fillValue", "indicesAreSorted", "uniqueIndices"]);
  const a = operand(operandIn, op);
  checkSizes(op, a.shape, sliceSizes);
  const dn = dimensionNumbers;
  if (typeof dn !== "object" || dn === null)
    throw argumentError.invalid(op, `dimensionNumbers must be a GatherDimensionNumbers object, got ${describeValue(dn)}`);
  const l: Layout = {
    offsetDims: dn.offsetDims,
    collapsed: dn.collapsedSliceDims,
    startIndexMap: dn.startIndexMap,
    operandBatching: dn.operandBatchingDims ?? [],
    indicesBatching: dn.startIndicesBatchingDims ?? [],
  };
  const idx0 = operand(startIndices, op);
  const nb = Math.max(idx0.ndim - 1, 0);
  const windowed = a.shape.map((_, d) => d).filter((d) => !(l.collapsed ?? []).includes(d) && !(l.operandBatching ?? []).includes(d));
  const outRank = nb + (Array.isArray(l.offsetDims) ? l.offsetDims.length : 0);
  const idx = layoutOf(op, a.shape, idx0, l, outRank, sliceSizes);
  const outShape: number[] = [];
  let bi = 0;
  for (let i = 0; i < outRank; i++) {
    const w = l.offsetDims.indexOf(i);
    outShape.push(w >= 0 ? sliceSizes[windowed[w]!]! : idx.shape[bi++]!);
  }
  const clampMode = modeOf(op, opts.mode) === "clip";
  const { flat, valid } = windowPositions(a.shape, idx, l, sliceSizes, outShape, clampMode);
  if (a.size === 0 || flat.size === 0) return reshapeTo(broadcastTo(convert(operand(0, op), a.dtype, a.weakType), [0]), outShape);
  const g = take(ravel(a), flat, 0);
  if (valid === null) return g;
  return where(valid, g, convert(operand(opts.fillValue ?? defaultFill(a.dtype), op), a.dtype, true));
}

type ScatterKind = "scatter" | "scatter_add" | "scatter_sub" | "scatter_mul" | "scatter_min" | "scatter_max" | "scatter_apply";

/** The flat positions of every update element (-1 where a fill-mode window is dropped) and the updates. */
function scatterPositions(
  op: ScatterKind,
  a: NDArray,
  indices: ArrayLike,
  updShape: readonly number[],
  dn: ScatterDimensionNumbers,
  opts: ScatterOptions,
): NDArray {
  checkOpts(op, opts, ["mode", "indicesAreSorted", "uniqueIndices"]);
  if (typeof dn !== "object" || dn === null)
    throw argumentError.invalid(op, `dimensionNumbers must be a ScatterDimensionNumbers object, got ${describeValue(dn)}`);
  const l: Layout = {
    offsetDims: dn.updateWindowDims,
    collapsed: dn.insertedWindowDims,
    startIndexMap: dn.scatterDimsToOperandDims,
    operandBatching: dn.operandBatchingDims ?? [],
    indicesBatching: dn.scatterIndicesBatchingDims ?? [],
  };
  const collapsed = Array.isArray(l.collapsed) ? l.collapsed : [];
  const windowed = a.shape.map((_, d) => d).filter((d) => !collapsed.includes(d) && !(l.operandBatching ?? []).includes(d));
  const wdims = Array.isArray(l.offsetDims) ? l.offsetDims : [];
  const sizes = a.shape.map((_, d) => {
    const w = windowed.indexOf(d);
    return w >= 0 && w < wdims.length ? (updShape[wdims[w]!] ?? 1) : 1;
  });
  const idx = layoutOf(op, a.shape, indices, l, updShape.length, sizes);
  const nb = idx.ndim - 1;
  const scatterDims = updShape.map((_, i) => i).filter((i) => !l.offsetDims.includes(i));
  scatterDims.forEach((i, k) => {
    if (updShape[i] !== idx.shape[k])
      throw shapeError.concat(
        op,
        `updates shape (${updShape.join(", ")}) does not match the indices' batch shape (${idx.shape.slice(0, nb).join(", ")})`,
        {
          shapes: [a.shape, idx.shape, updShape],
        },
      );
  });
  sizes.forEach((z, d) => {
    if (z > a.shape[d]!) throw shapeError.index(op, z, a.shape[d]!, d);
  });
  const clampMode = modeOf("scatter", opts.mode) === "clip";
  const { flat, valid } = windowPositions(a.shape, idx, l, sizes, updShape, clampMode);
  return valid === null ? flat : where(valid, flat, -1);
}

function updatesOf(op: ScatterKind, a: NDArray, updates: ArrayLike): NDArray {
  const u = operand(updates, op);
  if (u.dtype === a.dtype) return u;
  if (!u.weakType) throw dtypeError.mismatch(op, `updates dtype ${u.dtype} must equal the operand's ${a.dtype}`);
  return convert(u, a.dtype, a.weakType);
}

function scatterWith(kind: ScatterKind, how: ScatterOp) {
  return (
    x: ArrayLike,
    scatterIndices: ArrayLike,
    updates: ArrayLike,
    dimensionNumbers: ScatterDimensionNumbers,
    opts: ScatterOptions = {},
  ): NDArray => {
    const a = operand(x, kind);
    let u = updatesOf(kind, a, updates);
    const pos = scatterPositions(kind, a, scatterIndices, u.shape, dimensionNumbers, opts);
    if (kind === "scatter_sub") u = negative(u);
    return reshapeTo(scatterFlat(ravel(a), ravel(pos), ravel(u), how, kind), a.shape.slice());
  };
}

/** lax.scatter: x with the updates written at the windows (duplicates: the last write wins). */
export const scatter = scatterWith("scatter", "set");
/** lax.scatter_add: x with the updates added (duplicates accumulate). */
export const scatterAdd = scatterWith("scatter_add", "add");
/** lax.scatter_sub: x with the updates subtracted. */
export const scatterSub = scatterWith("scatter_sub", "add");
/** lax.scatter_mul: x with the updates multiplied in. */
export const scatterMul = scatterWith("scatter_mul", "multiply");
/** lax.scatter_min: the elementwise minimum of x and the updates at the windows. */
export const scatterMin = scatterWith("scatter_min", "min");
/** lax.scatter_max: the elementwise maximum of x and the updates at the windows. */
export const scatterMax = scatterWith("scatter_max", "max");

/** lax.scatter_apply: x with `func` applied to the elements at the windows (of shape `updateShape`). */
export function scatterApply(
  x: ArrayLike,
  scatterIndices: ArrayLike,
  func: (v: NDArray) => ArrayLike,
  dimensionNumbers: ScatterDimensionNumbers,
  opts: ScatterOptions & { updateShape?: readonly number[] } = {},
): NDArray {
  const op = "scatter_apply";
  if (typeof func !== "function") throw argumentError.invalid(op, `func must be a function, got ${describeValue(func)}`);
  const { updateShape = [], ...rest } = opts;
  const a = operand(x, op);
  const pos = ravel(scatterPositions(op, a, scatterIndices, updateShape, dimensionNumbers, rest));
  const flat = ravel(a);
  const cur = take(flat, clip(pos, 0, Math.max(a.size - 1, 0)), 0);
  const v = convert(operand(func(cur), op), a.dtype, a.weakType);
  return reshapeTo(scatterFlat(flat, pos, broadcastTo(v, cur.shape.slice(), op), "set", op), a.shape.slice());
}
