// Conversions shared by every numpy function: JS data -> NDArray, dtype promotion, broadcasting.
import {
  type DType,
  type DTypeLike,
  type TypedArray,
  allocate,
  castScalar,
  checkDType,
  isBigInt,
  isFloat,
  resultType,
  scalarDType,
  UINT32_MAX,
} from "../dtype.js";
import { argumentError, dtypeError, shapeError } from "../errors.js";
import { type ArrayLike, NDArray, type NestedArray, scalarArray } from "../ndarray.js";
import { broadcastShapes, normalizeAxis, shapesEqual } from "../shape.js";
import { bind } from "../core/trace.js";
import { type Dim, SymDim } from "../core/dims.js";
import { currentShapeEnv } from "../core/shape-env.js";

export type Axis = number | number[] | null | undefined;

function isTypedArray(x: unknown): x is ArrayBufferView & ArrayLike {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function typedArrayDType(x: ArrayBufferView): DType {
  if (x instanceof Float64Array) return "float64";
  if (x instanceof Float32Array) return "float32";
  if (x instanceof Uint8Array && !(x instanceof Uint8ClampedArray)) return "bool";
  if (x instanceof Uint32Array) return "uint32";
  if (
    x instanceof Int32Array ||
    x instanceof Int16Array ||
    x instanceof Int8Array ||
    x instanceof Uint16Array ||
    x instanceof Uint8ClampedArray
  )
    return "int32";
  return "float64";
}

/** Infer the shape of nested JS arrays from their first elements (fillNested checks rectangularity). */
function nestedShape(data: NestedArray[]): number[] {
  const shape: number[] = [];
  let cur: NestedArray = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0]!;
  }
  return shape;
}

const isNumberOrDim = (v: unknown): boolean => typeof v === "number" || v instanceof SymDim;
const sizeOfShape = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * np.array of JS numbers and symbolic sizes (`np.array([x.shape[0], x.size])` under a build-time trace):
 * each size is its `dim_value`, the numbers constants, joined as the numbers alone would be.
 */
function arrayOfSizes(op: string, leaves: readonly (number | SymDim)[], shape: number[], dt: DType): NDArray {
  const parts = leaves.map((v) => {
    if (!(v instanceof SymDim)) checkIntRange(op, v, dt);
    const x = v instanceof SymDim ? convert(dimValue(v) as NDArray, dt, false) : scalarArray(castScalar(v, dt), dt, false);
    return bind("reshape", [x], { shape: [1] });
  });
  return reshapeTo(parts.length === 1 ? parts[0]! : bind("concatenate", parts, { axis: 0 }), shape);
}

function fillNested(op: string, data: NestedArray, shape: number[], out: TypedArray, dtype: DType): { bool: boolean } {
  let pos = 0;
  let allBool = true;
  const rec = (x: NestedArray, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(x)) throw argumentError.data(op, "ragged nested sequence (inhomogeneous shape)");
      if (typeof x === "boolean") out[pos++] = x ? 1 : 0;
      else if (typeof x === "number") {
        allBool = false;
        out[pos++] = castScalar(x, dtype);
      } else if ((x as unknown) instanceof NDArray && (x as unknown as NDArray).size === 1) {
        allBool = false;
        out[pos++] = castScalar(Number((x as unknown as NDArray).item()), dtype);
      } else throw argumentError.data(op, `element ${String(x)} is not a number or boolean`);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) throw argumentError.data(op, "ragged nested sequence (inhomogeneous shape)");
    for (const y of x) rec(y, d + 1);
  };
  rec(data, 0);
  return { bool: allBool && pos > 0 };
}

/**
 * JS numbers stored as int32 must fit: JAX raises OverflowError for jnp.array(2**40, dtype=int32) rather than
 * wrap or saturate a literal, and NaN/inf have no integer value. Non-integers truncate toward zero.
 */
export function checkInt32(op: string, v: number): void {
  if (!(v > -2147483649 && v < 2147483648)) {
    throw argumentError.invalid(
      op,
      Number.isNaN(v) || !Number.isFinite(v)
        ? `cannot convert ${v} to int32`
        : `value ${v} is out of bounds for int32 [-2147483648, 2147483647]`,
    );
  }
}

/** JS numbers stored as uint32 must fit [0, 4294967295] (JAX: "Python integer -1 out of bounds for uint32"). */
export function checkUint32(op: string, v: number): void {
  if (!(v > -1 && v < 4294967296)) {
    throw argumentError.invalid(
      op,
      Number.isNaN(v) || !Number.isFinite(v) ? `cannot convert ${v} to uint32` : `value ${v} is out of bounds for uint32 [0, 4294967295]`,
    );
  }
}

/** The range check a JS number stored as `dt` needs (integer dtypes only). */
export function checkIntRange(op: string, v: number, dt: DType): void {
  if (dt === "int32") checkInt32(op, v);
  else if (dt === "uint32") checkUint32(op, v);
}

