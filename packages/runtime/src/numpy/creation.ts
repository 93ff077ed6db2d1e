// Array creation. Shapes are a number or number[]; dtype defaults to float32.
import { type DTypeLike, allocate, castScalar, checkDType } from "../dtype.js";
import { argumentError, shapeError } from "../errors.js";
import { type ArrayLike, NDArray, scalarArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { MAX_SIZE, checkShape, describeValue, normalizeAxis } from "../shape.js";
import { type Dim, SymDim, dimAdd, dimFloorDiv, dimMax, dimSub, isConcreteShape } from "../core/dims.js";
import { add, equal, multiply, subtract } from "./elementwise.js";
import { checkIntRange, convert, operand } from "./util.js";

export interface DTypeOpt {
  dtype?: DTypeLike;
}

function filled(op: string, shape: number | readonly number[], value: number, opts: DTypeOpt): NDArray {
  const s = checkShape(op, shape);
  const dt = opts.dtype === undefined ? "float32" : checkDType(opts.dtype, op);
  checkIntRange(op, value, dt);
  // a symbolic shape (traceSymbolic) has no data to fill: the value broadcast, as JAX's full
  if (!isConcreteShape(s)) return bind("broadcast_in_dim", [scalarArray(value, dt, false)], { shape: s, broadcastDimensions: [] });
  const data = allocate(
    dt,
    s.reduce((a, b) => a * b, 1),
  );
  if (value !== 0) data.fill(castScalar(value, dt));
  return new NDArray(data, s, dt);
}

export function zeros(shape: number | readonly number[], opts: DTypeOpt = {}): NDArray {
  return filled("zeros", shape, 0, opts);
}
export function ones(shape: number | readonly number[], opts: DTypeOpt = {}): NDArray {
  return filled("ones", shape, 1, opts);
}
export function empty(shape: number | readonly number[], opts: DTypeOpt = {}): NDArray {
  return filled("empty", shape, 0, opts);
}
export function full(shape: number | readonly number[], fillValue: number | boolean, opts: DTypeOpt = {}): NDArray {
  return fullAs("full", shape, fillValue, opts);
}
function fullAs(op: string, shape: number | readonly number[], fillValue: number | boolean, opts: DTypeOpt): NDArray {
  if (typeof fillValue !== "number" && typeof fillValue !== "boolean")
    throw argumentError.invalid(op, `fill value must be a number or a boolean, got ${describeValue(fillValue)}`);
  const dt = opts.dtype ?? (typeof fillValue === "boolean" ? "bool" : "float32");
  return filled(op, shape, Number(fillValue), { dtype: dt });
}
function likeOpts(x: ArrayLike, opts: DTypeOpt & { shape?: readonly number[] }, op: string): [readonly number[], DTypeOpt] {
  const a = operand(x, op);
  return [opts.shape ?? a.shape, { dtype: opts.dtype ?? a.dtype }];
}
export function zerosLike(x: ArrayLike, opts: DTypeOpt & { shape?: readonly number[] } = {}): NDArray {
  const [s, o] = likeOpts(x, opts, "zeros_like");
  return filled("zeros_like", s, 0, o);
}
export function onesLike(x: ArrayLike, opts: DTypeOpt & { shape?: readonly number[] } = {}): NDArray {
  const [s, o] = likeOpts(x, opts, "ones_like");
  return filled("ones_like", s, 1, o);
}
export function emptyLike(x: ArrayLike, opts: DTypeOpt & { shape?: readonly number[] } = {}): NDArray {
  const [s, o] = likeOpts(x, opts, "empty_like");
  return filled("empty_like", s, 0, o);
}
export function fullLike(x: ArrayLike, fillValue: number | boolean, opts: DTypeOpt & { shape?: readonly number[] } = {}): NDArray {
  const [s, o] = likeOpts(x, opts, "full_like");
  return fullAs("full_like", s, fillValue, o);
}

/** arange(stop) | arange(start, stop, step?). Integer arguments give int32, like NumPy's int arange. */
export function arange(start: number, stop?: number, step = 1, opts: DTypeOpt = {}): NDArray {
  if (stop === undefined) [start, stop] = [0, start];
  if ((stop as Dim) instanceof SymDim || (start as Dim) instanceof SymDim) return symbolicArange(start, stop, step, opts);
  if (step === 0) throw argumentError.invalid("arange", "step must not be zero");
  for (const v of [start, stop, step])
    if (typeof v !== "number" || !Number.isFinite(v)) throw argumentError.invalid("arange", `arguments must be finite numbers, got ${v}`);
  const allInt = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, "arange") : allInt ? "int32" : "float32";
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > MAX_SIZE) throw argumentError.size("arange", `${n} elements are more than an array can hold (${MAX_SIZE})`);
  if (n > 0) for (const v of [start, start + (n - 1) * step]) checkIntRange("arange", v, dt);
  const data = allocate(dt, n);
  for (let i = 0; i < n; i++) data[i] = castScalar(start + i * step, dt);
  return new NDArray(data, [n], dt);
}

