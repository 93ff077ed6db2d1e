// Shape manipulation: views where NumPy returns views (reshape of contiguous, transpose, slicing).
import { resultType } from "../dtype.js";
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import {
  broadcastShapes as broadcastPair,
  checkShape,
  checkSize,
  describeValue,
  knownUnequal,
  normalizeAxes,
  normalizeAxis,
  sizeOf,
} from "../shape.js";
import { type Dim, SymDim, dimAdd, dimFloorDiv, dimMax, dimMin, dimMod, dimMul, dimSub } from "../core/dims.js";
import { currentShapeEnv } from "../core/shape-env.js";
import { inferReshape } from "../core/shape-rules.js";
import { broadcastTo as broadcastToUtil, convert, describe, operand, reshapeTo } from "./util.js";

export function reshape(x: ArrayLike, ...shapeArgs: (number | readonly number[])[]): NDArray {
  const a = operand(x, "reshape");
  const shape = (shapeArgs.length === 1 && Array.isArray(shapeArgs[0]) ? shapeArgs[0] : shapeArgs) as number[];
  return reshapeTo(a, resolveShape(a.shape, typeof shape === "number" ? [shape] : shape));
}

const hasSymbol = (s: readonly unknown[]) => s.some((d) => d instanceof SymDim);

function resolveShape(from: readonly number[], shape: number[]): number[] {
  if (hasSymbol(from) || hasSymbol(shape)) return inferReshape("reshape", from, shape, currentShapeEnv()) as number[];
  const out = shape.slice();
  const neg = out.filter((d) => d === -1).length;
  if (neg > 1) throw shapeError.reshape("reshape", from, shape);
  for (const d of out) if (!Number.isInteger(d) || d < -1) throw shapeError.reshape("reshape", from, shape);
  if (neg === 1) {
    const known = out.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const total = sizeOf(from);
    if (known === 0 || total % known !== 0) throw shapeError.reshape("reshape", from, shape);
    out[out.indexOf(-1)] = total / known;
  }
  if (sizeOf(out) !== sizeOf(from)) throw shapeError.reshape("reshape", from, shape);
  return out;
}

/** transpose(x, [1, 0]) or, like NumPy's method, transpose(x, 1, 0). */
export function transpose(x: ArrayLike, axes?: number[] | number | null, ...rest: number[]): NDArray {
  const a = operand(x, "transpose");
  if (typeof axes === "number") axes = [axes, ...rest];
  else if (rest.length) throw argumentError.invalid("transpose", "axes must be one list or separate integers");
  if (axes !== undefined && axes !== null && !Array.isArray(axes))
    throw argumentError.invalid("transpose", `axes must be a list of integers, got ${describe(axes)}`);
  const perm =
    axes === undefined || axes === null ? a.shape.map((_, i) => a.ndim - 1 - i) : axes.map((p) => normalizeAxis("transpose", p, a.ndim));
  if (perm.length !== a.ndim || new Set(perm).size !== perm.length)
    throw shapeError.rank("transpose", `axes [${axes}] don't match array of dimension ${a.ndim}`);
  if (perm.every((p, i) => p === i)) return a;
  return bind("transpose", [a], { perm });
}
export const permuteDims = transpose;

export function expandDims(x: ArrayLike, axis: number | number[]): NDArray {
  const a = operand(x, "expand_dims");
  const list = typeof axis === "number" ? [axis] : axis;
  const nd = a.ndim + list.length;
  const axes = normalizeAxes("expand_dims", list, nd);
  const shape: number[] = [];
  let j = 0;
  for (let i = 0; i < nd; i++) shape.push(axes.includes(i) ? 1 : a.shape[j++]!);
  return bind("reshape", [a], { shape });
}

