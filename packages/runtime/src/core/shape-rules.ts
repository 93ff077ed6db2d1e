// Shape/dtype rule of every primitive. Eager kernels, tracing and the build-time compiler all
// derive output avals from here, so the three can never disagree on a result's type.
// The rules are written once over `Dim` (a number or a symbolic dimension, core/dims.ts): on numbers
// they take the same fast paths as always; on symbols they decide by normal form and bounds, record in
// the optional ShapeEnv what they must assume (checked by a compiled function's guard), and without an
// env raise NJ112 naming the op and the dims they cannot compare.
import { type DType, typedArrayFor } from "../dtype.js";
import { dtypeError, shapeError, type ShapeError } from "../errors.js";
import { shapesEqual, sizeOf } from "../shape.js";
import {
  type Dim,
  dimAdd,
  dimCompare,
  dimEq,
  dimFloorDiv,
  dimMax,
  dimMin,
  dimMod,
  dimMul,
  dimSub,
  dimToString,
  isConcreteShape,
} from "./dims.js";
import type { ShapeEnv } from "./shape-env.js";
import {
  BINARY_OPS,
  COMPARE_OPS,
  CUMULATIVE_OPS,
  REDUCE_OPS,
  UNARY_OPS,
  type BinaryOp,
  type CompareOp,
  type CumulativeOp,
  type Params,
  type Primitive,
  type ReduceOp,
  type UnaryOp,
} from "./primitives.js";
import type { Aval } from "./trace.js";
import { type LinalgPrimitive, linalgShapeRules } from "./linalg-primitives.js";
import { convShapeRule } from "./conv-primitive.js";

export type ShapeRule<P extends Primitive> = (inputs: Aval[], params: Params[P]) => Aval;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generic rules are keyed by op name at run time
type AnyRule = (inputs: readonly SymAval[], params: any, env?: ShapeEnv) => SymAval;

/** An aval whose dims may be symbolic. */
export interface SymAval {
  shape: readonly Dim[];
  dtype: DType;
  weakType: boolean;
}
type DimParam = "shape" | "starts" | "limits" | "lo" | "hi";
/** Params with the shape-valued fields widened to symbolic dims. */
export type SymParams<P extends Primitive> = {
  [K in keyof Params[P]]: K extends DimParam ? Dim[] : K extends "dim" ? Dim : Params[P][K];
};
export type SymShapeRule<P extends Primitive> = (inputs: readonly SymAval[], params: SymParams<P>, env?: ShapeEnv) => SymAval;

const FLOAT_ONLY = new Set([
  "sqrt",
  "exp",
  "exp2",
  "expm1",
  "log",
  "log2",
  "log10",
  "log1p",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "logistic",
  "erf_inv",
  "atan2",
  "div",
]);
const NOT_BOOL = new Set(["neg", "sign"]);
const INT_BOOL_ONLY = new Set(["and", "or", "xor", "not"]);
const INT_ONLY = new Set(["shift_left", "shift_right_logical", "shift_right_arithmetic"]);

function av(shape: readonly Dim[], dtype: DType, weakType: boolean): SymAval {
  return { shape, dtype, weakType };
}

/**
 * The dimension `a` and `b` both are. Numbers must be equal (else `mismatch`); symbolic dims must have one
 * normal form, or the env records `a == b` for the guard; without an env that is NJ112.
 */
export function unifyDims(op: string, a: Dim, b: Dim, mismatch: () => ShapeError, env?: ShapeEnv): Dim {
  if (a === b) return a;
  if (typeof a === "number" && typeof b === "number") throw mismatch();
  if (env) {
    a = env.resolve(a);
    b = env.resolve(b);
  }
  if (dimEq(a, b)) return a;
  if (dimCompare(a, "==", b) === false) throw mismatch();
  if (!env) throw shapeError.inconclusive(op, `cannot decide whether dimensions ${dimToString(a)} and ${dimToString(b)} are equal`, [a, b]);
  return env.assumeEqual(op, a, b);
}

// Hot paths (every eager dispatch) stay free of closures: a closure over a rule's locals makes V8
// allocate a context on every call, so mismatch and symbolic handling live in separate functions.
function sameShape(op: string, a: SymAval, b: SymAval, env?: ShapeEnv): readonly Dim[] {
  if (a.shape === b.shape || shapesEqual(a.shape as number[], b.shape as number[])) return a.shape;
  return unifyShapes(op, a, b, env);
}

