// numpy.linalg: solves, inverses, determinants and factorizations over stacks of matrices (the trailing two
// axes), written on the linalg primitives (core/linalg-primitives.ts) and compositions of numpy functions,
// so each is eager, traceable by jit and differentiable with JAX's rules. Integer and bool input is
// computed in float32 (JAX's default float); a singular matrix gives inf/NaN as JAX does, never a throw.
import { argumentError, shapeError } from "../errors.js";
import { FLOAT_EPS } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { bind, bindMulti } from "../core/trace.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { broadcastBatch, matrixOperand, mT, sameFloat } from "./linalg-util.js";
import { eye } from "./creation.js";
import { abs, add, divide, exp, greater, multiply, power, sqrt, where } from "./elementwise.js";
import { matmul } from "./linalg.js";
import { max, min, sum } from "./reductions.js";
import { expandDims, moveaxis, ravel, squeeze } from "./shape-ops.js";
import { broadcastTo, convert, operand, reshapeTo } from "./util.js";
import { cross as npCross } from "./arrays.js";

export { matmul, outer, diagonal, trace, tensordot } from "./linalg.js";
export { matrixTranspose, vecdot } from "./math-extras.js";

/** Solve a x = b. b is a vector when 1-d (NumPy 2), else a stack of matrices; batch dims broadcast. */
export function solve(a: ArrayLike, b: ArrayLike): NDArray {
  let [x, y] = sameFloat("solve", matrixOperand("solve", a, true), operand(b, "solve"));
  const vec = y.ndim === 1;
  if (vec) y = expandDims(y, -1);
  if (y.ndim < 2 || y.shape[y.ndim - 2] !== x.shape[x.ndim - 1])
    throw shapeError.matmul("solve", x.shape, y.shape, `b must have ${x.shape[x.ndim - 1]} rows (a is ${x.shape.slice(-2).join("x")})`);
  [x, y] = broadcastBatch("solve", x, y, 2);
  const out = bind("linalg_solve", [x, y], {});
  return vec ? squeeze(out, -1) : out;
}

export function inv(a: ArrayLike): NDArray {
  const x = matrixOperand("inv", a, true);
  const n = x.shape[x.ndim - 1]!;
  return bind("linalg_solve", [x, broadcastTo(eye(n, null, 0, { dtype: x.dtype }), x.shape, "inv")], {});
}

/** [sign, logabsdet] of each matrix: sign 0 and logabsdet -inf for a singular one. */
export function slogdet(a: ArrayLike): [NDArray, NDArray] {
  const x = matrixOperand("slogdet", a, true);
  const [sign, logabs] = bindMulti("slogdet", [x], {});
  return [sign!, logabs!];
}

export function det(a: ArrayLike): NDArray {
  const x = matrixOperand("det", a, true);
  const [sign, logabs] = slogdet(x);
  return multiply(sign, exp(logabs));
}

/** Lower Cholesky factor (upper: its transpose) of the symmetrized input; NaN where not positive definite. */
export function cholesky(a: ArrayLike, opts: { upper?: boolean } = {}): NDArray {
  const x = matrixOperand("cholesky", a, true);
  const l = bind("cholesky", [multiply(add(x, mT(x)), 0.5)], {});
  return opts.upper ? mT(l) : l;
}

/** QR: [q, r] (mode "reduced" or "complete") or r alone (mode "r"). */
export function qr(a: ArrayLike, mode?: "reduced" | "complete"): [NDArray, NDArray];
export function qr(a: ArrayLike, mode: "r"): NDArray;
export function qr(a: ArrayLike, mode: "reduced" | "complete" | "r" = "reduced"): NDArray | [NDArray, NDArray] {
  const x = matrixOperand("qr", a, false);
  if (mode !== "reduced" && mode !== "complete" && mode !== "r")
    throw argumentError.invalid("qr", `mode must be "reduced", "complete" or "r", got ${describeValue(mode)}`);
  const [q, r] = bindMulti("qr", [x], { full: mode === "complete" });
  return mode === "r" ? r! : [q!, r!];
}

