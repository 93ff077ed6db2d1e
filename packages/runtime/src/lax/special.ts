// lax's special functions: igamma / igammac (regularized incomplete gamma P and Q), betainc (regularized
// incomplete beta), zeta (Hurwitz), polygamma, besselI0e / besselI1e (exponentially scaled modified Bessel
// functions of order 0 and 1), randomGammaGrad (the derivative of a Gamma sample in its shape).
// Compositions of numpy ops with fixed-length loops (lax.foriLoop over JS bounds: a plain loop eagerly, a
// scan under jit, so reverse-mode differentiable in every argument):
//   igamma   Cephes' power series for x < max(1, a), else 1 - the continued fraction of Q (both computed,
//            one selected), ITER steps (enough for a <= ~1000 in float64);
//   betainc  Numerical Recipes' modified Lentz continued fraction, on the side of the symmetry
//            I_x(a, b) = 1 - I_{1-x}(b, a) where it converges;
//   zeta     Cephes' direct sum of 9 terms then the Euler-Maclaurin tail (12 Bernoulli terms);
//   bessel   the power series for |x| <= 30, else the asymptotic expansion e^x / sqrt(2 pi x) sum a_k / x^k.
// Domains follow JAX: NaN outside them (a < 0, x < 0, ...), igamma(0, x) = 1, zeta(1, q) = inf. Inputs must be
// float (JS numbers take the other operand's dtype); unsafe lanes are given safe values before the loops so a
// gradient never sees the discarded branch's NaN (the double-where rule).
import { dtypeError } from "../errors.js";
import { isFloat } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { convert, operand } from "../numpy/util.js";
import { broadcastShapes } from "../shape.js";
import { digamma, gammaln } from "../scipy-special.js";
import { jvp } from "../transforms/jvp.js";
import { foriLoop } from "./control-flow.js";

const ITER = 300;

/** Float operands of one dtype, broadcast together (a weak JS number takes the other's dtype). */
function floats(op: string, xs: ArrayLike[]): NDArray[] {
  const as = xs.map((x) => operand(x, op));
  for (const a of as) if (!isFloat(a.dtype) && !a.weakType) throw dtypeError.notAllowed(op, a.dtype, `${op} needs float operands`);
  const strong = as.filter((a) => !a.weakType);
  if (strong.some((a) => a.dtype !== strong[0]!.dtype))
    throw dtypeError.mismatch(op, `operands must have one dtype, got ${strong.map((a) => a.dtype).join(", ")}`);
  const dt = strong[0]?.dtype ?? "float32";
  const fs = as.map((a) => convert(a, dt, false));
  const shape = fs.reduce<readonly number[]>((sh, a) => broadcastShapes(op, sh, a.shape), []);
  return fs.map((a) => np.broadcastTo(a, shape));
}

/** n steps of body over a tuple of arrays. */
function iterate(n: number, init: NDArray[], body: (s: NDArray[]) => NDArray[]): NDArray[] {
  return foriLoop(0, n, (_i: NDArray, s: NDArray[]) => body(s), init);
}

/** log(x^a e^-x / Gamma(a)), the common factor of P and Q. */
const logPrefactor = (a: NDArray, x: NDArray) => np.subtract(np.subtract(np.multiply(a, np.log(x)), x), gammaln(a));