export function squeeze(x: ArrayLike, axis: number | number[] | null = null): NDArray {
  const a = operand(x, "squeeze");
  const env = currentShapeEnv();
  const symbolic = (d: number): boolean => typeof d !== "number";
  // a symbolic dim may be 1: without an axis it is kept, assuming >= 2 (the guard checks it); a named axis
  // assumes it is 1. Without a shape env (strict) the question is undecidable: NJ112.
  const axes = axis === null ? a.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes("squeeze", axis, a.ndim);
  for (const [i, d] of a.shape.entries()) {
    if (!symbolic(d)) continue;
    if (env === undefined) throw shapeError.inconclusive("squeeze", `cannot decide whether dimension ${String(d)} is 1`, [d, 1]);
    if (axes.includes(i)) env.assumeEqual("squeeze", d, 1);
    else if (axis === null) env.assumeGe("squeeze", d, 2);
  }
  for (const ax of axes)
    if (a.shape[ax] !== 1 && !symbolic(a.shape[ax]!))
      throw shapeError.rank(
        "squeeze",
        `cannot select an axis to squeeze out which has size not equal to one (axis ${ax}, size ${a.shape[ax]})`,
      );
  return reshapeTo(
    a,
    a.shape.filter((_, i) => !axes.includes(i)),
  );
}

export function broadcastTo(x: ArrayLike, shape: readonly number[] | number): NDArray {
  return broadcastToUtil(operand(x, "broadcast_to"), checkShape("broadcast_to", shape));
}

export function broadcastArrays(...xs: ArrayLike[]): NDArray[] {
  const as = xs.map((x) => operand(x, "broadcast_arrays"));
  let shape: number[] = [];
  for (const a of as) shape = broadcastPair("broadcast_arrays", shape, a.shape);
  return as.map((a) => broadcastToUtil(a, shape));
}
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  return shapes.reduce<number[]>((acc, s) => broadcastPair("broadcast_shapes", acc, checkShape("broadcast_shapes", s)), []);
}

export function ravel(x: ArrayLike): NDArray {
  const a = operand(x, "ravel");
  return reshapeTo(a, [a.size]);
}
export const flatten = ravel;

export function concatenate(xs: ArrayLike[], axis: number | null = 0): NDArray {
  return join("concatenate", xs, axis);
}
/** concatenate under the name of the public function the user called (vstack, hstack, ...). */
function join(op: string, xs: ArrayLike[], axis: number | null): NDArray {
  if (!Array.isArray(xs) || xs.length === 0) throw argumentError.invalid(op, "need at least one array to concatenate");
  let as = xs.map((x) => operand(x, op));
  if (axis === null) {
    as = as.map((a) => reshapeTo(a, [a.size]));
    axis = 0;
  }
  for (const a of as) {
    if (a.ndim === 0) throw shapeError.concat(op, "zero-dimensional arrays cannot be concatenated");
    if (a.ndim !== as[0]!.ndim)
      throw shapeError.concat(
        op,
        `all the input arrays must have same number of dimensions, ` +
          `but the array at index 0 has ${as[0]!.ndim} dimension(s) and another has ${a.ndim}`,
      );
  }
  const ax = normalizeAxis(op, axis, as[0]!.ndim);
  for (const a of as)
    if (a.shape.some((d, i) => i !== ax && knownUnequal(d, as[0]!.shape[i])))
      throw shapeError.concat(
        op,
        `all the input array dimensions except for the concatenation axis must match exactly, ` +
          `got shapes (${as[0]!.shape.join(", ")}) and (${a.shape.join(", ")}) along axis ${ax}`,
      );
  let [dt, weak] = [as[0]!.dtype, as[0]!.weakType];
  for (const a of as.slice(1)) [dt, weak] = resultType(dt, weak, a.dtype, a.weakType);
  if (as.length === 1) return bind("copy", [convert(as[0]!, dt, weak)], {});
  return bind(
    "concatenate",
    as.map((a) => convert(a, dt, weak)),
    { axis: ax },
  );
}
export const concat = concatenate;

