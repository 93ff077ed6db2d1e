// NumPy's complex-number functions on numjit's real dtypes (numjit has no complex dtype): real/conj return
// their argument, imag is zeros of its dtype, angle is atan2(0, x) (0, or pi for negative x and -0), the
// complex predicates answer for real data, sortComplex sorts. And the dtype predicates isdtype, issubdtype,
// canCast on numjit's dtypes, with NumPy's abstract categories as strings (np.floating === "floating").
import { type DType, type DTypeLike, checkDType, isFloat, toFloat } from "../dtype.js";
import { argumentError } from "../errors.js";
import { NDArray, type ArrayLike } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { arctan2, equal, notEqual } from "./elementwise.js";
import { broadcastTo, convert, operand } from "./util.js";
import { sort } from "./sorting.js";
import { rad2deg } from "./math-extras.js";

/** The real part: x itself. */
export function real(x: ArrayLike): NDArray {
  return operand(x, "real");
}
/** The imaginary part of real data: zeros of x's dtype and shape. */
export function imag(x: ArrayLike): NDArray {
  const a = operand(x, "imag");
  return broadcastTo(convert(operand(0, "imag"), a.dtype, a.weakType), a.shape as number[], "imag");
}
/** The complex conjugate of real data: x itself. */
export function conj(x: ArrayLike): NDArray {
  return operand(x, "conj");
}
export const conjugate = conj;
/** The argument of x as a complex number: atan2(0, x) (radians, or degrees with deg); ints promote to float32. */
export function angle(z: ArrayLike, deg = false): NDArray {
  const a = operand(z, "angle");
  const re = isFloat(a.dtype) ? a : convert(a, "float32", a.weakType);
  const r = arctan2(imag(re), re);
  return deg ? rad2deg(r) : r;
}
/** False everywhere (imag(x) != 0). */
export function iscomplex(x: ArrayLike): NDArray {
  return notEqual(imag(operand(x, "iscomplex")), 0);
}
/** True everywhere (imag(x) == 0). */
export function isreal(x: ArrayLike): NDArray {
  return equal(imag(operand(x, "isreal")), 0);
}
/** Whether x has a complex dtype: never, in numjit. */
export function iscomplexobj(_x: unknown): boolean {
  return false;
}
export function isrealobj(x: unknown): boolean {
  return !iscomplexobj(x);
}
/**
 * Sorted along the last axis. NumPy returns it cast to complex; numjit returns the real part of that, in
 * x's float dtype (ints and bools as float32).
 */
export function sortComplex(a: ArrayLike): NDArray {
  const s = sort(operand(a, "sort_complex"), -1);
  return convert(s, toFloat(s.dtype), s.weakType);
}

// NumPy's abstract scalar types, as the strings issubdtype takes (np.issubdtype(x.dtype, np.floating))
export const generic = "generic";
export const number = "number";
export const integer = "integer";
export const signedinteger = "signedinteger";
export const unsignedinteger = "unsignedinteger";
export const inexact = "inexact";
export const floating = "floating";
export const complexfloating = "complexfloating";
export type DTypeCategory =
  | typeof generic
  | typeof number
  | typeof integer
  | typeof signedinteger
  | typeof unsignedinteger
  | typeof inexact
  | typeof floating
  | typeof complexfloating;
/** Each category's parent in NumPy's type tree (dtypes sit under their category; bool under generic). */
const PARENT: Record<string, string | null> = {
  generic: null,
  number: "generic",
  integer: "number",
  signedinteger: "integer",
  unsignedinteger: "integer",
  inexact: "number",
  floating: "inexact",
  complexfloating: "inexact",
  bool: "generic",
  int32: "signedinteger",
  uint32: "unsignedinteger",
  float32: "floating",
  float64: "floating",
};
function typeNode(op: string, t: unknown): string {
  if (typeof t === "string" && t in PARENT && !isAlias(t)) return t;
  return checkDType(t, op);
}
const isAlias = (t: string) => t === "f32" || t === "f64" || t === "i32" || t === "u32";
/** Whether arg1 (a dtype or category) is arg2 or below it in NumPy's type hierarchy. */
export function issubdtype(arg1: DTypeLike | DTypeCategory, arg2: DTypeLike | DTypeCategory): boolean {
  const target = typeNode("issubdtype", arg2);
  for (let t: string | null = typeNode("issubdtype", arg1); t !== null; t = PARENT[t]!) if (t === target) return true;
  return false;
}

const KINDS: Record<string, readonly DType[]> = {
  bool: ["bool"],
  "signed integer": ["int32"],
  "unsigned integer": ["uint32"],
  integral: ["int32", "uint32"],
  "real floating": ["float32", "float64"],
  "complex floating": [],
  numeric: ["int32", "uint32", "float32", "float64"],
};
/** The array API's isdtype: whether dtype is of `kind` (a kind name, a dtype, or a list of them). */
export function isdtype(dtype: DTypeLike, kind: string | readonly string[]): boolean {
  const dt = checkDType(dtype, "isdtype");
  return (Array.isArray(kind) ? kind : [kind]).some((k: unknown) => {
    if (typeof k === "string" && k in KINDS) return KINDS[k]!.includes(dt);
    if (typeof k === "string" && !isAlias(k) && !["float32", "float64", "int32", "uint32"].includes(k))
      throw argumentError.invalid(
        "isdtype",
        `unrecognized kind ${describeValue(k)}: expected one of ${Object.keys(KINDS).join(", ")} or a dtype`,
      );
    return checkDType(k, "isdtype") === dt;
  });
}

export type Casting = "no" | "equiv" | "safe" | "same_kind" | "unsafe";
// NumPy's safe casts between numjit's dtypes (int32 -> float32 is not safe: 24-bit mantissa)
const SAFE: Record<DType, readonly DType[]> = {
  bool: ["bool", "int32", "uint32", "float32", "float64"],
  int32: ["int32", "float64"],
  uint32: ["uint32", "float64"],
  float32: ["float32", "float64"],
  float64: ["float64"],
};
// same_kind also allows any cast to the same or a later kind: bool < unsigned < signed < float
const KIND_ORDER: Record<DType, number> = { bool: 0, uint32: 1, int32: 2, float32: 3, float64: 3 };
/** Whether NumPy's casting rule allows from_ (a dtype or an array's dtype) -> to. */
export function canCast(from_: DTypeLike | NDArray, to: DTypeLike, casting: Casting = "safe"): boolean {
  const a = from_ instanceof NDArray ? from_.dtype : checkDType(from_, "can_cast");
  const b = checkDType(to, "can_cast");
  switch (casting) {
    case "no":
    case "equiv":
      return a === b;
    case "safe":
      return SAFE[a].includes(b);
    case "same_kind":
      return SAFE[a].includes(b) || KIND_ORDER[a] <= KIND_ORDER[b];
    case "unsafe":
      return true;
    default:
      throw argumentError.invalid(
        "can_cast",
        `casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe', got ${describeValue(casting)}`,
      );
  }
}
