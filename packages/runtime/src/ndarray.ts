// NDArray: a typed array with shape, strides (in elements) and offset. Views share `data`.
// Tracer (core/trace.ts) extends NDArray so user code sees one type while tracing.
import { type DType, type TypedArray, allocate, castScalar } from "./dtype.js";
import { argumentError, traceError } from "./errors.js";
import { contiguousStrides, copyStridedInto, sizeOf } from "./shape.js";

export type NestedArray = number | boolean | NestedArray[];
/** Anything numpy functions accept where an array is expected. */
export type ArrayLike = NDArray | number | boolean | NestedArray[] | TypedArray;

/** A private copy (or the array itself when already frozen): shapes and strides are values, never aliased. */
function owned(a: readonly number[]): readonly number[] {
  return Object.isFrozen(a) ? a : a.slice();
}

const STRIDES_0: readonly number[] = Object.freeze([]);
const STRIDES_1: readonly number[] = Object.freeze([1]);
/** Row-major strides; ranks 0 and 1 share frozen ones (no allocation for the common small arrays). */
const rowMajor = (shape: readonly number[]): readonly number[] =>
  shape.length === 0 ? STRIDES_0 : shape.length === 1 ? STRIDES_1 : contiguousStrides(shape);

export class NDArray {
  // shape and strides are immutable: frozen at run time, readonly in the types, and getter-only (assigning
  // x.shape throws an ArgumentError; use reshape) -- a pushed or reassigned shape would corrupt the array.
  // frozen at the first read, not at construction: Object.freeze costs more than a tiny jitted call, and
  // most intermediates are never read from outside (a tiny jitted add: ~420 -> ~230 ns/call with the plan
  // passing its frozen output shape, which is kept without a copy)
  #shape: readonly number[];
  #strides: readonly number[];
  #sealed = false;
  /** isContiguous, computed at its first read (0: not yet, 1: yes, 2: no): shape and strides never change. */
  #contiguous = 0;
  dtype: DType;
  /** JAX weak type: a JS scalar's dtype yields to the array it meets. */
  weakType: boolean;
  data: TypedArray;
  offset: number;
  size: number;

  constructor(
    data: TypedArray,
    shape: readonly number[],
    dtype: DType,
    strides?: readonly number[],
    offset = 0,
    weakType = false,
    size?: number,
    /** The caller hands `shape` and `strides` over (fresh or frozen arrays nothing else writes): no copy. */
    adopt = false,
  ) {
    this.data = data;
    this.#shape = adopt ? shape : owned(shape);
    this.dtype = dtype;
    this.#strides = strides === undefined ? rowMajor(shape) : adopt ? strides : owned(strides);
    this.offset = offset;
    this.weakType = weakType;
    this.size = size ?? sizeOf(shape);
  }

