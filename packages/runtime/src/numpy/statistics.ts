// Statistics: NaN-ignoring reductions, quantiles (sorted, then interpolated), average, ptp, cov/corrcoef,
// counting and binning (countNonzero, bincount, histogram, digitize) and interp.
import { toFloat } from "../dtype.js";
import { argumentError, shapeError, traceError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { normalizeAxes } from "../shape.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import { type Dim, dimMax, dimMul, dimSub } from "../core/dims.js";
import {
  add,
  ceil,
  clip,
  divide,
  equal,
  floor,
  greater,
  greaterEqual,
  isnan,
  less,
  lessEqual,
  logicalAnd,
  logicalNot,
  maximum,
  minimum,
  multiply,
  notEqual,
  round,
  sqrt,
  subtract,
  where,
} from "./elementwise.js";
import { all, argmax, argmin, cumprod, cumsum, max, min, prod, sum } from "./reductions.js";
import { array, broadcastTo, convert, keepDims, operand, reshapeTo } from "./util.js";
import { concatenate, expandDims, flip, moveaxis, ravel, sliceAxis, transpose } from "./shape-ops.js";
import { arange } from "./creation.js";
import { diagonal, matmul } from "./linalg.js";
import { searchsorted, sort, takeAlongAxis } from "./sorting.js";
import { take } from "./indexing.js";
import { binEdges } from "./histograms.js";

type Axis = number | number[] | null;
interface KeepOpts {
  keepdims?: boolean;
}

function floatOf(op: string, x: ArrayLike): NDArray {
  const a = operand(x, op);
  return a.dtype === "float32" || a.dtype === "float64" ? a : convert(a, toFloat(a.dtype), a.weakType);
}
/** Count of non-NaN entries over `axis`, kept as the float dtype of `a`. */
function validCount(a: NDArray, axis: Axis, keepdims: boolean): NDArray {
  return convert(sum(logicalNot(isnan(a)), axis, { keepdims }), a.dtype, false);
}

export function nansum(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  const a = operand(x, "nansum");
  return sum(a.dtype === "float32" || a.dtype === "float64" ? where(isnan(a), 0, a) : a, axis, opts);
}
export function nanmean(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  const a = floatOf("nanmean", x);
  return divide(nansum(a, axis, opts), validCount(a, axis, opts.keepdims ?? false));
}
function nanExtremum(op: string, x: ArrayLike, axis: Axis, opts: KeepOpts, isMax: boolean): NDArray {
  const a = operand(x, op);
  if (a.dtype !== "float32" && a.dtype !== "float64") return isMax ? max(a, axis, opts) : min(a, axis, opts);
  const r = (isMax ? max : min)(where(isnan(a), isMax ? -Infinity : Infinity, a), axis, opts);
  return where(equal(validCount(a, axis, opts.keepdims ?? false), 0), NaN, r); // an all-NaN slice stays NaN (NumPy warns)
}
export function nanmax(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  return nanExtremum("nanmax", x, axis, opts, true);
}
export function nanmin(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  return nanExtremum("nanmin", x, axis, opts, false);
}
export function nanvar(x: ArrayLike, axis: Axis = null, opts: KeepOpts & { ddof?: number } = {}): NDArray {
  const a = floatOf("nanvar", x);
  const m = nanmean(a, axis, { keepdims: true });
  const d = where(isnan(a), 0, subtract(a, m));
  const n = validCount(a, axis, opts.keepdims ?? false);
  return divide(sum(multiply(d, d), axis, { keepdims: opts.keepdims ?? false }), maximum(subtract(n, opts.ddof ?? 0), 0));
}
export function nanstd(x: ArrayLike, axis: Axis = null, opts: KeepOpts & { ddof?: number } = {}): NDArray {
  return sqrt(nanvar(x, axis, opts));
}

/** Product ignoring NaNs (they count as 1). */
export function nanprod(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  const a = operand(x, "nanprod");
  return prod(a.dtype === "float32" || a.dtype === "float64" ? where(isnan(a), 1, a) : a, axis, opts);
}
/** Running sum / product ignoring NaNs (they count as 0 / 1), as jnp.nancumsum / nancumprod. */
export function nancumsum(x: ArrayLike, axis: number | null = null): NDArray {
  const a = operand(x, "nancumsum");
  return cumsum(a.dtype === "float32" || a.dtype === "float64" ? where(isnan(a), 0, a) : a, axis);
}
export function nancumprod(x: ArrayLike, axis: number | null = null): NDArray {
  const a = operand(x, "nancumprod");
  return cumprod(a.dtype === "float32" || a.dtype === "float64" ? where(isnan(a), 1, a) : a, axis);
}
/** argmax/argmin ignoring NaNs; an all-NaN slice gives -1 (JAX; NumPy raises). */
function nanArgExtremum(op: string, x: ArrayLike, axis: number | null, opts: KeepOpts, isMax: boolean): NDArray {
  const a = operand(x, op);
  const find = isMax ? argmax : argmin;
  if (a.dtype !== "float32" && a.dtype !== "float64") return find(a, axis, opts);
  const nan = isnan(a);
  return where(all(nan, axis, opts), -1, find(where(nan, isMax ? -Infinity : Infinity, a), axis, opts));
}
export function nanargmax(x: ArrayLike, axis: number | null = null, opts: KeepOpts = {}): NDArray {
  return nanArgExtremum("nanargmax", x, axis, opts, true);
}
export function nanargmin(x: ArrayLike, axis: number | null = null, opts: KeepOpts = {}): NDArray {
  return nanArgExtremum("nanargmin", x, axis, opts, false);
}

export type QuantileMethod = "linear" | "lower" | "higher" | "nearest" | "midpoint";
interface QuantileOpts extends KeepOpts {
  method?: QuantileMethod;
}

/**
 * q-th quantiles over `axis` (NumPy's default "linear" method and lower/higher/nearest/midpoint): the
 * values sorted along the reduced axes, then picked at position q * (n - 1). Result shape q.shape +
 * the kept axes. With `ignoreNan`, n counts the non-NaN values per slice (NaN sorts last); otherwise a
 * slice holding a NaN gives NaN.
 */
function quantileOf(op: string, x: ArrayLike, q: ArrayLike, axis: Axis, opts: QuantileOpts, ignoreNan: boolean, scale = 1): NDArray {
  const a0 = floatOf(op, x);
  // JS numbers keep their double value (a list would otherwise become float32 first)
  const q0 = Array.isArray(q) ? array(q, { dtype: a0.dtype }) : operand(q, op);
  const qs = divide(convert(q0, a0.dtype, false), scale);
  const method = opts.method ?? "linear";
  if (!["linear", "lower", "higher", "nearest", "midpoint"].includes(method))
    throw argumentError.invalid(op, `method '${String(method)}' is not supported (linear, lower, higher, nearest, midpoint)`);
  // static q (numbers, or a concrete array) is checked; omnistaging makes every op under jit a tracer, so read q0
  if (!(q0 instanceof Tracer))
    for (const v of q0.toTypedArray())
      if (!(v >= 0 && v <= scale)) throw argumentError.invalid(op, `quantiles must be in the range [0, ${scale}], got ${v}`);
  const axes = normalizeAxes(op, axis, a0.ndim);
  const kept = a0.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  // reduced axes last, merged into one
  const moved = transpose(a0, [...kept, ...axes]);
  const rest = kept.map((i) => a0.shape[i]!);
  // a size expression under the build's trace (no JS arithmetic on it)
  const n = axes.reduce((p: Dim, i) => dimMul(p, a0.shape[i]!), 1) as number;
  if (n === 0) throw shapeError.empty(op, "cannot take a quantile of an empty slice");
  const s = sort(reshapeTo(moved, [...rest, n]), -1);
  const nv = ignoreNan ? convert(sum(logicalNot(isnan(s)), -1, { keepdims: true }), a0.dtype, false) : n;
  const qf = reshapeTo(qs, [...rest.map(() => 1), qs.size]);
  const pos = multiply(qf, maximum(subtract(nv, 1), 0));
  const lo = floor(pos);
  const hiLimit = maximum(subtract(nv, 1), 0);
  const pick = (p: NDArray) => takeAlongAxis(s, convert(minimum(p, hiLimit), "int32", false), -1);
  let r: NDArray;
  if (method === "lower") r = pick(lo);
  else if (method === "higher") r = pick(ceil(pos));
  else if (method === "nearest") r = pick(round(pos));
  else {
    const vl = pick(lo),
      vh = pick(method === "midpoint" ? ceil(pos) : add(lo, 1));
    const t = method === "midpoint" ? 0.5 : subtract(pos, lo);
    // NumPy's _lerp: from the nearer end (so an infinite end gives NaN past the middle, as NumPy)
    const d = subtract(vh, vl);
    r = where(greaterEqual(t, 0.5), subtract(vh, multiply(d, subtract(1, t))), add(vl, multiply(d, t)));
  }
  if (ignoreNan) r = where(equal(nv, 0), NaN, r);
  else r = where(isnan(sliceAxis(s, s.ndim - 1, dimSub(n, 1) as number, n, 1)), NaN, r);
  // [...rest, Q] -> [...q.shape, ...rest]
  r = moveaxis(r, -1, 0);
  if (opts.keepdims)
    r = keepDims(
      reshapeTo(r, [qs.size, ...rest]),
      axes.map((i) => i + 1),
      a0.ndim + 1,
    );
  const restShape = r.shape.slice(1);
  return reshapeTo(r, [...qs.shape, ...restShape]);
}

export function quantile(x: ArrayLike, q: ArrayLike, axis: Axis = null, opts: QuantileOpts = {}): NDArray {
  return quantileOf("quantile", x, q, axis, opts, false);
}
export function nanquantile(x: ArrayLike, q: ArrayLike, axis: Axis = null, opts: QuantileOpts = {}): NDArray {
  return quantileOf("nanquantile", x, q, axis, opts, true);
}
export function percentile(x: ArrayLike, q: ArrayLike, axis: Axis = null, opts: QuantileOpts = {}): NDArray {
  return quantileOf("percentile", x, q, axis, opts, false, 100);
}
export function nanpercentile(x: ArrayLike, q: ArrayLike, axis: Axis = null, opts: QuantileOpts = {}): NDArray {
  return quantileOf("nanpercentile", x, q, axis, opts, true, 100);
}
export function median(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  return quantileOf("median", x, 0.5, axis, opts, false);
}
export function nanmedian(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  return quantileOf("nanmedian", x, 0.5, axis, opts, true);
}

interface AverageOpts {
  weights?: ArrayLike;
  keepdims?: boolean;
}
/** Weighted mean; 1-d weights run along `axis`. `returned` also gives the sum of the weights. */
export function average(x: ArrayLike, axis?: number | null, opts?: AverageOpts & { returned?: false }): NDArray;
export function average(x: ArrayLike, axis: number | null, opts: AverageOpts & { returned: true }): [NDArray, NDArray];
export function average(
  x: ArrayLike,
  axis: number | null = null,
  opts: { weights?: ArrayLike; returned?: boolean; keepdims?: boolean } = {},
): NDArray | [NDArray, NDArray] {
  const a = floatOf("average", x);
  const keepdims = opts.keepdims ?? false;
  let w: NDArray;
  if (opts.weights === undefined) w = convert(operand(1, "average"), a.dtype, true);
  else {
    w = operand(opts.weights, "average");
    if (w.ndim === 1 && a.ndim > 1) {
      if (axis === null) throw shapeError.rank("average", "axis must be specified when shapes of a and weights differ");
      const ax = normalizeAxes("average", axis, a.ndim)[0]!;
      if (w.shape[0] !== a.shape[ax])
        throw shapeError.rank("average", `length of weights (${w.shape[0]}) differs from axis ${ax} (${a.shape[ax]})`);
      w = reshapeTo(
        w,
        a.shape.map((d, i) => (i === ax ? d : 1)),
      );
    } else if (w.shape.join() !== a.shape.join()) throw shapeError.broadcast("average", a.shape, w.shape);
  }
  const wsum = sum(broadcastTo(convert(w, a.dtype, false), a.shape), axis, { keepdims });
  const avg = divide(sum(multiply(a, w), axis, { keepdims }), wsum);
  return opts.returned ? [avg, convert(wsum, avg.dtype, avg.weakType)] : avg;
}
/** Peak to peak: max - min. */
export function ptp(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  const a = operand(x, "ptp");
  return subtract(max(a, axis, opts), min(a, axis, opts));
}

export function countNonzero(x: ArrayLike, axis: Axis = null, opts: KeepOpts = {}): NDArray {
  return sum(notEqual(operand(x, "count_nonzero"), 0), axis, opts);
}

/** Covariance of the rows (variables) of m, observations in columns (rowvar: false swaps them). */
export function cov(m: ArrayLike, y: ArrayLike | null = null, opts: { rowvar?: boolean; bias?: boolean; ddof?: number } = {}): NDArray {
  for (const k of Object.keys(opts))
    if (!["rowvar", "bias", "ddof"].includes(k)) throw argumentError.invalid("cov", `unsupported option '${k}' (rowvar, bias, ddof)`);
  const rows = (v: ArrayLike): NDArray => {
    let a = floatOf("cov", v);
    if (a.ndim > 2) throw shapeError.rank("cov", `m has more than 2 dimensions (${a.ndim})`);
    if (a.ndim < 2) a = reshapeTo(a, [1, a.size]);
    return opts.rowvar === false && a.shape[0] !== 1 ? transpose(a) : a;
  };
  let X = rows(m);
  if (y !== null) {
    const Y = rows(y);
    if (Y.shape[1] !== X.shape[1])
      throw shapeError.concat("cov", `m and y have different numbers of observations (${X.shape[1]} and ${Y.shape[1]})`);
    X = concatenate([X, Y], 0);
  }
  const n = X.shape[1]!;
  const ddof = opts.ddof ?? (opts.bias ? 0 : 1);
  const Xc = subtract(X, divide(sum(X, 1, { keepdims: true }), n));
  // n - ddof is a size expression under the build's trace (a value the plan computes per call)
  const dof = dimMax(dimSub(n, ddof), 0) as number;
  const c = divide(matmul(Xc, transpose(Xc)), dof);
  return c.shape[0] === 1 ? reshapeTo(c, []) : c;
}
/** Pearson correlation coefficients: cov / outer(std, std), clipped to [-1, 1]. */
export function corrcoef(x: ArrayLike, y: ArrayLike | null = null, opts: { rowvar?: boolean } = {}): NDArray {
  const c = cov(x, y, opts.rowvar === undefined ? {} : { rowvar: opts.rowvar });
  if (c.ndim === 0) return divide(c, c);
  const d = sqrt(diagonal(c));
  return clip(divide(divide(c, expandDims(d, 1)), expandDims(d, 0)), -1, 1);
}

/** Piecewise-linear interpolation of (xp, fp) at x; xp increasing. left/right: values outside (fp's ends by default). */
export function interp(x: ArrayLike, xp: ArrayLike, fp: ArrayLike, opts: { left?: number; right?: number } = {}): NDArray {
  for (const k of Object.keys(opts))
    if (k !== "left" && k !== "right") throw argumentError.invalid("interp", `unsupported option '${k}' (left, right)`);
  const xs = floatOf("interp", x),
    xps = floatOf("interp", xp),
    fps = floatOf("interp", fp);
  if (xps.ndim !== 1 || fps.ndim !== 1 || xps.size !== fps.size || xps.size === 0)
    throw shapeError.rank("interp", `xp and fp must be 1-d sequences of the same nonzero length, got (${xps.shape}) and (${fps.shape})`);
  const n = xps.size;
  if (n === 1) return where(less(xs, xps), opts.left ?? fps, where(greater(xs, xps), opts.right ?? fps, add(fps, multiply(xs, 0))));
  const i = clip(searchsorted(xps, xs, { side: "right" }), 1, n - 1);
  const j = subtract(i, 1);
  const x0 = take(xps, j),
    x1 = take(xps, i),
    f0 = take(fps, j),
    f1 = take(fps, i);
  const t = divide(subtract(xs, x0), subtract(x1, x0));
  let y = add(f0, multiply(t, subtract(f1, f0)));
  y = where(equal(xs, x1), f1, y);
  const first = sliceAxis(fps, 0, 0, 1, 1),
    last = sliceAxis(fps, 0, n - 1, n, 1);
  y = where(less(xs, sliceAxis(xps, 0, 0, 1, 1)), opts.left ?? first, y);
  return where(greater(xs, sliceAxis(xps, 0, n - 1, n, 1)), opts.right ?? last, y);
}

/** Indices of the bins each value falls in (NumPy's digitize; bins increasing or decreasing). */
export function digitize(x: ArrayLike, bins: ArrayLike, right = false): NDArray {
  const b = operand(bins, "digitize");
  if (b.ndim !== 1) throw shapeError.rank("digitize", `bins must be 1-d, got shape (${b.shape.join(", ")})`);
  const xs = operand(x, "digitize");
  const side = right ? "left" : "right";
  if (b.size === 0) return multiply(convert(xs, "int32", false), 0);
  const inc = searchsorted(b, xs, { side });
  const dec = subtract(b.size, searchsorted(flip(b), xs, { side }));
  return where(greaterEqual(sliceAxis(b, 0, b.size - 1, b.size, 1), sliceAxis(b, 0, 0, 1, 1)), inc, dec);
}

/** Counts of each non-negative integer (weighted with `weights`); `length` fixes the output size (needed under jit). */
export function bincount(x: ArrayLike, opts: { weights?: ArrayLike; minlength?: number; length?: number } = {}): NDArray {
  const a = operand(x, "bincount");
  if (a.ndim !== 1) throw shapeError.rank("bincount", `input must be 1-d, got shape (${a.shape.join(", ")})`);
  if (a.dtype !== "int32" && a.dtype !== "bool") throw argumentError.invalid("bincount", `input must be integers, got ${a.dtype}`);
  let len = opts.length;
  if (len === undefined) {
    if (a instanceof Tracer)
      throw traceError.concretization(
        "np.bincount (an output length that depends on the data)",
        currentFunctionName(),
        "Pass a static length: np.bincount(x, { length: n })",
      );
    const m = a.size ? (max(a).item() as number) : -1;
    if (a.size && (min(a).item() as number) < 0) throw argumentError.invalid("bincount", "input must be non-negative");
    len = Math.max(m + 1, opts.minlength ?? 0);
  }
  const hit = equal(expandDims(a, 1), arange(len));
  if (opts.weights === undefined) return sum(hit, 0);
  const w = operand(opts.weights, "bincount");
  return sum(where(hit, expandDims(w, 1), 0), 0);
}

/** Counts per bin and the bin edges (bins: a count over [min, max] or `range`, or explicit increasing edges). */
export function histogram(
  x: ArrayLike,
  bins: number | ArrayLike = 10,
  opts: { range?: [number, number]; density?: boolean; weights?: ArrayLike } = {},
): [NDArray, NDArray] {
  const a = ravel(floatOf("histogram", x));
  const edges = binEdges("histogram", a, bins, opts.range);
  const nb = edges.size - 1;
  const last = sliceAxis(edges, 0, nb, nb + 1, 1);
  let idx = subtract(searchsorted(edges, a, { side: "right" }), 1);
  idx = where(equal(a, last), nb - 1, idx); // the last bin is closed
  const inside = logicalAnd(greaterEqual(a, sliceAxis(edges, 0, 0, 1, 1)), lessEqual(a, last));
  idx = where(inside, idx, -1);
  const hit = equal(expandDims(idx, 1), arange(nb));
  let counts: NDArray =
    opts.weights === undefined ? sum(hit, 0) : sum(where(hit, expandDims(ravel(operand(opts.weights, "histogram")), 1), 0), 0);
  if (opts.density) {
    const widths = subtract(sliceAxis(edges, 0, 1, nb + 1, 1), sliceAxis(edges, 0, 0, nb, 1));
    counts = divide(divide(counts, widths), sum(counts));
  }
  return [counts, edges];
}