export function stack(xs: ArrayLike[], axis = 0): NDArray {
  if (!Array.isArray(xs) || xs.length === 0) throw argumentError.invalid("stack", "need at least one array to stack");
  const as = xs.map((x) => operand(x, "stack"));
  for (const a of as)
    if (a.ndim !== as[0]!.ndim || a.shape.some((d, i) => knownUnequal(d, as[0]!.shape[i])))
      throw shapeError.concat("stack", `all input arrays must have the same shape, got (${as[0]!.shape}) and (${a.shape})`);
  const ax = normalizeAxis("stack", axis, as[0]!.ndim + 1);
  return concatenate(
    as.map((a) => expandDims(a, ax)),
    ax,
  );
}
function stackArgs(op: string, xs: ArrayLike[]): NDArray[] {
  if (!Array.isArray(xs) || xs.length === 0) throw argumentError.invalid(op, "need at least one array to concatenate");
  return xs.map((x) => operand(x, op));
}
export function vstack(xs: ArrayLike[]): NDArray {
  return join("vstack", stackArgs("vstack", xs).map(toAtleast2d), 0);
}
export function hstack(xs: ArrayLike[]): NDArray {
  const as = stackArgs("hstack", xs).map((a) => (a.ndim === 0 ? reshapeTo(a, [1]) : a));
  return join("hstack", as, as[0]!.ndim === 1 ? 0 : 1);
}
/** Stack along a third axis: 1-d (n,) becomes (1, n, 1), 2-d (m, n) becomes (m, n, 1). */
export function dstack(xs: ArrayLike[]): NDArray {
  return join("dstack", stackArgs("dstack", xs).map(toAtleast3d), 2);
}
/** 1-d arrays become columns of a 2-d array; 2-d arrays are joined along axis 1. */
export function columnStack(xs: ArrayLike[]): NDArray {
  const as = stackArgs("column_stack", xs).map((a) => (a.ndim < 2 ? reshapeTo(a, [a.size, 1]) : a));
  return join("column_stack", as, 1);
}
function toAtleast2d(a: NDArray): NDArray {
  return a.ndim >= 2 ? a : reshapeTo(a, a.ndim === 0 ? [1, 1] : [1, a.shape[0]!]);
}
/** NumPy's atleast_3d of one array: [n] -> [1, n, 1], [m, n] -> [m, n, 1]. */
function toAtleast3d(a: NDArray): NDArray {
  if (a.ndim >= 3) return a;
  return reshapeTo(a, a.ndim === 0 ? [1, 1, 1] : a.ndim === 1 ? [1, a.shape[0]!, 1] : [...a.shape, 1]);
}

/** One array in, one array out; several in, a list out (JAX). */
function each(xs: ArrayLike[], op: string, f: (a: NDArray) => NDArray): NDArray | NDArray[] {
  const out = xs.map((x) => f(operand(x, op)));
  return out.length === 1 ? out[0]! : out;
}
function toAtleast1d(a: NDArray): NDArray {
  return a.ndim >= 1 ? a : reshapeTo(a, [1]);
}
export function atleast1d(x: ArrayLike): NDArray;
export function atleast1d(...xs: ArrayLike[]): NDArray[];
export function atleast1d(...xs: ArrayLike[]): NDArray | NDArray[] {
  return each(xs, "atleast_1d", toAtleast1d);
}
export function atleast2d(x: ArrayLike): NDArray;
export function atleast2d(...xs: ArrayLike[]): NDArray[];
export function atleast2d(...xs: ArrayLike[]): NDArray | NDArray[] {
  return each(xs, "atleast_2d", toAtleast2d);
}
export function atleast3d(x: ArrayLike): NDArray;
export function atleast3d(...xs: ArrayLike[]): NDArray[];
export function atleast3d(...xs: ArrayLike[]): NDArray | NDArray[] {
  return each(xs, "atleast_3d", toAtleast3d);
}

/** np.split: sections (equal parts) or sorted split indices. Returns views. */
export function split(x: ArrayLike, indicesOrSections: number | number[], axis = 0): NDArray[] {
  return splitAt("split", x, indicesOrSections, axis);
}
export function splitAt(op: string, x: ArrayLike, indicesOrSections: number | number[], axis: number): NDArray[] {
  const a = operand(x, op);
  if (a.ndim === 0) throw shapeError.rank(op, "array split does not work on a 0-d array");
  const ax = normalizeAxis(op, axis, a.ndim);
  let n: Dim = a.shape[ax]!;
  let bounds: Dim[];
  if (typeof indicesOrSections === "number") {
    const k = indicesOrSections;
    if (!Number.isInteger(k) || k <= 0) throw shapeError.split(op, `number sections must be a positive integer, got ${k}`);
    // array_split: the first n % k parts get one extra element
    const each = dimFloorDiv(n, k),
      extra = dimMod(n, k);
    if (op === "split" && extra !== 0) {
      const env = currentShapeEnv();
      if (typeof extra === "number" || env === undefined)
        throw shapeError.split(op, `array split does not result in an equal division (${n} into ${k})`);
      env.assumeDivisible(op, n, k);
      bounds = Array.from({ length: k - 1 }, (_, i) => dimMul(i + 1, each));
      n = dimMul(k, each); // the same size under the constraint, so that every part is `each` long
    } else bounds = Array.from({ length: k - 1 }, (_, i) => dimAdd(dimMul(i + 1, each), dimMin(i + 1, extra)));
  } else if (Array.isArray(indicesOrSections)) {
    for (const i of indicesOrSections)
      if (typeof i !== "number" || !Number.isInteger(i))
        throw argumentError.invalid(op, `split indices must be integers, got ${describeValue(i)}`);
    bounds = indicesOrSections.map((i) => (i < 0 ? dimMax(0, dimAdd(i, n)) : dimMin(i, n)));
  } else {
    throw argumentError.invalid(op, `indices_or_sections must be an integer or a list of integers, got ${describe(indicesOrSections)}`);
  }
  const edges = [0, ...bounds, n];
  const out: NDArray[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const lo = edges[i]!,
      hi = dimMax(edges[i]!, edges[i + 1]!);
    out.push(sliceAxis(a, ax, lo as number, hi as number, 1));
  }
  return out;
}
/** np.array_split: like split, but a number of sections need not divide the axis evenly. */
export function arraySplit(x: ArrayLike, indicesOrSections: number | number[], axis = 0): NDArray[] {
  return splitAt("array_split", x, indicesOrSections, axis);
}

