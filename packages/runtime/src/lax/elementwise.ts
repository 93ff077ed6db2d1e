// lax's elementwise functions (JAX's lax.add, lax.sin, lax.div, ...): no promotion (operands share a dtype,
// JS scalars adapt, see operands.ts), each op's accepted dtypes, then one primitive or a composition of them,
// so that jit, grad and vmap see through. XLA's integer corners: lax.div rounds toward zero, lax.rem takes
// the dividend's sign; lax.round rounds half away from zero unless TO_NEAREST_EVEN is asked for.
import { argumentError, dtypeError, shapeError } from "../errors.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import type { BinaryOp, CompareOp, UnaryOp } from "../core/primitives.js";
import { bind } from "../core/trace.js";
import { describeValue, shapesEqual } from "../shape.js";
import { convert } from "../numpy/util.js";
import * as np from "../numpy/index.js";
import { cbrt as npCbrt, signbit, trunc } from "../numpy/math-extras.js";
import { bitcastConvertType } from "./bitcast.js";
import { shiftRightLogical } from "./bitwise.js";
import * as special from "../scipy-special.js";
import { type Accept, checkAccepts, elementwiseOperands, laxName, sameDtype, sameShape } from "./operands.js";

function unary(prim: UnaryOp, op: string, accept: Accept) {
  return (x: ArrayLike): NDArray => bind(prim, elementwiseOperands(op, [x], accept), {});
}
function binary(prim: BinaryOp | CompareOp, op: string, accept: Accept) {
  return (x: ArrayLike, y: ArrayLike): NDArray => bind(prim, elementwiseOperands(op, [x, y], accept), {});
}
/** A float function composed of numpy/scipy functions (which keep a float dtype as it is). */
function floatFn(op: string, f: (a: NDArray) => NDArray) {
  return (x: ArrayLike): NDArray => f(elementwiseOperands(op, [x], "float")[0]!);
}

export const neg = unary("neg", "neg", "number");
export const abs = unary("abs", "abs", "signed");
export const sign = unary("sign", "sign", "number");
export const floor = unary("floor", "floor", "float");
export const ceil = unary("ceil", "ceil", "float");
export const sqrt = unary("sqrt", "sqrt", "float");
export const exp = unary("exp", "exp", "float");
export const exp2 = unary("exp2", "exp2", "float");
export const expm1 = unary("expm1", "expm1", "float");
export const log = unary("log", "log", "float");
export const log1p = unary("log1p", "log1p", "float");
export const sin = unary("sin", "sin", "float");
export const cos = unary("cos", "cos", "float");
export const tan = unary("tan", "tan", "float");
export const asin = unary("asin", "asin", "float");
export const acos = unary("acos", "acos", "float");
export const atan = unary("atan", "atan", "float");
export const sinh = unary("sinh", "sinh", "float");
export const cosh = unary("cosh", "cosh", "float");
export const tanh = unary("tanh", "tanh", "float");
export const asinh = unary("asinh", "asinh", "float");
export const acosh = unary("acosh", "acosh", "float");
export const atanh = unary("atanh", "atanh", "float");
export const logistic = unary("logistic", "logistic", "float");
export const erfInv = unary("erf_inv", "erf_inv", "float");
const isFiniteOp = unary("is_finite", "is_finite", "float");
/** True where x is neither infinite nor NaN (lax.is_finite). */
export { isFiniteOp as isFinite };
export const erf = floatFn("erf", special.erf);
export const erfc = floatFn("erfc", special.erfc);
export const lgamma = floatFn("lgamma", special.gammaln);
export const digamma = floatFn("digamma", special.digamma);
export const cbrt = floatFn("cbrt", npCbrt);
export const rsqrt = floatFn("rsqrt", (a) => np.divide(1, np.sqrt(a)));
export const reciprocal = floatFn("reciprocal", (a) => np.divide(1, a));

export function square(x: ArrayLike): NDArray {
  const [a] = elementwiseOperands("square", [x], "number");
  return bind("mul", [a!, a!], {});
}

