// Differentiation rules of the single-result linalg primitives (JAX's rules, lax/linalg.py).
// solve and triangular_solve have explicit forward and backward rules (the backward one is a solve
// with the transposed matrix). cholesky gives its forward rule only: its tangent map is linear in the
// input tangent and built from matmuls, masks and solves, so the backward rule is the vjp of that map
// (`transposeOf`), whose own backward pass uses the solves' explicit rules. The multi-output
// factorizations are in rules/factorizations.ts.
import type { LinalgParams, LinalgPrimitive } from "../../core/linalg-primitives.js";
import { bind } from "../../core/trace.js";
import type { NDArray } from "../../ndarray.js";
import { eye } from "../../numpy/creation.js";
import { array } from "../../numpy/util.js";
import { add, multiply as mul, negative as neg, subtract as sub } from "../../numpy/elementwise.js";
import { tril, triu } from "../../numpy/extras.js";
import { diagonal, matmul } from "../../numpy/linalg.js";
import { expandDims, swapaxes } from "../../numpy/shape-ops.js";
import { vjp } from "../vjp.js";
import { type Arr, zerosLike } from "./ops.js";
import type { AdRules, JvpRule, VjpRule } from "./types.js";

export const mT = (x: Arr): Arr => swapaxes(x, -1, -2);
export const mm = (a: Arr, b: Arr): Arr => matmul(a, b);
const orZero = (t: Arr | null, like: Arr): Arr => t ?? zerosLike(like);
export const diagEmbed = (d: Arr): Arr => mul(expandDims(d, -1), eye(d.shape[d.ndim - 1]!, null, 0, { dtype: d.dtype }));
export const solve = (a: Arr, b: Arr): Arr => bind("linalg_solve", [a, b], {});
export const triSolve = (a: Arr, b: Arr, p: LinalgParams["triangular_solve"]): Arr => bind("triangular_solve", [a, b], p);

/** The backward rule of a primitive whose jvp tangent is linear in the input tangents: the vjp of that map. */
function transposeOf<P extends LinalgPrimitive>(jvp: JvpRule<P>): VjpRule<P> {
  return (ct, c) => {
    const tangentMap = (...ts: NDArray[]) => jvp(c.inputs, ts, c.params)[1] ?? zerosLike(c.out);
    const [, pull] = vjp(tangentMap, ...c.inputs.map((x) => zerosLike(x)));
    return (pull(ct) as NDArray[]).map((g, i) => (c.needs[i] ? g : null));
  };
}

/** The triangle the primitive reads (a solve's tangent/cotangent in `a` lives there). */
function triangle(x: Arr, p: LinalgParams["triangular_solve"]): Arr {
  const k = p.unitDiagonal ? 1 : 0;
  return p.lower ? tril(x, -k) : triu(x, k);
}

const solveJvp: JvpRule<"linalg_solve"> = ([a, b], [ta, tb]) => {
  const x = solve(a!, b!);
  const rhs = ta ? sub(orZero(tb ?? null, b!), mm(ta, x)) : tb!;
  return [x, solve(a!, rhs)];
};

const triJvp: JvpRule<"triangular_solve"> = ([a, b], [ta, tb], p) => {
  const x = triSolve(a!, b!, p);
  let rhs = orZero(tb ?? null, b!);
  if (ta) {
    const opDa = p.transposeA ? mT(triangle(ta, p)) : triangle(ta, p);
    rhs = sub(rhs, p.leftSide ? mm(opDa, x) : mm(x, opDa));
  }
  return [x, triSolve(a!, rhs, p)];
};

const triVjp: VjpRule<"triangular_solve"> = (ct, { inputs: [a], out: x, params: p, needs }) => {
  const gb = triSolve(a!, ct, { ...p, transposeA: !p.transposeA });
  if (!needs[0]) return [null, gb];
  // the cotangent of op(a) is -gb x^T (left) or -x^T gb (right); a's is that, transposed back, on the triangle
  const gOp = neg(p.leftSide ? mm(gb, mT(x)) : mm(mT(x), gb));
  return [triangle(p.transposeA ? mT(gOp) : gOp, p), gb];
};

/** tril with the diagonal halved: Phi of Murray's Cholesky derivative. */
const phi = (x: Arr): Arr => add(tril(x, -1), mul(diagEmbed(diagonal(x, 0, -2, -1)), 0.5));

const cholJvp: JvpRule<"cholesky"> = ([a], [ta]) => {
  const l = bind("cholesky", [a!], {});
  const lower = { leftSide: true, lower: true, transposeA: false, unitDiagonal: false };
  // L^-1 dA L^-T, then dL = L Phi(...)
  const inner = triSolve(l, triSolve(l, ta!, lower), { ...lower, leftSide: false, transposeA: true });
  return [l, mm(l, phi(inner))];
};

/**
 * The DFT is linear and its matrix symmetric, so its transpose (as a real map on (re, im) pairs) is the
 * conjugate transform: fft <-> ifft. irfft counts each mirrored bin k in 1..n-h twice (X[n-k] = conj X[k]),
 * so its transpose is that weight times rfft; rfft's is irfft of the cotangent with those bins halved.
 */
const fftVjp: VjpRule<"fft"> = (ct, { params: { type, n } }) => {
  const h = Math.floor(n / 2) + 1;
  const weight = (twice: number, once: number) =>
    array(
      Float64Array.from({ length: h }, (_, k) => (k >= 1 && k <= n - h ? twice : once)),
      { dtype: ct.dtype },
    ).reshape([h, 1]);
  if (type === "fft" || type === "ifft") return [bind("fft", [ct], { type: type === "fft" ? "ifft" : "fft", n })];
  if (type === "irfft") return [mul(weight(2, 1), bind("fft", [ct], { type: "rfft", n }))];
  return [bind("fft", [mul(weight(0.5, 1), ct)], { type: "irfft", n })];
};

export const linalgRules: AdRules<LinalgPrimitive> = {
  linalg_solve: {
    jvp: solveJvp,
    vjp: (ct, { inputs: [a], out: x, needs }) => {
      const gb = solve(mT(a!), ct);
      return [needs[0] ? neg(mm(gb, mT(x))) : null, gb];
    },
  },
  triangular_solve: { jvp: triJvp, vjp: triVjp },
  cholesky: { jvp: cholJvp, vjp: transposeOf(cholJvp) },
  fft: { jvp: ([x], [t], p) => [bind("fft", [x!], p), bind("fft", [t!], p)], vjp: fftVjp },
};
