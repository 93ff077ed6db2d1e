// Shape/dtype rule of every primitive. Eager kernels, tracing and the build-time compiler all
// derive output avals from here, so the three can never disagree on a result's type.
import type { DType } from "../dtype.js";
import { dtypeError, shapeError } from "../errors.js";
import { shapesEqual, sizeOf } from "../shape.js";
import {
  BINARY_OPS, COMPARE_OPS, CUMULATIVE_OPS, REDUCE_OPS, UNARY_OPS,
  type BinaryOp, type CompareOp, type CumulativeOp, type Params, type Primitive, type ReduceOp, type UnaryOp,
} from "./primitives.js";
import type { Aval } from "./trace.js";

export type ShapeRule<P extends Primitive> = (inputs: Aval[], params: Params[P]) => Aval;

const FLOAT_ONLY = new Set([
  "sqrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "asin",
  "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "logistic", "atan2", "div",
]);
const NOT_BOOL = new Set(["neg", "sign"]);
const INT_BOOL_ONLY = new Set(["and", "or", "xor"]);

function av(shape: readonly number[], dtype: DType, weakType: boolean): Aval {
  return { shape, dtype, weakType };
}

function sameShape(op: string, a: Aval, b: Aval): void {
  if (a.shape !== b.shape && !shapesEqual(a.shape, b.shape)) throw shapeError.broadcast(op, a.shape, b.shape);
}

/** Per-op dtype check, decided once per op (this runs on every eager dispatch). */
function dtypeChecker(op: string): (d: DType) => void {
  const floatOnly = FLOAT_ONLY.has(op), notBool = NOT_BOOL.has(op), intBool = INT_BOOL_ONLY.has(op);
  if (!floatOnly && !notBool && !intBool) return () => {};
  return (d) => {
    if (floatOnly && d !== "float32" && d !== "float64")
      throw dtypeError.notAllowed(op, d, "expects float32 or float64 (the numpy layer casts)");
    if (notBool && d === "bool") throw dtypeError.notAllowed(op, d, "not defined on booleans");
    if (intBool && (d === "float32" || d === "float64"))
      throw dtypeError.notAllowed(op, d, "bitwise/logical ops need int32 or bool");
  };
}

const unary = (op: string): ShapeRule<any> => {
  const checkDtype = dtypeChecker(op);
  return ([x]) => {
  checkDtype(x.dtype);
  const out = op === "not" || op === "is_nan" || op === "is_inf" || op === "is_finite" ? "bool" : x.dtype;
  return av(x.shape, out, out === x.dtype && x.weakType);
  };
};
const binary = (op: string, cmp: boolean): ShapeRule<any> => {
  const checkDtype = dtypeChecker(op);
  return ([a, b]) => {
  sameShape(op, a, b);
  if (a.dtype !== b.dtype) throw dtypeError.mismatch(op, `operands must share a dtype, got ${a.dtype} and ${b.dtype}`);
  checkDtype(a.dtype);
  return av(a.shape, cmp ? "bool" : a.dtype, !cmp && a.weakType && b.weakType);
  };
};
const reduce = (op: string): ShapeRule<any> => ([x], { axes }: { axes: number[] }) => {
  for (const a of axes) if (a < 0 || a >= x.shape.length) throw shapeError.axis(op, a, x.shape.length);
  if ((op === "reduce_max" || op === "reduce_min") && axes.some((a) => x.shape[a] === 0))
    throw shapeError.empty(op === "reduce_max" ? "max" : "min", "zero-size array to reduction operation which has no identity");
  return av(x.shape.filter((_, i) => !axes.includes(i)), x.dtype, x.weakType);
};
const cumulative = (op: string): ShapeRule<any> => ([x], { axis }: { axis: number }) => {
  if (axis < 0 || axis >= x.shape.length) throw shapeError.axis(op, axis, x.shape.length);
  return av(x.shape, x.dtype, x.weakType);
};
const argReduce = (op: string): ShapeRule<any> => ([x], { axis }: { axis: number }) => {
  if (axis < 0 || axis >= x.shape.length) throw shapeError.axis(op, axis, x.shape.length);
  if (x.shape[axis] === 0) throw shapeError.empty(op, "attempt to get argmax/argmin of an empty sequence");
  return av(x.shape.filter((_, i) => i !== axis), "int32", false);
};

type Generic = UnaryOp | BinaryOp | CompareOp | ReduceOp | CumulativeOp;
const generic = {
  ...Object.fromEntries(UNARY_OPS.map((op) => [op, unary(op)])),
  ...Object.fromEntries(BINARY_OPS.map((op) => [op, binary(op, false)])),
  ...Object.fromEntries(COMPARE_OPS.map((op) => [op, binary(op, true)])),
  ...Object.fromEntries(REDUCE_OPS.map((op) => [op, reduce(op)])),
  ...Object.fromEntries(CUMULATIVE_OPS.map((op) => [op, cumulative(op)])),
} as { [P in Generic]: ShapeRule<P> };