/** SVD: [u, s, vh] with s descending, or s alone when computeUv is false. */
export function svd(a: ArrayLike, fullMatrices?: boolean, computeUv?: true): [NDArray, NDArray, NDArray];
export function svd(a: ArrayLike, fullMatrices: boolean, computeUv: false): NDArray;
export function svd(a: ArrayLike, fullMatrices = true, computeUv = true): NDArray | [NDArray, NDArray, NDArray] {
  const x = matrixOperand("svd", a, false);
  const [s, u, vh] = bindMulti("svd", [x], { fullMatrices: computeUv && fullMatrices, computeUv });
  return computeUv ? [u!, s!, vh!] : s!;
}

/**
 * (a + a^T) / 2, as JAX's eigh (symmetrize_input=True): values and gradients are JAX's; for a symmetric
 * input this equals NumPy's (which reads only the UPLO triangle, so UPLO changes nothing here).
 */
function hermitian(op: string, a: ArrayLike, uplo: "L" | "U"): NDArray {
  const x = matrixOperand(op, a, true);
  if (uplo !== "L" && uplo !== "U") throw argumentError.invalid(op, `UPLO must be "L" or "U", got ${describeValue(uplo)}`);
  return multiply(add(x, mT(x)), 0.5);
}

/** Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix: [w, v]. */
export function eigh(a: ArrayLike, UPLO: "L" | "U" = "L"): [NDArray, NDArray] {
  const [v, w] = bindMulti("eigh", [hermitian("eigh", a, UPLO)], {});
  return [w!, v!];
}

/** The eigenvalues of eigh (its eigenvectors are computed and dropped, as JAX's eigvalsh). */
export function eigvalsh(a: ArrayLike, UPLO: "L" | "U" = "L"): NDArray {
  return bindMulti("eigh", [hermitian("eigvalsh", a, UPLO)], {})[1]!;
}

const epsOf = (x: NDArray) => FLOAT_EPS[x.dtype as "float32" | "float64"];

/** Singular values above `rtol * max(s)` (default rtol: max(M, N) * eps, JAX's and NumPy's). */
function cutoff(x: NDArray, s: NDArray, rtol: ArrayLike | null): NDArray {
  const r = rtol ?? Math.max(x.shape[x.ndim - 1]!, x.shape[x.ndim - 2]!) * epsOf(x);
  return multiply(r, max(s, -1, { keepdims: true }));
}

/** Moore-Penrose pseudo-inverse through the SVD; singular values at or below the cutoff are dropped. */
export function pinv(a: ArrayLike, rtol: ArrayLike | null = null): NDArray {
  const x = matrixOperand("pinv", a, false);
  const [u, s, vh] = svd(x, false);
  const keep = greater(s, cutoff(x, s, rtol));
  const sInv = where(keep, divide(1, where(keep, s, 1)), 0);
  return matmul(multiply(mT(vh), expandDims(sInv, -2)), mT(u));
}

/** Number of singular values above the tolerance (default max(M, N) * eps * max(s)), as int32. */
export function matrixRank(a: ArrayLike, tol: ArrayLike | null = null): NDArray {
  const x = operand(a, "matrix_rank");
  if (x.ndim < 2) {
    const v = matrixOperand("matrix_rank", expandDims(x, -1), false);
    return sum(greater(abs(v), 0), [-2, -1]);
  }
  const m = matrixOperand("matrix_rank", x, false);
  const s = svd(m, false, false);
  const t = tol === null ? cutoff(m, s, null) : expandDims(operand(tol, "matrix_rank"), -1);
  return sum(greater(s, t), -1);
}

/**
 * Least squares: [x, residuals, rank, s], one `lstsq` equation (the minimum-norm solution by the SVD; singular
 * values at or below rcond * max(s) dropped). Residuals are always computed, as JAX's.
 */
