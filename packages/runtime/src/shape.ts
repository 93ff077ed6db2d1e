// Shape arithmetic of the numpy layer. Shapes are typed `number[]`, but during a symbolic trace
// (traceSymbolic) a dim may be an interned SymDim (README "Symbolic dimensions"): `===` stays structural
// equality, JS arithmetic on one throws NJ115, and the helpers here take their dims.ts path on a symbol
// after a number fast path.
import { argumentError, shapeError } from "./errors.js";
import { SymDim } from "./core/dims.js";
import { broadcastDims, dimsSize } from "./core/shape-rules.js";
import { currentShapeEnv } from "./core/shape-env.js";

export type Shape = readonly number[];

/** The element count; a symbolic shape gives a symbolic count (typed as a number, see the header). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (typeof d !== "number") return dimsSize(shape) as number;
    n *= d;
  }
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i]!;
  }
  return st;
}

/** Equal shapes; on symbolic dims this is `dimEq` per dim (SymDims are interned, `===` is structural). */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NumPy broadcasting of two shapes (right-aligned; 1 stretches). */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  if (shapesEqual(a, b)) return a as number[];
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)]!;
    const db = i < n - b.length ? 1 : b[i - (n - b.length)]!;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else if (typeof da === "number" && typeof db === "number") throw shapeError.broadcast(op, a, b);
    else return broadcastDims(op, a, b, currentShapeEnv()) as number[];
  }
  return out;
}

/** Two dims that certainly differ: unequal numbers (symbolic ones are left to the shape rules to unify). */
export const knownUnequal = (d: number | undefined, e: number | undefined): boolean =>
  d !== e && typeof d === "number" && typeof e === "number";

export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis)) throw argumentError.invalid(op, `axis must be an integer, got ${describeValue(axis)}`);
  if (axis < -ndim || axis >= ndim) throw shapeError.axis(op, axis, ndim);
  return axis < 0 ? axis + ndim : axis;
}

/** Normalize `axis` (null = all, number, or list) into a sorted list of distinct axes. */
export function normalizeAxes(op: string, axis: number | readonly number[] | null | undefined, ndim: number): number[] {
  if (axis === null || axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : axis;
  if (!Array.isArray(list))
    throw argumentError.invalid(op, `axis must be an integer, a list of integers or null, got ${describeValue(axis)}`);
  const out: number[] = [];
  for (const a of list) {
    const n = normalizeAxis(op, a, ndim);
    if (out.includes(n)) throw shapeError.duplicateAxis(op, a);
    out.push(n);
  }
  return out.sort((x, y) => x - y);
}

export function checkShape(op: string, shape: unknown): number[] {
  const list = typeof shape === "number" ? [shape] : shape;
  if (!Array.isArray(list)) throw shapeError.rank(op, `shape must be a number or an array of numbers, got ${describeValue(shape)}`);
  let size = 1;
  for (const d of list) {
    if (d instanceof SymDim) continue; // a dim of a traced array: >= 1 by construction
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0)
      throw shapeError.rank(op, `invalid dimension ${describeValue(d)} in shape [${list.map(describeValue).join(", ")}]`);
    size *= d;
  }
  if (size > MAX_SIZE)
    throw argumentError.size(op, `shape [${list.join(", ")}] has ${size} elements, more than an array can hold (${MAX_SIZE})`);
  return list.slice();
}

/** The largest element count numjit allocates (typed arrays index with 32-bit-safe lengths). */
export const MAX_SIZE = 2 ** 31 - 1;

/** An op's output shape computed from user sizes (tile reps, pad widths, outer products) must be allocatable. */
export function checkSize(op: string, shape: readonly number[]): void {
  const size = sizeOf(shape);
  if (typeof size !== "number") return; // symbolic: checked at call time, on the bound sizes
  if (size > MAX_SIZE)
    throw argumentError.size(
      op,
      `the result of shape (${shape.join(", ")}) has ${size} elements, ` + `more than an array can hold (${MAX_SIZE})`,
    );
}

/** A value as error messages show it: strings quoted, so axis "0" is not mistaken for 0. */
export function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(describeValue).join(", ")}]`;
  if (v !== null && typeof v === "object") return (v as object).constructor?.name ?? "object";
  return String(v);
}

type Buf = { [i: number]: number };

/** dst[...] = src[...] over `shape`, both read/written through their own offsets and strides. */
export function copyStridedInto(
  shape: Shape,
  dst: Buf,
  dstOffset: number,
  dstStrides: readonly number[],
  src: Buf,
  srcOffset: number,
  srcStrides: readonly number[],
): void {
  const nd = shape.length;
  if (sizeOf(shape) === 0) return;
  if (nd === 0) {
    dst[dstOffset] = src[srcOffset]!;
    return;
  }
  const last = nd - 1,
    inner = shape[last]!,
    dis = dstStrides[last]!,
    sis = srcStrides[last]!;
  const idx = new Array<number>(nd).fill(0);
  let dbase = dstOffset,
    sbase = srcOffset;
  for (;;) {
    for (let i = 0, p = dbase, q = sbase; i < inner; i++, p += dis, q += sis) dst[p] = src[q]!;
    let d = last - 1;
    for (; d >= 0; d--) {
      idx[d]!++;
      dbase += dstStrides[d]!;
      sbase += srcStrides[d]!;
      if (idx[d]! < shape[d]!) break;
      dbase -= dstStrides[d]! * shape[d]!;
      sbase -= srcStrides[d]! * shape[d]!;
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}