/** np.array: always a new array. JS numbers default to float32, booleans to bool. */
export function array(data: ArrayLike, opts: { dtype?: DTypeLike } = {}): NDArray {
  return arrayFrom("array", data, opts);
}

function arrayFrom(op: string, data: ArrayLike, opts: { dtype?: DTypeLike }): NDArray {
  const want = opts.dtype === undefined ? undefined : checkDType(opts.dtype, op);
  if (data instanceof NDArray) {
    const x = want && want !== data.dtype ? convert(data, want, false) : data;
    return bind("copy", [x], {});
  }
  if (typeof data === "number" || typeof data === "boolean") {
    const dt = want ?? (typeof data === "boolean" ? "bool" : "float32");
    checkIntRange(op, Number(data), dt);
    return scalarArray(Number(data), dt, false);
  }
  if (isTypedArray(data)) {
    if (data instanceof BigInt64Array || data instanceof BigUint64Array)
      throw argumentError.data(op, `${data.constructor.name} holds BigInts, which no numjit dtype holds (use Float64Array)`);
    const src = data as unknown as TypedArray;
    const dt = want ?? typedArrayDType(data);
    // float data must fit the integer dtype; integer data converts modulo 2^32 as NumPy's astype does
    const fromFloat = src instanceof Float32Array || src instanceof Float64Array;
    if (dt === "int32" && (fromFloat || src instanceof Uint32Array)) for (let i = 0; i < src.length; i++) checkInt32(op, src[i]!);
    if (dt === "uint32" && fromFloat) for (let i = 0; i < src.length; i++) checkUint32(op, src[i]!);
    const out = allocate(dt, src.length);
    if (dt === "bool") for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
    else out.set(src);
    return new NDArray(out, [src.length], dt);
  }
  if (Array.isArray(data)) {
    const shape = nestedShape(data);
    // symbolic sizes occur only under a build-time (symbolic) trace: eager np.array does not look for them
    if (currentShapeEnv() !== undefined) {
      const leaves = (data as unknown[]).flat(shape.length) as unknown[];
      if (leaves.length === sizeOfShape(shape) && leaves.some((v) => v instanceof SymDim) && leaves.every(isNumberOrDim))
        return arrayOfSizes(op, leaves as (number | SymDim)[], shape, want ?? "float32");
    }
    const n = shape.reduce((a, b) => a * b, 1);
    const buf = new Float64Array(n);
    const { bool } = fillNested(op, data, shape, buf, "float64");
    const dt = want ?? (bool ? "bool" : "float32");
    if (dt === "int32" || dt === "uint32") for (let i = 0; i < n; i++) checkIntRange(op, buf[i]!, dt);
    const out = allocate(dt, n);
    if (dt === "float64") out.set(buf);
    else for (let i = 0; i < n; i++) out[i] = castScalar(buf[i]!, dt);
    return new NDArray(out, shape, dt);
  }
  throw argumentError.notArray(op, describe(data));
}

export function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "array";
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return typeof x;
}

/** np.asarray: NDArrays pass through; other data is converted. */
export function asarray(data: ArrayLike, opts: { dtype?: DTypeLike } = {}): NDArray {
  if (data instanceof NDArray) {
    if (opts.dtype === undefined) return data;
    const dt = checkDType(opts.dtype, "asarray");
    return dt === data.dtype ? data : convert(data, dt, false);
  }
  return arrayFrom("asarray", data, opts);
}

// A weak JS scalar lives in a 0-d float32 array when int32 cannot hold it; what it really is:
//  - a float keeps its double value, so that meeting a float64 array computes with 0.1, not
//    fround(0.1) (JAX does the same). Under jit, `exact` is the float64 argument being traced.
//  - an integer outside int32 (`bigInt`) promotes like a weak int: it becomes float32/float64 when it
//    meets floats, uint32 when it meets uint32 and fits it, and is an overflow error otherwise (JAX's
//    OverflowError; JAX rejects 2**31..2**32-1 against uint32 too, numjit takes a value uint32 holds).
interface WeakScalar {
  exact: number | NDArray;
  bigInt?: number;
}
const weakScalars = new WeakMap<NDArray, WeakScalar>();

/** Record what the weak float32 scalar `x` stands for (see WeakScalar); used by operand and jit tracing. */
export function registerWeakScalar(x: NDArray, exact: number | NDArray, bigInt?: number): void {
  weakScalars.set(x, bigInt === undefined ? { exact } : { exact, bigInt });
}