export const add = binary("add", "add", "number");
export const sub = binary("sub", "sub", "number");
export const mul = binary("mul", "mul", "number");
/** x / y; integers round toward zero (XLA's division: |x| // |y| with the quotient's sign). */
export function div(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = elementwiseOperands("div", [x, y], "number");
  if (a!.dtype !== "int32") return bind(a!.dtype === "uint32" ? "floor_divide" : "div", [a!, b!], {});
  const q = bind("floor_divide", [np.abs(a!), np.abs(b!)], {});
  return np.where(np.notEqual(np.less(a!, 0), np.less(b!, 0)), np.negative(q), q);
}
export const max = binary("max", "max", "any");
export const min = binary("min", "min", "any");
export const atan2 = binary("atan2", "atan2", "float");
export const eq = binary("eq", "eq", "any");
export const ne = binary("ne", "ne", "any");
export const lt = binary("lt", "lt", "any");
export const le = binary("le", "le", "any");
export const gt = binary("gt", "gt", "any");
export const ge = binary("ge", "ge", "any");

/** The remainder of x / y rounded toward zero: the dividend's sign, |rem| < |y| (C's fmod; exact for floats). */
export function rem(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = elementwiseOperands("rem", [x, y], "number");
  if (a!.dtype === "uint32") return bind("mod", [a!, b!], {});
  // on magnitudes numpy's mod (the divisor's sign) is fmod; the dividend's sign goes back on
  const r = np.mod(np.abs(a!), np.abs(b!));
  return np.where(a!.dtype === "int32" ? np.less(a!, 0) : signbit(a!), np.negative(r), r);
}

/** x ** y for a float x; y is x's dtype or an int32/uint32 array (JAX's lax.pow). */
export function pow(x: ArrayLike, y: ArrayLike): NDArray {
  if (y instanceof NDArray && (y.dtype === "int32" || y.dtype === "uint32")) {
    const [a] = elementwiseOperands("pow", [x], "float");
    return bind("pow", sameShape("pow", [a!, convert(y, a!.dtype, y.weakType)]), {});
  }
  return bind("pow", elementwiseOperands("pow", [x, y], "float"), {});
}

/** x ** y for a JS integer y, by repeated squaring (a negative y takes the reciprocal: floats only). */
export function integerPow(x: ArrayLike, y: number): NDArray {
  const [a] = elementwiseOperands("integer_pow", [x], "number");
  if (typeof y !== "number" || !Number.isInteger(y))
    throw argumentError.invalid(laxName("integer_pow"), `y must be a JS integer, got ${describeValue(y)}`);
  if (y < 0 && a!.dtype !== "float32" && a!.dtype !== "float64")
    throw dtypeError.notAllowed(laxName("integer_pow"), a!.dtype, `integers cannot be raised to negative powers (y = ${y})`);
  let acc: NDArray | null = null;
  let base = a!;
  for (let k = Math.abs(y); k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) acc = acc === null ? base : bind("mul", [acc, base], {});
    if (k > 1) base = bind("mul", [base, base], {});
  }
  const p = acc ?? np.onesLike(a!);
  return y < 0 ? np.divide(1, p) : p;
}

/** min(max(x, lo), hi); lo and hi are 0-d or x's shape, all one dtype. */
export function clamp(lo: ArrayLike, x: ArrayLike, hi: ArrayLike): NDArray {
  const [l, a, h] = sameDtype("clamp", [lo, x, hi]);
  checkAccepts("clamp", a!.dtype, "any");
  for (const bound of [l!, h!])
    if (bound.ndim > 0 && !shapesEqual(bound.shape, a!.shape)) throw shapeError.broadcast(laxName("clamp"), bound.shape, a!.shape);
  const [lb, ab, hb] = sameShape("clamp", [l!, a!, h!]);
  return bind("min", [bind("max", [ab!, lb!], {}), hb!], {});
}

