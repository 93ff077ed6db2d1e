// Array building and rearranging conveniences (roll, rot90, indices, splits, select, isin, cross, kron,
// nanToNum, trapezoid, unwrap, geomspace/logspace, ...), composed from the core functions so that
// jit/grad/vmap see through them.
import { type DTypeLike, checkDType, isFloat, toFloat } from "../dtype.js";
import { argumentError, shapeError } from "../errors.js";
import { NDArray, type ArrayLike } from "../ndarray.js";
import { describeValue, normalizeAxes, normalizeAxis } from "../shape.js";
import {
  abs,
  add,
  divide,
  equal,
  greater,
  isinf,
  isnan,
  less,
  logicalAnd,
  logicalNot,
  mod,
  multiply,
  subtract,
  where,
} from "./elementwise.js";
import { any, cumsum, sum } from "./reductions.js";
import { broadcastTo, convert, operand, reshapeTo } from "./util.js";
import { concatenate, expandDims, flip, moveaxis, ravel, sliceAxis, splitAt, stack, swapaxes } from "./shape-ops.js";
import { iota, zerosLike } from "./creation.js";
import { diff } from "./extras.js";
import { take } from "./indexing.js";
import { dimMul } from "../core/dims.js";

export function roll(x: ArrayLike, shift: number | number[], axis: number | number[] | null = null): NDArray {
  const a = operand(x, "roll");
  if (axis === null) {
    if (typeof shift !== "number") throw argumentError.invalid("roll", "shift must be an integer when axis is null");
    return reshapeTo(roll(reshapeTo(a, [a.size]), shift, 0), a.shape.slice());
  }
  const axes = typeof axis === "number" ? [axis] : axis;
  const shifts = typeof shift === "number" ? axes.map(() => shift) : shift;
  if (shifts.length !== axes.length && axes.length !== 1)
    throw argumentError.invalid("roll", `shift and axis must have the same length, got ${shifts.length} and ${axes.length}`);
  let out = a;
  shifts.forEach((s, k) => {
    if (!Number.isInteger(s)) throw argumentError.invalid("roll", `shift must be an integer, got ${describeValue(s)}`);
    const ax = normalizeAxis("roll", axes[axes.length === 1 ? 0 : k]!, a.ndim);
    const n = out.shape[ax]!;
    if (typeof n !== "number") {
      // a symbolic size (the build's trace): gather the positions (i - s) mod n, n the call's size as a value
      out = take(out, mod(subtract(iota([n]), s), n), ax);
      return;
    }
    const r = n === 0 ? 0 : ((s % n) + n) % n;
    if (r !== 0) out = concatenate([sliceAxis(out, ax, n - r, n, 1), sliceAxis(out, ax, 0, n - r, 1)], ax);
  });
  return out;
}

/** Rotate by 90 degrees k times in the plane of `axes`, from the first axis towards the second. */
export function rot90(x: ArrayLike, k = 1, axes: [number, number] = [0, 1]): NDArray {
  const m = operand(x, "rot90");
  if (!Number.isInteger(k)) throw argumentError.invalid("rot90", `k must be an integer, got ${describeValue(k)}`);
  if (m.ndim < 2) throw shapeError.rank("rot90", `the array must be at least 2-d, got ${m.ndim}-d`);
  const [a0, a1] = normalizeAxes("rot90", axes, m.ndim);
  if (axes.length !== 2 || a0 === a1) throw argumentError.invalid("rot90", `axes must be two different axes, got [${axes}]`);
  const r = ((k % 4) + 4) % 4;
  if (r === 0) return m;
  if (r === 2) return flip(flip(m, a0), a1);
  return r === 1 ? swapaxes(flip(m, a1), a0!, a1!) : flip(swapaxes(m, a0!, a1!), a1);
}

/** A grid of indices: shape [len(dims), ...dims] (or, with sparse, one broadcastable array per axis). */
export function indices(dimensions: number[], opts: { dtype?: DTypeLike; sparse?: boolean } = {}): NDArray | NDArray[] {
  const dt = opts.dtype === undefined ? "int32" : checkDType(opts.dtype, "indices");
  if (opts.sparse)
    return dimensions.map((d, i) =>
      reshapeTo(
        iota([d], 0, { dtype: dt }),
        dimensions.map((e, j) => (i === j ? e : 1)),
      ),
    );
  if (dimensions.length === 0) return new NDArray(new Int32Array(0), [0], "int32");
  return stack(dimensions.map((_, i) => iota(dimensions, i, { dtype: dt })));
}

