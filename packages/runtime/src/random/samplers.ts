// Samplers on top of the Threefry bits, each the same arithmetic as jax/_src/random/core.py (JAX 0.10.2):
// uniform from mantissa bits, normal = sqrt(2) erfinv(u), truncated normal by inverting erf, bernoulli,
// gumbel, exponential, categorical (gumbel argmax) and randint (two words of bits modulo the span).
import { type DTypeLike, checkDType, isInteger } from "../dtype.js";
import { argumentError, dtypeError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { shiftLeft, shiftRightLogical } from "../lax/bitwise.js";
import {
  add,
  bitwiseAnd,
  bitwiseOr,
  clip,
  less,
  lessEqual,
  log,
  log1p,
  maximum,
  mod,
  multiply,
  negative,
  subtract,
  where,
} from "../numpy/elementwise.js";
import { full } from "../numpy/creation.js";
import { argmax } from "../numpy/reductions.js";
import { expandDims } from "../numpy/shape-ops.js";
import { asarray, describe } from "../numpy/util.js";
import { type Shape, bits, bits64, checkKey, checkShape, split } from "./threefry.js";
import { erf, nextAfter } from "./scalar-math.js";

export type FloatDType = "float32" | "float64";
export interface DTypeOption {
  dtype?: DTypeLike;
}

export function floatDType(op: string, opts: DTypeOption): FloatDType {
  const dt = opts.dtype === undefined ? "float32" : checkDType(opts.dtype, `random.${op}`);
  if (dt !== "float32" && dt !== "float64") throw dtypeError.notAllowed(`random.${op}`, dt, "expects a float dtype (float32 or float64)");
  return dt;
}

/** A bound (number or array) as an array of `dtype`, as lax.convert_element_type does. */
export const asType = (x: number | NDArray, dtype: FloatDType): NDArray => (x instanceof NDArray ? x.astype(dtype) : asarray(x, { dtype }));

/** [0, 1): the top mantissa bits of fresh random bits (exact: a float32 has 23, a float64 52). */
function unitFloats(key: NDArray, shape: number[], dtype: FloatDType): NDArray {
  if (dtype === "float32") return multiply(shiftRightLogical(bits(key, shape), 9).astype("float32"), asarray(2 ** -23));
  // the 52 mantissa bits of the 64-bit word hi:lo are (hi >>> 12) : ((hi & 0xfff) << 20 | lo >>> 12)
  const [hi, lo] = bits64(key, shape);
  const top = multiply(shiftRightLogical(hi, 12).astype("float64"), asarray(2 ** -20, { dtype: "float64" }));
  const low = bitwiseOr(shiftLeft(bitwiseAnd(hi, 0xfff), 20), shiftRightLogical(lo, 12));
  return add(top, multiply(low.astype("float64"), asarray(2 ** -52, { dtype: "float64" })));
}

export interface UniformOptions extends DTypeOption {
  minval?: number | NDArray;
  maxval?: number | NDArray;
}

/** Uniform in [minval, maxval) (default [0, 1)). */
export function uniform(key: NDArray, shape: Shape = [], opts: UniformOptions = {}): NDArray {
  const dt = floatDType("uniform", opts);
  return uniformAs(checkKey("uniform", key), checkShape("uniform", shape), dt, opts.minval ?? 0, opts.maxval ?? 1);
}

export function uniformAs(key: NDArray, shape: number[], dt: FloatDType, minval: number | NDArray, maxval: number | NDArray): NDArray {
  const u = unitFloats(key, shape, dt);
  if (minval === 0 && maxval === 1) return u; // u * 1 + 0 and max(0, u) are u exactly
  const lo = asType(minval, dt),
    hi = asType(maxval, dt);
  const span = subtract(hi, lo);
  // XLA on CPU fuses u * span + lo into one multiply-add; for float32 a double computes it with one rounding
  const scaled =
    dt === "float32"
      ? add(multiply(u.astype("float64"), span.astype("float64")), lo.astype("float64")).astype("float32")
      : add(multiply(u, span), lo);
  return maximum(lo, scaled);
}

const SQRT2 = Math.SQRT2;
const erfInv = (x: NDArray): NDArray => bind("erf_inv", [x], {});

/** Standard normal: sqrt(2) erfinv(u) with u uniform in (-1, 1). */
export function normal(key: NDArray, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("normal", opts);
  const u = uniformAs(checkKey("normal", key), checkShape("normal", shape), dt, nextAfter(-1, 0, dt), 1);
  return multiply(asarray(SQRT2, { dtype: dt }), erfInv(u));
}

/** Standard normal truncated to (lower, upper); the bounds are numbers. `shape` defaults to []. */
export function truncatedNormal(key: NDArray, lower: number, upper: number, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("truncatedNormal", opts);
  for (const v of [lower, upper])
    if (typeof v !== "number" || Number.isNaN(v))
      throw argumentError.invalid("random.truncatedNormal", `lower and upper must be numbers, got ${describe(v)}`);
  const r = dt === "float32" ? Math.fround : (v: number) => v;
  const s2 = r(SQRT2);
  const a = r(erf(r(r(lower) / s2))),
    b = r(erf(r(r(upper) / s2)));
  const u = uniformAs(checkKey("truncatedNormal", key), checkShape("truncatedNormal", shape), dt, a, b);
  const out = multiply(asarray(s2, { dtype: dt }), erfInv(u));
  // rounding can land on a bound; clamp into the open interval as JAX does
  return clip(out, asarray(nextAfter(r(lower), Infinity, dt), { dtype: dt }), asarray(nextAfter(r(upper), -Infinity, dt), { dtype: dt }));
}

/** True with probability p (a number or float array); `shape` defaults to p's shape. */
export function bernoulli(key: NDArray, p: number | NDArray = 0.5, shape?: Shape): NDArray {
  const pa = p instanceof NDArray ? p : asarray(p, { dtype: "float32" });
  if (pa.dtype !== "float32" && pa.dtype !== "float64")
    throw dtypeError.notAllowed("random.bernoulli", pa.dtype, "p must be a float probability");
  const s = shape === undefined ? pa.shape.slice() : checkShape("bernoulli", shape);
  return less(uniformAs(checkKey("bernoulli", key), s, pa.dtype, 0, 1), pa);
}

export const TINY = { float32: 2 ** -126, float64: 2 ** -1022 };

/** Standard Gumbel: -log(-log(u)), u uniform in [tiny, 1). */
export function gumbel(key: NDArray, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("gumbel", opts);
  return gumbelAs(checkKey("gumbel", key), checkShape("gumbel", shape), dt);
}
function gumbelAs(key: NDArray, shape: number[], dt: FloatDType): NDArray {
  return negative(log(negative(log(uniformAs(key, shape, dt, TINY[dt], 1)))));
}

/** Standard exponential: -log1p(-u). */
export function exponential(key: NDArray, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("exponential", opts);
  return negative(log1p(negative(uniformAs(checkKey("exponential", key), checkShape("exponential", shape), dt, 0, 1))));
}

export interface CategoricalOptions {
  axis?: number;
  shape?: Shape;
}

/** Indices drawn with probabilities softmax(logits) along `axis` (the Gumbel-max trick), with replacement. */
export function categorical(key: NDArray, logits: NDArray, opts: CategoricalOptions = {}): NDArray {
  const k = checkKey("categorical", key);
  if (!(logits instanceof NDArray) || (logits.dtype !== "float32" && logits.dtype !== "float64"))
    throw argumentError.invalid("random.categorical", `logits must be a float NDArray, got ${describe(logits)}`);
  const nd = logits.ndim;
  const axisArg = opts.axis ?? -1;
  if (!Number.isInteger(axisArg) || axisArg < -nd || axisArg >= nd)
    throw argumentError.invalid("random.categorical", `axis ${axisArg} is out of bounds for logits of rank ${nd}`);
  const axis = axisArg < 0 ? axisArg + nd : axisArg;
  const batch = logits.shape.filter((_, i) => i !== axis);
  const shape = opts.shape === undefined ? batch : checkShape("categorical", opts.shape);
  const nPrefix = shape.length - batch.length;
  if (nPrefix < 0 || shape.slice(nPrefix).some((d, i) => d !== batch[i]))
    throw argumentError.invalid("random.categorical", `shape [${shape}] must end with the batch shape [${batch}] of the logits`);
  const gShape = [...shape.slice(0, nPrefix), ...batch.slice(0, axis), logits.shape[axis]!, ...batch.slice(axis)];
  const lead = [...Array(nPrefix).keys()];
  const g = gumbelAs(k, gShape, logits.dtype as FloatDType);
  return argmax(add(g, lead.length ? expandDims(logits, lead) : logits), nPrefix + axis);
}

/** Integers uniform in [minval, maxval) (JAX's algorithm: two words of bits reduced modulo the span). */
export function randint(key: NDArray, shape: Shape, minval: number | NDArray, maxval: number | NDArray, opts: DTypeOption = {}): NDArray {
  const k = checkKey("randint", key);
  const s = checkShape("randint", shape);
  const dt = opts.dtype === undefined ? "int32" : checkDType(opts.dtype, "random.randint");
  if (dt !== "int32" && dt !== "uint32") throw dtypeError.notAllowed("random.randint", dt, "expects an integer dtype (int32 or uint32)");
  // clip into the dtype's range rather than wrap (JAX's _convert_and_clip_integer): float -> int casts saturate
  const bound = (v: number | NDArray, what: string): NDArray => {
    if (v instanceof NDArray && isInteger(v.dtype)) return v.astype("float64").astype(dt);
    if (typeof v === "number" && Number.isFinite(v)) return asarray(Math.trunc(v), { dtype: "float64" }).astype(dt);
    throw argumentError.invalid("random.randint", `${what} must be an integer or an integer array, got ${describe(v)}`);
  };
  const lo = bound(minval, "minval"),
    hi = bound(maxval, "maxval");
  const [k1, k2] = split(k);
  const higher = bits(k1!, s),
    lower = bits(k2!, s);
  // span = maxval - minval as uint32 (1 when maxval <= minval, so minval is returned)
  const span = where(lessEqual(hi, lo), full([], 1, { dtype: "uint32" }), subtract(hi, lo).astype("uint32"));
  // (higher * 2^32 + lower) mod span, with 2^32 mod span = (2^16 mod span)^2 mod span
  let m = mod(asarray(65536, { dtype: "uint32" }), span);
  m = mod(multiply(m, m), span);
  const offset = mod(add(multiply(mod(higher, span), m), mod(lower, span)), span);
  return add(lo, offset.astype(dt));
}