  get shape(): readonly number[] {
    if (!this.#sealed) this.#seal();
    return this.#shape;
  }

  get strides(): readonly number[] {
    if (!this.#sealed) this.#seal();
    return this.#strides;
  }

  #seal(): void {
    Object.freeze(this.#shape);
    Object.freeze(this.#strides);
    this.#sealed = true;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** True when elements are laid out row-major, densely, from `offset`. */
  get isContiguous(): boolean {
    const c = this.#contiguous;
    return c !== 0 ? c === 1 : this.#computeContiguous();
  }

  #computeContiguous(): boolean {
    const shape = this.#shape,
      strides = this.#strides;
    let s = 1;
    let dense = true;
    for (let i = shape.length - 1; i >= 0 && dense; i--) {
      const d = shape[i]!;
      dense = d === 1 || strides[i] === s;
      s *= d;
    }
    this.#contiguous = dense ? 1 : 2;
    return dense;
  }

  /** A flat row-major copy (or the backing array itself when already dense and unsliced). */
  toTypedArray(): TypedArray {
    if (this.isContiguous) {
      if (this.offset === 0 && this.data.length === this.size) return this.data.slice() as TypedArray;
      return this.data.slice(this.offset, this.offset + this.size) as TypedArray;
    }
    const out = allocate(this.dtype, this.size);
    copyStrided(this, out);
    return out;
  }

  toArray(): NestedArray {
    const flat = this.toTypedArray();
    const isBool = this.dtype === "bool";
    const shape = this.shape;
    if (shape.length === 0) return isBool ? flat[0] !== 0 : flat[0]!;
    let pos = 0;
    const build = (d: number): NestedArray[] => {
      const n = shape[d]!;
      const out: NestedArray[] = new Array(n);
      if (d === shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = isBool ? flat[pos++]! !== 0 : flat[pos++]!;
      } else {
        for (let i = 0; i < n; i++) out[i] = build(d + 1);
      }
      return out;
    };
    return build(0);
  }

  /** The single element of a size-1 array as a JS number (boolean for bool). */
  item(): number | boolean {
    if (this.size !== 1) {
      throw argumentError.size("item", `can only convert an array of size 1 to a JS scalar, got shape (${this.shape.join(", ")})`);
    }
    const v = this.data[this.offset]!;
    return this.dtype === "bool" ? v !== 0 : v;
  }

  [Symbol.toPrimitive](hint: string): number | string {
    return this.primitiveValue(hint);
  }

  /** Number(x) / `${x}` / comparisons: the item of a size-1 array. */
  primitiveValue(hint: string): number | string {
    if (hint === "string") return this.toString();
    const v = this.item();
    return typeof v === "boolean" ? Number(v) : v;
  }

  toString(): string {
    return formatArray(this);
  }

  toJSON(): NestedArray {
    return this.toArray();
  }
}

// Assigning x.shape / x.strides is a typed error rather than JS's generic "only a getter" TypeError.
for (const prop of ["shape", "strides"] as const) {
  const d = Object.getOwnPropertyDescriptor(NDArray.prototype, prop)!;
  Object.defineProperty(NDArray.prototype, prop, {
    ...d,
    set() {
      throw argumentError.invalid(prop, `NDArray.${prop} is read-only (use np.reshape / np.broadcastTo for a new shape)`);
    },
  });
}

export function isNDArray(x: unknown): x is NDArray {
  return x instanceof NDArray;
}

/** Copy a strided array into a dense row-major buffer (same dtype assumed or converting). */
export function copyStrided(x: NDArray, out: TypedArray): void {
  copyStridedInto(x.shape, out, 0, contiguousStrides(x.shape), x.data, x.offset, x.strides);
}

// ---- printing, NumPy style -------------------------------------------------

function formatScalar(v: number, dtype: DType, digits: number): string {
  if (dtype === "bool") return v ? "True" : "False";
  if (dtype === "int32" || dtype === "uint32") return String(v);
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.`;
  const s = Number(v.toPrecision(digits));
  const abs = Math.abs(s);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) return s.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  return String(s);
}

export function formatArray(x: NDArray): string {
  if (x instanceof NDArray && (x as { _trace?: unknown })._trace !== undefined) {
    return `Traced<${x.dtype}[${x.shape.join(",")}]>`;
  }
  const flat = x.toTypedArray();
  const digits = x.dtype === "float64" ? 16 : 8;
  const strs = Array.from(flat, (v) => formatScalar(v, x.dtype, digits));
  const suffix = x.dtype === "float32" || x.dtype === "bool" ? "" : `, dtype=${x.dtype}`;
  if (x.shape.length === 0) {
    return x.dtype === "float32" ? (strs[0] ?? "") : `array(${strs[0]}${suffix})`;
  }
  if ((x.dtype === "float32" || x.dtype === "float64") && !strs.some((s) => s.includes("e"))) alignDecimals(strs);
  // NumPy prints True as " True" in arrays, whether or not a False is present
  const width = strs.reduce((m, s) => Math.max(m, s.length), x.dtype === "bool" ? 5 : 0);
  let pos = 0;
  const rec = (d: number, indent: string): string => {
    const n = x.shape[d]!;
    if (d === x.shape.length - 1) {
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(strs[pos++]!.padStart(width));
      return `[${items.join(", ")}]`;
    }
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(rec(d + 1, indent + " "));
    const sep = "," + "\n".repeat(x.shape.length - 1 - d) + indent + " ";
    return `[${parts.join(sep)}]`;
  };
  const body = rec(0, "      ");
  if (x.size === 0) return `array([]${x.shape.length === 1 ? "" : `, shape=${formatShapeTuple(x.shape)}`}${suffix})`;
  return `array(${body}${suffix})`;
}

const formatShapeTuple = (s: readonly number[]) => `(${s.join(", ")}${s.length === 1 ? "," : ""})`;

/** NumPy lines float columns up on the decimal point: [ 1.5 ,  2.25, -3.  ]. */
function alignDecimals(strs: string[]): void {
  let frac = 0;
  for (const s of strs) {
    const dot = s.indexOf(".");
    if (dot >= 0) frac = Math.max(frac, s.length - dot - 1);
  }
  for (let i = 0; i < strs.length; i++) {
    const dot = strs[i]!.indexOf(".");
    if (dot >= 0) strs[i] = strs[i]!.padEnd(dot + 1 + frac);
  }
}

/** A 0-d array holding a JS scalar; weak when it came from a JS literal. */
export function scalarArray(v: number, dtype: DType, weak: boolean): NDArray {
  const data = allocate(dtype, 1);
  data[0] = castScalar(v, dtype);
  return new NDArray(data, [], dtype, [], 0, weak);
}

export function concretizationGuard(what: string, fn: string): never {
  throw traceError.concretization(what, fn);
}