/** fn called with one coordinate array per axis (float32 unless `dtype`). */
export function fromfunction(fn: (...idx: NDArray[]) => NDArray, shape: number[], opts: { dtype?: DTypeLike } = {}): NDArray {
  if (typeof fn !== "function") throw argumentError.invalid("fromfunction", `function must be callable, got ${describeValue(fn)}`);
  const dt = opts.dtype === undefined ? "float32" : checkDType(opts.dtype, "fromfunction");
  return fn(...shape.map((_, i) => iota(shape, i, { dtype: dt })));
}

export function unstack(x: ArrayLike, axis = 0): NDArray[] {
  const a = operand(x, "unstack");
  if (a.ndim === 0) throw shapeError.rank("unstack", "input array must be at least 1-d");
  const ax = normalizeAxis("unstack", axis, a.ndim);
  const shape = a.shape.filter((_, i) => i !== ax);
  return Array.from({ length: a.shape[ax]! }, (_, i) => reshapeTo(sliceAxis(a, ax, i, i + 1, 1), shape));
}

export function hsplit(x: ArrayLike, indicesOrSections: number | number[]): NDArray[] {
  const a = operand(x, "hsplit");
  if (a.ndim === 0) throw shapeError.rank("hsplit", "hsplit only works on arrays of 1 or more dimensions");
  return splitAt("hsplit", a, indicesOrSections, a.ndim > 1 ? 1 : 0);
}
export function vsplit(x: ArrayLike, indicesOrSections: number | number[]): NDArray[] {
  const a = operand(x, "vsplit");
  if (a.ndim < 2) throw shapeError.rank("vsplit", "vsplit only works on arrays of 2 or more dimensions");
  return splitAt("vsplit", a, indicesOrSections, 0);
}
export function dsplit(x: ArrayLike, indicesOrSections: number | number[]): NDArray[] {
  const a = operand(x, "dsplit");
  if (a.ndim < 3) throw shapeError.rank("dsplit", "dsplit only works on arrays of 3 or more dimensions");
  return splitAt("dsplit", a, indicesOrSections, 2);
}

/** The choice of the first true condition, elementwise; `default` where none holds. */
export function select(condlist: ArrayLike[], choicelist: ArrayLike[], defaultValue: ArrayLike = 0): NDArray {
  if (!Array.isArray(condlist) || !Array.isArray(choicelist) || condlist.length !== choicelist.length)
    throw argumentError.invalid("select", "list of cases must be same length as list of conditions");
  let out = operand(defaultValue, "select");
  for (let i = condlist.length - 1; i >= 0; i--) {
    const c = operand(condlist[i]!, "select");
    if (c.dtype !== "bool") throw argumentError.invalid("select", `condlist entry ${i} must be a boolean array, got ${c.dtype}`);
    out = where(c, choicelist[i]!, out);
  }
  return out;
}

/** funclist[i] (a function of x, or a value) where condlist[i]; an extra last entry applies where none holds. */
export function piecewise(x: ArrayLike, condlist: ArrayLike[], funclist: (((x: NDArray) => ArrayLike) | ArrayLike)[]): NDArray {
  const a = operand(x, "piecewise");
  const n = condlist.length;
  if (funclist.length !== n && funclist.length !== n + 1)
    throw argumentError.invalid(
      "piecewise",
      `with ${n} condition(s), either ${n} or ${n + 1} functions are expected, got ${funclist.length}`,
    );
  const value = (f: ((x: NDArray) => ArrayLike) | ArrayLike): NDArray => operand(typeof f === "function" ? f(a) : f, "piecewise");
  let out: NDArray = funclist.length === n + 1 ? value(funclist[n]!) : zerosLike(a);
  for (let i = 0; i < n; i++) out = where(condlist[i]!, value(funclist[i]!), out);
  return broadcastTo(convert(out, a.dtype, a.weakType), a.shape, "piecewise");
}

/** element in testElements, elementwise (element's shape). */
export function isin(element: ArrayLike, testElements: ArrayLike, opts: { invert?: boolean } = {}): NDArray {
  const e = operand(element, "isin"),
    t = ravel(operand(testElements, "isin"));
  const r = t.size === 0 ? zerosLike(e, { dtype: "bool" }) : any(equal(expandDims(e, -1), t), -1);
  return opts.invert ? logicalNot(r) : r;
}