function unifyShapes(op: string, a: SymAval, b: SymAval, env?: ShapeEnv): readonly Dim[] {
  const mismatch = () => shapeError.broadcast(op, a.shape, b.shape);
  if (a.shape.length !== b.shape.length || (isConcreteShape(a.shape) && isConcreteShape(b.shape))) throw mismatch();
  return a.shape.map((d, i) => unifyDims(op, d, b.shape[i]!, mismatch, env));
}

/** The product of a shape's dims. */
export function dimsSize(shape: readonly Dim[]): Dim {
  let n: Dim = 1;
  for (const d of shape) n = typeof n === "number" && typeof d === "number" ? n * d : dimMul(n, d);
  return n;
}

/** Per-op dtype check, decided once per op (this runs on every eager dispatch). */
function dtypeChecker(op: string): (d: DType) => void {
  const floatOnly = FLOAT_ONLY.has(op),
    notBool = NOT_BOOL.has(op),
    intBool = INT_BOOL_ONLY.has(op),
    intOnly = INT_ONLY.has(op);
  if (!floatOnly && !notBool && !intBool && !intOnly) return () => {};
  return (d) => {
    if (floatOnly && d !== "float32" && d !== "float64")
      throw dtypeError.notAllowed(op, d, "expects float32 or float64 (the numpy layer casts)");
    if (notBool && d === "bool") throw dtypeError.notAllowed(op, d, "not defined on booleans");
    if (intBool && (d === "float32" || d === "float64"))
      throw dtypeError.notAllowed(op, d, "bitwise/logical ops need int32, uint32 or bool");
    if (intOnly && d !== "int32" && d !== "uint32") throw dtypeError.notAllowed(op, d, "shifts need int32 or uint32");
  };
}

const unary = (op: string): AnyRule => {
  const checkDtype = dtypeChecker(op);
  return ([x]) => {
    checkDtype(x!.dtype);
    const out = op === "is_nan" || op === "is_inf" || op === "is_finite" ? "bool" : x!.dtype;
    return av(x!.shape, out, out === x!.dtype && x!.weakType);
  };
};
const binary = (op: string, cmp: boolean): AnyRule => {
  const checkDtype = dtypeChecker(op);
  return ([a, b], _, env) => {
    const shape = sameShape(op, a!, b!, env);
    if (a!.dtype !== b!.dtype) throw dtypeError.mismatch(op, `operands must share a dtype, got ${a!.dtype} and ${b!.dtype}`);
    checkDtype(a!.dtype);
    return av(shape, cmp ? "bool" : a!.dtype, !cmp && a!.weakType && b!.weakType);
  };
};
const reduce =
  (op: string): AnyRule =>
  ([x], { axes }: { axes: number[] }) => {
    for (const a of axes) if (a < 0 || a >= x!.shape.length) throw shapeError.axis(op, a, x!.shape.length);
    if ((op === "reduce_max" || op === "reduce_min") && axes.some((a) => x!.shape[a] === 0))
      throw shapeError.empty(op === "reduce_max" ? "max" : "min", "zero-size array to reduction operation which has no identity");
    return av(
      x!.shape.filter((_, i) => !axes.includes(i)),
      x!.dtype,
      x!.weakType,
    );
  };
const cumulative =
  (op: string): AnyRule =>
  ([x], { axis }: { axis: number }) => {
    if (axis < 0 || axis >= x!.shape.length) throw shapeError.axis(op, axis, x!.shape.length);
    return av(x!.shape, x!.dtype, x!.weakType);
  };
const argReduce =
  (op: string): AnyRule =>
  ([x], { axis }: { axis: number }) => {
    if (axis < 0 || axis >= x!.shape.length) throw shapeError.axis(op, axis, x!.shape.length);
    if (x!.shape[axis] === 0) throw shapeError.empty(op, "attempt to get argmax/argmin of an empty sequence");
    return av(
      x!.shape.filter((_, i) => i !== axis),
      "int32",
      false,
    );
  };

type Generic = UnaryOp | BinaryOp | CompareOp | ReduceOp | CumulativeOp;
const generic = {
  ...Object.fromEntries(UNARY_OPS.map((op) => [op, unary(op)])),
  ...Object.fromEntries(BINARY_OPS.map((op) => [op, binary(op, false)])),
  ...Object.fromEntries(COMPARE_OPS.map((op) => [op, binary(op, true)])),
  ...Object.fromEntries(REDUCE_OPS.map((op) => [op, reduce(op)])),
  ...Object.fromEntries(CUMULATIVE_OPS.map((op) => [op, cumulative(op)])),
} as { [P in Generic]: SymShapeRule<P> };

