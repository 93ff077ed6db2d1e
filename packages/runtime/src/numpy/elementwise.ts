// Elementwise numpy functions: promotion + broadcasting, then one primitive.
import { type DType, toFloat } from "../dtype.js";
import { argumentError, dtypeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import type { UnaryOp } from "../core/primitives.js";
import { bind } from "../core/trace.js";
import { broadcastShapes, describeValue } from "../shape.js";
import { type Kind, binary } from "./binary.js";
import { broadcastTo, convert, operand, promoteBroadcast, resultOf } from "./util.js";

function unary(prim: UnaryOp, name: string, kind: Kind) {
  return (x: ArrayLike): NDArray => {
    const a = operand(x, name);
    let dt: DType = a.dtype;
    if (kind === "float" && dt !== "float32" && dt !== "float64") dt = toFloat(dt);
    if (kind === "no-bool" && dt === "bool") throw dtypeError.notAllowed(name, dt, "not supported for booleans, use logicalNot");
    return bind(prim, [convert(a, dt, a.weakType)], {});
  };
}

export const add = binary("add", "add", "any");
export const subtract = binary("sub", "subtract", "no-bool");
export const multiply = binary("mul", "multiply", "any");
export const divide = binary("div", "divide", "float");
export const trueDivide = divide;
export const floorDivide = binary("floor_divide", "floor_divide", "no-bool");
export const mod = binary("mod", "mod", "no-bool");
export const remainder = mod;
const powerOp = binary("pow", "power", "no-bool");
/** x ** y; an integer result with a negative JS exponent is an error, as in NumPy and JAX (1 / x is not an integer). */
export function power(x: ArrayLike, y: ArrayLike): NDArray {
  const out = powerOp(x, y);
  if (typeof y === "number" && y < 0 && Number.isInteger(y) && (out.dtype === "int32" || out.dtype === "uint32"))
    throw argumentError.invalid("power", `integers to negative integer powers are not allowed (${out.dtype} ** ${y})`);
  return out;
}
export const pow = power;
export const maximum = binary("max", "maximum", "any");
export const minimum = binary("min", "minimum", "any");
export const arctan2 = binary("atan2", "arctan2", "float");
export const bitwiseAnd = binary("and", "bitwise_and", "int-bool");
export const bitwiseOr = binary("or", "bitwise_or", "int-bool");
export const bitwiseXor = binary("xor", "bitwise_xor", "int-bool");
export const leftShift = binary("shift_left", "left_shift", "int");
const rightShiftLogical = binary("shift_right_logical", "right_shift", "int");
const rightShiftArithmetic = binary("shift_right_arithmetic", "right_shift", "int");
/** x >> y: arithmetic for int32 (sign fill), logical for uint32, as NumPy and jnp.right_shift. */
export function rightShift(x: ArrayLike, y: ArrayLike): NDArray {
  const a = operand(x, "right_shift"),
    b = operand(y, "right_shift");
  return (resultOf(a, b)[0] === "uint32" ? rightShiftLogical : rightShiftArithmetic)(a, b);
}
/** ~x: bitwise not of int32/uint32, logical not of bool (lax.not_). */
export function bitwiseNot(x: ArrayLike): NDArray {
  const a = operand(x, "bitwise_not");
  if (a.dtype === "float32" || a.dtype === "float64")
    throw dtypeError.notAllowed("bitwise_not", a.dtype, "bitwise ops need integer or boolean inputs");
  return bind("not", [a], {});
}
export const invert = bitwiseNot;
/** NumPy 2's names of bitwiseNot / leftShift / rightShift. */
export { bitwiseNot as bitwiseInvert, leftShift as bitwiseLeftShift, rightShift as bitwiseRightShift };

export const equal = binary("eq", "equal", "any");
export const notEqual = binary("ne", "not_equal", "any");
export const less = binary("lt", "less", "any");
export const lessEqual = binary("le", "less_equal", "any");
export const greater = binary("gt", "greater", "any");
export const greaterEqual = binary("ge", "greater_equal", "any");

function toBool(x: ArrayLike, name: string): NDArray {
  const a = operand(x, name);
  return a.dtype === "bool" ? a : bind("ne", [a, broadcastTo(convert(operand(0, name), a.dtype, a.weakType), a.shape)], {});
}
function logical(prim: "and" | "or" | "xor", name: string) {
  return (x: ArrayLike, y: ArrayLike): NDArray => {
    const [a, b] = promoteBroadcast(name, [toBool(x, name), toBool(y, name)]);
    return bind(prim, [a!, b!], {});
  };
}
export const logicalAnd = logical("and", "logical_and");
export const logicalOr = logical("or", "logical_or");
export const logicalXor = logical("xor", "logical_xor");
export const logicalNot = (x: ArrayLike): NDArray => bind("not", [toBool(x, "logical_not")], {});

export const negative = unary("neg", "negative", "no-bool");
export const abs = unary("abs", "abs", "any");
export const absolute = abs;
export const sign = unary("sign", "sign", "no-bool");
export const floor = unary("floor", "floor", "any");
export const ceil = unary("ceil", "ceil", "any");
const rint = unary("round", "round", "any");
export const sqrt = unary("sqrt", "sqrt", "float");
export const exp = unary("exp", "exp", "float");
export const exp2 = unary("exp2", "exp2", "float");
export const expm1 = unary("expm1", "expm1", "float");
export const log = unary("log", "log", "float");
export const log2 = unary("log2", "log2", "float");
export const log10 = unary("log10", "log10", "float");
export const log1p = unary("log1p", "log1p", "float");
export const sin = unary("sin", "sin", "float");
export const cos = unary("cos", "cos", "float");
export const tan = unary("tan", "tan", "float");
export const arcsin = unary("asin", "arcsin", "float");
export const arccos = unary("acos", "arccos", "float");
export const arctan = unary("atan", "arctan", "float");
export const sinh = unary("sinh", "sinh", "float");
export const cosh = unary("cosh", "cosh", "float");
export const tanh = unary("tanh", "tanh", "float");
export const arcsinh = unary("asinh", "arcsinh", "float");
export const arccosh = unary("acosh", "arccosh", "float");
export const arctanh = unary("atanh", "arctanh", "float");
export const isnan = unary("is_nan", "isnan", "any");
export const isinf = unary("is_inf", "isinf", "any");
export const isfinite = unary("is_finite", "isfinite", "any");
/** Identity whose gradient is zero (jax.lax.stop_gradient). */
export const stopGradient = unary("stop_gradient", "stop_gradient", "any");

/** Round half to even; `decimals` scales by 10^decimals first, like NumPy. */
export function round(x: ArrayLike, decimals = 0): NDArray {
  const a = operand(x, "round");
  if (typeof decimals !== "number" || !Number.isInteger(decimals))
    throw argumentError.invalid("round", `decimals must be an integer, got ${describeValue(decimals)}`);
  if (decimals === 0) return rint(a);
  if (a.dtype === "int32" || a.dtype === "uint32" || a.dtype === "bool") {
    if (decimals >= 0) return a;
    const f = 10 ** -decimals;
    return multiply(rint(divide(a, f)), f).astype(a.dtype === "uint32" ? "uint32" : "int32");
  }
  // NumPy's order: scale by an exact power of ten (x * 100, or x / 10 for decimals = -1, never x * 0.1)
  if (decimals < 0) {
    const f = 10 ** -decimals;
    return multiply(rint(divide(a, f)), f);
  }
  const f = 10 ** decimals;
  return divide(rint(multiply(a, f)), f);
}
export const around = round;

export function square(x: ArrayLike): NDArray {
  const a = operand(x, "square");
  return bind(
    "mul",
    [a.dtype === "bool" ? convert(a, "int32", a.weakType) : a, a.dtype === "bool" ? convert(a, "int32", a.weakType) : a],
    {},
  );
}

export function reciprocal(x: ArrayLike): NDArray {
  return divide(1, operand(x, "reciprocal"));
}

export function where(cond: ArrayLike, x: ArrayLike, y: ArrayLike): NDArray {
  const c = toBool(cond, "where");
  const a = operand(x, "where"),
    b = operand(y, "where");
  const [dt, weak] = resultOf(a, b);
  const shape = broadcastShapes("where", broadcastShapes("where", c.shape, a.shape), b.shape);
  return bind(
    "select",
    [
      broadcastTo(c, shape, "where"),
      broadcastTo(convert(a, dt, weak, "where"), shape, "where"),
      broadcastTo(convert(b, dt, weak, "where"), shape, "where"),
    ],
    {},
  );
}

export function clip(x: ArrayLike, aMin: ArrayLike | null, aMax: ArrayLike | null): NDArray {
  let out = operand(x, "clip");
  const lo = aMin === null || aMin === undefined ? null : operand(aMin, "clip");
  const hi = aMax === null || aMax === undefined ? null : operand(aMax, "clip");
  // broadcast up front so a shape mismatch names clip, not maximum
  broadcastShapes("clip", broadcastShapes("clip", out.shape, lo?.shape ?? []), hi?.shape ?? []);
  if (lo !== null) out = maximum(out, lo);
  if (hi !== null) out = minimum(out, hi);
  return out;
}

export function positive(x: ArrayLike): NDArray {
  return operand(x, "positive");
}
