// Elementwise and small matrix conveniences NumPy/JAX users expect by name (the jax-js numpy surface):
// trunc, rint, cbrt, hypot, logaddexp, sinc, copysign, signbit, fmod, fmax/fmin, heaviside, frexp/ldexp,
// diag, tri, matvec, ..., composed from the core functions so that jit/grad/vmap see through them.
import { type DType, type DTypeLike, checkDType, isFloat } from "../dtype.js";
import { argumentError, dtypeError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import {
  abs,
  add,
  arccos,
  arccosh,
  arcsin,
  arcsinh,
  arctan,
  arctan2,
  arctanh,
  ceil,
  divide,
  equal,
  exp,
  exp2,
  floor,
  floorDivide,
  greater,
  greaterEqual,
  isinf,
  isnan,
  less,
  log1p,
  log2,
  logicalAnd,
  logicalNot,
  logicalOr,
  maximum,
  minimum,
  mod,
  multiply,
  negative,
  notEqual,
  power,
  round,
  sign,
  sin,
  sqrt,
  subtract,
  where,
} from "./elementwise.js";
import { sum } from "./reductions.js";
import { convert, operand, reshapeTo } from "./util.js";
import { concatenate, expandDims, ravel, swapaxes } from "./shape-ops.js";
import { arange, iota } from "./creation.js";
import { diagonal, matmul } from "./linalg.js";
import { take } from "./indexing.js";

export { arccos as acos, arcsin as asin, arctan as atan, arctan2 as atan2, arccosh as acosh, arcsinh as asinh, arctanh as atanh };
export const eulerGamma = 0.5772156649015329;

function floatArg(x: ArrayLike, op: string): NDArray {
  const a = operand(x, op);
  return isFloat(a.dtype) ? a : convert(a, "float32", a.weakType);
}

export function astype(x: ArrayLike, dtype: DTypeLike): NDArray {
  return convert(operand(x, "astype"), checkDType(dtype, "astype"), false);
}
/** Round toward zero (ints unchanged). */
export function trunc(x: ArrayLike): NDArray {
  const a = operand(x, "trunc");
  return isFloat(a.dtype) ? where(less(a, 0), ceil(a), floor(a)) : a;
}
/** Round half to even, as np.round with 0 decimals. */
export function rint(x: ArrayLike): NDArray {
  return round(x);
}
export function cbrt(x: ArrayLike): NDArray {
  const a = floatArg(x, "cbrt");
  return multiply(sign(a), power(abs(a), 1 / 3));
}
/** sqrt(a^2 + b^2) without overflow: the larger magnitude times sqrt(1 + ratio^2). */
export function hypot(a: ArrayLike, b: ArrayLike): NDArray {
  const x = abs(floatArg(a, "hypot")),
    y = abs(floatArg(b, "hypot"));
  const hi = maximum(x, y),
    lo = minimum(x, y);
  const safe = where(equal(hi, 0), 1, hi);
  const r = multiply(hi, sqrt(add(1, power(divide(lo, safe), 2))));
  return where(logicalOr(isinf(x), isinf(y)), Infinity, r);
}
/** log(exp(a) + exp(b)), stable; equal infinities give themselves. */
export function logaddexp(a: ArrayLike, b: ArrayLike): NDArray {
  const x = floatArg(a, "logaddexp"),
    y = floatArg(b, "logaddexp");
  const m = maximum(x, y);
  const same = logicalAnd(isinf(m), equal(x, y));
  const d = where(same, 0, abs(subtract(x, y)));
  return where(same, m, add(m, log1p(exp(negative(d)))));
}
/** log2(2^a + 2^b), stable. */
export function logaddexp2(a: ArrayLike, b: ArrayLike): NDArray {
  const x = floatArg(a, "logaddexp2"),
    y = floatArg(b, "logaddexp2");
  const m = maximum(x, y);
  const same = logicalAnd(isinf(m), equal(x, y));
  const d = where(same, 0, abs(subtract(x, y)));
  return where(same, m, add(m, divide(log1p(exp2(negative(d))), Math.LN2)));
}
/** sin(pi x) / (pi x), 1 at 0. */
export function sinc(x: ArrayLike): NDArray {
  const a = floatArg(x, "sinc");
  const zero = equal(a, 0);
  const px = multiply(Math.PI, where(zero, 1, a));
  return where(zero, 1, divide(sin(px), px));
}
/** True where the sign bit is set (negative numbers and -0). */
export function signbit(x: ArrayLike): NDArray {
  const a = operand(x, "signbit");
  if (!isFloat(a.dtype)) return less(a, 0);
  return logicalOr(less(a, 0), logicalAnd(equal(a, 0), less(divide(1, a), 0)));
}
/** |a| with the sign of b. */
export function copysign(a: ArrayLike, b: ArrayLike): NDArray {
  const x = floatArg(a, "copysign");
  return where(signbit(b), negative(abs(x)), abs(x));
}
/** C's fmod: the remainder takes the dividend's sign (np.mod takes the divisor's). */
export function fmod(a: ArrayLike, b: ArrayLike): NDArray {
  const x = operand(a, "fmod"),
    y = operand(b, "fmod");
  const r = mod(x, y);
  const fix = logicalAnd(notEqual(r, 0), notEqual(less(r, 0), less(x, 0)));
  return where(fix, subtract(r, y), r);
}
/** Maximum ignoring NaN (NaN only where both are NaN). */
export function fmax(a: ArrayLike, b: ArrayLike): NDArray {
  const x = operand(a, "fmax"),
    y = operand(b, "fmax");
  return where(isnan(y), x, where(isnan(x), y, maximum(x, y)));
}
export function fmin(a: ArrayLike, b: ArrayLike): NDArray {
  const x = operand(a, "fmin"),
    y = operand(b, "fmin");
  return where(isnan(y), x, where(isnan(x), y, minimum(x, y)));
}
/** 0 for x < 0, h0 at 0, 1 for x > 0 (NaN stays NaN). */
export function heaviside(x: ArrayLike, h0: ArrayLike): NDArray {
  const a = floatArg(x, "heaviside");
  return where(isnan(a), a, where(less(a, 0), 0, where(greater(a, 0), 1, h0)));
}
/** a ** b in floating point (int/bool promote to float32, as JAX). */
export function floatPower(a: ArrayLike, b: ArrayLike): NDArray {
  return power(floatArg(a, "float_power"), floatArg(b, "float_power"));
}
export function divmod(a: ArrayLike, b: ArrayLike): [NDArray, NDArray] {
  return [floorDivide(a, b), mod(a, b)];
}
/** [fractional part, integral part], both with x's sign. */
export function modf(x: ArrayLike): [NDArray, NDArray] {
  const a = floatArg(x, "modf");
  const i = trunc(a);
  return [where(isinf(a), multiply(sign(a), 0), subtract(a, i)), i];
}
/** x * 2**i. */
export function ldexp(x: ArrayLike, i: ArrayLike): NDArray {
  const e = operand(i, "ldexp");
  if (isFloat(e.dtype)) throw dtypeError.notAllowed("ldexp", e.dtype, "the exponent must be an integer array");
  const a = floatArg(x, "ldexp");
  return multiply(a, exp2(convert(e, a.dtype, false)));
}
/** [mantissa in [0.5, 1), int32 exponent] with x = m * 2**e; 0 -> [0, 0]; inf/NaN keep themselves and 0. */
export function frexp(x: ArrayLike): [NDArray, NDArray] {
  const a = floatArg(x, "frexp");
  const special = logicalOr(logicalOr(equal(a, 0), isinf(a)), isnan(a));
  const ax = where(special, 1, abs(a));
  let e = add(floor(log2(ax)), 1);
  let m = divide(ax, exp2(e));
  // log2 may be off by one ulp at powers of two: move m into [0.5, 1)
  const hiFix = greaterEqual(m, 1),
    loFix = less(m, 0.5);
  e = add(e, subtract(convert(hiFix, a.dtype, false), convert(loFix, a.dtype, false)));
  m = where(hiFix, divide(m, 2), where(loFix, multiply(m, 2), m));
  return [where(special, a, multiply(sign(a), m)), convert(where(special, 0, e), "int32", false)];
}

/** A 1-d input on the k-th diagonal of a square matrix, or the k-th diagonal of a 2-d input. */
export function diag(v: ArrayLike, k = 0): NDArray {
  const a = operand(v, "diag");
  if (!Number.isInteger(k)) throw argumentError.invalid("diag", `k must be an integer, got ${describeValue(k)}`);
  if (a.ndim === 2) return diagonal(a, k);
  if (a.ndim !== 1) throw shapeError.rank("diag", `input must be 1-d or 2-d, got ${a.ndim}-d`);
  const n = a.size + Math.abs(k);
  const i = iota([n, n], 0),
    j = iota([n, n], 1);
  const on = equal(subtract(j, i), k);
  const src = k >= 0 ? i : j;
  const vals = a.size === 0 ? convert(on, a.dtype, false) : take(a, minimum(src, Math.max(a.size - 1, 0)));
  return where(on, vals, convert(operand(0, "diag"), a.dtype, a.weakType));
}
export function diagflat(v: ArrayLike, k = 0): NDArray {
  return diag(ravel(operand(v, "diagflat")), k);
}
/** The index arrays of the main diagonal of an n^ndim array. */
export function diagIndices(n: number, ndim = 2): NDArray[] {
  return Array.from({ length: ndim }, () => arange(n));
}
export function diagIndicesFrom(x: ArrayLike): NDArray[] {
  const a = operand(x, "diag_indices_from");
  if (a.ndim < 2 || a.shape.some((d) => d !== a.shape[0]))
    throw shapeError.rank("diag_indices_from", "all dimensions of input must be of equal length");
  return diagIndices(a.shape[0]!, a.ndim);
}
/** Ones at and below the k-th diagonal of an N x M matrix (float32 unless dtype). */
export function tri(N: number, M: number | null = null, k = 0, opts: { dtype?: DTypeLike } = {}): NDArray {
  const m = M ?? N;
  const dt: DType = opts.dtype === undefined ? "float32" : checkDType(opts.dtype, "tri");
  return convert(logicalNot(greater(subtract(iota([N, m], 1), iota([N, m], 0)), k)), dt, false);
}
/** values appended to arr (both flattened when axis is null). */
export function append(arr: ArrayLike, values: ArrayLike, axis: number | null = null): NDArray {
  const a = operand(arr, "append"),
    v = operand(values, "append");
  return axis === null ? concatenate([ravel(a), ravel(v)]) : concatenate([a, v], axis);
}
export function matrixTranspose(x: ArrayLike): NDArray {
  const a = operand(x, "matrix_transpose");
  if (a.ndim < 2) throw shapeError.rank("matrix_transpose", `input must be at least 2-d, got ${a.ndim}-d`);
  return swapaxes(a, -1, -2);
}
/** Matrix-vector product over the last axes, batch axes broadcast. */
export function matvec(m: ArrayLike, v: ArrayLike): NDArray {
  const r = matmul(m, expandDims(operand(v, "matvec"), -1));
  return reshapeTo(r, r.shape.slice(0, -1));
}
export function vecmat(v: ArrayLike, m: ArrayLike): NDArray {
  const r = matmul(expandDims(operand(v, "vecmat"), -2), m);
  return reshapeTo(r, [...r.shape.slice(0, -2), r.shape[r.shape.length - 1]!]);
}
/** sum(a * b) along `axis` (real inputs: no conjugation needed). */
export function vecdot(a: ArrayLike, b: ArrayLike, axis = -1): NDArray {
  return sum(multiply(a, b), axis);
}
export function isposinf(x: ArrayLike): NDArray {
  const a = operand(x, "isposinf");
  return logicalAnd(isinf(a), greater(a, 0));
}
export function isneginf(x: ArrayLike): NDArray {
  const a = operand(x, "isneginf");
  return logicalAnd(isinf(a), less(a, 0));
}

/** Machine limits of a float dtype (NumPy's finfo). */
export function finfo(dtype: DTypeLike): {
  dtype: DType;
  bits: number;
  eps: number;
  max: number;
  min: number;
  tiny: number;
  smallestNormal: number;
  resolution: number;
} {
  const dt = checkDType(dtype, "finfo");
  if (dt === "float64")
    return {
      dtype: dt,
      bits: 64,
      eps: 2 ** -52,
      max: Number.MAX_VALUE,
      min: -Number.MAX_VALUE,
      tiny: 2 ** -1022,
      smallestNormal: 2 ** -1022,
      resolution: 1e-15,
    };
  if (dt !== "float32") throw dtypeError.notAllowed("finfo", dt, "finfo is for float dtypes (use iinfo)");
  const max = 3.4028234663852886e38;
  return { dtype: dt, bits: 32, eps: 2 ** -23, max, min: -max, tiny: 2 ** -126, smallestNormal: 2 ** -126, resolution: 1e-6 };
}
/** Limits of an integer dtype (NumPy's iinfo). */
export function iinfo(dtype: DTypeLike): { dtype: DType; bits: number; min: number; max: number } {
  const dt = checkDType(dtype, "iinfo");
  if (dt === "int32") return { dtype: dt, bits: 32, min: -2147483648, max: 2147483647 };
  if (dt === "bool") return { dtype: dt, bits: 8, min: 0, max: 1 };
  throw dtypeError.notAllowed("iinfo", dt, "iinfo is for integer dtypes (use finfo)");
}
export function deg2rad(x: ArrayLike): NDArray {
  return multiply(floatArg(x, "deg2rad"), Math.PI / 180);
}
export function rad2deg(x: ArrayLike): NDArray {
  return multiply(floatArg(x, "rad2deg"), 180 / Math.PI);
}
export const radians = deg2rad;
export const degrees = rad2deg;
