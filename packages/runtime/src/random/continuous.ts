// Samplers that are a closed-form transform of uniform or normal draws, each the arithmetic of
// jax/_src/random/core.py (JAX 0.10.2) in the same order: cauchy, laplace, logistic, lognormal, pareto,
// rayleigh, wald, weibullMin, triangular, maxwell, doubleSidedMaxwell, rademacher, geometric, orthogonal and
// multivariateNormal (cholesky, eigh or svd factor of the covariance).
import { checkDType } from "../dtype.js";
import { argumentError, dtypeError, shapeError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { cholesky, eigh, qr, svd } from "../numpy/linalg-module.js";
import { asarray, describe } from "../numpy/util.js";
import { type Shape, checkKey, checkShape, split } from "./threefry.js";
import { type DTypeOption, type FloatDType, TINY, bernoulli, exponential, floatDType, normal, uniformAs } from "./samplers.js";
import { type OptShape, type Param, floatParam, inexactDType, outShape, outShapeOf, param } from "./params.js";

const EPS = { float32: 2 ** -23, float64: 2 ** -52 };
const EPSNEG = { float32: 2 ** -24, float64: 2 ** -53 };

/** Standard Cauchy: tan(pi (u - 1/2)), u uniform in [eps, 1). */
export function cauchy(key: NDArray, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("cauchy", opts);
  const u = uniformAs(checkKey("cauchy", key), checkShape("cauchy", shape), dt, EPS[dt], 1);
  return np.tan(np.multiply(asarray(Math.PI, { dtype: dt }), np.subtract(u, 0.5)));
}

/** Standard Laplace: sign(u) log1p(-|u|), u uniform in (-1, 1). */
export function laplace(key: NDArray, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("laplace", opts);
  const u = uniformAs(checkKey("laplace", key), checkShape("laplace", shape), dt, -1 + EPSNEG[dt], 1);
  return np.multiply(np.sign(u), np.log1p(np.negative(np.abs(u))));
}

/** Standard logistic: log(u) - log1p(-u), u uniform in [tiny, 1). */
export function logistic(key: NDArray, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("logistic", opts);
  const x = uniformAs(checkKey("logistic", key), checkShape("logistic", shape), dt, TINY[dt], 1);
  return np.subtract(np.log(x), np.log1p(np.negative(x)));
}

/** exp(sigma * normal); `shape` defaults to sigma's shape. */
export function lognormal(key: NDArray, sigma: Param = 1, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("lognormal", opts);
  const s = outShape("lognormal", shape, param("lognormal", "sigma", sigma));
  return np.exp(np.multiply(normal(checkKey("lognormal", key), s, { dtype: dt }), floatParam("lognormal", "sigma", sigma, dt)));
}

/** Pareto with shape b (support [1, inf)): exp(exponential / b). */
export function pareto(key: NDArray, b: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("pareto", opts);
  const s = outShape("pareto", shape, param("pareto", "b", b));
  const bb = floatParam("pareto", "b", b, dt);
  return np.exp(np.divide(exponential(checkKey("pareto", key), s, { dtype: dt }), bb));
}

/** Rayleigh: scale sqrt(-2 log u). */
export function rayleigh(key: NDArray, scale: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("rayleigh", opts);
  const s = outShape("rayleigh", shape, param("rayleigh", "scale", scale));
  const u = uniformAs(checkKey("rayleigh", key), s, dt, 0, 1);
  const sc = floatParam("rayleigh", "scale", scale, dt, s);
  return np.multiply(sc, np.sqrt(np.multiply(np.log(u), -2)));
}

/** Wald (inverse Gaussian) with the given mean and unit shape (Michael, Schucany and Haas). */
export function wald(key: NDArray, mean: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("wald", opts);
  const s = outShape("wald", shape, param("wald", "mean", mean));
  const [k1, k2] = split(checkKey("wald", key));
  const mu = floatParam("wald", "mean", mean, dt, s);
  const v = normal(k1!, s, { dtype: dt });
  const z = uniformAs(k2!, s, dt, 0, 1);
  const y = np.square(v);
  const ySq = np.square(y);
  const muSq = np.square(mu);
  const sqrtTerm = np.sqrt(np.add(np.multiply(np.multiply(4, mu), y), np.multiply(muSq, ySq)));
  const x = np.subtract(np.add(mu, np.divide(np.multiply(muSq, y), 2)), np.multiply(np.divide(mu, 2), sqrtTerm));
  return np.where(np.lessEqual(z, np.divide(mu, np.add(mu, x))), x, np.divide(muSq, x));
}

/** The reciprocal of a parameter: a JS number's in double (a weak constant, as Python's 1.0 / c), else an array op. */
const reciprocal = (x: Param): Param => (typeof x === "number" ? 1 / x : np.divide(1, x));

/** Weibull (minimum) by inverting its CDF: scale (-log1p(-u))^(1/concentration). */
export function weibullMin(key: NDArray, scale: Param, concentration: Param, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("weibullMin", opts);
  const s = outShape("weibullMin", shape, param("weibullMin", "scale", scale), param("weibullMin", "concentration", concentration));
  const u = uniformAs(checkKey("weibullMin", key), s, dt, 0, 1);
  return np.multiply(np.power(np.negative(np.log1p(np.negative(u))), reciprocal(concentration)), scale);
}

/** Triangular on [left, right] with the given mode, by inverting its CDF. */
export function triangular(key: NDArray, left: Param, mode: Param, right: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const op = "triangular";
  const dt = floatDType(op, opts);
  const s = outShape(op, shape, param(op, "left", left), param(op, "mode", mode), param(op, "right", right));
  const l = floatParam(op, "left", left, dt, s),
    m = floatParam(op, "mode", mode, dt, s),
    r = floatParam(op, "right", right, dt, s);
  const fc = np.divide(np.subtract(m, l), np.subtract(r, l));
  const u = uniformAs(checkKey(op, key), s, dt, 0, 1);
  const out1 = np.add(l, np.sqrt(np.multiply(np.multiply(u, np.subtract(r, l)), np.subtract(m, l))));
  const out2 = np.subtract(r, np.sqrt(np.multiply(np.multiply(np.subtract(1, u), np.subtract(r, l)), np.subtract(r, m))));
  return np.where(np.less(u, fc), out1, out2);
}

/** Maxwell: the norm of three standard normals. */
export function maxwell(key: NDArray, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const dt = floatDType("maxwell", opts);
  return maxwellAs(checkKey("maxwell", key), checkShape("maxwell", shape), dt);
}
function maxwellAs(key: NDArray, shape: number[], dt: FloatDType): NDArray {
  return np.sqrt(np.sum(np.square(normal(key, [...shape, 3], { dtype: dt })), -1));
}

/**
 * Double-sided Maxwell: a Maxwell draw with a random sign, times scale plus loc. As JAX, the output shape is
 * `shape` followed by the parameters' broadcast shape (and that shape alone when `shape` is []).
 */
export function doubleSidedMaxwell(key: NDArray, loc: Param, scale: Param, shape: Shape = [], opts: DTypeOption = {}): NDArray {
  const op = "doubleSidedMaxwell";
  const dt = floatDType(op, opts);
  const ps = outShape(op, null, param(op, "loc", loc), param(op, "scale", scale));
  const given = checkShape(op, shape);
  const s = [...(given.length ? given : ps), ...ps];
  const [mk, rk] = split(checkKey(op, key));
  const m = maxwellAs(mk!, s, dt);
  const sign = rademacherAs(rk!, s, dt);
  return np.add(np.multiply(np.multiply(sign, m), scale), loc);
}

export interface IntDTypeOption {
  dtype?: "int32" | "float32" | "float64";
}

/** -1 or +1 with equal probability (int32 by default). */
export function rademacher(key: NDArray, shape: Shape = [], opts: IntDTypeOption = {}): NDArray {
  const dt = opts.dtype === undefined ? "int32" : checkDType(opts.dtype, "random.rademacher");
  if (dt !== "int32" && dt !== "float32" && dt !== "float64")
    throw dtypeError.notAllowed("random.rademacher", dt, "expects int32, float32 or float64");
  return rademacherAs(checkKey("rademacher", key), checkShape("rademacher", shape), dt);
}
function rademacherAs(key: NDArray, shape: number[], dt: "int32" | FloatDType): NDArray {
  // p = 0.5 is a Python float in JAX: float64 (so a float64 uniform) exactly when the output is float64
  const b = bernoulli(key, asarray(0.5, { dtype: dt === "float64" ? dt : "float32" }), shape).astype(dt);
  return np.subtract(np.multiply(2, b), 1).astype(dt);
}

/** Geometric on {1, 2, ...}: the number of Bernoulli(p) trials to the first success (int32 by default). */
export function geometric(key: NDArray, p: Param, shape?: OptShape, opts: { dtype?: "int32" } = {}): NDArray {
  const dt = opts.dtype === undefined ? "int32" : checkDType(opts.dtype, "random.geometric");
  if (dt !== "int32") throw dtypeError.notAllowed("random.geometric", dt, "expects an integer dtype (int32)");
  const s = outShape("geometric", shape, param("geometric", "p", p));
  const pd = inexactDType(p);
  const pp = floatParam("geometric", "p", p, pd);
  let u = uniformAs(checkKey("geometric", key), s, pd, 0, 1);
  // u == 0 maps to 1 (JAX keeps log(u) finite this way)
  u = np.where(np.equal(u, 0), 1, u);
  const g = np.add(np.floor(np.divide(np.log(u), np.broadcastTo(np.log1p(np.negative(pp)), s))), 1);
  return g.astype(dt);
}

export interface OrthogonalOptions extends DTypeOption {
  /** Columns (default n): an n x m matrix with orthonormal rows or columns, whichever are fewer. */
  m?: number;
}

/** A random n x m matrix with orthonormal columns (or rows): the Q of a normal matrix's QR, signs from R. */
export function orthogonal(key: NDArray, n: number, shape: Shape = [], opts: OrthogonalOptions = {}): NDArray {
  const dt = floatDType("orthogonal", opts);
  const m = opts.m ?? n;
  for (const [name, v] of [
    ["n", n],
    ["m", m],
  ] as const)
    if (!Number.isInteger(v) || v < 0)
      throw argumentError.invalid("random.orthogonal", `${name} must be a non-negative integer, got ${describe(v)}`);
  const s = checkShape("orthogonal", shape);
  const z = normal(checkKey("orthogonal", key), [...s, Math.max(n, m), Math.min(n, m)], { dtype: dt });
  const x = signedQ(z);
  return n < m ? np.swapaxes(x, -1, -2) : x;
}

/** Q of z's QR with each column's sign flipped to make R's diagonal positive (unique, LAPACK-independent). */
export function signedQ(z: NDArray): NDArray {
  const [q, r] = qr(z);
  return np.multiply(q, np.expandDims(np.sign(np.diagonal(r, 0, -2, -1)), -2));
}

export interface MultivariateNormalOptions extends DTypeOption {
  method?: "cholesky" | "eigh" | "svd";
}

/**
 * Normal vectors with the given mean (..., n) and covariance (..., n, n): mean + factor @ z with factor the
 * Cholesky factor (default), or v sqrt(w) from eigh or u sqrt(s) from svd (for singular covariances). The
 * dtype defaults to the parameters' (float32 unless one is float64); `shape` is the batch shape.
 */
export function multivariateNormal(
  key: NDArray,
  mean: NDArray,
  cov: NDArray,
  shape?: OptShape,
  opts: MultivariateNormalOptions = {},
): NDArray {
  const op = "multivariateNormal";
  const k = checkKey(op, key);
  const method = opts.method ?? "cholesky";
  if (method !== "cholesky" && method !== "eigh" && method !== "svd")
    throw argumentError.invalid(`random.${op}`, `method must be "cholesky", "eigh" or "svd", got ${describe(method)}`);
  if (!(mean instanceof NDArray) || mean.ndim < 1)
    throw shapeError.rank(`random.${op}`, `mean must be an NDArray of rank >= 1, got ${describe(mean)}`);
  if (!(cov instanceof NDArray) || cov.ndim < 2)
    throw shapeError.rank(`random.${op}`, `cov must be an NDArray of rank >= 2, got ${describe(cov)}`);
  const n = mean.shape[mean.ndim - 1]!;
  if (cov.shape[cov.ndim - 1] !== n || cov.shape[cov.ndim - 2] !== n)
    throw shapeError.rank(
      `random.${op}`,
      `cov must have shape (..., ${n}, ${n}) for mean of shape (${mean.shape.join(", ")}), got (${cov.shape.join(", ")})`,
    );
  const pd = inexactDType(mean, cov);
  const dt = opts.dtype === undefined ? pd : floatDType(op, opts);
  const mu = floatParam(op, "mean", mean, pd),
    c = floatParam(op, "cov", cov, pd);
  const batch = outShapeOf(op, shape, [mean.shape.slice(0, -1), cov.shape.slice(0, -2)]);
  let factor: NDArray;
  if (method === "svd") {
    const [u, sv] = svd(c);
    factor = np.multiply(u, np.expandDims(np.sqrt(sv), -2));
  } else if (method === "eigh") {
    const [w, v] = eigh(c);
    factor = np.multiply(v, np.expandDims(np.sqrt(w), -2));
  } else factor = cholesky(c);
  const z = normal(k, [...batch, n], { dtype: dt });
  return np.add(mu, np.squeeze(np.matmul(factor, np.expandDims(z, -1)), -1));
}