export function sliceAxis(a: NDArray, axis: number, start: number, stop: number, step: number): NDArray {
  const starts = a.shape.map(() => 0),
    limits = a.shape.slice(),
    strides = a.shape.map(() => 1);
  starts[axis] = start;
  limits[axis] = stop;
  strides[axis] = step;
  return bind("slice", [a], { starts, limits, strides });
}

export function flip(x: ArrayLike, axis: number | number[] | null = null): NDArray {
  const a = operand(x, "flip");
  const axes = normalizeAxes("flip", axis, a.ndim);
  return axes.length ? bind("rev", [a], { axes }) : a;
}
export function fliplr(x: ArrayLike): NDArray {
  return flip(x, 1);
}
export function flipud(x: ArrayLike): NDArray {
  return flip(x, 0);
}

export function moveaxis(x: ArrayLike, source: number | number[], destination: number | number[]): NDArray {
  const a = operand(x, "moveaxis");
  for (const v of [source, destination])
    if (typeof v !== "number" && !Array.isArray(v))
      throw argumentError.invalid("moveaxis", `source and destination must be integers or lists of integers, got ${describeValue(v)}`);
  const src = (typeof source === "number" ? [source] : source).map((s) => normalizeAxis("moveaxis", s, a.ndim));
  const dst = (typeof destination === "number" ? [destination] : destination).map((s) => normalizeAxis("moveaxis", s, a.ndim));
  if (src.length !== dst.length) throw argumentError.invalid("moveaxis", "source and destination must have the same number of elements");
  for (const list of [src, dst]) {
    const dup = list.find((a, i) => list.indexOf(a) !== i);
    if (dup !== undefined) throw shapeError.duplicateAxis("moveaxis", dup);
  }
  const rest = a.shape.map((_, i) => i).filter((i) => !src.includes(i));
  const order = new Array<number>(a.ndim);
  const pairs = dst.map((d, i) => [d, src[i]!] as const).sort((p, q) => p[0] - q[0]);
  for (const [d, s] of pairs) order[d] = s;
  let r = 0;
  for (let i = 0; i < a.ndim; i++) if (order[i] === undefined) order[i] = rest[r++]!;
  return transpose(a, order);
}

export function swapaxes(x: ArrayLike, axis1: number, axis2: number): NDArray {
  const a = operand(x, "swapaxes");
  const p = a.shape.map((_, i) => i);
  const i = normalizeAxis("swapaxes", axis1, a.ndim),
    j = normalizeAxis("swapaxes", axis2, a.ndim);
  [p[i], p[j]] = [p[j]!, p[i]!];
  return transpose(a, p);
}