const specific: { [P in Exclude<Primitive, Generic | LinalgPrimitive>]: SymShapeRule<P> } = {
  argmax: argReduce("argmax"),
  argmin: argReduce("argmin"),
  argsort: ([x], { axis }) => {
    if (axis < 0 || axis >= x!.shape.length) throw shapeError.axis("argsort", axis, x!.shape.length);
    return av(x!.shape, "int32", false);
  },
  select: ([p, a, b], _, env) => {
    if (p!.dtype !== "bool") throw dtypeError.mismatch("select", `predicate must be bool, got ${p!.dtype}`);
    sameShape("select", p!, a!, env);
    const shape = sameShape("select", a!, b!, env);
    if (a!.dtype !== b!.dtype) throw dtypeError.mismatch("select", `branches must share a dtype, got ${a!.dtype} and ${b!.dtype}`);
    return av(shape, a!.dtype, a!.weakType && b!.weakType);
  },
  convert_element_type: ([x], { dtype, weakType }) => av(x!.shape, dtype, weakType),
  threefry2x32: (xs, _, env) => {
    if (xs.length !== 4 || xs.some((x) => x.dtype !== "uint32"))
      throw dtypeError.mismatch("threefry2x32", `expects 4 uint32 operands, got ${xs.map((x) => x.dtype).join(", ")}`);
    // 0-d operands broadcast (a scalar key or counter word); the others share one shape
    const full = xs.filter((x) => x.shape.length > 0);
    let shape = full[0]?.shape ?? [];
    for (const x of full.slice(1)) shape = sameShape("threefry2x32", { ...x, shape }, x, env);
    return av(shape, "uint32", false);
  },
  broadcast_in_dim: ([x], { shape, broadcastDimensions: bd }, env) => {
    if (bd.length !== x!.shape.length) {
      throw shapeError.rank("broadcast_in_dim", `broadcastDimensions ${bd} do not match rank ${x!.shape.length}`, {
        shapes: [x!.shape, shape],
      });
    }
    let i = 0;
    for (; i < bd.length; i++) {
      const d = x!.shape[i];
      if (d !== 1 && d !== shape[bd[i]!]) break;
    }
    return av(i === bd.length ? shape : broadcastInDimSlow(x!.shape, shape, bd, env), x!.dtype, x!.weakType);
  },
  reshape: ([x], { shape }, env) => {
    let to = 1,
      from = 1;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i];
      if (typeof d !== "number" || d === -1) return av(inferReshape("reshape", x!.shape, shape, env), x!.dtype, x!.weakType);
      to *= d;
    }
    for (let i = 0; i < x!.shape.length; i++) {
      const d = x!.shape[i];
      if (typeof d !== "number") return av(inferReshape("reshape", x!.shape, shape, env), x!.dtype, x!.weakType);
      from *= d;
    }
    if (to !== from) throw shapeError.reshape("reshape", x!.shape, shape);
    return av(shape, x!.dtype, x!.weakType);
  },
  transpose: ([x], { perm }) => {
    if (perm.length !== x!.shape.length || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
      throw shapeError.rank("transpose", `axes [${perm.join(", ")}] are not a permutation of ${x!.shape.length} dims`, {
        shapes: [x!.shape],
      });
    }
    return av(
      perm.map((p) => x!.shape[p]!),
      x!.dtype,
      x!.weakType,
    );
  },
  slice: ([x], { starts, limits, strides }) => {
    const shape = starts.map((s, i) => {
      const l = limits[i]!;
      return typeof s === "number" && typeof l === "number"
        ? Math.max(0, Math.ceil((l - s) / strides[i]!))
        : sliceLength(s, l, strides[i]!);
    });
    return av(shape, x!.dtype, x!.weakType);
  },
  rev: ([x]) => av(x!.shape, x!.dtype, x!.weakType),
  pad: ([x, v], { lo, hi }, env) => {
    if (v!.shape.length !== 0) throw shapeError.rank("pad", "padding value must be a scalar", { shapes: [x!.shape, v!.shape] });
    if (isConcreteShape(x!.shape) && isConcreteShape(lo) && isConcreteShape(hi)) {
      const shape = x!.shape.map((d, i) => d + lo[i]! + hi[i]!);
      for (let i = 0; i < shape.length; i++) if (shape[i]! < 0) throw padTooNegative(x!.shape, lo, hi, i);
      return av(shape, x!.dtype, x!.weakType);
    }
    const shape = x!.shape.map((d, i) => {
      const n = dimAdd(dimAdd(d, lo[i]!), hi[i]!);
      if (typeof n === "number") {
        if (n < 0) throw padTooNegative(x!.shape, lo, hi, i);
        return n;
      }
      const ge = dimCompare(n, ">=", 0);
      if (ge === false) throw padTooNegative(x!.shape, lo, hi, i);
      if (ge === undefined) {
        if (!env) throw shapeError.inconclusive("pad", `cannot decide whether ${dimToString(n)} >= 0 along axis ${i}`, [n], [x!.shape]);
        env.assumeGe("pad", n, 0);
      }
      return n;
    });
    return av(shape, x!.dtype, x!.weakType);
  },
  concatenate: (xs, { axis }, env) => {
    const first = xs[0]!;
    const shape = first.shape.slice();
    shape[axis] = 0;
    for (const x of xs) {
      if (x.shape.length !== first.shape.length) {
        throw shapeError.concat(
          "concatenate",
          `all the input arrays must have the same number of dimensions, got ${first.shape.length} and ${x.shape.length}`,
          { shapes: [first.shape, x.shape] },
        );
      }
      for (let i = 0; i < shape.length; i++) {
        if (i === axis || x.shape[i] === shape[i]) continue;
        shape[i] = concatDim(first.shape, x.shape, shape[i]!, i, env);
      }
      if (x.dtype !== first.dtype) throw dtypeError.mismatch("concatenate", "inputs must share a dtype");
      const s: Dim = shape[axis],
        d: Dim = x.shape[axis]!;
      shape[axis] = typeof s === "number" && typeof d === "number" ? s + d : dimAdd(s, d);
    }
    return av(
      shape,
      first.dtype,
      xs.every((x) => x.weakType),
    );
  },
  dot_general: ([a, b], { lhsContract, rhsContract, lhsBatch, rhsBatch }, env) => {
    if (a!.dtype !== b!.dtype) throw dtypeError.mismatch("dot_general", `operands must share a dtype, got ${a!.dtype} and ${b!.dtype}`);
    for (let i = 0; i < lhsContract.length; i++) {
      if (a!.shape[lhsContract[i]!] !== b!.shape[rhsContract[i]!]) dotDim(a!.shape, b!.shape, lhsContract[i]!, rhsContract[i]!, false, env);
    }
    const batch: Dim[] = [];
    for (let i = 0; i < lhsBatch.length; i++) {
      const da = a!.shape[lhsBatch[i]!];
      batch.push(da === b!.shape[rhsBatch[i]!]! ? da : dotDim(a!.shape, b!.shape, lhsBatch[i]!, rhsBatch[i]!, true, env)!);
    }
    const lf = a!.shape.filter((_, i) => !lhsContract.includes(i) && !lhsBatch.includes(i));
    const rf = b!.shape.filter((_, i) => !rhsContract.includes(i) && !rhsBatch.includes(i));
    const out = [...batch, ...lf, ...rf];
    return av(env && !isConcreteShape(out) ? out.map((d) => env.resolve(d)) : out, a!.dtype, a!.weakType && b!.weakType);
  },
  conv_general_dilated: convShapeRule,
  iota: (_, { shape, dtype }) => av(shape, dtype, false),
  gather: ([x, idx], { axis }) => {
    if (idx!.dtype !== "int32") throw dtypeError.mismatch("take", `indices must be int32, got ${idx!.dtype}`);
    if (axis < 0 || axis >= x!.shape.length) throw shapeError.axis("take", axis, x!.shape.length);
    // A symbolic dim is >= 1, so only a literal 0 can be an empty axis.
    if (x!.shape[axis] === 0 && isConcreteShape(idx!.shape) && sizeOf(idx!.shape) > 0) throw shapeError.index("take", 0, 0, axis);
    return av([...x!.shape.slice(0, axis), ...idx!.shape, ...x!.shape.slice(axis + 1)], x!.dtype, x!.weakType);
  },
  scatter_add: ([x, idx, u], { axis }) => {
    if (idx!.dtype !== "int32") throw dtypeError.mismatch("scatter_add", `indices must be int32, got ${idx!.dtype}`);
    if (axis < 0 || axis >= x!.shape.length) throw shapeError.axis("scatter_add", axis, x!.shape.length);
    const want = [...x!.shape.slice(0, axis), ...idx!.shape, ...x!.shape.slice(axis + 1)];
    if (x!.dtype === "bool") throw dtypeError.mismatch("scatter_add", "bool operands are not supported");
    if (u!.dtype !== x!.dtype) throw dtypeError.mismatch("scatter_add", `updates must be ${x!.dtype}, got ${u!.dtype}`);
    if (want.length !== u!.shape.length || want.some((d, i) => !dimEq(d, u!.shape[i]!)))
      throw shapeError.broadcast("scatter_add", want, u!.shape);
    return av(x!.shape, x!.dtype, x!.weakType);
  },
  copy: ([x]) => av(x!.shape, x!.dtype, x!.weakType),
  bitcast_convert_type: ([x], { dtype }) => {
    const op = "bitcast_convert_type";
    const bool = x!.dtype === "bool" ? x!.dtype : dtype === "bool" ? dtype : null;
    if (bool !== null) throw dtypeError.notAllowed(op, bool, "bool has no bit layout to reinterpret");
    const [from, to] = [typedArrayFor(x!.dtype).BYTES_PER_ELEMENT, typedArrayFor(dtype).BYTES_PER_ELEMENT];
    if (from === to) return av(x!.shape, dtype, false);
    if (from > to) return av([...x!.shape, 2], dtype, false);
    if (x!.shape.length === 0 || x!.shape[x!.shape.length - 1] !== 2)
      throw shapeError.rank(op, `${x!.dtype} -> ${dtype} needs a last axis of 2, got shape (${x!.shape.join(", ")})`, {
        shapes: [x!.shape],
      });
    return av(x!.shape.slice(0, -1), dtype, false);
  },
  dim_value: (_, { weakType }) => av([], "int32", weakType),
  psum: ([x]) => av(x!.shape, x!.dtype, x!.weakType),
  pmax: ([x]) => av(x!.shape, x!.dtype, x!.weakType),
  all_gather: ([x], { axis, axisSize }) => {
    if (axis < 0 || axis > x!.shape.length) throw shapeError.axis("all_gather", axis, x!.shape.length + 1);
    return av([...x!.shape.slice(0, axis), axisSize, ...x!.shape.slice(axis)], x!.dtype, x!.weakType);
  },
  axis_index: () => av([], "int32", false),
};

