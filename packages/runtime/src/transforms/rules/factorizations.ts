// Differentiation rules of the multi-output primitives (core/multi-primitives.ts): JAX's rules
// (lax/linalg.py: qr_jvp_rule, svd_jvp_rule, eigh_jvp_rule, _lu_jvp_rule; slogdet through a solve;
// lstsq through the pseudo-inverse's derivative, numpy/linalg.py pinv's jvp; top_k's gather of tangents).
// Each primitive gives its tangent map: the output tangents from the primal inputs, the primal outputs
// and the input tangents. It is linear in the tangents, so the backward rule is its vjp (`fromTangents`);
// both reuse the equation's outputs instead of factoring again.
import type { MultiParams, MultiPrimitive } from "../../core/multi-primitives.js";
import { bindMulti } from "../../core/trace.js";
import { transformError } from "../../errors.js";
import type { NDArray } from "../../ndarray.js";
import { eye } from "../../numpy/creation.js";
import { add, divide as div, equal, multiply as mul, subtract as sub, where } from "../../numpy/elementwise.js";
import { tril, triu } from "../../numpy/extras.js";
import { diagonal } from "../../numpy/linalg.js";
import { pinv } from "../../numpy/linalg-module.js";
import { sum } from "../../numpy/reductions.js";
import { broadcastTo, expandDims } from "../../numpy/shape-ops.js";
import { takeAlongAxis } from "../../numpy/sorting.js";
import { vjp } from "../vjp.js";
import { diagEmbed, mT, mm, solve, triSolve } from "./linalg.js";
import { type Arr, isFloat, padWith, sliceAll, zerosLike } from "./ops.js";
import type { MultiAdRule } from "./types.js";

/** Output tangents (null: zero) of an equation with these inputs and outputs for the input tangents (null: zero). */
type TangentMap<P extends MultiPrimitive> = (inputs: Arr[], outs: Arr[], ts: (Arr | null)[], params: MultiParams[P]) => (Arr | null)[];

/** The jvp (bind, then the tangent map) and the vjp (the tangent map's transpose over the float outputs). */
function fromTangents<P extends MultiPrimitive>(prim: P, tangents: TangentMap<P>): MultiAdRule<P> {
  return {
    jvp: (primals, ts, params) => {
      const outs = bindMulti(prim, primals, params);
      return [outs, tangents(primals, outs, ts, params)];
    },
    vjp: (cts, { inputs, outs, params, needs }) => {
      // only the outputs with a cotangent (float, reached by the backward pass) enter the transposed map
      const used = cts.map((g, i) => g !== null && isFloat(outs[i]!.dtype));
      const tangentMap = (...ts: NDArray[]) =>
        tangents(inputs, outs, ts, params).flatMap((t, i) => (used[i] ? [t ?? zerosLike(outs[i]!)] : []));
      const [, pull] = vjp(tangentMap, ...inputs.map((x) => zerosLike(x)));
      const gs = pull(cts.filter((_, i) => used[i]) as NDArray[]) as NDArray[];
      return gs.map((g, i) => (needs[i] ? g : null));
    },
  };
}

const orZero = (t: Arr | null | undefined, like: Arr): Arr => t ?? zerosLike(like);
const dims = (a: Arr): [number, number] => a.shape.slice(-2) as [number, number];

const qrTangents: TangentMap<"qr"> = ([a], [q, r], [ta], { full }) => {
  const [m, n] = dims(a!);
  if (m < n || (full && m !== n))
    throw transformError.undefinedDerivative(
      "qr",
      `the derivative needs m >= n and reduced mode, got a ${m}x${n} matrix${full ? " (complete)" : ""}`,
    );
  // dx r^-1: x r = dx with r upper
  const dxRinv = triSolve(r!, ta!, { leftSide: false, lower: false, transposeA: false, unitDiagonal: false });
  const qtDxRinv = mm(mT(q!), dxRinv);
  const low = tril(qtDxRinv, -1);
  const dOmega = sub(low, mT(low));
  return [add(mm(q!, sub(dOmega, qtDxRinv)), dxRinv), mm(sub(qtDxRinv, dOmega), r!)];
};

const svdTangents: TangentMap<"svd"> = ([a], outs, [ta], { fullMatrices, computeUv }) => {
  const [m, n] = dims(a!);
  if (computeUv && fullMatrices && m !== n)
    throw transformError.undefinedDerivative("svd", `U and Vh with fullMatrices of a ${m}x${n} matrix (pass fullMatrices=false)`);
  // the factors of the derivative: this equation's when it has them, else a reduced factorization
  const [s, u, vt] = computeUv
    ? (outs as [Arr, Arr, Arr])
    : (bindMulti("svd", [a!], { fullMatrices: false, computeUv: true }) as [Arr, Arr, Arr]);
  const v = mT(vt);
  const dS = mm(mm(mT(u), ta!), v);
  const ds = diagonal(dS, 0, -2, -1);
  if (!computeUv) return [ds];
  const sRow = expandDims(s, -2),
    sCol = expandDims(s, -1);
  const sDiff = mul(add(sRow, sCol), sub(sRow, sCol));
  const zeroMask = (x: Arr) => where(equal(x, 0), 1, 0).astype(x.dtype);
  const dz = zeroMask(sDiff);
  const f = sub(div(1, add(sDiff, dz)), dz);
  const sz = zeroMask(s);
  const sInv = sub(div(1, add(s, sz)), sz);
  const dUdVdiag = mul(mul(sub(dS, mT(dS)), 0.5), diagEmbed(sInv));
  const dSS = mul(sRow, dS);
  let dU = mm(u, add(mul(f, add(dSS, mT(dSS))), dUdVdiag));
  if (m > n) {
    const dAV = mm(ta!, v);
    dU = add(dU, div(sub(dAV, mm(u, mm(mT(u), dAV))), sRow));
  }
  const sdS = mul(sCol, dS);
  let dV = mm(v, mul(f, add(sdS, mT(sdS))));
  if (n > m) {
    const dAU = mm(mT(ta!), u);
    dV = add(dV, div(sub(dAU, mm(v, mm(vt, dAU))), sRow));
  }
  return [ds, dU, mT(dV)];
};