/**
 * arange with a symbolic start or stop (integer step, either sign): start + step * iota over
 * max(0, ceil((stop - start) / step)) elements, as JAX's arange of dimension expressions.
 */
function symbolicArange(start: Dim, stop: Dim, step: number, opts: DTypeOpt): NDArray {
  const bad = [start, stop].find((d) => !(d instanceof SymDim) && !Number.isInteger(d));
  if (!Number.isInteger(step) || step === 0 || bad !== undefined)
    throw shapeError.dimArithmetic("arange", (stop instanceof SymDim ? stop : start) as Dim);
  const dtype = opts.dtype !== undefined ? checkDType(opts.dtype, "arange") : "int32";
  const k = Math.abs(step);
  const span = step > 0 ? dimSub(stop, start) : dimSub(start, stop);
  const n = dimMax(0, dimFloorDiv(dimAdd(span, k - 1), k));
  const r = bind("iota", [], { shape: [n as number], dimension: 0, dtype });
  const scaled = step === 1 ? r : multiply(r, step);
  return start === 0 ? scaled : add(scaled, start as number);
}

export function linspace(start: number, stop: number, num = 50, opts: DTypeOpt & { endpoint?: boolean } = {}): NDArray {
  if ((num as Dim) instanceof SymDim) throw shapeError.dimArithmetic("linspace", num as Dim);
  if (!Number.isInteger(num) || num < 0)
    throw argumentError.invalid("linspace", `number of samples must be a non-negative integer, got ${describeValue(num)}`);
  if (num > MAX_SIZE) throw argumentError.size("linspace", `${num} samples are more than an array can hold (${MAX_SIZE})`);
  for (const v of [start, stop])
    if (typeof v !== "number") throw argumentError.invalid("linspace", `start and stop must be numbers, got ${describeValue(v)}`);
  const dt = opts.dtype !== undefined ? checkDType(opts.dtype, "linspace") : "float32";
  const endpoint = opts.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  const data = allocate(dt, num);
  // integer dtypes round toward -inf, as NumPy 2 does (linspace(-5, 5, 4) -> [-5, -2, 1, 5])
  const r = dt === "int32" || dt === "uint32" ? Math.floor : (v: number) => v;
  for (let i = 0; i < num; i++) data[i] = castScalar(r(start + i * step), dt);
  if (endpoint && num > 1) data[num - 1] = castScalar(r(stop), dt);
  return new NDArray(data, [num], dt);
}

export function eye(n: number, m?: number | null, k = 0, opts: DTypeOpt = {}): NDArray {
  return eyeAs("eye", n, m, k, opts);
}
function eyeAs(op: string, n: number, m: number | null | undefined, k: number, opts: DTypeOpt): NDArray {
  const cols = m ?? n;
  if (typeof k !== "number" || !Number.isInteger(k))
    throw argumentError.invalid(op, `diagonal offset k must be an integer, got ${describeValue(k)}`);
  if ((n as Dim) instanceof SymDim || (cols as Dim) instanceof SymDim) {
    // a symbolic size: the diagonal as a comparison of iotas (column - row == k)
    const shape = checkShape(op, [n, cols]);
    const dtype = opts.dtype === undefined ? "float32" : checkDType(opts.dtype, op);
    const iota = (dimension: number) => bind("iota", [], { shape, dimension, dtype: "int32" });
    return convert(equal(subtract(iota(1), iota(0)), k), dtype, false);
  }
  const out = filled(op, [n, cols], 0, opts);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) out.data[i * cols + j] = 1;
  }
  return out;
}
export function identity(n: number, opts: DTypeOpt = {}): NDArray {
  return eyeAs("identity", n, n, 0, opts);
}

/** Integer iota along one axis, as a primitive so it traces into jit code. */
export function iota(shape: readonly number[], dimension = 0, opts: DTypeOpt = {}): NDArray {
  const s = checkShape("iota", shape);
  const dtype = opts.dtype === undefined ? "int32" : checkDType(opts.dtype, "iota");
  return bind("iota", [], { shape: s, dimension: normalizeAxis("iota", dimension, s.length), dtype });
}
