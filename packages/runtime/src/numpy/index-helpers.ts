// Index helpers as jax.numpy: ix_, ravelMultiIndex, unravelIndex, tril/triu indices (and *_from), maskIndices;
// and building arrays from JS data: frombuffer, fromiter, iterable.
//
// The triangle indices have static lengths, so they are constants (computed in JS); ravel/unravel compose
// integer arithmetic and work on traced indices (ravelMultiIndex's default mode 'raise' reads the values,
// so under jit it asks for 'wrap' or 'clip', as JAX).
import { type DType, type DTypeLike, checkDType } from "../dtype.js";
import { argumentError, dtypeError, shapeError, traceError } from "../errors.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import { describeValue } from "../shape.js";
import { add, floorDivide, greater, less, mod, multiply, where } from "./elementwise.js";
import { array, operand, reshapeTo } from "./util.js";
import { broadcastArrays, intIndex } from "./shape-ops.js";
import { full, ones } from "./creation.js";
import { nonzero } from "./sorting.js";
import { boundIndices, integerOperand } from "./index-util.js";

/** An open mesh of 1-d index arrays: argument i gets shape [1, ..., n_i, ..., 1] (np.ix_). */
export function ix_(...args: ArrayLike[]): NDArray[] {
  return args.map((x, i) => {
    const a = operand(x, "ix_");
    if (a.ndim !== 1) throw shapeError.rank("ix_", `arguments must be 1-d, got shape (${a.shape.join(", ")}) for argument ${i}`);
    if (a.dtype === "bool")
      throw dtypeError.notAllowed("ix_", "bool", "boolean arguments are not supported (JAX); use np.nonzero(mask)[0]");
    const shape = args.map((_, j) => (j === i ? (a.shape[0] as number) : 1));
    return a.size === 0 ? full(shape, 0, { dtype: "int32" }) : reshapeTo(a, shape);
  });
}

function checkDims(op: string, dims: unknown): number[] {
  const ds = typeof dims === "number" ? [dims] : dims;
  if (!Array.isArray(ds) || ds.some((d) => typeof d !== "number" || !Number.isInteger(d) || d < 0))
    throw argumentError.invalid(op, `dims must be a list of non-negative integers, got ${describeValue(dims)}`);
  return ds as number[];
}

/** The flat indices of the coordinate arrays `multiIndex` in an array of shape `dims` (C or F order). */
export function ravelMultiIndex(
  multiIndex: ArrayLike[],
  dims: number[],
  opts: { mode?: "raise" | "wrap" | "clip"; order?: "C" | "F" } = {},
): NDArray {
  const ds = checkDims("ravel_multi_index", dims);
  if (!Array.isArray(multiIndex) || multiIndex.length !== ds.length)
    throw argumentError.invalid("ravel_multi_index", `multi_index must be a list of ${ds.length} index arrays, one per dimension`);
  if (ds.reduce((p, d) => p * d, 1) - 1 > 2147483647)
    throw argumentError.size("ravel_multi_index", `dims (${ds.join(", ")}) hold more than 2**31 entries (the int32 result overflows)`);
  const order = opts.order ?? "C";
  if (order !== "C" && order !== "F")
    throw argumentError.invalid("ravel_multi_index", `order must be 'C' or 'F', got ${describeValue(order)}`);
  const idx = multiIndex.map((m, i) => boundIndices("ravel_multi_index", integerOperand("ravel_multi_index", m), ds[i]!, opts.mode));
  const strides = ds.map((_, i) => (order === "C" ? ds.slice(i + 1) : ds.slice(0, i)).reduce((p, d) => p * d, 1));
  const bs = idx.length ? broadcastArrays(...idx) : [];
  return bs.reduce<NDArray>(
    (acc, b, i) => add(acc, multiply(b, strides[i]!)),
    full([...(bs[0]?.shape ?? [])] as number[], 0, { dtype: "int32" }),
  );
}

