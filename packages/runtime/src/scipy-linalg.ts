// scipy.linalg (`scipyLinalg`, as jax.scipy.linalg): lu — the permutation matrix and the two triangular factors
// of the `lu` equation (lax.linalg.lu), as jax.scipy.linalg.lu builds them.
import { bindMulti } from "./core/trace.js";
import { argumentError } from "./errors.js";
import type { ArrayLike, NDArray } from "./ndarray.js";
import { arange, eye } from "./numpy/creation.js";
import { add, equal, matmul } from "./numpy/index.js";
import { tril, triu } from "./numpy/extras.js";
import { matrixOperand } from "./numpy/linalg-util.js";
import { expandDims, sliceAxis } from "./numpy/shape-ops.js";
import { convert } from "./numpy/util.js";
import { describeValue } from "./shape.js";

/**
 * [p, l, u] with a = p l u for each [..., m, n] matrix: p [..., m, m] a permutation matrix (p[perm[i], i] = 1),
 * l [..., m, k] unit lower triangular, u [..., k, n] upper triangular (k = min(m, n)); with `permuteL`,
 * [p l, u]. Differentiable in l and u (JAX's lu rule); p is piecewise constant.
 */
export function lu(a: ArrayLike, opts: { permuteL?: boolean } = {}): [NDArray, NDArray, NDArray] | [NDArray, NDArray] {
  for (const key of Object.keys(opts)) if (key !== "permuteL") throw argumentError.invalid("lu", `unsupported option '${key}' (permuteL)`);
  if (opts.permuteL !== undefined && typeof opts.permuteL !== "boolean")
    throw argumentError.invalid("lu", `permuteL must be a boolean, got ${describeValue(opts.permuteL)}`);
  const x = matrixOperand("lu", a, false);
  const [m, n] = x.shape.slice(-2) as [number, number];
  const k = Math.min(m, n);
  const [f, , perm] = bindMulti("lu", [x], {});
  const p = convert(equal(expandDims(perm!, -2), expandDims(arange(0, m, 1, { dtype: "int32" }), -1)), x.dtype, false);
  const l = add(tril(sliceAxis(f!, x.ndim - 1, 0, k, 1), -1), eye(m, k, 0, { dtype: x.dtype }));
  const u = triu(sliceAxis(f!, x.ndim - 2, 0, k, 1));
  return opts.permuteL ? [matmul(p, l), u] : [p, l, u];
}