const FLOAT_MAX = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };
/** NaN -> nan (0), +inf -> posinf, -inf -> neginf (the dtype's largest finite values by default). */
export function nanToNum(x: ArrayLike, opts: { nan?: number; posinf?: number; neginf?: number; copy?: boolean } = {}): NDArray {
  const a = operand(x, "nan_to_num");
  if (!isFloat(a.dtype)) return a;
  const big = FLOAT_MAX[a.dtype as "float32" | "float64"];
  let out = where(isnan(a), opts.nan ?? 0, a);
  out = where(logicalAnd(isinf(a), greater(a, 0)), opts.posinf ?? big, out);
  return where(logicalAnd(isinf(a), less(a, 0)), opts.neginf ?? -big, out);
}

/** Integral of y by the trapezoidal rule along `axis`, with sample points x or spacing dx. */
export function trapezoid(y: ArrayLike, x: ArrayLike | null = null, dx = 1, axis = -1): NDArray {
  const a = operand(y, "trapezoid");
  if (a.ndim === 0) throw shapeError.rank("trapezoid", "y must be at least 1-d");
  const ax = normalizeAxis("trapezoid", axis, a.ndim);
  const n = a.shape[ax]!;
  let d: NDArray | number = dx;
  if (x !== null) {
    const xs = operand(x, "trapezoid");
    d = diff(xs, 1, xs.ndim === 1 ? 0 : ax);
    if (xs.ndim === 1)
      d = reshapeTo(
        d,
        a.shape.map((s, i) => (i === ax ? Math.max(s - 1, 0) : 1)),
      );
  }
  const mid = divide(add(sliceAxis(a, ax, 1, Math.max(n, 1), 1), sliceAxis(a, ax, 0, Math.max(n - 1, 0), 1)), 2);
  return sum(multiply(d, mid), ax);
}

/** Unwrap phase angles: replace jumps larger than discont by their period complement (NumPy's unwrap). */
export function unwrap(p: ArrayLike, opts: { discont?: number | null; axis?: number; period?: number } = {}): NDArray {
  let a = operand(p, "unwrap");
  if (!isFloat(a.dtype)) a = convert(a, toFloat(a.dtype), a.weakType);
  const ax = normalizeAxis("unwrap", opts.axis ?? -1, a.ndim);
  const period = opts.period ?? 2 * Math.PI;
  const discont = opts.discont ?? period / 2;
  const n = a.shape[ax]!;
  if (n < 2) return a;
  const dd = diff(a, 1, ax);
  const half = period / 2;
  let ddmod = subtract(mod(add(dd, half), period), half);
  ddmod = where(logicalAnd(equal(ddmod, -half), greater(dd, 0)), half, ddmod);
  const correct = where(less(abs(dd), discont), 0, subtract(ddmod, dd));
  return concatenate([sliceAxis(a, ax, 0, 1, 1), add(sliceAxis(a, ax, 1, n, 1), cumsum(correct, ax))], ax);
}

/** Differences of the flattened array, with values joined before/after. */
export function ediff1d(ary: ArrayLike, opts: { toEnd?: ArrayLike; toBegin?: ArrayLike } = {}): NDArray {
  const a = ravel(operand(ary, "ediff1d"));
  const d = a.size === 0 ? a : diff(a);
  const parts = [
    ...(opts.toBegin !== undefined ? [convert(ravel(operand(opts.toBegin, "ediff1d")), d.dtype, d.weakType)] : []),
    d,
    ...(opts.toEnd !== undefined ? [convert(ravel(operand(opts.toEnd, "ediff1d")), d.dtype, d.weakType)] : []),
  ];
  return parts.length === 1 ? d : concatenate(parts);
}

interface SpaceOptions {
  endpoint?: boolean;
  dtype?: DTypeLike;
}
function spaced(op: string, values: (i: number, t: number) => number, num: number, opts: SpaceOptions): NDArray {
  if (!Number.isInteger(num) || num < 0)
    throw argumentError.invalid(op, `number of samples must be a non-negative integer, got ${describeValue(num)}`);
  const dt = opts.dtype === undefined ? "float32" : checkDType(opts.dtype, op);
  const div = (opts.endpoint ?? true) ? num - 1 : num;
  const data = Array.from({ length: num }, (_, i) => values(i, div > 0 ? i / div : 0));
  return operand(dt === "float64" ? Float64Array.from(data) : Float32Array.from(data), op).astype(dt);
}
function scalarArg(op: string, name: string, v: unknown): number {
  if (typeof v !== "number")
    throw argumentError.invalid(op, `${name} must be a number (array start/stop are not supported), got ${describeValue(v)}`);
  return v;
}

