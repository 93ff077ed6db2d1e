// lax's operand rules, shared by its elementwise, structural and reduction functions. lax does not promote:
// array operands must share one dtype (JAX's "lax.add requires arguments to have the same dtypes"), and each
// op accepts only some dtypes (lax.sin floats, lax.neg no bool, ...). JS numbers are JAX's weakly typed Python
// scalars and take the arrays' dtype when they can hold it: a boolean only meets bool, a non-integer only a
// float dtype. An integral JS number also meets a float array (JAX rejects `lax.add(f32, 2)` because Python
// spells the float `2.0`; JS has no such literal, so 2 stands for both). Shapes do not broadcast across ranks:
// operands have one rank (0-d ones aside) and size-1 axes stretch, as lax does.
import { type DType, isFloat } from "../dtype.js";
import { argumentError, dtypeError, formatShape, shapeError } from "../errors.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import { broadcastShapes, describeValue, normalizeAxis } from "../shape.js";
import { broadcastTo, convert, operand } from "../numpy/util.js";

/** Which dtypes an op takes (JAX's accepted dtype classes, over numjit's dtypes). */
export type Accept = "float" | "int" | "signed" | "number" | "any" | "int-bool";
const ACCEPTS: Record<Accept, readonly DType[]> = {
  float: ["float32", "float64"],
  int: ["int32", "uint32"],
  signed: ["int32", "float32", "float64"],
  number: ["int32", "uint32", "float32", "float64"],
  any: ["bool", "int32", "uint32", "float32", "float64"],
  "int-bool": ["bool", "int32", "uint32"],
};

/** JAX's lax name of an op, as errors name it ("lax.add"). */
export const laxName = (op: string): string => `lax.${op}`;

/** Throws DTypeError NJ202 unless `dt` is one of the dtypes `accept` names. */
export function checkAccepts(op: string, dt: DType, accept: Accept): void {
  if (!ACCEPTS[accept].includes(dt)) throw dtypeError.notAllowed(laxName(op), dt, `accepted dtypes are ${ACCEPTS[accept].join(", ")}`);
}

/** A JS number or boolean as a weak 0-d array of `dt`, if `dt` can hold it (as JAX's weak Python scalars). */
function scalarAs(op: string, x: number | boolean, dt: DType): NDArray {
  const fits = typeof x === "boolean" ? dt === "bool" : isFloat(dt) || (dt !== "bool" && Number.isInteger(x));
  if (!fits) throw dtypeError.mismatch(laxName(op), `the JS ${typeof x} ${String(x)} cannot take dtype ${dt} (lax does not promote)`);
  return convert(operand(x, laxName(op)), dt, true, laxName(op));
}

/** The operands with one dtype, or DTypeError NJ203 naming the op and the dtypes (JS scalars adapt, see above). */
export function sameDtype(op: string, xs: readonly ArrayLike[]): NDArray[] {
  const strong = xs.find((x): x is NDArray => x instanceof NDArray);
  const arrays = xs.map((x) =>
    (typeof x === "number" || typeof x === "boolean") && strong ? scalarAs(op, x, strong.dtype) : operand(x, laxName(op)),
  );
  const dts = arrays.map((a) => a.dtype);
  if (dts.some((d) => d !== dts[0]))
    throw dtypeError.mismatch(laxName(op), `arguments must have the same dtype (lax does not promote), got ${dts.join(", ")}`);
  return arrays;
}

/** One shape for elementwise operands: equal ranks (0-d aside), size-1 axes broadcast; else ShapeError. */
export function sameShape(op: string, xs: readonly NDArray[]): NDArray[] {
  const ranked = xs.filter((x) => x.ndim > 0);
  if (ranked.some((x) => x.ndim !== ranked[0]!.ndim))
    throw shapeError.rank(
      laxName(op),
      `arrays must have the same number of dimensions, got ${xs.map((x) => formatShape(x.shape)).join(", ")}`,
      {
        shapes: xs.map((x) => x.shape),
      },
    );
  let shape: number[] = [];
  for (const x of xs) shape = broadcastShapes(laxName(op), shape, x.shape);
  return xs.map((x) => broadcastTo(x, shape, laxName(op)));
}

/** The operands of an elementwise lax op: one dtype that `accept` allows, one shape. */
export function elementwiseOperands(op: string, xs: readonly ArrayLike[], accept: Accept): NDArray[] {
  const arrays = sameDtype(op, xs);
  checkAccepts(op, arrays[0]!.dtype, accept);
  return sameShape(op, arrays);
}

/** A list of integers (dimension numbers, sizes), or ArgumentError naming the op and what it is. */
export function intList(op: string, what: string, xs: unknown): number[] {
  if (!Array.isArray(xs) || xs.some((v) => typeof v !== "number" || !Number.isInteger(v)))
    throw argumentError.invalid(laxName(op), `${what} must be a list of integers, got ${describeValue(xs)}`);
  return xs as number[];
}

/** Dimension numbers of an array of rank `ndim`: in range (negatives count from the end, if allowed) and distinct. */
export function dimList(op: string, what: string, xs: unknown, ndim: number, allowNegative = true): number[] {
  const out = intList(op, what, xs).map((d) => {
    if (d < 0 && !allowNegative) throw shapeError.axis(laxName(op), d, ndim);
    return normalizeAxis(laxName(op), d, ndim);
  });
  if (new Set(out).size !== out.length) throw shapeError.duplicateAxis(laxName(op), out.find((d, i) => out.indexOf(d) !== i)!);
  return out;
}