export function tile(x: ArrayLike, reps: number | number[]): NDArray {
  let a = operand(x, "tile");
  if (typeof reps !== "number" && !Array.isArray(reps))
    throw argumentError.invalid("tile", `reps must be an integer or a list of integers, got ${describeValue(reps)}`);
  let r = typeof reps === "number" ? [reps] : reps.slice();
  if (r.some((v) => !Number.isInteger(v) || v < 0)) throw argumentError.invalid("tile", `reps must be non-negative integers, got [${r}]`);
  const nd = Math.max(a.ndim, r.length);
  a = reshapeTo(a, [...Array(nd - a.ndim).fill(1), ...a.shape]);
  r = [...Array(nd - r.length).fill(1), ...r];
  // (r0, d0, r1, d1, ...) then merge pairs
  const shape = a.shape.flatMap((d, i) => [r[i]!, d]);
  checkSize("tile", shape);
  const b = bind("broadcast_in_dim", [a], { shape, broadcastDimensions: a.shape.map((_, i) => 2 * i + 1) });
  return reshapeTo(
    b,
    a.shape.map((d, i) => dimMul(d, r[i]!) as number),
  );
}

export function repeat(x: ArrayLike, repeats: number | number[], axis: number | null = null): NDArray {
  let a = operand(x, "repeat");
  if (axis === null) {
    a = reshapeTo(a, [a.size]);
    axis = 0;
  }
  const ax = normalizeAxis("repeat", axis, a.ndim);
  const n = a.shape[ax];
  if (typeof repeats !== "number" && !Array.isArray(repeats))
    throw argumentError.invalid("repeat", `repeats must be an integer or a list of integers, got ${describeValue(repeats)}`);
  if (typeof repeats === "number" || repeats.length === 1) {
    const k = typeof repeats === "number" ? repeats : repeats[0]!;
    if (!Number.isInteger(k) || k < 0) throw argumentError.invalid("repeat", `repeats must be a non-negative integer, got ${k}`);
    const shape = [...a.shape.slice(0, ax + 1), k, ...a.shape.slice(ax + 1)];
    checkSize("repeat", shape);
    const dims = a.shape.map((_, i) => (i <= ax ? i : i + 1));
    const b = bind("broadcast_in_dim", [a], { shape, broadcastDimensions: dims });
    return reshapeTo(
      b,
      a.shape.map((d, i) => (i === ax ? (dimMul(d, k) as number) : d)),
    );
  }
  // a list of repeats (a gather with concrete indices) needs a concrete axis length
  if (typeof n !== "number") throw shapeError.dimArithmetic("repeat", n!);
  if (repeats.length !== n) throw shapeError.rank("repeat", `repeats has length ${repeats.length}, expected ${n} for axis ${ax}`);
  const idx: number[] = [];
  checkSize("repeat", [...a.shape.slice(0, ax), repeats.reduce((s, k) => s + (Number.isInteger(k) && k > 0 ? k : 0), 0)]);
  repeats.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 0) throw argumentError.invalid("repeat", `repeats must be non-negative integers`);
    for (let j = 0; j < k; j++) idx.push(i);
  });
  return bind("gather", [a, intIndex(idx)], { axis: ax });
}

import { NDArray as NDArrayClass } from "../ndarray.js";
export function intIndex(idx: number[]): NDArray {
  return new NDArrayClass(Int32Array.from(idx), [idx.length], "int32");
}

