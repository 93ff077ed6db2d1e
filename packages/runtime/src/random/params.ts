// Parameter handling shared by the distributions (JAX's _check_broadcast_shapes, _check_shape and
// _check_all_safe_to_cast): a parameter is a JS number (weakly typed: it takes the sampler's dtype) or an
// NDArray; the output shape is the `shape` argument, or the parameters' broadcast shape when it is null.
import { argumentError, dtypeError, shapeError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { broadcastShapes } from "../shape.js";
import { asarray, broadcastTo, describe } from "../numpy/util.js";
import { type Shape, checkShape } from "./threefry.js";
import type { FloatDType } from "./samplers.js";

export type Param = number | NDArray;
/** `null` (or undefined) asks for the parameters' broadcast shape, as JAX's shape=None. */
export type OptShape = Shape | null | undefined;

const shapeOf = (x: Param): number[] => (x instanceof NDArray ? x.shape.slice() : []);

/** A parameter as an NDArray (a number or an NDArray; anything else is NJ301 naming the op and parameter). */
export function param(op: string, name: string, x: unknown): Param {
  if (typeof x === "number" || x instanceof NDArray) return x;
  throw argumentError.invalid(`random.${op}`, `${name} must be a number or an NDArray, got ${describe(x)}`);
}

/** The output shape: `shape`, which the parameters must broadcast to, or their broadcast shape when null. */
export function outShape(op: string, shape: OptShape, ...params: Param[]): number[] {
  return outShapeOf(op, shape, params.map(shapeOf));
}

/** outShape from the parameters' shapes. */
export function outShapeOf(op: string, shape: OptShape, shapes: number[][]): number[] {
  const joint = shapes.reduce<number[]>((a, b) => broadcastShapes(`random.${op}`, a, b), []);
  if (shape === null || shape === undefined) return joint;
  const s = checkShape(op, shape);
  const all = broadcastShapes(`random.${op}`, s, joint);
  if (all.length !== s.length || all.some((d, i) => d !== s[i])) throw shapeError.broadcast(`random.${op}`, s, joint);
  return s;
}

/**
 * A float parameter as an array of the sampler's dtype (lax.convert_element_type), broadcast to `shape` when
 * given. A float64 array does not narrow to float32 silently (JAX's TypePromotionError).
 */
export function floatParam(op: string, name: string, x: Param, dt: FloatDType, shape?: number[]): NDArray {
  if (x instanceof NDArray && x.dtype === "float64" && dt === "float32")
    throw dtypeError.mismatch(`random.${op}`, `cannot safely cast ${name} of dtype float64 to float32 (pass dtype: "float64")`);
  if (x instanceof NDArray && x.dtype !== "float32" && x.dtype !== "float64" && x.dtype !== "int32" && x.dtype !== "bool")
    throw dtypeError.notAllowed(`random.${op}`, x.dtype, `${name} must be a float, int32 or bool array`);
  const a = x instanceof NDArray ? x.astype(dt) : asarray(x, { dtype: dt });
  if (shape === undefined || (a.shape.length === shape.length && a.shape.every((d, i) => d === shape[i]))) return a;
  return broadcastTo(a, shape);
}

/** The float dtype a parameter computes in when it sets it (JAX's promote_dtypes_inexact): float64 stays. */
export function inexactDType(...xs: Param[]): FloatDType {
  return xs.some((x) => x instanceof NDArray && x.dtype === "float64") ? "float64" : "float32";
}