const rules: { [P in Primitive]: SymShapeRule<P> } = { ...generic, ...specific, ...linalgShapeRules };

/** The rules on concrete avals (numbers in, numbers out): eager dispatch and the runtime tracer. */
export const shapeRules = rules as unknown as { [P in Primitive]: ShapeRule<P> };
/** The same rules on avals whose dims may be symbolic; `env` records the constraints they assume. */
export const symbolicShapeRules: { readonly [P in Primitive]: SymShapeRule<P> } = rules;

export function abstractEvalSymbolic<P extends Primitive>(
  prim: P,
  inputs: readonly SymAval[],
  params: SymParams<P>,
  env?: ShapeEnv,
): SymAval {
  return (rules[prim] as SymShapeRule<P>)(inputs, params, env);
}

const padTooNegative = (xs: readonly Dim[], lo: readonly Dim[], hi: readonly Dim[], i: number) =>
  shapeError.rank("pad", "negative padding larger than the dimension", { axis: i, shapes: [xs], dims: [xs[i]!, lo[i]!, hi[i]!] });

function broadcastInDimSlow(xs: readonly Dim[], shape: readonly Dim[], bd: readonly number[], env?: ShapeEnv): Dim[] {
  const out = shape.slice();
  for (let i = 0; i < bd.length; i++) {
    const d = xs[i]!,
      t = out[bd[i]!]!;
    if (d !== 1 && d !== t) out[bd[i]!] = unifyDims("broadcast_to", d, t, () => shapeError.broadcast("broadcast_to", xs, shape), env);
  }
  return out;
}