/** NumPy's pad_width: n, [before, after], [[before, after], ...] per axis, or (NumPy 2) {axis: width}. */
export type PadWidth = number | [number, number] | [number, number][] | number[][] | Record<number, number | [number, number]>;
export type PadMode = "constant" | "edge" | "reflect" | "symmetric" | "wrap";
export function pad(x: ArrayLike, padWidth: PadWidth, opts: { mode?: PadMode; constantValues?: number } = {}): NDArray {
  const a = operand(x, "pad");
  const pw = normalizePad(a.ndim, padWidth);
  checkSize(
    "pad",
    a.shape.map((d, i) => dimAdd(dimAdd(d, pw[i]![0]), pw[i]![1]) as number),
  );
  const mode = opts.mode ?? "constant";
  if (mode === "edge") {
    let out = a;
    pw.forEach(([lo, hi], ax) => {
      if (lo === 0 && hi === 0) return;
      if (out.shape[ax] === 0) throw shapeError.empty("pad", "can't extend empty axis using mode 'edge'");
      const first = sliceAxis(out, ax, 0, 1, 1),
        last = sliceAxis(out, ax, dimSub(out.shape[ax]!, 1) as number, out.shape[ax]!, 1);
      const parts = [repeat(first, lo, ax), out, repeat(last, hi, ax)];
      out = bind("concatenate", parts, { axis: ax });
    });
    return out;
  }
  if (mode === "reflect" || mode === "symmetric" || mode === "wrap") {
    let out = a;
    pw.forEach(([lo, hi], ax) => {
      if (lo === 0 && hi === 0) return;
      if (out.shape[ax] === 0) throw shapeError.empty("pad", `can't extend empty axis using mode '${mode}'`);
      // NumPy pads in rounds no wider than the current axis (so wide pads reflect repeatedly)
      while (lo > 0 || hi > 0) {
        const n = out.shape[ax]!;
        // the rounds depend on the axis length: a symbolic one has no concrete plan of rounds
        if (typeof n !== "number") throw shapeError.dimArithmetic(`pad (mode '${mode}')`, n);
        const room = mode === "reflect" ? Math.max(n - 1, 0) : n;
        if (room === 0) {
          // a length-1 axis reflects onto itself
          out = pad(out, out.shape.map((_, i) => (i === ax ? [lo, hi] : [0, 0])) as [number, number][], { mode: "edge" });
          break;
        }
        const l = Math.min(lo, room!),
          h = Math.min(hi, room!);
        const rev = (v: NDArray) => bind("rev", [v], { axes: [ax] });
        let left: NDArray, right: NDArray;
        if (mode === "wrap") {
          left = sliceAxis(out, ax, n - l, n, 1);
          right = sliceAxis(out, ax, 0, h, 1);
        } else if (mode === "reflect") {
          left = rev(sliceAxis(out, ax, 1, 1 + l, 1));
          right = rev(sliceAxis(out, ax, n - 1 - h, n - 1, 1));
        } else {
          left = rev(sliceAxis(out, ax, 0, l, 1));
          right = rev(sliceAxis(out, ax, n - h, n, 1));
        }
        out = bind("concatenate", [left, out, right], { axis: ax });
        lo -= l;
        hi -= h;
      }
    });
    return out;
  }
  if (mode !== "constant")
    throw argumentError.invalid("pad", `mode '${String(mode)}' is not supported (constant, edge, reflect, symmetric, wrap)`);
  const v = convert(operand(opts.constantValues ?? 0, "pad"), a.dtype, a.weakType);
  return bind("pad", [a, v], { lo: pw.map((p) => p[0]), hi: pw.map((p) => p[1]) });
}
function normalizePad(nd: number, pw: PadWidth): [number, number][] {
  const bad = () =>
    argumentError.invalid(
      "pad",
      `pad_width must be an integer, a pair, a list of pairs (one per axis) or {axis: width}, ` + `got ${describeValue(pw)}`,
    );
  // one entry: n | [n] | [before, after]
  const pair = (p: unknown): [number, number] => {
    if (typeof p === "number") return [p, p];
    if (Array.isArray(p) && (p.length === 1 || p.length === 2)) return [p[0], p[p.length - 1]];
    throw bad();
  };
  let pairs: [number, number][];
  if (typeof pw === "number") pairs = Array.from({ length: nd }, () => [pw, pw]);
  else if (Array.isArray(pw)) {
    if (pw.length >= 1 && pw.length <= 2 && pw.every((p) => typeof p === "number")) {
      const p = pair(pw);
      pairs = Array.from({ length: nd }, () => p);
    } else if (pw.length === 1) {
      const p = pair(pw[0]);
      pairs = Array.from({ length: nd }, () => p);
    } else pairs = (pw as unknown[]).map(pair);
  } else if (pw !== null && typeof pw === "object" && !ArrayBuffer.isView(pw)) {
    // NumPy 2: {axis: width}, unlisted axes unpadded, negative axes allowed
    pairs = Array.from({ length: nd }, () => [0, 0]);
    for (const [k, p] of Object.entries(pw)) {
      const ax = normalizeAxis("pad", Number(k), nd);
      pairs[ax] = pair(p);
    }
  } else throw bad();
  if (pairs.length !== nd) throw shapeError.rank("pad", `pad_width has ${pairs.length} entries for an array of dimension ${nd}`);
  for (const [lo, hi] of pairs) {
    if (typeof lo !== "number" || typeof hi !== "number" || !Number.isInteger(lo) || !Number.isInteger(hi))
      throw argumentError.invalid("pad", `pad widths must be integers, got ${describeValue(pw)}`);
    if (lo < 0 || hi < 0) throw argumentError.invalid("pad", "index can't contain negative values");
  }
  return pairs;
}