const eighTangents: TangentMap<"eigh"> = (_, [v, w], [ta]) => {
  const vav = mm(mm(mT(v!), ta!), v!);
  // F[i][j] = 1 / (w_j - w_i) off the diagonal, 0 on it
  const n = w!.shape[w!.ndim - 1]!;
  const id = eye(n, null, 0, { dtype: w!.dtype });
  const f = sub(div(1, add(id, sub(expandDims(w!, -2), expandDims(w!, -1)))), id);
  return [mm(v!, mul(f, vav)), diagonal(vav, 0, -2, -1)];
};

// d log|det a| = tr(a^-1 da); the sign is piecewise constant
const slogdetTangents: TangentMap<"slogdet"> = ([a], _, [ta]) => [null, sum(diagonal(solve(a!, ta!), 0, -2, -1), -1)];

/**
 * JAX's _lu_jvp_rule: with P a = L U, L^-1 P da U^-1 = L^-1 dL + dU U^-1 splits into its strictly lower part
 * (L^-1 dL) and its upper part (dU U^-1). A rectangular a pads L to m x m and U to n x n with identity blocks.
 */
const luTangents: TangentMap<"lu"> = ([a], [lu, , perm], [ta]) => {
  const [m, n] = dims(a!);
  const k = Math.min(m, n);
  const batch = a!.shape.slice(0, -2);
  const zeros = batch.map(() => 0);
  const x = takeAlongAxis(ta!, broadcastTo(expandDims(perm!, -1), ta!.shape), -2);
  const cols = (t: Arr, lo: number, hi: number) => sliceAll(t, [...zeros, 0, lo], [...batch, t.shape[t.ndim - 2]!, hi]);
  const rows = (t: Arr, lo: number, hi: number) => sliceAll(t, [...zeros, lo, 0], [...batch, hi, t.shape[t.ndim - 1]!]);
  const l = add(padWith(tril(cols(lu!, 0, k), -1), 0, [...zeros, 0, 0], [...zeros, 0, m - k]), eye(m, null, 0, { dtype: a!.dtype }));
  const u0 = padWith(triu(rows(lu!, 0, k)), 0, [...zeros, 0, 0], [...zeros, n - k, 0]);
  const u = n > k ? add(u0, padWith(eye(n - k, null, 0, { dtype: a!.dtype }), 0, [k, k], [0, 0])) : u0;
  const la = triSolve(l, x, { leftSide: true, lower: true, transposeA: false, unitDiagonal: true });
  const lau = triSolve(u, la, { leftSide: false, lower: false, transposeA: false, unitDiagonal: false });
  return [add(mm(l, tril(lau, -1)), mm(triu(lau), u)), null, null];
};

/**
 * x = a⁺ b with the truncated pseudo-inverse a⁺ (its rank held fixed): da⁺ = -a⁺ da a⁺ + a⁺ a⁺ᵀ daᵀ (I - a a⁺)
 * + (I - a⁺ a) daᵀ a⁺ᵀ a⁺ (Golub and Pereyra, JAX's pinv jvp); residuals Σ r² with r = b - a x; s as svd's.
 */
const lstsqTangents: TangentMap<"lstsq"> = ([a, b], [x], [ta, tb], { rcond }) => {
  const [m, n] = dims(a!);
  const dA = orZero(ta, a!),
    dB = orZero(tb, b!);
  const p = pinv(a!, rcond);
  const eyeOf = (k: number) => eye(k, null, 0, { dtype: a!.dtype });
  let dp = mul(mm(mm(p, dA), p), -1);
  dp = add(dp, mm(mm(mm(p, mT(p)), mT(dA)), sub(eyeOf(m), mm(a!, p))));
  dp = add(dp, mm(mm(mm(sub(eyeOf(n), mm(p, a!)), mT(dA)), mT(p)), p));
  const dx = add(mm(dp, b!), mm(p, dB));
  const r = sub(b!, mm(a!, x!));
  const dr = sub(dB, add(mm(dA, x!), mm(a!, dx)));
  const dResid = mul(sum(mul(r, dr), -2), 2);
  const ds = ta ? svdTangents([a!], [], [ta], { fullMatrices: false, computeUv: false })[0]! : null;
  return [dx, dResid, null, ds];
};

// the values are a gather of the operand at the indices, and so are their tangents
const topKTangents: TangentMap<"top_k"> = (_, [, idx], [t]) => [takeAlongAxis(t!, idx!, -1), null];

export const multiRules: { [P in MultiPrimitive]: MultiAdRule<P> } = {
  qr: fromTangents("qr", qrTangents),
  svd: fromTangents("svd", svdTangents),
  eigh: fromTangents("eigh", eighTangents),
  slogdet: fromTangents("slogdet", slogdetTangents),
  lu: fromTangents("lu", luTangents),
  lstsq: fromTangents("lstsq", lstsqTangents),
  top_k: fromTangents("top_k", topKTangents),
};
