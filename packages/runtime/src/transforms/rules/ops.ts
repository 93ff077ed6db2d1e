// Raw primitive helpers for writing rules. Rules bind primitives directly (no NumPy promotion or
// broadcasting) so the programs they stage are exactly what the math says, and so that every rule
// is itself traceable: a rule applied to tracers of another transformation is transformed too.
import { type DType, allocate } from "../../dtype.js";
import { NDArray, scalarArray } from "../../ndarray.js";
import { isTracing, bind } from "../../core/trace.js";
import { shapesEqual } from "../../shape.js";

export type Arr = NDArray;

export const add = (a: Arr, b: Arr): Arr => bind("add", [a, b], {});
export const sub = (a: Arr, b: Arr): Arr => bind("sub", [a, b], {});
export const mul = (a: Arr, b: Arr): Arr => bind("mul", [a, b], {});
export const div = (a: Arr, b: Arr): Arr => bind("div", [a, b], {});
export const neg = (a: Arr): Arr => bind("neg", [a], {});
export const select = (p: Arr, a: Arr, b: Arr): Arr => bind("select", [p, a, b], {});
export const eq = (a: Arr, b: Arr): Arr => bind("eq", [a, b], {});
export const gt = (a: Arr, b: Arr): Arr => bind("gt", [a, b], {});
export const lt = (a: Arr, b: Arr): Arr => bind("lt", [a, b], {});

export function convert(x: Arr, dtype: DType, weakType = false): Arr {
  if (x.dtype === dtype && x.weakType === weakType) return x;
  return bind("convert_element_type", [x], { dtype, weakType });
}

/** A size as a strong int32 0-d value; a symbolic size (traceSymbolic) is its `dim_value`. */
export function sizeScalar(d: number): Arr {
  return typeof d === "number" ? scalarArray(d, "int32", false) : bind("dim_value", [], { dim: d, weakType: false });
}

export function broadcastInDim(x: Arr, shape: readonly number[], dims: number[]): Arr {
  if (shapesEqual(x.shape, shape) && dims.every((d, i) => d === i)) return x;
  return bind("broadcast_in_dim", [x], { shape: shape.slice(), broadcastDimensions: dims });
}

export function reshape(x: Arr, shape: readonly number[]): Arr {
  return shapesEqual(x.shape, shape) ? x : bind("reshape", [x], { shape: shape.slice() });
}

export function transpose(x: Arr, perm: number[]): Arr {
  return perm.every((p, i) => p === i) ? x : bind("transpose", [x], { perm });
}

export function reduceSum(x: Arr, axes: number[]): Arr {
  return axes.length ? bind("reduce_sum", [x], { axes: [...axes].sort((a, b) => a - b) }) : x;
}

/** A 0-d constant of x's dtype (weak, so it never strengthens what it meets). */
export function scalarOf(v: number, like: { dtype: DType }): Arr {
  return scalarArray(v, like.dtype, true);
}

/** A constant of `like`'s shape and dtype: a broadcast scalar (free inside fused kernels). */
export function full(v: number, like: { shape: readonly number[]; dtype: DType }): Arr {
  return broadcastInDim(scalarOf(v, like), like.shape, []);
}

/** Zeros of an aval: a broadcast literal while tracing, a dense array when eager. */
export function zerosLike(like: { shape: readonly number[]; dtype: DType; weakType?: boolean }): Arr {
  if (isTracing()) return full(0, like);
  const data = allocate(
    like.dtype,
    like.shape.reduce((a, b) => a * b, 1),
  );
  return new NDArray(data, like.shape.slice(), like.dtype, undefined, 0, like.weakType ?? false);
}

/** A bool mask as 0/1 of the given float dtype. */
export function maskOf(m: Arr, dtype: DType): Arr {
  return convert(m, dtype, false);
}

/** pad(x, value, lo, hi) where value is a JS number of x's dtype; negative lo/hi crop. */
export function padWith(x: Arr, value: number, lo: number[], hi: number[]): Arr {
  if (lo.every((v) => v === 0) && hi.every((v) => v === 0)) return x;
  return bind("pad", [x, scalarArray(value, x.dtype, x.weakType)], { lo, hi });
}

export function sliceAll(x: Arr, starts: number[], limits: number[], strides?: number[]): Arr {
  const st = strides ?? x.shape.map(() => 1);
  if (starts.every((s, i) => s === 0 && limits[i] === x.shape[i] && st[i] === 1)) return x;
  return bind("slice", [x], { starts, limits, strides: st });
}

export function isFloat(d: DType): boolean {
  return d === "float32" || d === "float64";
}

/** Tangent arithmetic with symbolic zeros: null is an exact zero. */
export function tadd(a: Arr | null, b: Arr | null): Arr | null {
  if (a === null) return b;
  if (b === null) return a;
  return add(a, b);
}
export function tmap(t: Arr | null, f: (t: Arr) => Arr): Arr | null {
  return t === null ? null : f(t);
}

/** Positions of `dims` removed from 0..n-1. */
export function complement(n: number, dims: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!dims.includes(i)) out.push(i);
  return out;
}

export function invertPerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}