function concatDim(first: readonly Dim[], xs: readonly Dim[], d: Dim, i: number, env?: ShapeEnv): Dim {
  return unifyDims(
    "concatenate",
    d,
    xs[i]!,
    () =>
      shapeError.concat(
        "concatenate",
        `all the input array dimensions except for the concatenation axis must match exactly, ` +
          `got ${fmtShape(first)} and ${fmtShape(xs)} along axis ${i}`,
        { axis: i, shapes: [first, xs], dims: [first[i]!, xs[i]!] },
      ),
    env,
  );
}

function dotDim(a: readonly Dim[], b: readonly Dim[], ia: number, ib: number, batch: boolean, env?: ShapeEnv): Dim {
  const da = a[ia]!,
    db = b[ib]!;
  return unifyDims(
    "matmul",
    da,
    db,
    () =>
      shapeError.matmul("matmul", a, b, batch ? `batch dims differ` : `dim ${ia} (${dimToString(da)}) != dim ${ib} (${dimToString(db)})`, [
        da,
        db,
      ]),
    env,
  );
}

const fmtShape = (s: readonly Dim[]) => `(${s.map(dimToString).join(",")})`;

/** Elements of `slice(start, limit, stride)` (stride > 0): max(0, ceil((limit - start) / stride)). */
export function sliceLength(start: Dim, limit: Dim, stride: number): Dim {
  if (typeof start === "number" && typeof limit === "number") return Math.max(0, Math.ceil((limit - start) / stride));
  return dimMax(0, dimFloorDiv(dimAdd(dimSub(limit, start), stride - 1), stride));
}