/** P(a, x) by the series (x < a + 1 side) and Q(a, x) by the continued fraction (the other side). */
function igammaParts(a: NDArray, x: NDArray, useSeries: NDArray): [NDArray, NDArray] {
  // series: sum_n x^n / (a (a+1) ... (a+n))
  const [, , sum] = iterate(ITER, [a, np.onesLike(a), np.onesLike(a)], ([r, c, s]) => {
    const r1 = np.add(r!, 1);
    const c1 = np.multiply(c!, np.divide(x, r1));
    return [r1, c1, np.add(s!, c1)];
  });
  const p = np.divide(np.multiply(sum!, np.exp(logPrefactor(a, x))), a);
  // Cephes' continued fraction for Q, rescaled when the convergents grow large
  const big = 2 ** 52,
    biginv = 2 ** -52;
  const y0 = np.subtract(1, a);
  const z0 = np.add(np.add(x, y0), 1);
  const init = [y0, z0, np.zerosLike(a), np.onesLike(a), x, np.add(x, 1), np.multiply(z0, x)];
  const ans0 = np.divide(init[5]!, init[6]!);
  const [, , , , , , , ans] = iterate(ITER, [...init, ans0], ([y, z, c, pkm2, qkm2, pkm1, qkm1, an]) => {
    const c1 = np.add(c!, 1),
      y1 = np.add(y!, 1),
      z1 = np.add(z!, 2);
    const yc = np.multiply(y1, c1);
    const pk = np.subtract(np.multiply(pkm1!, z1), np.multiply(pkm2!, yc));
    const qk = np.subtract(np.multiply(qkm1!, z1), np.multiply(qkm2!, yc));
    const ok = np.notEqual(qk, 0);
    const next = np.where(ok, np.divide(pk, np.where(ok, qk, 1)), an!);
    const scale = np.where(np.greater(np.abs(pk), big), biginv, 1);
    return [y1, z1, c1, np.multiply(pkm1!, scale), np.multiply(qkm1!, scale), np.multiply(pk, scale), np.multiply(qk, scale), next];
  });
  const q = np.multiply(ans!, np.exp(logPrefactor(a, x)));
  return [np.where(useSeries, p, np.subtract(1, q)), np.where(useSeries, np.subtract(1, p), q)];
}

/** [P, Q] with JAX's edge cases: a = 0 -> (1, 0); x = 0 -> (0, 1); a < 0, x < 0 or NaN -> NaN. */
function igammaBoth(op: string, aIn: ArrayLike, xIn: ArrayLike): [NDArray, NDArray] {
  const [a, x] = floats(op, [aIn, xIn]) as [NDArray, NDArray];
  const bad = np.logicalOr(np.logicalOr(np.less(a, 0), np.less(x, 0)), np.logicalOr(np.isnan(a), np.isnan(x)));
  const aZero = np.equal(a, 0),
    xZero = np.equal(x, 0);
  const edge = np.logicalOr(np.logicalOr(bad, aZero), xZero);
  const sa = np.where(edge, 1, a),
    sx = np.where(edge, 1, x);
  const useSeries = np.logicalOr(np.lessEqual(sx, 1), np.lessEqual(sx, sa));
  const [p, q] = igammaParts(sa, sx, useSeries);
  const fix = (v: NDArray, atAZero: number, atXZero: number) => np.where(bad, NaN, np.where(aZero, atAZero, np.where(xZero, atXZero, v)));
  return [fix(p, 1, 0), fix(q, 0, 1)];
}

/** lax.igamma(a, x): the regularized lower incomplete gamma function P(a, x). */
export function igamma(a: ArrayLike, x: ArrayLike): NDArray {
  return igammaBoth("igamma", a, x)[0];
}
/** lax.igammac(a, x): the regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x). */
export function igammac(a: ArrayLike, x: ArrayLike): NDArray {
  return igammaBoth("igammac", a, x)[1];
}

/** Numerical Recipes' betacf: the continued fraction of I_x(a, b) (modified Lentz, ITER steps of two terms). */
function betacf(a: NDArray, b: NDArray, x: NDArray): NDArray {
  const tiny = 1e-30;
  const guard = (v: NDArray) => np.where(np.less(np.abs(v), tiny), tiny, v);
  const qab = np.add(a, b),
    qap = np.add(a, 1),
    qam = np.subtract(a, 1);
  const d0 = np.divide(1, guard(np.subtract(1, np.divide(np.multiply(qab, x), qap))));
  const [, , , h] = iterate(ITER, [np.zerosLike(a), np.onesLike(a), d0, d0], ([m, c, d, h]) => {
    const m1 = np.add(m!, 1),
      m2 = np.multiply(m1, 2);
    const aa = np.divide(np.multiply(np.multiply(m1, np.subtract(b, m1)), x), np.multiply(np.add(qam, m2), np.add(a, m2)));
    let dd = np.divide(1, guard(np.add(1, np.multiply(aa, d!))));
    let cc = guard(np.add(1, np.divide(aa, c!)));
    let hh = np.multiply(np.multiply(h!, dd), cc);
    const ab = np.negative(
      np.divide(np.multiply(np.multiply(np.add(a, m1), np.add(qab, m1)), x), np.multiply(np.add(a, m2), np.add(qap, m2))),
    );
    dd = np.divide(1, guard(np.add(1, np.multiply(ab, dd))));
    cc = guard(np.add(1, np.divide(ab, cc)));
    hh = np.multiply(np.multiply(hh, dd), cc);
    return [m1, cc, dd, hh];
  });
  return h!;
}