export function lstsq(a: ArrayLike, b: ArrayLike, rcond: number | null = null): [NDArray, NDArray, NDArray, NDArray] {
  let [x, y] = sameFloat("lstsq", matrixOperand("lstsq", a, false), operand(b, "lstsq"));
  if (x.ndim !== 2) throw shapeError.rank("lstsq", `a must be 2-dimensional, got shape (${x.shape.join(", ")})`);
  const vec = y.ndim === 1;
  if (vec) y = expandDims(y, -1);
  if (y.ndim !== 2 || y.shape[0] !== x.shape[0])
    throw shapeError.matmul("lstsq", x.shape, y.shape, "incompatible dimensions: b must have a's row count");
  if (rcond !== null && typeof rcond !== "number")
    throw argumentError.invalid("lstsq", `rcond must be a number or null, got ${describeValue(rcond)}`);
  const [sol, resid, rank, s] = bindMulti("lstsq", [x, y], { rcond });
  return vec ? [squeeze(sol!, -1), squeeze(resid!, -1), rank!, s!] : [sol!, resid!, rank!, s!];
}

/** a to an integer power by repeated squaring; a negative power inverts first. */
export function matrixPower(a: ArrayLike, n: number): NDArray {
  let x = operand(a, "matrix_power");
  if (x.ndim < 2 || x.shape[x.ndim - 1] !== x.shape[x.ndim - 2])
    throw shapeError.rank("matrix_power", `expected a stack of square matrices, got shape (${x.shape.join(", ")})`);
  if (typeof n !== "number" || !Number.isInteger(n))
    throw argumentError.invalid("matrix_power", `n must be an integer, got ${describeValue(n)}`);
  if (n === 0) return broadcastTo(eye(x.shape[x.ndim - 1]!, null, 0, { dtype: x.dtype }), x.shape, "matrix_power");
  if (n < 0) x = inv(x);
  let k = Math.abs(n);
  let result: NDArray | null = null;
  for (;;) {
    if (k & 1) result = result === null ? x : matmul(result, x);
    k >>= 1;
    if (k === 0) return result!;
    x = matmul(x, x);
  }
}

/** Chained matmul; a 1-d first/last argument is a row/column vector (dropped from the result). */
export function multiDot(arrays: ArrayLike[]): NDArray {
  if (!Array.isArray(arrays) || arrays.length < 2) throw argumentError.invalid("multi_dot", "expected a list of at least two arrays");
  const xs = arrays.map((x) => operand(x, "multi_dot"));
  xs.forEach((x, i) => {
    const ok = x.ndim === 2 || (x.ndim === 1 && (i === 0 || i === xs.length - 1));
    if (!ok) throw shapeError.rank("multi_dot", `array ${i} has ${x.ndim} dimensions; expected 2 (or 1 at either end)`);
  });
  return xs.reduce((acc, x) => matmul(acc, x));
}

type Ord = number | "fro" | "nuc" | null;

/** Vector norm of x over `axis` (sum |x|^ord)^(1/ord), with NumPy's ord 0 / inf / -inf cases. */
function vectorNormAlong(x: NDArray, ord: number | null, axis: number, keepdims: boolean): NDArray {
  const o = { keepdims };
  if (ord === null || ord === 2) return sqrt(sum(multiply(x, x), axis, o));
  const a = abs(x);
  if (ord === Infinity) return max(a, axis, o);
  if (ord === -Infinity) return min(a, axis, o);
  if (ord === 0) return sum(convert(greater(a, 0), x.dtype, false), axis, o);
  if (ord === 1) return sum(a, axis, o);
  return power(sum(power(a, ord), axis, o), 1 / ord);
}

/** Matrix norm over axes (r, c): Frobenius, nuclear, 1/-1 (column sums), inf/-inf (row sums), 2/-2 (singular values). */
function matrixNormOver(x: NDArray, ord: Ord, axes: [number, number], keepdims: boolean): NDArray {
  const [r, c] = axes;
  if (ord === null || ord === "fro") return sqrt(sum(multiply(x, x), [r, c], { keepdims }));
  let res: NDArray;
  if (ord === 1 || ord === -1 || ord === Infinity || ord === -Infinity) {
    const inner = ord === 1 || ord === -1 ? r : c;
    const outer = inner === r ? c : r;
    const sums = sum(abs(x), inner, { keepdims: true });
    res = ord > 0 ? max(sums, outer, { keepdims: true }) : min(sums, outer, { keepdims: true });
  } else if (ord === 2 || ord === -2 || ord === "nuc") {
    const s = svd(moveaxis(x, [r, c], [-2, -1]), false, false);
    const v = ord === "nuc" ? sum(s, -1) : ord === 2 ? max(s, -1) : min(s, -1);
    res = expandDims(expandDims(v, -1), -1);
    res = moveaxis(res, [-2, -1], [r, c]);
  } else throw argumentError.invalid("norm", `invalid norm order ${describeValue(ord)} for matrices`);
  return keepdims ? res : squeeze(res, [r, c]);
}