const specific: { [P in Exclude<Primitive, Generic>]: ShapeRule<P> } = {
  argmax: argReduce("argmax"),
  argmin: argReduce("argmin"),
  select: ([p, a, b]) => {
    if (p.dtype !== "bool") throw dtypeError.mismatch("select", `predicate must be bool, got ${p.dtype}`);
    sameShape("select", p, a);
    sameShape("select", a, b);
    if (a.dtype !== b.dtype) throw dtypeError.mismatch("select", `branches must share a dtype, got ${a.dtype} and ${b.dtype}`);
    return av(a.shape, a.dtype, a.weakType && b.weakType);
  },
  convert_element_type: ([x], { dtype, weakType }) => av(x.shape, dtype, weakType),
  broadcast_in_dim: ([x], { shape, broadcastDimensions: bd }) => {
    if (bd.length !== x.shape.length) throw shapeError.rank("broadcast_in_dim", `broadcastDimensions ${bd} do not match rank ${x.shape.length}`);
    for (let i = 0; i < bd.length; i++) {
      const d = x.shape[i];
      if (d !== 1 && d !== shape[bd[i]]) throw shapeError.broadcast("broadcast_to", x.shape, shape);
    }
    return av(shape, x.dtype, x.weakType);
  },
  reshape: ([x], { shape }) => {
    if (sizeOf(shape) !== sizeOf(x.shape)) throw shapeError.reshape("reshape", x.shape, shape);
    return av(shape, x.dtype, x.weakType);
  },
  transpose: ([x], { perm }) => {
    if (perm.length !== x.shape.length || [...perm].sort((a, b) => a - b).some((p, i) => p !== i))
      throw shapeError.rank("transpose", `axes [${perm.join(", ")}] are not a permutation of ${x.shape.length} dims`);
    return av(perm.map((p) => x.shape[p]), x.dtype, x.weakType);
  },
  slice: ([x], { starts, limits, strides }) =>
    av(starts.map((s, i) => Math.max(0, Math.ceil((limits[i] - s) / strides[i]))), x.dtype, x.weakType),
  rev: ([x]) => av(x.shape, x.dtype, x.weakType),
  pad: ([x, v], { lo, hi }) => {
    if (v.shape.length !== 0) throw shapeError.rank("pad", "padding value must be a scalar");
    const shape = x.shape.map((d, i) => d + lo[i] + hi[i]);
    if (shape.some((d) => d < 0)) throw shapeError.rank("pad", "negative padding larger than the dimension");
    return av(shape, x.dtype, x.weakType);
  },
  concatenate: (xs, { axis }) => {
    const first = xs[0];
    const shape = first.shape.slice();
    shape[axis] = 0;
    for (const x of xs) {
      if (x.shape.length !== first.shape.length)
        throw shapeError.concat("concatenate", `all the input arrays must have the same number of dimensions, got ${first.shape.length} and ${x.shape.length}`);
      for (let i = 0; i < shape.length; i++)
        if (i !== axis && x.shape[i] !== first.shape[i])
          throw shapeError.concat("concatenate", `all the input array dimensions except for the concatenation axis must match exactly, got (${first.shape}) and (${x.shape}) along axis ${i}`);
      if (x.dtype !== first.dtype) throw dtypeError.mismatch("concatenate", "inputs must share a dtype");
      shape[axis] += x.shape[axis];
    }
    return av(shape, first.dtype, xs.every((x) => x.weakType));
  },
  dot_general: ([a, b], { lhsContract, rhsContract, lhsBatch, rhsBatch }) => {
    if (a.dtype !== b.dtype) throw dtypeError.mismatch("dot_general", `operands must share a dtype, got ${a.dtype} and ${b.dtype}`);
    for (let i = 0; i < lhsContract.length; i++)
      if (a.shape[lhsContract[i]] !== b.shape[rhsContract[i]])
        throw shapeError.matmul("matmul", a.shape, b.shape, `dim ${lhsContract[i]} (${a.shape[lhsContract[i]]}) != dim ${rhsContract[i]} (${b.shape[rhsContract[i]]})`);
    for (let i = 0; i < lhsBatch.length; i++)
      if (a.shape[lhsBatch[i]] !== b.shape[rhsBatch[i]])
        throw shapeError.matmul("matmul", a.shape, b.shape, `batch dims differ`);
    const batch = lhsBatch.map((d) => a.shape[d]);
    const lf = a.shape.filter((_, i) => !lhsContract.includes(i) && !lhsBatch.includes(i));
    const rf = b.shape.filter((_, i) => !rhsContract.includes(i) && !rhsBatch.includes(i));
    return av([...batch, ...lf, ...rf], a.dtype, a.weakType && b.weakType);
  },
  iota: (_, { shape, dtype }) => av(shape, dtype, false),
  gather: ([x, idx], { axis }) => {
    if (idx.dtype !== "int32") throw dtypeError.mismatch("take", `indices must be int32, got ${idx.dtype}`);
    if (axis < 0 || axis >= x.shape.length) throw shapeError.axis("take", axis, x.shape.length);
    if (x.shape[axis] === 0 && sizeOf(idx.shape) > 0) throw shapeError.index("take", 0, 0, axis);
    return av([...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)], x.dtype, x.weakType);
  },
  copy: ([x]) => av(x.shape, x.dtype, x.weakType),
};

export const shapeRules: { [P in Primitive]: ShapeRule<P> } = { ...generic, ...specific };

export function abstractEval<P extends Primitive>(prim: P, inputs: Aval[], params: Params[P]): Aval {
  return shapeRules[prim](inputs, params);
}
