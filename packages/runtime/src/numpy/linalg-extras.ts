// numpy.linalg's condition number and tensor inverse/solve (JAX's definitions): cond from the singular
// values (p = null, 2, -2) or from norm(x) * norm(inv(x)) (p = "fro", "nuc", 1, -1, inf, -inf); tensorinv and
// tensorsolve reshape to a square matrix for inv/solve. Compositions, so jit, vmap and grad see through them.
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, sizeOf } from "../shape.js";
import { matrixOperand } from "./linalg-util.js";
import { divide, isnan, logicalAnd, logicalNot, multiply, where } from "./elementwise.js";
import { any } from "./reductions.js";
import { moveaxis, ravel, sliceAxis, squeeze } from "./shape-ops.js";
import { operand, reshapeTo } from "./util.js";
import { inv, norm, solve, svd } from "./linalg-module.js";

/** The condition number of each matrix in the order p (2-norm by default): inf for a singular matrix. */
export function cond(x: ArrayLike, p: number | "fro" | "nuc" | null = null): NDArray {
  const a = matrixOperand("cond", x, false);
  const [m, n] = a.shape.slice(-2) as [number, number];
  if (m === 0 || n === 0) throw shapeError.empty("cond", `input array must not be empty, got shape (${a.shape.join(", ")})`);
  if (p === null || p === 2 || p === -2) {
    const s = svd(a, false, false);
    const k = s.shape[s.ndim - 1] as number;
    const first = squeeze(sliceAxis(s, s.ndim - 1, 0, 1, 1), -1),
      last = squeeze(sliceAxis(s, s.ndim - 1, k - 1, k, 1), -1);
    if (p !== -2) return divide(first, last);
    return nanToInf(a, divide(last, first));
  }
  if (![1, -1, Infinity, -Infinity, "fro", "nuc"].includes(p))
    throw argumentError.invalid("cond", `invalid norm order ${describeValue(p)} (null, 2, -2, 1, -1, Infinity, -Infinity, "fro", "nuc")`);
  if (m !== n) throw shapeError.rank("cond", `for p = ${describeValue(p)} the matrices must be square, got shape (${a.shape.join(", ")})`);
  return nanToInf(a, multiply(norm(a, p, [-2, -1]), norm(inv(a), p, [-2, -1])));
}
/** NaN results become inf where the matrix itself has no NaN (a singular matrix). */
function nanToInf(a: NDArray, r: NDArray): NDArray {
  return where(logicalAnd(isnan(r), logicalNot(any(isnan(a), [-2, -1]))), Infinity, r);
}

/** The inverse of a as a tensor: a's first `ind` dims against the rest, reshaped to a square matrix. */
export function tensorinv(a: ArrayLike, ind = 2): NDArray {
  const x = operand(a, "tensorinv");
  if (!Number.isInteger(ind) || ind <= 0)
    throw argumentError.invalid("tensorinv", `ind must be a positive integer, got ${describeValue(ind)}`);
  const lead = x.shape.slice(0, ind) as number[],
    rest = x.shape.slice(ind) as number[];
  const [p, q] = [sizeOf(lead) as number, sizeOf(rest) as number];
  if (p !== q)
    throw shapeError.rank(
      "tensorinv",
      `the product of the first ${ind} dimensions must equal that of the rest, got shape (${x.shape.join(", ")})`,
    );
  return reshapeTo(inv(reshapeTo(x, [p, q])), [...rest, ...lead]);
}

/** x with tensordot(a, x, x.ndim) = b: a's leading dims match b's shape, its remaining dims are x's. */
export function tensorsolve(a: ArrayLike, b: ArrayLike, axes: number[] | null = null): NDArray {
  let x = operand(a, "tensorsolve");
  const y = operand(b, "tensorsolve");
  if (axes !== null)
    x = moveaxis(
      x,
      axes,
      axes.map(() => x.ndim - 1),
    );
  const out = x.shape.slice(y.ndim) as number[];
  if (x.shape.slice(0, y.ndim).some((d, i) => d !== y.shape[i]) || x.ndim < y.ndim)
    throw shapeError.matmul(
      "tensorsolve",
      x.shape,
      y.shape,
      "after moving axes to the end, the leading shape of a must match the shape of b",
    );
  const k = sizeOf(out) as number;
  if (y.size !== k)
    throw shapeError.matmul("tensorsolve", x.shape, y.shape, "the product of a's leading dims must equal the product of the rest");
  return reshapeTo(solve(reshapeTo(x, [y.size as number, k]), ravel(y)), out);
}