/** The coordinate arrays of flat `indices` in an array of `shape` (out-of-range indices clip, as JAX). */
export function unravelIndex(indices: ArrayLike, shape: number | number[]): NDArray[] {
  const ds = checkDims("unravel_index", shape);
  let rest = integerOperand("unravel_index", indices);
  if (ds.includes(0) && rest.size > 0)
    throw argumentError.invalid("unravel_index", `cannot unravel indices into the empty shape (${ds.join(", ")})`);
  const out: NDArray[] = new Array(ds.length);
  for (let i = ds.length - 1; i >= 0; i--) {
    out[i] = mod(rest, ds[i]!);
    rest = floorDivide(rest, ds[i]!);
  }
  return out.map((o, i) => where(greater(rest, 0), ds[i]! - 1, where(less(rest, -1), 0, o)));
}

function triangleIndices(op: string, n: number, k: number, m: number | null, lower: boolean): [NDArray, NDArray] {
  const cols = m ?? n;
  for (const [name, v] of [
    ["n", n],
    ["k", k],
    ["m", cols],
  ] as const)
    if (typeof v !== "number" || !Number.isInteger(v))
      throw argumentError.invalid(op, `${name} must be an integer, got ${describeValue(v)}`);
  if (n < 0 || cols < 0) throw argumentError.invalid(op, `n and m must be non-negative, got ${n} and ${cols}`);
  const rows: number[] = [],
    cs: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < cols; j++)
      if (lower ? j - i <= k : j - i >= k) {
        rows.push(i);
        cs.push(j);
      }
  return [intIndex(rows), intIndex(cs)];
}
/** Row and column indices of the lower triangle (j - i <= k) of an n x m matrix, row by row. */
export function trilIndices(n: number, k = 0, m: number | null = null): [NDArray, NDArray] {
  return triangleIndices("tril_indices", n, k, m, true);
}
/** Row and column indices of the upper triangle (j - i >= k) of an n x m matrix, row by row. */
export function triuIndices(n: number, k = 0, m: number | null = null): [NDArray, NDArray] {
  return triangleIndices("triu_indices", n, k, m, false);
}
function matrixShape(op: string, x: ArrayLike | { shape: readonly number[] }): readonly number[] {
  const shape = typeof x === "object" && x !== null && !Array.isArray(x) && "shape" in x ? x.shape : operand(x as ArrayLike, op).shape;
  if (shape.length !== 2) throw shapeError.rank(op, `only 2-d inputs are accepted, got shape (${shape.join(", ")})`);
  return shape;
}
export function trilIndicesFrom(arr: ArrayLike, k = 0): [NDArray, NDArray] {
  const [n, m] = matrixShape("tril_indices_from", arr);
  return triangleIndices("tril_indices_from", n!, k, m!, true);
}
export function triuIndicesFrom(arr: ArrayLike, k = 0): [NDArray, NDArray] {
  const [n, m] = matrixShape("triu_indices_from", arr);
  return triangleIndices("triu_indices_from", n!, k, m!, false);
}

/** The indices where maskFunc(ones([n, n]), k) is nonzero, e.g. np.maskIndices(3, np.triu). */
export function maskIndices(n: number, maskFunc: (a: NDArray, k: number) => NDArray, k = 0, opts: { size?: number } = {}): NDArray[] {
  if (typeof maskFunc !== "function")
    throw argumentError.invalid("mask_indices", `mask_func must be a function, got ${describeValue(maskFunc)}`);
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw argumentError.invalid("mask_indices", `n must be a non-negative integer, got ${describeValue(n)}`);
  const m = maskFunc(ones([n, n]), k);
  if (!(m instanceof NDArray) || m.ndim !== 2)
    throw argumentError.invalid("mask_indices", `mask_func must return a 2-d array, got ${describeValue(m)}`);
  return nonzero(m, opts.size === undefined ? {} : { size: opts.size });
}

