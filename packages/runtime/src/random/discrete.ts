// Counting distributions, as jax/_src/random/core.py (JAX 0.10.2): poisson (Knuth's product of uniforms for
// rate < 10, Hormann's transformed rejection above), binomial (geometric-sum inversion for n q <= 10, BTRS
// above) and multinomial (a binomial per category on the remaining count). Each rejection loop is one
// lax.whileLoop over the whole array that runs until every element is done, as JAX's: an element's draw
// depends on the loop's shared stream, so the loop shape is part of the result.
import { checkDType } from "../dtype.js";
import { argumentError, dtypeError, shapeError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { whileLoop } from "../lax/control-flow.js";
import * as np from "../numpy/index.js";
import { asarray } from "../numpy/util.js";
import { gammaln } from "../scipy-special.js";
import { type Shape, checkKey, checkShape, split } from "./threefry.js";
import { type DTypeOption, type FloatDType, floatDType, uniformAs } from "./samplers.js";
import { type OptShape, type Param, floatParam, outShape, param } from "./params.js";

const anyTrue = (x: NDArray) => np.any(x);

/** Knuth: count uniforms until their product drops below exp(-lam). */
function poissonKnuth(key: NDArray, lam: NDArray, shape: number[]): NDArray {
  type C = [NDArray, NDArray, NDArray];
  const negLam = np.negative(lam);
  const [k] = whileLoop(
    ([, , logProd]: C) => anyTrue(np.greater(logProd, negLam)),
    ([kk, rng, logProd]: C): C => {
      const [next, sub] = split(rng);
      const k2 = np.where(np.greater(logProd, negLam), np.add(kk, 1), kk);
      const u = uniformAs(sub!, shape, "float32", 0, 1);
      return [k2, next!, np.add(logProd, np.log(u))];
    },
    [np.zeros(shape, { dtype: "int32" }), key, np.zeros(shape, { dtype: "float32" })],
  );
  return np.subtract(k, 1);
}

/** Hormann's transformed rejection (PTRS) for large rates. */
function poissonRejection(key: NDArray, lam: NDArray, shape: number[]): NDArray {
  type C = [NDArray, NDArray, NDArray];
  const logLam = np.log(lam);
  const b = np.add(0.931, np.multiply(2.53, np.sqrt(lam)));
  const a = np.add(-0.059, np.multiply(0.02483, b));
  const invAlpha = np.add(1.1239, np.divide(1.1328, np.subtract(b, 3.4)));
  const vR = np.subtract(0.9277, np.divide(3.6224, np.subtract(b, 2)));
  const [k] = whileLoop(
    ([, accepted]: C) => anyTrue(np.logicalNot(accepted)),
    ([kOut, accepted, rng]: C): C => {
      const [next, s0, s1] = split(rng, 3);
      const u = np.subtract(uniformAs(s0!, shape, "float32", 0, 1), 0.5);
      const v = uniformAs(s1!, shape, "float32", 0, 1);
      const us = np.subtract(0.5, np.abs(u));
      const kk = np.floor(np.add(np.add(np.multiply(np.add(np.divide(np.multiply(2, a), us), b), u), lam), 0.43));
      const s = np.log(np.divide(np.multiply(v, invAlpha), np.add(np.divide(a, np.multiply(us, us)), b)));
      const tt = np.subtract(np.add(np.negative(lam), np.multiply(kk, logLam)), gammaln(np.add(kk, 1)));
      const accept1 = np.logicalAnd(np.greaterEqual(us, 0.07), np.lessEqual(v, vR));
      const reject = np.logicalOr(np.less(kk, 0), np.logicalAnd(np.less(us, 0.013), np.greater(v, us)));
      const accept = np.logicalOr(accept1, np.logicalAnd(np.logicalNot(reject), np.lessEqual(s, tt)));
      return [np.where(accept, kk, kOut), np.logicalOr(accepted, accept), next!];
    },
    [np.full(shape, -1, { dtype: "float32" }), np.zeros(shape, { dtype: "bool" }), key],
  );
  return k.astype("int32");
}

/** Poisson(lam) counts (int32); lam is taken as float32 and `shape` defaults to lam's shape. */
export function poisson(key: NDArray, lam: Param, shape?: OptShape, opts: { dtype?: "int32" } = {}): NDArray {
  const dt = opts.dtype === undefined ? "int32" : checkDType(opts.dtype, "random.poisson");
  if (dt !== "int32") throw dtypeError.notAllowed("random.poisson", dt, "expects an integer dtype (int32)");
  const k = checkKey("poisson", key);
  const s = outShape("poisson", shape, param("poisson", "lam", lam));
  const l = np.broadcastTo(lam instanceof NDArray ? lam.astype("float32") : asarray(lam, { dtype: "float32" }), s);
  const useKnuth = np.logicalOr(np.isnan(l), np.less(l, 10));
  const lamKnuth = np.where(useKnuth, l, 0);
  // the rejection method's acceptance rate peaks as lam grows: its unused lanes run at a large rate
  const lamRejection = np.where(useKnuth, 1e5, l);
  const result = np.where(useKnuth, poissonKnuth(k, lamKnuth, s), poissonRejection(k, lamRejection, s));
  return np.where(np.equal(l, 0), 0, result);
}

/** Inversion: the number of geometric(prob) waiting times that fit in count. */
function binomialInversion(key: NDArray, count: NDArray, prob: NDArray, shape: number[]): NDArray {
  type C = [NDArray, NDArray, NDArray];
  const dt = prob.dtype as FloatDType;
  const log1mp = np.log1p(np.negative(prob));
  const [numGeom] = whileLoop(
    ([, geomSum]: C) => anyTrue(np.lessEqual(geomSum, count)),
    ([ng, geomSum, rng]: C): C => {
      const [sub, next] = split(rng);
      const out = np.where(np.lessEqual(geomSum, count), np.add(ng, 1), ng);
      const u = uniformAs(sub!, shape, dt, 0, 1);
      const geom = np.ceil(np.divide(np.log(u), log1mp));
      return [out, np.add(geomSum, geom), next!];
    },
    [np.zeros(shape, { dtype: dt }), np.zeros(shape, { dtype: dt }), key],
  );
  return np.subtract(numGeom, 1);
}

const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
  0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

/** log(k!) minus its Stirling approximation: a table for k <= 9, else the series (in k clamped to 9, as JAX). */
function stirlingApproxTail(k: NDArray): NDArray {
  const dt = k.dtype as FloatDType;
  const useTable = np.lessEqual(k, 9);
  const kc = np.clip(k, 0, 9);
  const kp1 = np.add(kc, 1);
  const kp1sq = np.multiply(kp1, kp1);
  const approx = np.divide(np.subtract(1 / 12, np.divide(np.subtract(1 / 360, np.divide(1 / 1260, kp1sq)), kp1sq)), kp1);
  const table = np.take(asarray(STIRLING_TAIL, { dtype: dt }), np.floor(kc).astype("int32"));
  return np.where(useTable, table, approx);
}

/** BTRS (Hormann's transformed rejection with squeeze) for n q > 10. */
function btrs(key: NDArray, count: NDArray, prob: NDArray, shape: number[]): NDArray {
  type C = [NDArray, NDArray, NDArray];
  const dt = prob.dtype as FloatDType;
  const q1 = np.subtract(1, prob);
  const stddev = np.sqrt(np.multiply(np.multiply(count, prob), q1));
  const b = np.add(1.15, np.multiply(2.53, stddev));
  const a = np.add(np.add(-0.0873, np.multiply(0.0248, b)), np.multiply(0.01, prob));
  const c = np.add(np.multiply(count, prob), 0.5);
  const vR = np.subtract(0.92, np.divide(4.2, b));
  const r = np.divide(prob, q1);
  const alpha = np.multiply(np.add(2.83, np.divide(5.1, b)), stddev);
  const m = np.floor(np.multiply(np.add(count, 1), prob));
  const [k] = whileLoop(
    ([, accepted]: C) => anyTrue(np.logicalNot(accepted)),
    ([kOut, accepted, rng]: C): C => {
      const [next, s0, s1] = split(rng, 3);
      const u = np.subtract(uniformAs(s0!, shape, dt, 0, 1), 0.5);
      const v0 = uniformAs(s1!, shape, dt, 0, 1);
      const us = np.subtract(0.5, np.abs(u));
      const accept1 = np.logicalAnd(np.greaterEqual(us, 0.07), np.lessEqual(v0, vR));
      const kk = np.floor(np.add(np.multiply(np.add(np.divide(np.multiply(2, a), us), b), u), c));
      const reject = np.logicalOr(np.less(kk, 0), np.greater(kk, count));
      const v = np.log(np.divide(np.multiply(v0, alpha), np.add(np.divide(a, np.multiply(us, us)), b)));
      const nk1 = np.add(np.subtract(count, kk), 1);
      let ub = np.multiply(np.add(m, 0.5), np.log(np.divide(np.add(m, 1), np.multiply(r, np.add(np.subtract(count, m), 1)))));
      ub = np.add(ub, np.multiply(np.add(count, 1), np.log(np.divide(np.add(np.subtract(count, m), 1), nk1))));
      ub = np.add(ub, np.multiply(np.add(kk, 0.5), np.log(np.divide(np.multiply(r, nk1), np.add(kk, 1)))));
      ub = np.add(np.add(ub, stirlingApproxTail(m)), stirlingApproxTail(np.subtract(count, m)));
      ub = np.subtract(np.subtract(ub, stirlingApproxTail(kk)), stirlingApproxTail(np.subtract(count, kk)));
      const accept = np.logicalOr(accept1, np.logicalAnd(np.logicalNot(reject), np.lessEqual(v, ub)));
      return [np.where(accept, kk, kOut), np.logicalOr(accepted, accept), next!];
    },
    [np.full(shape, -1, { dtype: dt }), np.zeros(shape, { dtype: "bool" }), key],
  );
  return k;
}

/**
 * The float dtype binomial computes in: prob's when it is an array (int -> float32), else float64 if the
 * count array or the requested dtype is float64 (JAX with x64 makes a Python float prob float64), else float32.
 */
function binomialDType(n: Param, p: Param, dt: FloatDType): FloatDType {
  if (p instanceof NDArray) return p.dtype === "float64" ? "float64" : "float32";
  return (n instanceof NDArray && n.dtype === "float64") || dt === "float64" ? "float64" : "float32";
}

/** Binomial(n, p) counts as floats (JAX returns a float dtype); n may be fractional (floored) or infinite. */
export function binomial(key: NDArray, n: Param, p: Param, shape?: OptShape, opts: DTypeOption = {}): NDArray {
  const dt = floatDType("binomial", opts);
  const k = checkKey("binomial", key);
  const s = outShape("binomial", shape, param("binomial", "n", n), param("binomial", "p", p));
  const pd = binomialDType(n, p, dt);
  const prob = np.broadcastTo(p instanceof NDArray ? p.astype(pd) : asarray(p, { dtype: pd }), s);
  let count = np.broadcastTo(n instanceof NDArray ? n.astype(pd) : asarray(n, { dtype: pd }), s);
  const pLtHalf = np.less(prob, 0.5);
  let q = np.where(pLtHalf, prob, np.subtract(1, prob));
  const countNanOrNeg = np.logicalOr(np.isnan(count), np.less(count, 0));
  const countInf = np.isinf(count);
  const qIsNan = np.isnan(q);
  const qL0 = np.less(q, 0);
  q = np.where(np.logicalOr(qIsNan, qL0), 0.01, q);
  const useInversion = np.logicalOr(countNanOrNeg, np.lessEqual(np.multiply(count, q), 10));
  count = np.floor(count);
  const countInv = np.where(useInversion, count, 0);
  const countBtrs = np.where(useInversion, 1e4, count);
  const qBtrs = np.where(useInversion, 0.5, q);
  let samples = np.where(useInversion, binomialInversion(k, countInv, q, s), btrs(k, countBtrs, qBtrs, s)).astype(dt);
  const invalid = np.logicalOr(np.logicalOr(qL0, qIsNan), countNanOrNeg);
  samples = np.where(invalid, NaN, samples);
  samples = np.where(np.logicalAnd(countInf, np.logicalNot(invalid)), Infinity, samples);
  const keep = np.logicalOr(np.logicalOr(np.logicalOr(pLtHalf, countNanOrNeg), qIsNan), countInf);
  return np.where(keep, samples, np.subtract(count.astype(dt), samples));
}

export interface MultinomialOptions extends DTypeOption {
  /** The output shape; its last axis is the categories' (default p's shape). */
  shape?: Shape;
}

/** Counts over p's last axis summing to n: a binomial per category on what the earlier ones left. */
export function multinomial(key: NDArray, n: Param, p: NDArray, opts: MultinomialOptions = {}): NDArray {
  const op = "multinomial";
  const dt = floatDType(op, opts);
  const k = checkKey(op, key);
  param(op, "n", n);
  if (!(p instanceof NDArray) || p.ndim < 1) throw shapeError.rank(`random.${op}`, "p must be an NDArray of rank >= 1");
  const pd: FloatDType = p.dtype === "float64" || (n instanceof NDArray && n.dtype === "float64") ? "float64" : "float32";
  const s = opts.shape === undefined ? p.shape.slice() : checkShape(op, opts.shape);
  if (s.length < 1) throw argumentError.invalid(`random.${op}`, "shape must have at least one axis (the categories)");
  const remainder0 = np.broadcastTo(floatParam(op, "n", n, pd), s.slice(0, -1));
  const probs = np.moveaxis(np.broadcastTo(floatParam(op, "p", p, pd), s), -1, 0);
  // p_i / (p_i + ... + p_last): the share of what remains that category i takes
  const remaining = np.flip(np.cumsum(np.flip(probs, 0), 0), 0);
  const ratios = np.divide(probs, np.where(np.equal(remaining, 0), 1, remaining));
  const cats = s[s.length - 1]!;
  if (cats === 0) return np.zeros(s, { dtype: dt });
  const keys = split(k, cats);
  let remainder = remainder0;
  const counts: NDArray[] = [];
  for (let i = 0; i < cats; i++) {
    const ratio = np.clip(np.take(ratios, i, 0), 0, 1);
    const count = binomial(np.take(keys, i, 0), remainder, ratio, null, { dtype: pd });
    remainder = np.subtract(remainder, count);
    counts.push(count);
  }
  return np.stack(counts, -1).astype(dt);
}
