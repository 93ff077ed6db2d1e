// Histogram bins beyond np.histogram: histogramBinEdges, histogram2d and histogramdd (JAX's definitions:
// per-dimension edges, searchsorted bin indices with the last bin closed, counts by a one-hot sum over
// the flattened bin index, so they run under jit with static bin counts).
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { add, divide, equal, multiply, subtract, where } from "./elementwise.js";
import { max, min, sum } from "./reductions.js";
import { convert, operand, reshapeTo, resultOf } from "./util.js";
import { concatenate, expandDims, ravel, sliceAxis } from "./shape-ops.js";
import { arange, linspace } from "./creation.js";
import { searchsorted } from "./sorting.js";
import { isFloat } from "../dtype.js";

function inexact(op: string, x: ArrayLike): NDArray {
  const a = operand(x, op);
  return isFloat(a.dtype) ? a : convert(a, "float32", a.weakType);
}

/**
 * The bin edges histogram uses: `bins` + 1 evenly spaced edges over `range` (default [min, max] of a, widened
 * by 0.5 each side when they are equal), or the given edges, in a's float dtype (JAX's histogram_bin_edges;
 * `weights` is accepted and unused, as there).
 */
export function histogramBinEdges(
  a: ArrayLike,
  bins: number | ArrayLike = 10,
  opts: { range?: [number, number] | null; weights?: ArrayLike } = {},
): NDArray {
  return binEdges("histogram_bin_edges", ravel(inexact("histogram_bin_edges", a)), bins, opts.range ?? undefined);
}
/** binEdges of a flattened float sample (the shared part of histogram, histogramBinEdges and histogramdd). */
export function binEdges(op: string, a: NDArray, bins: number | ArrayLike, range: [number, number] | undefined): NDArray {
  if (typeof bins !== "number") {
    const e = convert(operand(bins, op), a.dtype, false, op);
    if (e.ndim !== 1) throw shapeError.rank(op, `bins must be an integer or a 1-d array of edges, got shape (${e.shape.join(", ")})`);
    return e;
  }
  if (!Number.isInteger(bins) || bins < 1) throw argumentError.invalid(op, `bins must be a positive integer, got ${describeValue(bins)}`);
  if (range !== undefined && (!Array.isArray(range) || range.length !== 2 || range.some((r) => typeof r !== "number")))
    throw argumentError.invalid(op, `range must be a pair of numbers, got ${describeValue(range)}`);
  let lo: NDArray | number, hi: NDArray | number;
  if (range) [lo, hi] = range;
  else if (a.size === 0) [lo, hi] = [0, 1];
  else [lo, hi] = [min(a), max(a)];
  const eqlh = equal(lo, hi);
  lo = where(eqlh, subtract(lo, 0.5), lo);
  hi = where(eqlh, add(hi, 0.5), hi);
  const t = convert(linspace(0, 1, bins + 1, { dtype: "float64" }), a.dtype, false);
  return add(lo, multiply(subtract(hi, lo), t));
}

type Bins = number | ArrayLike;
interface HistOptions {
  range?: ([number, number] | null)[] | null;
  density?: boolean;
  weights?: ArrayLike;
}

/**
 * The D-dimensional histogram of N points (`sample` [N, D]; a 1-d sample is D = 1): [counts, edges per
 * dimension]. `bins` is one count or edge array for every dimension, or a list with one per dimension;
 * `range` a list of [lo, hi] pairs (or nulls). Counts are int32 (float with `weights` or `density`), as JAX.
 */
