// Array creation. Shapes are a number or number[]; dtype defaults to float32.
import { type DType, type DTypeLike, allocate, castScalar, checkDType } from "../dtype.js";
import { argumentError } from "../errors.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { checkShape } from "../shape.js";
import { operand } from "./util.js";

export interface DTypeOpt {
  dtype?: DTypeLike;
}

function filled(op: string, shape: number | number[], value: number, opts: DTypeOpt): NDArray {
  const s = checkShape(op, shape);
  const dt = opts.dtype === undefined ? "float32" : checkDType(opts.dtype, op);
  const data = allocate(dt, s.reduce((a, b) => a * b, 1));
  if (value !== 0) data.fill(castScalar(value, dt));
  return new NDArray(data, s, dt);
}

export function zeros(shape: number | number[], opts: DTypeOpt = {}): NDArray {
  return filled("zeros", shape, 0, opts);
}
export function ones(shape: number | number[], opts: DTypeOpt = {}): NDArray {
  return filled("ones", shape, 1, opts);
}
export function empty(shape: number | number[], opts: DTypeOpt = {}): NDArray {
  return filled("empty", shape, 0, opts);
}
export function full(shape: number | number[], fillValue: number | boolean, opts: DTypeOpt = {}): NDArray {
  const dt = opts.dtype ?? (typeof fillValue === "boolean" ? "bool" : "float32");
  return filled("full", shape, Number(fillValue), { dtype: dt });
}
function likeOpts(x: ArrayLike, opts: DTypeOpt & { shape?: number[] }, op: string): [number[], DTypeOpt] {
  const a = operand(x, op);
  return [opts.shape ?? a.shape, { dtype: opts.dtype ?? a.dtype }];
}
export function zerosLike(x: ArrayLike, opts: DTypeOpt & { shape?: number[] } = {}): NDArray {
  return zeros(...likeOpts(x, opts, "zeros_like"));
}
export function onesLike(x: ArrayLike, opts: DTypeOpt & { shape?: number[] } = {}): NDArray {
  return ones(...likeOpts(x, opts, "ones_like"));
}
export function emptyLike(x: ArrayLike, opts: DTypeOpt & { shape?: number[] } = {}): NDArray {
  return empty(...likeOpts(x, opts, "empty_like"));
}
export function fullLike(x: ArrayLike, fillValue: number | boolean, opts: DTypeOpt & { shape?: number[] } = {}): NDArray {
  const [s, o] = likeOpts(x, opts, "full_like");
  return full(s, fillValue, o);
}

/** arange(stop) | arange(start, stop, step?). Integer arguments give int32, like NumPy's int arange. */
export function arange(start: number, stop?: number, step = 1, opts: DTypeOpt = {}): NDArray {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw argumentError.invalid("arange", "step must not be zero");
  for (const v of [start, stop, step]) if (typeof v !== "number" || !Number.isFinite(v)) throw argumentError.invalid("arange", `arguments must be finite numbers, got ${v}`);
  const allInt = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, "arange") : allInt ? "int32" : "float32";
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(dt, n);
  for (let i = 0; i < n; i++) data[i] = castScalar(start + i * step, dt);
  return new NDArray(data, [n], dt);
}

export function linspace(start: number, stop: number, num = 50, opts: DTypeOpt & { endpoint?: boolean } = {}): NDArray {
  if (!Number.isInteger(num) || num < 0) throw argumentError.invalid("linspace", `number of samples must be non-negative, got ${num}`);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, "linspace") : "float32";
  const endpoint = opts.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  const data = allocate(dt, num);
  // integer dtypes round toward -inf, as NumPy 2 does (linspace(-5, 5, 4) -> [-5, -2, 1, 5])
  const r = dt === "int32" ? Math.floor : (v: number) => v;
  for (let i = 0; i < num; i++) data[i] = castScalar(r(start + i * step), dt);
  if (endpoint && num > 1) data[num - 1] = castScalar(r(stop), dt);
  return new NDArray(data, [num], dt);
}

export function eye(n: number, m?: number, k = 0, opts: DTypeOpt = {}): NDArray {
  const cols = m ?? n;
  const out = zeros([n, cols], opts);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) out.data[i * cols + j] = 1;
  }
  return out;
}
export function identity(n: number, opts: DTypeOpt = {}): NDArray {
  return eye(n, n, 0, opts);
}

/** Integer iota along one axis, as a primitive so it traces into jit code. */
export function iota(shape: number[], dimension = 0, opts: DTypeOpt = {}): NDArray {
  return bind("iota", [], { shape: checkShape("iota", shape), dimension, dtype: opts.dtype === undefined ? "int32" : checkDType(opts.dtype, "iota") });
}