/** base ** linspace(start, stop, num). */
export function logspace(start: number, stop: number, num = 50, opts: SpaceOptions & { base?: number } = {}): NDArray {
  const s = scalarArg("logspace", "start", start),
    e = scalarArg("logspace", "stop", stop),
    base = scalarArg("logspace", "base", opts.base ?? 10);
  return spaced("logspace", (_, t) => base ** (s + t * (e - s)), num, opts);
}

/** Numbers spaced evenly on a log scale from start to stop (same sign, nonzero), endpoints exact. */
export function geomspace(start: number, stop: number, num = 50, opts: SpaceOptions = {}): NDArray {
  const s = scalarArg("geomspace", "start", start),
    e = scalarArg("geomspace", "stop", stop);
  if (s === 0 || e === 0) throw argumentError.invalid("geomspace", "geometric sequence cannot include zero");
  if (Math.sign(s) !== Math.sign(e)) throw argumentError.invalid("geomspace", "start and stop must have the same sign (no complex dtype)");
  const sg = Math.sign(s),
    ls = Math.log10(Math.abs(s)),
    le = Math.log10(Math.abs(e));
  const last = (opts.endpoint ?? true) ? num - 1 : -1;
  return spaced("geomspace", (i, t) => (i === 0 ? s : i === last ? e : sg * 10 ** (ls + t * (le - ls))), num, opts);
}

/** Cross product of 3-vectors (or 2-vectors: the z component) along the given axes. */
export function cross(a: ArrayLike, b: ArrayLike, axisa = -1, axisb = -1, axisc = -1, opts: { axis?: number } = {}): NDArray {
  let x = operand(a, "cross"),
    y = operand(b, "cross");
  if (opts.axis !== undefined) [axisa, axisb, axisc] = [opts.axis, opts.axis, opts.axis];
  if (x.ndim === 0 || y.ndim === 0) throw shapeError.rank("cross", "inputs must be at least 1-d");
  x = moveaxis(x, normalizeAxis("cross", axisa, x.ndim), -1);
  y = moveaxis(y, normalizeAxis("cross", axisb, y.ndim), -1);
  const m = x.shape[x.ndim - 1]!,
    n = y.shape[y.ndim - 1]!;
  if ((m !== 2 && m !== 3) || (n !== 2 && n !== 3))
    throw shapeError.rank("cross", `incompatible dimensions for cross product (dimension must be 2 or 3), got ${m} and ${n}`);
  const c = (v: NDArray, i: number, len: number): NDArray | number =>
    i < len ? reshapeTo(sliceAxis(v, v.ndim - 1, i, i + 1, 1), v.shape.slice(0, -1)) : 0;
  const [x0, x1, x2] = [0, 1, 2].map((i) => c(x, i, m));
  const [y0, y1, y2] = [0, 1, 2].map((i) => c(y, i, n));
  const z = subtract(multiply(x0!, y1!), multiply(x1!, y0!));
  if (m === 2 && n === 2) return z;
  const out = stack([subtract(multiply(x1!, y2!), multiply(x2!, y1!)), subtract(multiply(x2!, y0!), multiply(x0!, y2!)), z], -1);
  return moveaxis(out, -1, normalizeAxis("cross", axisc, out.ndim));
}

/** Kronecker product: blocks a[i] * b, shape a.shape * b.shape (ranks padded with leading 1s). */
export function kron(a: ArrayLike, b: ArrayLike): NDArray {
  let x = operand(a, "kron"),
    y = operand(b, "kron");
  const nd = Math.max(x.ndim, y.ndim);
  x = reshapeTo(x, [...Array(nd - x.ndim).fill(1), ...x.shape]);
  y = reshapeTo(y, [...Array(nd - y.ndim).fill(1), ...y.shape]);
  const xs = reshapeTo(
      x,
      x.shape.flatMap((d) => [d, 1]),
    ),
    ys = reshapeTo(
      y,
      y.shape.flatMap((d) => [1, d]),
    );
  return reshapeTo(
    multiply(xs, ys),
    x.shape.map((d, i) => dimMul(d, y.shape[i]!) as number),
  );
}

/** JAX's isscalar: a JS number/boolean or a 0-d array. */
export function isscalar(x: unknown): boolean {
  return typeof x === "number" || typeof x === "boolean" || (x instanceof NDArray && x.ndim === 0);
}
export function ndim(x: ArrayLike): number {
  return operand(x, "ndim").ndim;
}
export function shape(x: ArrayLike): number[] {
  return operand(x, "shape").shape.slice();
}
export function size(x: ArrayLike, axis?: number): number {
  const a = operand(x, "size");
  return axis === undefined ? a.size : a.shape[normalizeAxis("size", axis, a.ndim)]!;
}