/** lax.betainc(a, b, x): the regularized incomplete beta function I_x(a, b). */
export function betainc(aIn: ArrayLike, bIn: ArrayLike, xIn: ArrayLike): NDArray {
  const op = "betainc";
  const [a, b, x] = floats(op, [aIn, bIn, xIn]) as [NDArray, NDArray, NDArray];
  const bad = np.logicalOr(
    np.logicalOr(np.less(a, 0), np.less(b, 0)),
    np.logicalOr(np.logicalOr(np.less(x, 0), np.greater(x, 1)), np.logicalOr(np.isnan(a), np.logicalOr(np.isnan(b), np.isnan(x)))),
  );
  const x0 = np.equal(x, 0),
    x1 = np.equal(x, 1);
  // a = 0 (b > 0): all mass at 0 -> 1; b = 0 (a > 0): all mass at 1 -> 0 (below x = 1)
  const a0 = np.equal(a, 0),
    b0 = np.equal(b, 0);
  const edge = np.logicalOr(np.logicalOr(bad, np.logicalOr(x0, x1)), np.logicalOr(a0, b0));
  const sa = np.where(edge, 1, a),
    sb = np.where(edge, 1, b),
    sx = np.where(edge, 0.5, x);
  const lbt = np.add(
    np.subtract(np.subtract(gammaln(np.add(sa, sb)), gammaln(sa)), gammaln(sb)),
    np.add(np.multiply(sa, np.log(sx)), np.multiply(sb, np.log1p(np.negative(sx)))),
  );
  const bt = np.exp(lbt);
  const direct = np.less(sx, np.divide(np.add(sa, 1), np.add(np.add(sa, sb), 2)));
  // one continued fraction, on the convergent side of the symmetry
  const ca = np.where(direct, sa, sb),
    cb = np.where(direct, sb, sa),
    cx = np.where(direct, sx, np.subtract(1, sx));
  const frac = np.divide(np.multiply(bt, betacf(ca, cb, cx)), ca);
  const v = np.where(direct, frac, np.subtract(1, frac));
  const atEdge = np.where(x0, 0, np.where(x1, 1, np.where(a0, 1, 0)));
  return np.where(bad, NaN, np.where(edge, atEdge, v));
}

// Cephes zeta.c: Bernoulli-number coefficients of the Euler-Maclaurin tail, (2k)! / B_2k
const ZETA_A = [
  12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10, -2.950130727918164224e12,
  1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18,
];

/** The Hurwitz zeta sum for x > 1, q > 0 (Cephes). */
function hurwitz(x: NDArray, q: NDArray): NDArray {
  const negx = np.negative(x);
  let s = np.power(q, negx);
  let a = q;
  let b: NDArray = s;
  for (let i = 0; i < 9; i++) {
    a = np.add(a, 1);
    b = np.power(a, negx);
    s = np.add(s, b);
  }
  const w = a;
  s = np.add(s, np.divide(np.multiply(b, w), np.subtract(x, 1)));
  s = np.subtract(s, np.multiply(b, 0.5));
  let fac: NDArray = np.onesLike(x);
  let k = 0;
  for (const c of ZETA_A) {
    fac = np.multiply(fac, np.add(x, k));
    b = np.divide(b, w);
    s = np.add(s, np.divide(np.multiply(fac, b), c));
    k += 1;
    fac = np.multiply(fac, np.add(x, k));
    b = np.divide(b, w);
    k += 1;
  }
  return s;
}

/** lax.zeta(x, q): the Hurwitz zeta function sum_k (q + k)^-x (x = 1: inf; x < 1: NaN; q <= 0: JAX's poles). */
export function zeta(xIn: ArrayLike, qIn: ArrayLike): NDArray {
  const [x, q] = floats("zeta", [xIn, qIn]) as [NDArray, NDArray];
  const one = np.equal(x, 1);
  const below = np.logicalOr(np.less(x, 1), np.logicalOr(np.isnan(x), np.isnan(q)));
  const qPole = np.logicalAnd(np.lessEqual(q, 0), np.equal(q, np.floor(q)));
  // a non-positive q is only defined for integer x (q^-x); a pole at q = 0, -1, ... for even x, else NaN
  const qNeg = np.logicalAnd(np.lessEqual(q, 0), np.logicalNot(qPole));
  const nonInt = np.logicalAnd(qNeg, np.notEqual(x, np.floor(x)));
  const bad = np.logicalOr(np.logicalOr(below, nonInt), one);
  const v = hurwitz(np.where(bad, 2, x), np.where(np.logicalOr(bad, qPole), 1, q));
  const poleValue = np.where(np.equal(np.mod(x, 2), 0), Infinity, NaN);
  return np.where(one, Infinity, np.where(bad, NaN, np.where(qPole, poleValue, v)));
}

