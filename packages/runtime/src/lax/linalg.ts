// lax.linalg.triangularSolve, lax.linalg.lu and lax.convGeneralDilated: JAX lower-level functions with no NumPy
// spelling.
import type { TriangularSolveParams } from "../core/linalg-primitives.js";
import { bind, bindMulti } from "../core/trace.js";
import { shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { broadcastBatch, matrixOperand, sameFloat } from "../numpy/linalg-util.js";

/** lax.linalg.triangularSolve (triangular_solve): op(a) x = b (leftSide) or x op(a) = b, reading the `lower` (or upper) triangle of a. */
function triangularSolve(a: ArrayLike, b: ArrayLike, opts: Partial<TriangularSolveParams> = {}): NDArray {
  const p: TriangularSolveParams = {
    leftSide: opts.leftSide ?? false,
    lower: opts.lower ?? false,
    transposeA: opts.transposeA ?? false,
    unitDiagonal: opts.unitDiagonal ?? false,
  };
  let [x, y] = sameFloat("triangular_solve", matrixOperand("triangular_solve", a, true), matrixOperand("triangular_solve", b, false));
  const n = x.shape[x.ndim - 1]!;
  if ((p.leftSide ? y.shape[y.ndim - 2] : y.shape[y.ndim - 1]) !== n)
    throw shapeError.matmul(
      "triangular_solve",
      x.shape,
      y.shape,
      `b's ${p.leftSide ? "rows" : "columns"} (${p.leftSide ? y.shape[y.ndim - 2] : y.shape[y.ndim - 1]}) must equal a's size ${n}`,
    );
  [x, y] = broadcastBatch("triangular_solve", x, y, 2);
  return bind("triangular_solve", [x, y], p);
}

/**
 * lax.linalg.lu (lu_p): [lu, pivots, permutation] of each [..., m, n] matrix by partial pivoting. lu holds the
 * unit-lower L below its diagonal and U on and above; row i was swapped with pivots[i] (int32, min(m, n) of
 * them) and a[permutation] = L U (int32, m of them).
 */
function lu(a: ArrayLike): [NDArray, NDArray, NDArray] {
  const [f, pivots, permutation] = bindMulti("lu", [matrixOperand("lu", a, false)], {});
  return [f!, pivots!, permutation!];
}

export const linalg = { triangularSolve, lu };
export { convGeneralDilated, conv, convWithGeneralPadding } from "../numpy/conv.js";
export type { ConvDimensionNumbers, ConvOptions, ConvPadding } from "../numpy/conv.js";