const ITEM_BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, uint32: 4, bool: 1 };
type FromOptions = { dtype?: DTypeLike; count?: number; offset?: number };
/** dtype as the second positional argument (NumPy) or inside an options object. */
function fromOptions(op: string, dtypeOrOpts: DTypeLike | FromOptions | undefined, count: number, offset: number): [DType, number, number] {
  const o: FromOptions =
    typeof dtypeOrOpts === "object" && dtypeOrOpts !== null ? dtypeOrOpts : { dtype: dtypeOrOpts as DTypeLike, count, offset };
  const c = o.count ?? -1,
    off = o.offset ?? 0;
  if (!Number.isInteger(c) || c < -1)
    throw argumentError.invalid(op, `count must be -1 or a non-negative integer, got ${describeValue(c)}`);
  if (!Number.isInteger(off) || off < 0)
    throw argumentError.invalid(op, `offset must be a non-negative integer, got ${describeValue(off)}`);
  return [o.dtype === undefined ? "float32" : checkDType(o.dtype, op), c, off];
}

/** A 1-d array of the bytes of `buffer` read as `dtype` (little-endian, as typed arrays): count items from byte `offset`. */
export function frombuffer(buffer: ArrayBufferLike | ArrayBufferView, dtype?: DTypeLike | FromOptions, count = -1, offset = 0): NDArray {
  const [dt, c, off] = fromOptions("frombuffer", dtype, count, offset);
  const bytes = ArrayBuffer.isView(buffer)
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : buffer instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && buffer instanceof SharedArrayBuffer)
      ? new Uint8Array(buffer)
      : null;
  if (bytes === null)
    throw argumentError.invalid("frombuffer", `buffer must be an ArrayBuffer or a typed array, got ${describeValue(buffer)}`);
  const size = ITEM_BYTES[dt];
  if (off > bytes.length) throw argumentError.invalid("frombuffer", `offset ${off} is larger than the buffer (${bytes.length} bytes)`);
  const avail = bytes.length - off;
  if (c === -1 && avail % size !== 0)
    throw argumentError.invalid(
      "frombuffer",
      `buffer size (${avail} bytes after the offset) must be a multiple of the ${dt} item size ${size}`,
    );
  const n = c === -1 ? avail / size : c;
  if (n * size > avail)
    throw argumentError.invalid(
      "frombuffer",
      `buffer is smaller than requested size: ${n} ${dt} items need ${n * size} bytes, ${avail} left`,
    );
  const own = bytes.slice(off, off + n * size).buffer;
  const data =
    dt === "float32"
      ? new Float32Array(own)
      : dt === "float64"
        ? new Float64Array(own)
        : dt === "int32"
          ? new Int32Array(own)
          : dt === "uint32"
            ? new Uint32Array(own)
            : new Uint8Array(own);
  return array(dt === "bool" ? Array.from(data, (v) => v !== 0) : data, { dtype: dt });
}

/** A 1-d array of the values an iterable yields (numbers, booleans or 0-d arrays), at most `count` of them. */
export function fromiter(iterable: Iterable<number | boolean | NDArray>, dtype: DTypeLike | FromOptions, count = -1): NDArray {
  const [dt, c] = fromOptions("fromiter", dtype, count, 0);
  if (dtype === undefined) throw argumentError.invalid("fromiter", "a dtype is required");
  if (iterable === null || typeof (iterable as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function")
    throw argumentError.invalid("fromiter", `expected an iterable, got ${describeValue(iterable)}`);
  const vals: (number | boolean)[] = [];
  for (const v of iterable) {
    if (c !== -1 && vals.length >= c) break;
    if (v instanceof Tracer) throw traceError.concretization("np.fromiter (reads the values)", currentFunctionName());
    if (v instanceof NDArray && v.ndim === 0) vals.push(v.item() as number);
    else if (typeof v === "number" || typeof v === "boolean") vals.push(v);
    else throw argumentError.invalid("fromiter", `items must be numbers, booleans or 0-d arrays, got ${describeValue(v)}`);
  }
  if (c !== -1 && vals.length < c) throw argumentError.invalid("fromiter", `iterator too short: expected ${c} items, got ${vals.length}`);
  return vals.length === 0 ? full([0], 0, { dtype: dt }) : array(vals, { dtype: dt });
}

/** Whether `y` can be iterated (np.iterable): JS iterables and arrays with at least one axis. */
export function iterable(y: unknown): boolean {
  if (y instanceof NDArray) return y.ndim > 0;
  return (
    typeof y === "string" ||
    (typeof y === "object" && y !== null && typeof (y as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function")
  );
}