/** lax.polygamma(n, x): the n-th derivative of digamma; (-1)^(n+1) n! zeta(n + 1, x) for n >= 1 (n a non-negative integer). */
export function polygamma(nIn: ArrayLike, xIn: ArrayLike): NDArray {
  const [n, x] = floats("polygamma", [nIn, xIn]) as [NDArray, NDArray];
  const valid = np.logicalAnd(np.greaterEqual(n, 0), np.equal(n, np.floor(n)));
  const pos = np.logicalAnd(valid, np.greater(n, 0));
  const sn = np.where(pos, n, 1);
  const sign = np.where(np.equal(np.mod(sn, 2), 1), 1, -1);
  const higher = np.multiply(np.multiply(sign, np.exp(gammaln(np.add(sn, 1)))), zeta(np.add(sn, 1), x));
  return np.where(valid, np.where(pos, higher, digamma(x)), NaN);
}

/**
 * lax.random_gamma_grad(a, x): d x / d a for a Gamma(a) sample x at a fixed uniform (the implicit
 * derivative of P(a, x) = u): -(dP/da) / (dP/dx), with dP/da the forward-mode derivative of igamma.
 */
export function randomGammaGrad(aIn: ArrayLike, xIn: ArrayLike): NDArray {
  const [a, x] = floats("random_gamma_grad", [aIn, xIn]) as [NDArray, NDArray];
  const dPda = jvp((s: NDArray) => igamma(s, x), [a], [np.onesLike(a)])[1];
  const logPdf = np.subtract(np.subtract(np.multiply(np.subtract(a, 1), np.log(x)), x), gammaln(a));
  return np.negative(np.divide(dPda, np.exp(logPdf)));
}

/** e^-|x| I_nu(|x|) for nu = 0, 1 (odd in x for nu = 1). */
function besselIe(op: string, xIn: ArrayLike, nu: 0 | 1): NDArray {
  const [x] = floats(op, [xIn]) as [NDArray];
  const ax = np.abs(x);
  const large = np.greater(ax, 30);
  // series: e^-t (t/2)^nu sum_k (t^2/4)^k / (k! (k + nu)!)
  const t = np.where(large, 1, ax);
  const q = np.divide(np.square(t), 4);
  const [, , series] = iterate(90, [np.zerosLike(t), np.onesLike(t), np.onesLike(t)], ([k, term, s]) => {
    const k1 = np.add(k!, 1);
    const next = np.divide(np.multiply(term!, q), np.multiply(k1, np.add(k1, nu)));
    return [k1, next, np.add(s!, next)];
  });
  const small = np.multiply(np.multiply(np.exp(np.negative(t)), nu === 1 ? np.divide(t, 2) : 1), series!);
  // asymptotic: 1/sqrt(2 pi u) sum_k a_k(nu) / u^k, a_k = a_{k-1} * -(4 nu^2 - (2k - 1)^2) / (8 k)
  const u = np.where(large, ax, 31);
  let term: NDArray = np.onesLike(u);
  let s: NDArray = term;
  for (let k = 1; k <= 20; k++) {
    term = np.divide(np.multiply(term, -(4 * nu * nu - (2 * k - 1) ** 2) / (8 * k)), u);
    s = np.add(s, term);
  }
  const asym = np.divide(s, np.sqrt(np.multiply(2 * Math.PI, u)));
  const v = np.where(large, asym, small);
  return nu === 1 ? np.multiply(np.sign(x), v) : v;
}

/** lax.bessel_i0e: e^-|x| I0(x). */
export function besselI0e(x: ArrayLike): NDArray {
  return besselIe("bessel_i0e", x, 0);
}
/** lax.bessel_i1e: e^-|x| I1(x). */
export function besselI1e(x: ArrayLike): NDArray {
  return besselIe("bessel_i1e", x, 1);
}