/** Operand conversion: JS numbers/booleans become *weakly typed* 0-d arrays (JAX semantics). */
export function operand(x: ArrayLike, op: string): NDArray {
  if (x instanceof NDArray) return x;
  if (typeof x === "number" || typeof x === "boolean") {
    const dt = scalarDType(x);
    const s = scalarArray(Number(x), dt, true);
    if (typeof x === "number" && isBigInt(x)) registerWeakScalar(s, x, x);
    else if (dt === "float32" && Math.fround(x as number) !== x) registerWeakScalar(s, x as number);
    return s;
  }
  if (Array.isArray(x) || isTypedArray(x)) return arrayFrom(op, x, {});
  // a symbolic size used as a value (`np.divide(s, x.shape[0])` traced at build time): the weak int32 the
  // JS integer would be, computed by the plan from the call's sizes (JAX's dimension_as_value)
  if ((x as unknown) instanceof SymDim) return dimValue(x as unknown as SymDim) as NDArray;
  throw argumentError.notArray(op, describe(x));
}

/** Cast for promotion; `op` names the calling function in the error when a JS integer outside int32 would become int32. */
export function convert(x: NDArray, dtype: DType, weakType: boolean, op = "convert_element_type"): NDArray {
  const w = weakScalars.get(x);
  if (w !== undefined) {
    if (w.bigInt !== undefined && !isFloat(dtype)) {
      if (dtype !== "uint32" || w.bigInt < 0 || w.bigInt > UINT32_MAX) throw dtypeError.intOverflow(op, w.bigInt, dtype);
      return scalarArray(w.bigInt, dtype, weakType);
    }
    if (dtype === "float64") {
      if (typeof w.exact === "number") return scalarArray(w.exact, dtype, weakType);
      return convert(w.exact, dtype, weakType);
    }
  }
  if (x.dtype === dtype && x.weakType === weakType) return x;
  return bind("convert_element_type", [x], { dtype, weakType });
}

/** dtype and weakness for promotion: an integer outside int32 (stored as float32) is a weak int. */
function promotionType(x: NDArray): [DType, boolean] {
  return weakScalars.get(x)?.bigInt !== undefined ? ["int32", true] : [x.dtype, x.weakType];
}

export function broadcastTo(x: NDArray, shape: readonly number[], op = "broadcast_to"): NDArray {
  if (shapesEqual(x.shape, shape)) return x;
  if (shape.length < x.ndim) throw shapeError.broadcast(op, x.shape, shape);
  const lead = shape.length - x.ndim;
  let symbolic = false;
  for (let i = 0; i < x.ndim; i++) {
    const d = x.shape[i]!,
      t = shape[lead + i]!;
    if (d === 1 || d === t) continue;
    if (typeof d === "number" && typeof t === "number") throw shapeError.broadcast(op, x.shape, shape);
    symbolic = true; // two different dims, one symbolic: the broadcast_in_dim rule unifies them (or raises NJ112)
  }
  // dims a recorded constraint made equal (`N == M`): no broadcast, as a concrete trace at equal sizes
  if (symbolic && lead === 0 && sameUnderEnv(x.shape, shape)) return x;
  return bind("broadcast_in_dim", [x], { shape: shape.slice(), broadcastDimensions: x.shape.map((_, i) => lead + i) });
}

function sameUnderEnv(a: readonly Dim[], b: readonly Dim[]): boolean {
  const env = currentShapeEnv();
  return env !== undefined && a.every((d, i) => d === b[i] || env.resolve(d) === env.resolve(b[i]!));
}

/**
 * A size as an operand: the JS number, or, when it is symbolic (traceSymbolic), the weak int32 scalar
 * `dim_value[d]`, which the plan computes from the call's sizes (mean's N, var's N - ddof).
 */
export function dimValue(d: Dim): number | NDArray {
  return typeof d === "number" ? d : bind("dim_value", [], { dim: d as unknown as number, weakType: true });
}

/** Promote to a common dtype and broadcast to a common shape. */
export function promoteBroadcast(op: string, xs: NDArray[], dtype?: DType): NDArray[] {
  let [dt, weak] = promotionType(xs[0]!);
  let shape = xs[0]!.shape;
  for (let i = 1; i < xs.length; i++) {
    [dt, weak] = resultType(dt, weak, ...promotionType(xs[i]!));
    shape = broadcastShapes(op, shape, xs[i]!.shape);
  }
  if (dtype !== undefined) dt = dtype;
  return xs.map((x) => broadcastTo(convert(x, dt, weak, op), shape, op));
}

export function resultOf(a: NDArray, b: NDArray): [DType, boolean] {
  return resultType(...promotionType(a), ...promotionType(b));
}

export function axisArg(op: string, axis: number, ndim: number): number {
  return normalizeAxis(op, axis, ndim);
}

/** keepdims: reinsert reduced axes as size-1 dims. */
export function keepDims(x: NDArray, axes: number[], ndim: number): NDArray {
  const shape: number[] = [];
  let j = 0;
  for (let i = 0; i < ndim; i++) shape.push(axes.includes(i) ? 1 : x.shape[j++]!);
  return bind("reshape", [x], { shape });
}

export function reshapeTo(x: NDArray, shape: number[]): NDArray {
  return shapesEqual(x.shape, shape) ? x : bind("reshape", [x], { shape });
}