/**
 * Python's `slice(start, stop, step).indices(n)` on a possibly symbolic size: NumPy's clamping as max/min,
 * negative indices relative to `n`. Returns [start, stop, step] as `sliceIndices` in numpy/indexing.ts does.
 */
export function sliceIndicesDim(start: number | null, stop: number | null, step: number | null, n: Dim): [Dim, Dim, number] {
  const st = step ?? 1;
  if (st === 0) throw shapeError.dim("slice", "slice step cannot be zero", [0]);
  const clamp = (v: Dim, lo: Dim, hi: Dim) => dimMin(dimMax(v, lo), hi);
  const idx = (v: number, lo: Dim, hi: Dim) => clamp(v < 0 ? dimAdd(n, v) : v, lo, hi);
  if (st > 0) return [start === null ? 0 : idx(start, 0, n), stop === null ? n : idx(stop, 0, n), st];
  const last = dimSub(n, 1);
  return [start === null ? last : idx(start, -1, last), stop === null ? -1 : idx(stop, -1, last), st];
}

/**
 * The shape `from` reshaped to `to` (which may hold one -1). Sizes must be provably equal, or recorded as a
 * constraint in `env`; a -1 divides the size exactly, or records that the divisor divides it.
 */
export function inferReshape(op: string, from: readonly Dim[], to: readonly Dim[], env?: ShapeEnv): Dim[] {
  const bad = () => shapeError.reshape(op, from, to);
  const neg = to.reduce<number>((n, d) => n + (d === -1 ? 1 : 0), 0);
  if (neg > 1) throw bad();
  for (const d of to) if (typeof d === "number" && (!Number.isInteger(d) || d < -1)) throw bad();
  const total = dimsSize(from),
    known = dimsSize(to.filter((d) => d !== -1));
  if (neg === 0) {
    unifyDims(op, total, known, bad, env);
    return to.map((d) => (env ? env.resolve(d) : d));
  }
  let q: Dim;
  if (typeof known === "number") {
    if (known === 0) throw bad();
    const r = dimMod(env ? env.resolve(total) : total, known);
    if (typeof r === "number" && r !== 0) throw bad();
    if (r !== 0) {
      if (!env) {
        throw shapeError.inconclusive(
          op,
          `cannot decide whether ${dimToString(total)} is divisible by ${known}`,
          [total, known],
          [from, to],
        );
      }
      env.assumeDivisible(op, total, known);
    }
    q = dimFloorDiv(total, known);
  } else {
    q = dimFloorDiv(env ? env.resolve(total) : total, env ? env.resolve(known) : known);
  }
  return to.map((d) => (d === -1 ? q : env ? env.resolve(d) : d));
}

/**
 * NumPy broadcasting of two shapes whose dims may be symbolic: equal dims stay, a literal 1 stretches;
 * two different dims are NJ101 when both are numbers, else an assumption `a == b` in `env` (NJ112 without).
 */
export function broadcastDims(op: string, a: readonly Dim[], b: readonly Dim[], env?: ShapeEnv): Dim[] {
  const n = Math.max(a.length, b.length),
    out = new Array<Dim>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)]!,
      db = i < n - b.length ? 1 : b[i - (n - b.length)]!;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else out[i] = unifyDims(op, da!, db!, () => shapeError.broadcast(op, a, b), env);
  }
  return out;
}
