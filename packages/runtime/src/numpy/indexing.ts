// Indexing: take (integer arrays along an axis) and the slicing method x.slice(...specs).
//
// Slice specs, one per leading axis (remaining axes are taken whole):
//   number        -> integer index, the axis is dropped (negative counts from the end)
//   ":"  "1:3"  "::-1"  "2:"  "-3:"  -> Python slice strings
//   [start, stop, step?]  -> the same as a tuple; null entries mean "default"
//   null          -> np.newaxis (inserts a size-1 axis)
//   "..."         -> Ellipsis: as many full slices as needed
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { Tracer, bind } from "../core/trace.js";
import { normalizeAxis } from "../shape.js";
import { type Dim, dimAdd, dimCompare, dimSub } from "../core/dims.js";
import { currentShapeEnv } from "../core/shape-env.js";
import { sliceIndicesDim, sliceLength } from "../core/shape-rules.js";
import { convert, describe, operand, reshapeTo } from "./util.js";
import { parseSlice, sliceIndices } from "./slice-spec.js";

export type SliceSpec = number | string | null | [number | null, (number | null)?, (number | null)?];

export function take(x: ArrayLike, indices: ArrayLike, axis: number | null = null): NDArray {
  let a = operand(x, "take");
  if (axis === null) {
    a = reshapeTo(a, [a.size]);
    axis = 0;
  }
  const ax = normalizeAxis("take", axis, a.ndim);
  return bind("gather", [a, intIndices("take", indices)], { axis: ax });
}

/** Integer indices as int32; JS lists arrive as float32 and pass when every value is an integer (NumPy: IndexError otherwise). */
export function intIndices(op: string, indices: ArrayLike): NDArray {
  const idx = operand(indices, op);
  if (idx.dtype === "float32" || idx.dtype === "float64") {
    if (idx instanceof Tracer) throw argumentError.invalid(op, `indices must be integers, got a traced ${idx.dtype} array`);
    for (const v of idx.toTypedArray())
      if (!Number.isInteger(v)) throw argumentError.invalid(op, `indices must be integers, got ${v} (dtype ${idx.dtype})`);
  }
  return convert(idx, "int32", false);
}

/** [start, stop, step] with null/undefined defaults; anything else (an NDArray, a mask) is not a slice. */
function tupleSlice(s: unknown): [number | null, number | null, number | null] {
  const ok = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isInteger(v));
  if (!Array.isArray(s) || s.length > 3 || !s.every(ok))
    throw argumentError.invalid(
      "slice",
      `unsupported index ${describe(s)}: use a number, a slice string like "1:3", [start, stop, step], null or "..." ` +
        "(take() for integer arrays)",
    );
  return [s[0] ?? null, s[1] ?? null, s[2] ?? null];
}

export function slice(x: ArrayLike, ...specs: SliceSpec[]): NDArray {
  let a = operand(x, "slice");
  const nd = a.ndim;
  const ell = specs.filter((s) => s === "...").length;
  if (ell > 1) throw argumentError.invalid("slice", "an index can only have a single ellipsis ('...')");
  const consuming = specs.filter((s) => s !== null && s !== "...").length;
  if (consuming > nd)
    throw shapeError.rank("slice", `too many indices for array: array is ${nd}-dimensional, but ${consuming} were indexed`);
  const full: SliceSpec[] = [];
  for (const s of specs) {
    if (s === "...") for (let i = 0; i < nd - consuming; i++) full.push(":");
    else full.push(s);
  }
  while (full.filter((s) => s !== null).length < nd) full.push(":");

  const starts: Dim[] = [],
    limits: Dim[] = [],
    strides: number[] = [],
    revAxes: number[] = [];
  const outShape: Dim[] = [];
  let ax = 0;
  for (const s of full) {
    if (s === null) {
      outShape.push(1);
      continue;
    }
    const n = a.shape[ax]!;
    if (typeof n !== "number") {
      const [b, e, step, len, rev] = symbolicSpec(s, n, ax);
      starts.push(len === 0 ? 0 : b);
      limits.push(len === 0 ? 0 : e);
      strides.push(step);
      if (rev) revAxes.push(ax);
      if (len !== null) outShape.push(len);
      ax++;
      continue;
    }
    if (typeof s === "number") {
      if (!Number.isInteger(s)) throw argumentError.invalid("slice", `index ${s} is not an integer`);
      const i = s < 0 ? s + n : s;
      if (i < 0 || i >= n) throw shapeError.index("slice", s, n, ax);
      starts.push(i);
      limits.push(i + 1);
      strides.push(1);
    } else {
      const [st, sp, stp] = typeof s === "string" ? parseSlice(s) : tupleSlice(s);
      let [b, e, step] = sliceIndices(st, sp, stp, n);
      if (step < 0) {
        // reverse the axis, then slice forward: index i maps to n-1-i
        revAxes.push(ax);
        [b, e, step] = [n - 1 - b, n - 1 - e, -step];
      }
      const len = Math.max(0, Math.ceil((e - b) / step));
      starts.push(len === 0 ? 0 : b);
      limits.push(len === 0 ? 0 : e);
      strides.push(step);
      outShape.push(len);
    }
    ax++;
  }
  if (revAxes.length) a = bind("rev", [a], { axes: revAxes });
  const identity = starts.every((s, i) => s === 0 && limits[i] === a.shape[i] && strides[i] === 1);
  if (!identity) a = bind("slice", [a], { starts: starts as number[], limits: limits as number[], strides });
  return reshapeTo(a, outShape as number[]);
}

/**
 * One spec on a symbolic axis length n: [start, limit, stride, out length (null: the axis is dropped),
 * reverse the axis first] of the forward slice. An integer index must be in range for
 * every size, or the env records that it is (`n >= 4` for index 3 or -4); without an env that is NJ112.
 */
function symbolicSpec(s: Exclude<SliceSpec, null>, n: Dim, ax: number): [Dim, Dim, number, Dim | null, boolean] {
  if (typeof s === "number") {
    if (!Number.isInteger(s)) throw argumentError.invalid("slice", `index ${s} is not an integer`);
    const need = s < 0 ? -s : s + 1;
    const ok = dimCompare(n, ">=", need);
    if (ok === false) throw shapeError.index("slice", s, n as number, ax);
    if (ok === undefined) {
      const env = currentShapeEnv();
      if (!env)
        throw shapeError.inconclusive("slice", `cannot decide whether index ${s} is in range for axis ${ax} of size ${n}`, [n, need]);
      env.assumeGe("slice", n, need);
    }
    const i = s < 0 ? dimAdd(n, s) : s;
    return [i, dimAdd(i, 1), 1, null, false];
  }
  const [st, sp, stp] = typeof s === "string" ? parseSlice(s) : tupleSlice(s);
  let [b, e, step] = sliceIndicesDim(st, sp, stp, n);
  if (step < 0) {
    // reverse the axis, then slice forward: index i maps to n-1-i
    const last = dimSub(n, 1);
    [b, e] = [dimSub(last, b), dimSub(last, e)];
  }
  return [b, e, Math.abs(step), sliceLength(b, e, Math.abs(step)), step < 0];
}
