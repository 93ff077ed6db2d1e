// The gamma family, as jax/_src/random/core.py (JAX 0.10.2): gamma and loggamma by Marsaglia and Tsang's
// rejection method, one key per element (split(key, size)) and a while loop per element (vmapped: a batched
// while runs until every lane accepts, each lane keeping its own stream), then beta, dirichlet, chisquare, f
// and t through (log)gamma, and generalizedNormal and ball through gamma. Differentiable wrt a, as JAX: the
// implicit reparameterization gradient of gamma-grad.ts as a customJvp rule.
import { NDArray } from "../ndarray.js";
import { whileLoop } from "../lax/control-flow.js";
import * as np from "../numpy/index.js";
import { asarray } from "../numpy/util.js";
import { softmax } from "../nn.js";
import { vmap } from "../transforms/vmap.js";
import { argumentError, shapeError } from "../errors.js";
import { type Shape, checkKey, checkShape, split } from "./threefry.js";
import { type DTypeOption, type FloatDType, TINY, exponential, floatDType, normal, uniformAs } from "./samplers.js";
import { gammaSampleGrad } from "./gamma-grad.js";
import { customJvp } from "../lax/custom.js";
import { rademacher } from "./continuous.js";
import { type OptShape, type Param, floatParam, outShape, outShapeOf, param } from "./params.js";

type Carry = [NDArray, NDArray, NDArray, NDArray];

/** One Gamma(alpha) draw (alpha a 0-d array), or its log; JAX's _gamma_one step for step. */
function gammaOne(key: NDArray, alpha: NDArray, logSpace: boolean): NDArray {
  const dt = alpha.dtype as FloatDType;
  const c = (v: number) => asarray(v, { dtype: dt });
  // alpha < 1 is boosted to alpha + 1: Gamma(alpha) ~ Gamma(alpha + 1) U^(1 / alpha)
  const boostMask = np.greaterEqual(alpha, 1);
  const a = np.where(boostMask, alpha, np.add(alpha, 1));
  const d = np.subtract(a, c(1 / 3));
  const cc = np.divide(c(1 / 3), np.sqrt(d));
  const condFn = ([, X, V, U]: Carry) =>
    np.logicalAnd(
      np.greaterEqual(U, np.subtract(1, np.multiply(c(0.0331), np.multiply(X, X)))),
      np.greaterEqual(np.log(U), np.add(np.multiply(X, 0.5), np.multiply(d, np.add(np.subtract(1, V), np.log(V))))),
    );
  const bodyFn = ([k]: Carry): Carry => {
    const [next, xKey, uKey] = split(k, 3);
    // x normal, v = (1 + c x)^3 with 1 + c x > 0
    const [, x, v] = whileLoop(
      ([, , vv]: Carry) => np.lessEqual(vv, 0),
      ([kk]: Carry): Carry => {
        const [kn, sub] = split(kk);
        const xn = normal(sub!, [], { dtype: dt });
        return [kn!, xn, np.add(1, np.multiply(xn, cc)), c(0)];
      },
      [xKey!, c(0), c(-1), c(0)],
    );
    return [next!, np.multiply(x, x), np.multiply(np.multiply(v, v), v), uniformAs(uKey!, [], dt, 0, 1)];
  };
  const [k0, sub] = split(key);
  // the initial carry makes condFn true
  const [, , V] = whileLoop(condFn, bodyFn, [k0!, c(0), c(1), c(2)]);
  if (logSpace) {
    const logSamples = np.negative(exponential(sub!, [], { dtype: dt }));
    const logBoost = np.where(np.logicalOr(boostMask, np.equal(logSamples, 0)), 0, np.multiply(logSamples, np.divide(1, alpha)));
    return np.add(np.add(np.log(d), np.log(V)), logBoost);
  }
  const samples = np.subtract(1, uniformAs(sub!, [], dt, 0, 1));
  const boost = np.where(boostMask, 1, np.power(samples, np.divide(1, alpha)));
  return np.multiply(np.multiply(d, V), boost);
}

/** Gamma draws for every element of `a` (already of the output shape and dtype): one split key per element. */
function gammaDraws(key: NDArray, a: NDArray, logSpace: boolean): NDArray {
  if (a.size === 0) return np.zeros(a.shape, { dtype: a.dtype });
  const keys = split(key, a.size);
  const draws = vmap((k: NDArray, alpha: NDArray) => gammaOne(k, alpha, logSpace))(keys, np.reshape(a, [a.size]));
  return np.reshape(draws, a.shape);
}

/** The draws with JAX's derivative wrt a: the implicit reparameterization gradient (gamma-grad.ts). */
const gammaP = customJvp((key: NDArray, a: NDArray) => gammaDraws(key, a, false)).defjvp(([key, a], [, ta]) => {
  const x = gammaP(key, a);
  return [x, np.multiply(ta, gammaSampleGrad(x, a))];
});
const logGammaP = customJvp((key: NDArray, a: NDArray) => gammaDraws(key, a, true)).defjvp(([key, a], [, ta]) => {
  const lx = logGammaP(key, a);
  // d log x = dx / x, with x = exp(log x) floored at the smallest normal (exp underflows for tiny a)
  const x = np.maximum(np.exp(lx), TINY[a.dtype as FloatDType]);
  return [lx, np.multiply(ta, np.divide(gammaSampleGrad(x, a), x))];
});
const gammaImpl = (key: NDArray, a: NDArray, logSpace: boolean): NDArray => (logSpace ? logGammaP : gammaP)(key, a);

function gammaAs(op: string, key: NDArray, a: Param, shape: OptShape, dt: FloatDType, logSpace: boolean): NDArray {
  const s = outShape(op, shape, param(op, "a", a));
  return gammaImpl(checkKey(op, key), floatParam(op, "a", a, dt, s), logSpace);
}