/** How lax.round breaks ties (JAX's lax.RoundingMethod). */
export const RoundingMethod = { AWAY_FROM_ZERO: 0, TO_NEAREST_EVEN: 1 } as const;
export type RoundingMethodLike = 0 | 1 | "AWAY_FROM_ZERO" | "TO_NEAREST_EVEN";

/** Round to an integral float: halves away from zero (default) or to even. */
export function round(x: ArrayLike, roundingMethod: RoundingMethodLike = 0): NDArray {
  const [a] = elementwiseOperands("round", [x], "float");
  if (roundingMethod === 1 || roundingMethod === "TO_NEAREST_EVEN") return bind("round", [a!], {});
  if (roundingMethod !== 0 && roundingMethod !== "AWAY_FROM_ZERO")
    throw argumentError.invalid(
      laxName("round"),
      `roundingMethod must be AWAY_FROM_ZERO or TO_NEAREST_EVEN, got ${describeValue(roundingMethod)}`,
    );
  // x - trunc(x) is exact, so a half is seen exactly (x + 0.5 would round 0.49999997 up in float32)
  const t = trunc(a!);
  return np.where(np.greaterEqual(np.abs(np.subtract(a!, t)), 0.5), np.add(t, np.sign(a!)), t);
}

/**
 * The next representable float after x toward y (y itself when equal, NaN if either is NaN), stepping the
 * integer bits: float32 as one int32 word, float64 as its (low, high) uint32 words with a carry.
 */
export function nextafter(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = elementwiseOperands("nextafter", [x, y], "float");
  const up = np.equal(np.less(a!, b!), np.greater(a!, 0)); // away from zero in sign-magnitude bits
  let stepped: NDArray;
  if (a!.dtype === "float32") {
    const bits = bitcastConvertType(a!, "int32");
    stepped = bitcastConvertType(np.where(up, np.add(bits, 1), np.subtract(bits, 1)), "float32");
  } else {
    const words = bitcastConvertType(a!, "uint32");
    const lo = np.take(words, 0, -1),
      hi = np.take(words, 1, -1);
    const lo2 = np.where(up, np.add(lo, 1), np.subtract(lo, 1));
    const carry = np.where(up, np.equal(lo, 0xffffffff), np.equal(lo, 0));
    const hi2 = np.where(carry, np.where(up, np.add(hi, 1), np.subtract(hi, 1)), hi);
    stepped = bitcastConvertType(np.stack([lo2, hi2], -1), "float64");
  }
  const tiny = a!.dtype === "float32" ? 1.401298464324817e-45 : 5e-324;
  const t = np.array(tiny, { dtype: a!.dtype });
  const fromZero = np.where(np.greater(b!, 0), t, np.negative(t));
  const r = np.where(np.equal(a!, 0), fromZero, stepped);
  return np.where(np.logicalOr(np.isnan(a!), np.isnan(b!)), NaN, np.where(np.equal(a!, b!), b!, r));
}

/**
 * The high 32 bits of the 64-bit product of int32s (signed) or uint32s: the unsigned product from 16-bit
 * halves (Hacker's Delight mulhu), then minus y where x < 0 and x where y < 0 for signed operands.
 */
export function mulhi(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = elementwiseOperands("mulhi", [x, y], "int");
  const u = convert(a!, "uint32", false),
    v = convert(b!, "uint32", false);
  const lo = (t: NDArray) => np.bitwiseAnd(t, 0xffff),
    hi = (t: NDArray) => shiftRightLogical(t, 16);
  const t = np.add(np.multiply(hi(u), lo(v)), hi(np.multiply(lo(u), lo(v))));
  const w = np.add(np.multiply(lo(u), hi(v)), lo(t));
  const high = np.add(np.add(np.multiply(hi(u), hi(v)), hi(t)), hi(w));
  if (a!.dtype === "uint32") return high;
  const fix = np.add(np.where(np.less(a!, 0), v, 0), np.where(np.less(b!, 0), u, 0));
  return convert(np.subtract(high, fix), "int32", false);
}