/** NumPy's norm: a vector norm over one axis (or the flattened array), a matrix norm over two. */
export function norm(
  x: ArrayLike,
  ord: Ord = null,
  axis: number | [number, number] | null = null,
  opts: { keepdims?: boolean } = {},
): NDArray {
  let a = operand(x, "norm");
  if (a.dtype !== "float32" && a.dtype !== "float64") a = convert(a, "float32", false, "norm");
  const keepdims = opts.keepdims ?? false;
  if (axis === null) {
    if (ord === null) {
      const all = a.shape.map((_, i) => i);
      return sqrt(sum(multiply(a, a), all, { keepdims }));
    }
    if (a.ndim === 1) axis = 0;
    else if (a.ndim === 2) axis = [0, 1];
    else throw argumentError.invalid("norm", "improper number of dimensions to norm: give axis for an array of more than 2 dims with ord");
  }
  if (typeof axis === "number") {
    if (typeof ord === "string") throw argumentError.invalid("norm", `invalid norm order ${describeValue(ord)} for vectors`);
    return vectorNormAlong(a, ord, normalizeAxis("norm", axis, a.ndim), keepdims);
  }
  if (!Array.isArray(axis) || axis.length !== 2)
    throw argumentError.invalid("norm", `axis must be an int or a pair, got ${describeValue(axis)}`);
  const r = normalizeAxis("norm", axis[0], a.ndim),
    c = normalizeAxis("norm", axis[1], a.ndim);
  if (r === c) throw argumentError.invalid("norm", "duplicate axes given");
  return matrixNormOver(a, ord, [r, c], keepdims);
}

/** The singular values, descending (svd without u and vh). */
export function svdvals(a: ArrayLike): NDArray {
  return svd(matrixOperand("svdvals", a, false), false, false);
}
/** Cross product of 3-vectors along `axis` (numpy.linalg.cross: both inputs must have size 3 there). */
export function cross(a: ArrayLike, b: ArrayLike, opts: { axis?: number } = {}): NDArray {
  const x = operand(a, "linalg.cross"),
    y = operand(b, "linalg.cross");
  const axis = opts.axis ?? -1;
  for (const v of [x, y])
    if (v.ndim === 0 || v.shape[normalizeAxis("linalg.cross", axis, v.ndim)] !== 3)
      throw shapeError.rank("linalg.cross", `both inputs must have size 3 along axis ${axis}, got (${x.shape}) and (${y.shape})`);
  return npCross(x, y, axis, axis, axis);
}
/** numpy.linalg.matrix_norm: norm over the last two axes (default Frobenius). */
export function matrixNorm(x: ArrayLike, opts: { ord?: Ord; keepdims?: boolean } = {}): NDArray {
  return norm(x, opts.ord ?? "fro", [-2, -1], { keepdims: opts.keepdims ?? false });
}
/** numpy.linalg.vector_norm: a vector norm over `axis` (default all axes, flattened; ord default 2). */
export function vectorNorm(x: ArrayLike, opts: { ord?: number; axis?: number | null; keepdims?: boolean } = {}): NDArray {
  const a = operand(x, "vector_norm");
  const ord = opts.ord ?? 2;
  const axis = opts.axis ?? null;
  if (axis !== null) return norm(a, ord, axis, { keepdims: opts.keepdims ?? false });
  const r = norm(ravel(a), ord, 0);
  return opts.keepdims
    ? reshapeTo(
        r,
        a.shape.map(() => 1),
      )
    : r;
}
export { cond, tensorinv, tensorsolve } from "./linalg-extras.js";
