// The single-result linear-algebra primitives (and the FFT): their params and shape rules. Each works on the
// trailing two axes (matrices) and maps over any leading batch axes; operands of two-input primitives share
// the batch. The factorizations with several results (qr, svd, eigh, slogdet, lu, lstsq) are multi-output
// primitives: core/multi-primitives.ts.
import type { Dim } from "./dims.js";
import { dtypeError, shapeError } from "../errors.js";
import type { SymAval } from "./shape-rules.js";

export interface TriangularSolveParams {
  /** op(a) x = b when true, x op(a) = b otherwise. */
  leftSide: boolean;
  lower: boolean;
  /** op(a) = a^T when true. */
  transposeA: boolean;
  unitDiagonal: boolean;
}

export interface LinalgParams {
  linalg_solve: Record<string, never>; // (a [..., n, n], b [..., n, k]) -> x [..., n, k]
  triangular_solve: TriangularSolveParams; // (a [..., n, n], b [..., m, k])
  cholesky: Record<string, never>; // lower factor; the lower triangle of a is read
  // unnormalized DFT of length n over the last complex axis, XLA's four FFT types (numpy/fft.ts has the layout):
  // fft/ifft [..., n, 2] -> [..., n, 2]; rfft [..., n] -> [..., n/2+1, 2]; irfft [..., n/2+1, 2] -> [..., n]
  fft: { type: FftType; n: number };
}
export type LinalgPrimitive = keyof LinalgParams;
export type FftType = "fft" | "ifft" | "rfft" | "irfft";
export const LINALG_PRIMITIVES = ["linalg_solve", "triangular_solve", "cholesky", "fft"] as const;

/** The batch dims and the matrix dims (m, n) of a float operand of at least 2 dims. */
export function matrix(op: string, x: SymAval, square: boolean): [Dim[], Dim, Dim] {
  if (x.dtype !== "float32" && x.dtype !== "float64") throw dtypeError.unsupported(op, x.dtype);
  if (x.shape.length < 2) throw shapeError.rank(op, `expected an array of at least 2 dimensions, got shape (${x.shape.join(", ")})`);
  const m = x.shape[x.shape.length - 2]!,
    n = x.shape[x.shape.length - 1]!;
  if (square && m !== n) throw shapeError.rank(op, `last 2 dimensions of the array must be square, got shape (${x.shape.join(", ")})`);
  return [x.shape.slice(0, -2), m, n];
}

export const out = (shape: Dim[], x: SymAval): SymAval => ({ shape, dtype: x.dtype, weakType: false });

type Rule<P extends LinalgPrimitive> = (inputs: readonly SymAval[], params: LinalgParams[P]) => SymAval;

export const linalgShapeRules: { [P in LinalgPrimitive]: Rule<P> } = {
  linalg_solve: ([a, b]) => {
    const [batch, n] = matrix("solve", a!, true);
    const [bb, bn, k] = matrix("solve", b!, false);
    if (bn !== n || bb.join() !== batch.join() || a!.dtype !== b!.dtype)
      throw shapeError.matmul("solve", a!.shape, b!.shape, "b must be a stack of matrices of a's batch, with a's row count and dtype");
    return out([...batch, n, k], a!);
  },
  triangular_solve: ([a, b], { leftSide }) => {
    const [batch, n] = matrix("triangular_solve", a!, true);
    const [bb, m, k] = matrix("triangular_solve", b!, false);
    if ((leftSide ? m : k) !== n || bb.join() !== batch.join() || a!.dtype !== b!.dtype)
      throw shapeError.matmul(
        "triangular_solve",
        a!.shape,
        b!.shape,
        `b's ${leftSide ? "rows" : "columns"} must match a (same batch and dtype)`,
      );
    return out([...batch, m, k], a!);
  },
  cholesky: ([a]) => out(a!.shape.slice(), (matrix("cholesky", a!, true), a!)),
  fft: ([x], { type, n }) => {
    if (x!.dtype !== "float32" && x!.dtype !== "float64") throw dtypeError.unsupported("fft", x!.dtype);
    const s = x!.shape;
    const half = Math.floor(n / 2) + 1;
    const want = type === "rfft" ? [n] : [type === "irfft" ? half : n, 2];
    if (s.length < want.length || want.some((d, i) => s[s.length - want.length + i] !== d))
      throw shapeError.rank("fft", `${type} of length ${n} expects trailing dims (${want.join(", ")}), got shape (${s.join(", ")})`);
    const lead = s.slice(0, s.length - want.length);
    return out(type === "rfft" ? [...lead, half, 2] : type === "irfft" ? [...lead, n] : [...lead, n, 2], x!);
  },
};
