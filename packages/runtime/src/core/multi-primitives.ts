// First-order primitives with several results: one equation with several `outs` (JAX's multiple_results
// primitives that hold no sub-program): the factorizations and lax.top_k. Their params and shape rules; the
// eager kernels are eager/linalg-impls.ts and eager/top-k.ts, the derivative rules
// transforms/rules/factorizations.ts. Each maps over leading batch axes.
import { type Dim, dimMin } from "./dims.js";
import { dtypeError, shapeError } from "../errors.js";
import { matrix, out } from "./linalg-primitives.js";
import type { SymAval } from "./shape-rules.js";

export interface MultiParams {
  /** a [..., m, n] -> q [..., m, m or k], r [..., m or k, n] (k = min(m, n); `full`: NumPy's "complete"). */
  qr: { full: boolean };
  /** a [..., m, n] -> s [..., k] descending, then (computeUv) u [..., m, m or k], vh [..., n or k, n]: JAX's svd_p order. */
  svd: { fullMatrices: boolean; computeUv: boolean };
  /** symmetric a [..., n, n] (lower triangle read) -> v [..., n, n] (eigenvectors as columns), w [..., n] ascending: JAX's eigh_p order. */
  eigh: Record<string, never>;
  /** a [..., n, n] -> sign [...], logabsdet [...]. */
  slogdet: Record<string, never>;
  /**
   * a [..., m, n] -> lu [..., m, n] (unit-lower L below the diagonal, U on and above), pivots int32 [..., k]
   * (row i was swapped with row pivots[i]), permutation int32 [..., m] (a[permutation] = L U): JAX's lu_p.
   */
  lu: Record<string, never>;
  /**
   * (a [..., m, n], b [..., m, k]) -> x [..., n, k], residuals [..., k] (squared 2-norms of b - a x), rank int32 [...],
   * s [..., min(m, n)]: the minimum-norm solution through the SVD, singular values at or below rcond * max(s) dropped
   * (rcond null: max(m, n) * eps).
   */
  lstsq: { rcond: number | null };
  /** x [..., n] -> values [..., k] (largest first, NaN largest, ties in index order), indices int32 [..., k]. */
  top_k: { k: number };
}
export type MultiPrimitive = keyof MultiParams;
export const MULTI_OUTPUT = ["qr", "svd", "eigh", "slogdet", "lu", "lstsq", "top_k"] as const;
const MULTI = new Set<string>(MULTI_OUTPUT);
export const isMultiOutput = (p: string): p is MultiPrimitive => MULTI.has(p);

type Rule<P extends MultiPrimitive> = (inputs: readonly SymAval[], params: MultiParams[P]) => SymAval[];
const int32 = (shape: Dim[]): SymAval => ({ shape, dtype: "int32", weakType: false });

export const multiShapeRules: { [P in MultiPrimitive]: Rule<P> } = {
  qr: ([a], { full }) => {
    const [batch, m, n] = matrix("qr", a!, false);
    const k = full ? m : dimMin(m, n);
    return [out([...batch, m, k], a!), out([...batch, k, n], a!)];
  },
  svd: ([a], { fullMatrices, computeUv }) => {
    const [batch, m, n] = matrix("svd", a!, false);
    const k = dimMin(m, n);
    const s = out([...batch, k], a!);
    if (!computeUv) return [s];
    return [s, out([...batch, m, fullMatrices ? m : k], a!), out([...batch, fullMatrices ? n : k, n], a!)];
  },
  eigh: ([a]) => {
    const [batch, n] = matrix("eigh", a!, true);
    return [out([...batch, n, n], a!), out([...batch, n], a!)];
  },
  slogdet: ([a]) => {
    const [batch] = matrix("slogdet", a!, true);
    return [out(batch, a!), out(batch, a!)];
  },
  lu: ([a]) => {
    const [batch, m, n] = matrix("lu", a!, false);
    return [out(a!.shape.slice(), a!), int32([...batch, dimMin(m, n)]), int32([...batch, m])];
  },
  lstsq: ([a, b]) => {
    const [batch, m, n] = matrix("lstsq", a!, false);
    const [bb, bm, k] = matrix("lstsq", b!, false);
    if (bm !== m || bb.join() !== batch.join() || a!.dtype !== b!.dtype)
      throw shapeError.matmul("lstsq", a!.shape, b!.shape, "b must be a stack of matrices of a's batch, with a's row count and dtype");
    return [out([...batch, n, k], a!), out([...batch, k], a!), int32(batch), out([...batch, dimMin(m, n)], a!)];
  },
  top_k: ([x], { k }) => {
    if (x!.dtype === "bool") throw dtypeError.unsupported("top_k", x!.dtype);
    const s = x!.shape;
    if (s.length === 0) throw shapeError.rank("top_k", "operand must have at least one dimension, got a 0-d array");
    const n = s[s.length - 1]!;
    if (typeof n === "number" && k > n) throw shapeError.index("top_k", k, n, s.length - 1);
    const shape = [...s.slice(0, -1), k];
    return [{ shape, dtype: x!.dtype, weakType: x!.weakType }, int32(shape)];
  },
};