/** Standard Gamma(a) (unit scale); `shape` defaults to a's shape. */
export function gamma(key: NDArray, a: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  return gammaAs("gamma", key, a, shape, floatDType("gamma", opts), false);
}

/** log of a Gamma(a) draw, computed in log space (accurate for small a, where the draws underflow). */
export function loggamma(key: NDArray, a: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  return gammaAs("loggamma", key, a, shape, floatDType("loggamma", opts), true);
}

/** Beta(a, b): Ga / (Ga + Gb) from two log-gamma draws, scaled by their maximum. */
export function beta(key: NDArray, a: Param, b: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("beta", opts);
  const s = outShape("beta", shape, param("beta", "a", a), param("beta", "b", b));
  const [ka, kb] = split(checkKey("beta", key));
  const lga = gammaImpl(ka!, floatParam("beta", "a", a, dt, s), true);
  const lgb = gammaImpl(kb!, floatParam("beta", "b", b, dt, s), true);
  const logMax = np.maximum(lga, lgb);
  const ga = np.exp(np.subtract(lga, logMax)),
    gb = np.exp(np.subtract(lgb, logMax));
  return np.divide(ga, np.add(ga, gb));
}

/** Dirichlet(alpha) over alpha's last axis: softmax of log-gamma draws; `shape` is the batch shape. */
export function dirichlet(key: NDArray, alpha: NDArray, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("dirichlet", opts);
  if (!(alpha instanceof NDArray) || alpha.ndim < 1)
    throw shapeError.rank(
      "random.dirichlet",
      `alpha must be an NDArray of rank >= 1, got ${String(alpha instanceof NDArray ? alpha.ndim : typeof alpha)}`,
    );
  const batch = outShapeOf("dirichlet", shape, [alpha.shape.slice(0, -1)]);
  const s = [...batch, alpha.shape[alpha.ndim - 1]!];
  const lg = gammaImpl(checkKey("dirichlet", key), floatParam("dirichlet", "alpha", alpha, dt, s), true);
  return softmax(lg, -1);
}

/** Chi-square with df degrees of freedom: 2 Gamma(df / 2), through loggamma. */
export function chisquare(key: NDArray, df: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("chisquare", opts);
  return chisquareAs("chisquare", checkKey("chisquare", key), df, outShape("chisquare", shape, param("chisquare", "df", df)), dt);
}
function chisquareAs(op: string, key: NDArray, df: Param, s: number[], dt: FloatDType): NDArray {
  const half = np.divide(floatParam(op, "df", df, dt), 2);
  return np.multiply(np.exp(gammaImpl(key, np.broadcastTo(half, s), true)), 2);
}

/** Fisher's F(dfnum, dfden): (chi2(dfnum) / dfnum) / (chi2(dfden) / dfden). */
export function f(key: NDArray, dfnum: Param, dfden: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("f", opts);
  const s = outShape("f", shape, param("f", "dfnum", dfnum), param("f", "dfden", dfden));
  const dn = floatParam("f", "dfnum", dfnum, dt),
    dd = floatParam("f", "dfden", dfden, dt);
  const [kd, kn] = split(checkKey("f", key));
  const num = np.divide(chisquareAs("f", kn!, dn, s, dt), dn);
  const den = np.divide(chisquareAs("f", kd!, dd, s, dt), dd);
  return np.divide(num, den);
}

/** Student's t with df degrees of freedom: normal * sqrt((df / 2) / Gamma(df / 2)). */
export function t(key: NDArray, df: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("t", opts);
  const s = outShape("t", shape, param("t", "df", df));
  const [kn, kg] = split(checkKey("t", key));
  const n = normal(kn!, s, { dtype: dt });
  const half = np.divide(floatParam("t", "df", df, dt), 2);
  const g = gammaImpl(kg!, np.broadcastTo(half, s), false);
  return np.multiply(n, np.sqrt(np.divide(half, g)));
}

/** The exponent 1/p: a JS number's in double (a weak constant), an array's in its dtype. */
const inverse = (p: Param): Param => (typeof p === "number" ? 1 / p : np.divide(1, p));

/** Generalized normal with density proportional to exp(-|x|^p): a random sign times Gamma(1/p)^(1/p). */
export function generalizedNormal(key: NDArray, p: Param, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("generalizedNormal", opts);
  return generalizedNormalAs(
    checkKey("generalizedNormal", key),
    param("generalizedNormal", "p", p),
    checkShape("generalizedNormal", shape),
    dt,
  );
}
function generalizedNormalAs(key: NDArray, p: Param, s: number[], dt: FloatDType): NDArray {
  const [kg, kr] = split(key);
  const g = gammaImpl(kg!, floatParam("generalizedNormal", "p", inverse(p), dt, s), false);
  const r = rademacher(kr!, s, { dtype: dt });
  return np.multiply(r, np.power(g, inverse(p)));
}

/** Uniform in the d-dimensional unit p-norm ball (shape [...shape, d]). */
export function ball(key: NDArray, d: number, p: Param = 2, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("ball", opts);
  if (!Number.isInteger(d) || d < 0) throw argumentError.invalid("random.ball", `d must be a non-negative integer, got ${String(d)}`);
  const s = checkShape("ball", shape);
  const [k1, k2] = split(checkKey("ball", key));
  const g = generalizedNormalAs(k1!, param("ball", "p", p), [...s, d], dt);
  const e = exponential(k2!, s, { dtype: dt });
  const norm = np.power(np.add(np.sum(np.power(np.abs(g), p), -1), e), inverse(p));
  return np.divide(g, np.expandDims(norm, -1));
}