export function histogramdd(sample: ArrayLike, bins: Bins | Bins[] = 10, opts: HistOptions = {}): [NDArray, NDArray[]] {
  return histogramN("histogramdd", sample, bins, opts);
}
/** The 2-d histogram of the points (x[i], y[i]): [counts, xedges, yedges]; `bins` a count, edges, or [bx, by]. */
export function histogram2d(
  x: ArrayLike,
  y: ArrayLike,
  bins: Bins | [Bins, Bins] = 10,
  opts: HistOptions = {},
): [NDArray, NDArray, NDArray] {
  const xs = operand(x, "histogram2d"),
    ys = operand(y, "histogram2d");
  if (xs.ndim !== 1 || ys.ndim !== 1 || xs.shape[0] !== ys.shape[0]) throw shapeError.broadcast("histogram2d", xs.shape, ys.shape);
  const [dt, weak] = resultOf(xs, ys);
  const pts = [xs, ys].map((v) => reshapeTo(convert(v, dt, weak, "histogram2d"), [xs.size, 1]));
  // a pair is one bins per axis; anything else (a count, an edge list or array) is shared by both
  const perDim = Array.isArray(bins) && bins.length === 2 ? (bins as Bins[]) : ([bins, bins] as Bins[]);
  const [h, edges] = histogramN("histogram2d", concatenate(pts, 1), perDim, opts);
  return [h, edges[0]!, edges[1]!];
}

function histogramN(op: string, sample: ArrayLike, bins: Bins | Bins[], opts: HistOptions): [NDArray, NDArray[]] {
  for (const k of Object.keys(opts))
    if (k !== "range" && k !== "density" && k !== "weights")
      throw argumentError.invalid(op, `unknown option '${k}' (range, density, weights)`);
  let s = inexact(op, sample);
  if (s.ndim === 1) s = reshapeTo(s, [s.size, 1]);
  if (s.ndim !== 2) throw shapeError.rank(op, `sample must be a 2-d array of N points of D coordinates, got shape (${s.shape.join(", ")})`);
  const [n, d] = s.shape as [number, number];
  let w: NDArray | undefined;
  if (opts.weights !== undefined) {
    w = operand(opts.weights, op);
    if (w.ndim !== 1 || w.shape[0] !== n) throw shapeError.broadcast(op, s.shape.slice(0, 1), w.shape);
    const [dt, weak] = resultOf(s, w);
    s = convert(s, isFloat(dt) ? dt : "float32", weak, op);
    w = convert(w, s.dtype, weak, op);
  }
  // a JS list holds one bins per dimension (as JAX's list(bins)); a count or an edge array is shared
  if (Array.isArray(bins) && bins.length !== d)
    throw argumentError.invalid(op, `bins must be a count, an edge array, or a list of ${d} (one per dimension), got ${bins.length}`);
  const perDim: Bins[] = Array.isArray(bins) ? (bins as Bins[]) : Array.from({ length: d }, () => bins as Bins);
  const range = opts.range ?? null;
  if (range !== null && (!Array.isArray(range) || range.length !== d))
    throw argumentError.invalid(op, `range must be a list of ${d} pairs or nulls, got ${describeValue(range)}`);
  const edges: NDArray[] = [];
  let flat: NDArray | number = 0;
  let total = 1;
  for (let i = 0; i < d; i++) {
    const col = reshapeTo(sliceAxis(s, 1, i, i + 1, 1), [n]);
    const e = binEdges(op, col, perDim[i]!, range?.[i] ?? undefined);
    const ne = e.shape[0] as number;
    const last = sliceAxis(e, 0, ne - 1, ne, 1);
    let idx = searchsorted(e, col, { side: "right" });
    idx = where(equal(col, last), subtract(idx, 1), idx); // the last bin is closed
    flat = add(multiply(flat, ne + 1), idx);
    total *= ne + 1;
    edges.push(e);
  }
  const hit = equal(expandDims(flat as NDArray, 1), arange(total));
  let h: NDArray = w === undefined ? sum(hit, 0) : sum(where(hit, expandDims(w, 1), 0), 0);
  h = reshapeTo(
    h,
    edges.map((e) => (e.shape[0] as number) + 1),
  );
  for (let i = 0; i < d; i++) h = sliceAxis(h, i, 1, edges[i]!.shape[0] as number, 1); // drop the outliers
  if (opts.density) {
    h = convert(h, s.dtype, false);
    h = divide(h, sum(h));
    edges.forEach((e, i) => {
      const ne = e.shape[0] as number;
      const width = subtract(sliceAxis(e, 0, 1, ne, 1), sliceAxis(e, 0, 0, ne - 1, 1));
      h = divide(
        h,
        reshapeTo(
          width,
          Array.from({ length: d }, (_, k) => (k === i ? ne - 1 : 1)),
        ),
      );
    });
  }
  return [h, edges];
}
