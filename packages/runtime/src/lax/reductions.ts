// lax's reductions and scans: reduceSum/Prod/Max/Min over a list of axes (the dtype kept: no int promotion),
// reduceAnd/Or/Xor (logical on bool, bitwise on integers, by halving the axis log2(n) times), argmax/argmin
// with an index dtype, cumsum/cumprod/cummax/cummin/cumlogsumexp along one axis (reverse = from the end;
// cumlogsumexp is the Hillis-Steele scan of logaddexp, exact where one max shift underflows), stopGradient.
import { type DTypeLike, checkDType } from "../dtype.js";
import { argumentError, dtypeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import type { CumulativeOp, ReduceOp } from "../core/primitives.js";
import { bind } from "../core/trace.js";
import { normalizeAxis } from "../shape.js";
import * as np from "../numpy/index.js";
import { sliceAxis } from "../numpy/shape-ops.js";
import { convert, operand } from "../numpy/util.js";
import { logaddexp } from "../numpy/math-extras.js";
import { type Accept, checkAccepts, dimList, laxName } from "./operands.js";

function reduction(prim: ReduceOp, op: string, accept: Accept) {
  return (x: ArrayLike, axes: readonly number[]): NDArray => {
    const a = operand(x, laxName(op));
    checkAccepts(op, a.dtype, accept);
    const ax = dimList(op, "axes", axes, a.ndim, false).sort((p, q) => p - q);
    return ax.length === 0 ? a : bind(prim, [a], { axes: ax });
  };
}
export const reduceSum = reduction("reduce_sum", "reduce_sum", "number");
export const reduceProd = reduction("reduce_prod", "reduce_prod", "number");
export const reduceMax = reduction("reduce_max", "reduce_max", "any");
export const reduceMin = reduction("reduce_min", "reduce_min", "any");

/** Combine the halves of `axis` until one element is left (an odd length carries its last element). */
function halve(x: NDArray, axis: number, f: (a: NDArray, b: NDArray) => NDArray): NDArray {
  let a = x;
  for (let n = a.shape[axis]!; n > 1; n = a.shape[axis]!) {
    const h = Math.floor(n / 2);
    const folded = f(sliceAxis(a, axis, 0, h, 1), sliceAxis(a, axis, h, 2 * h, 1));
    a = n % 2 === 0 ? folded : np.concatenate([folded, sliceAxis(a, axis, 2 * h, n, 1)], axis);
  }
  return a;
}

function bitReduction(
  op: string,
  onBool: (a: NDArray, axes: number[]) => NDArray,
  f: (a: NDArray, b: NDArray) => NDArray,
  allOnes: boolean,
) {
  return (x: ArrayLike, axes: readonly number[]): NDArray => {
    const a = operand(x, laxName(op));
    checkAccepts(op, a.dtype, "int-bool");
    const ax = dimList(op, "axes", axes, a.ndim, false).sort((p, q) => p - q);
    if (ax.length === 0) return a;
    if (a.dtype === "bool") return onBool(a, ax);
    if (ax.some((d) => a.shape[d] === 0)) {
      const zeros = np.zeros(
        a.shape.filter((_, i) => !ax.includes(i)),
        { dtype: a.dtype },
      ); // the identity of an empty reduction
      return allOnes ? np.bitwiseNot(zeros) : zeros;
    }
    let out = a;
    for (const d of ax) out = halve(out, d, f);
    return np.squeeze(out, ax);
  };
}
export const reduceAnd = bitReduction("reduce_and", (a, ax) => bind("reduce_prod", [a], { axes: ax }), np.bitwiseAnd, true);
export const reduceOr = bitReduction("reduce_or", (a, ax) => bind("reduce_sum", [a], { axes: ax }), np.bitwiseOr, false);
export const reduceXor = bitReduction(
  "reduce_xor",
  (a, ax) => np.notEqual(np.bitwiseAnd(bind("reduce_sum", [convert(a, "int32", false)], { axes: ax }), 1), 0),
  np.bitwiseXor,
  false,
);

function argReduction(prim: "argmax" | "argmin") {
  return (x: ArrayLike, axis: number, indexDtype: DTypeLike): NDArray => {
    const a = operand(x, laxName(prim));
    const dt = checkDType(indexDtype, laxName(prim));
    if (dt !== "int32" && dt !== "uint32") throw dtypeError.notAllowed(laxName(prim), dt, "indexDtype must be an integer dtype");
    if (a.ndim === 0) throw argumentError.invalid(laxName(prim), "operand must have at least one axis");
    const ax = normalizeAxis(laxName(prim), axis, a.ndim);
    if (a.shape[ax] === 0) throw argumentError.invalid(laxName(prim), `cannot reduce over the empty axis ${ax}`);
    return convert(bind(prim, [a], { axis: ax }), dt, false);
  };
}
/** The index of the first largest element along `axis` (NaN counts as largest), as indexDtype. */
export const argmax = argReduction("argmax");
/** The index of the first smallest element along `axis` (NaN counts as smallest), as indexDtype. */
export const argmin = argReduction("argmin");

function cumulative(prim: CumulativeOp, accept: Accept) {
  return (x: ArrayLike, axis = 0, reverse = false): NDArray => {
    const a = operand(x, laxName(prim));
    checkAccepts(prim, a.dtype, accept);
    return bind(prim, [a], { axis: normalizeAxis(laxName(prim), axis, a.ndim), reverse: reverse === true });
  };
}
export const cumsum = cumulative("cumsum", "number");
export const cumprod = cumulative("cumprod", "number");
export const cummax = cumulative("cummax", "any");
export const cummin = cumulative("cummin", "any");

/** log(cumsum(exp(x))) along `axis`, stable: log2(n) rounds of logaddexp with the element `shift` before. */
export function cumlogsumexp(x: ArrayLike, axis = 0, reverse = false): NDArray {
  const a = operand(x, laxName("cumlogsumexp"));
  checkAccepts("cumlogsumexp", a.dtype, "float");
  const ax = normalizeAxis(laxName("cumlogsumexp"), axis, a.ndim);
  let y = reverse ? np.flip(a, ax) : a;
  const n = y.shape[ax]!;
  for (let shift = 1; shift < n; shift *= 2) {
    const lo = a.shape.map(() => 0),
      hi = a.shape.map(() => 0);
    lo[ax] = shift;
    hi[ax] = -shift;
    const before = bind("pad", [y, np.array(-Infinity, { dtype: a.dtype })], { lo, hi });
    y = logaddexp(y, before);
  }
  return reverse ? np.flip(y, ax) : y;
}

/** x, with a zero gradient. */
export function stopGradient(x: ArrayLike): NDArray {
  return bind("stop_gradient", [operand(x, laxName("stop_gradient"))], {});
}
