// dtypes and promotion on JAX's lattice, restricted to numjit's dtypes: bool < {int32, uint32} < float32 <
// float64, where int32 ⊔ uint32 is int32 (JAX's int64 canonicalized without x64, as jnp.promote_types gives
// under the default config). JS numbers/booleans are *weakly typed*: they adopt the dtype of the array they
// meet unless their kind (bool < int < float) is higher.
import { memoryLimits, residentArray } from "./codegen/wasm/memory.js";
import { uninitializedBuffer } from "./threads/platform.js";
import { dtypeError } from "./errors.js";

export type DType = "float32" | "float64" | "int32" | "uint32" | "bool";
/** What a dtype option accepts: a DType or one of its short aliases (normalized by checkDType). */
export type DTypeLike = DType | "f32" | "f64" | "i32" | "u32";
export const float32: DType = "float32";
export const float64: DType = "float64";
export const int32: DType = "int32";
export const uint32: DType = "uint32";
export const bool: DType = "bool";
/** Machine epsilon of the float dtypes (the default rank cutoffs of pinv, matrixRank, lstsq, polyfit). */
export const FLOAT_EPS = { float32: 1.1920929e-7, float64: 2.220446049250313e-16 } as const;
export const DTYPES: readonly DType[] = ["bool", "int32", "uint32", "float32", "float64"];

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array;
export type TypedArrayCtor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Uint8ArrayConstructor;

// uint32 and int32 share a rank: the two are unordered on the lattice and promoteTypes joins them to int32
const RANK: Record<DType, number> = { bool: 0, int32: 1, uint32: 1, float32: 2, float64: 3 };
const KIND: Record<DType, number> = { bool: 0, int32: 1, uint32: 1, float32: 2, float64: 2 };

export function isDType(x: unknown): x is DType {
  return x === "float32" || x === "float64" || x === "int32" || x === "uint32" || x === "bool";
}

export function checkDType(x: unknown, op = "dtype"): DType {
  if (x === "f32") return "float32";
  if (x === "f64") return "float64";
  if (x === "i32") return "int32";
  if (x === "u32") return "uint32";
  if (!isDType(x)) throw dtypeError.unsupported(op, String(x));
  return x;
}

export function typedArrayFor(dtype: DType): TypedArrayCtor {
  switch (dtype) {
    case "float32":
      return Float32Array;
    case "float64":
      return Float64Array;
    case "int32":
      return Int32Array;
    case "uint32":
      return Uint32Array;
    case "bool":
      return Uint8Array;
  }
}

/**
 * A fresh array of `size` elements: in the wasm kernels' memory when large (codegen/wasm/memory.ts), else
 * on the JS heap. `zero: false` for an output a kernel writes whole (a reused block is not cleared, and a
 * large one on the JS heap is not cleared either: clearing 4 MiB costs as much as a softmax over it).
 */
export function allocate(dtype: DType, size: number, zero = true): TypedArray {
  if (dtype !== "bool") {
    const ctor = typedArrayFor(dtype) as Float32ArrayConstructor;
    const r = residentArray(ctor, size, zero);
    if (r !== null) return r;
    const bytes = size * ctor.BYTES_PER_ELEMENT;
    if (!zero && bytes >= memoryLimits.minBytes) return new ctor(uninitializedBuffer(bytes));
  }
  // one `new` per constructor: a single site shared by five constructors is megamorphic (every eager op)
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
    case "uint32":
      return new Uint32Array(size);
    case "bool":
      return new Uint8Array(size);
  }
}

export function isFloat(d: DType): boolean {
  return d === "float32" || d === "float64";
}

/** int32 or uint32 (not bool). */
export function isInteger(d: DType): boolean {
  return d === "int32" || d === "uint32";
}

/** Strong promotion: the join on the lattice. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a !== b && RANK[a] === 1 && RANK[b] === 1) return "int32";
  return RANK[a] >= RANK[b] ? a : b;
}

/** Result dtype/weakness of combining two (dtype, weak) pairs, as jax.numpy.result_type. */
export function resultType(a: DType, aw: boolean, b: DType, bw: boolean): [DType, boolean] {
  if (aw === bw) return [promoteTypes(a, b), aw];
  // exactly one weak
  const [s, w] = aw ? [b, a] : [a, b];
  if (KIND[w] <= KIND[s]) return [s, false];
  return [w, false];
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const UINT32_MAX = 4294967295;

/** An integral JS number int32 cannot hold: a weak int that may only become a float (see numpy/util operand). */
export function isBigInt(x: number): boolean {
  return Number.isInteger(x) && (x < INT32_MIN || x > INT32_MAX);
}

/** dtype a weakly typed JS scalar is stored in: integers are weak int32, others weak float32. */
export function scalarDType(x: number | boolean): DType {
  if (typeof x === "boolean") return "bool";
  return Number.isInteger(x) && x >= INT32_MIN && x <= INT32_MAX ? "int32" : "float32";
}

/** The float dtype an op like sqrt/divide produces from `d`. */
export function toFloat(d: DType): DType {
  return d === "float64" ? "float64" : "float32";
}

/** Cast a JS number to the value a given dtype stores. */
export function castScalar(x: number, dtype: DType): number {
  switch (dtype) {
    case "float32":
      return Math.fround(x);
    case "float64":
      return x;
    case "int32":
      return Number.isFinite(x) ? Math.trunc(x) | 0 : 0;
    case "uint32":
      return Number.isFinite(x) ? Math.trunc(x) >>> 0 : 0;
    case "bool":
      return x !== 0 ? 1 : 0; // NaN is truthy, as in NumPy
  }
}
