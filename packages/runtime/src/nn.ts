// nn: activations and normalizers, as compositions of numpy functions (so jit/grad/vmap see them).
import type { DType } from "./dtype.js";
import type { ArrayLike, NDArray } from "./ndarray.js";
import { bind } from "./core/trace.js";
import * as np from "./numpy/index.js";
import { convert, operand } from "./numpy/util.js";

export function relu(x: ArrayLike): NDArray {
  return np.maximum(x, 0);
}
export function sigmoid(x: ArrayLike): NDArray {
  const a = operand(x, "sigmoid");
  return bind("logistic", [a.dtype === "float32" || a.dtype === "float64" ? a : convert(a, "float32", a.weakType)], {});
}
/** log(1 + exp(x)) computed stably as max(x, 0) + log1p(exp(-|x|)). */
export function softplus(x: ArrayLike): NDArray {
  return np.add(np.maximum(x, 0), np.log1p(np.exp(np.negative(np.abs(x)))));
}
/** GELU; `approximate` (JAX's default) uses the tanh form. */
export function gelu(x: ArrayLike, opts: { approximate?: boolean } = {}): NDArray {
  const a = operand(x, "gelu");
  if (opts.approximate ?? true) {
    const inner = np.multiply(Math.sqrt(2 / Math.PI), np.add(a, np.multiply(0.044715, np.multiply(a, np.multiply(a, a)))));
    return np.multiply(np.multiply(0.5, a), np.add(1, np.tanh(inner)));
  }
  // exact: 0.5 x (1 + erf(x / sqrt 2)), erf via its relation to the logistic-free series is not a
  // primitive; use the high-accuracy tanh-free form x * Phi(x) with Phi from erfc approximation.
  return np.multiply(a, normalCdf(a));
}
function normalCdf(x: NDArray): NDArray {
  // Abramowitz-Stegun 7.1.26 is too coarse; use erf(z) = 1 - t*exp(-z^2 + P(t)) (Numerical Recipes erfc, |err| < 1.2e-7)
  const z = np.divide(np.abs(x), Math.SQRT2);
  const t = np.divide(1, np.add(1, np.multiply(0.5, z)));
  const coef = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
  let poly: NDArray = np.multiply(t, coef[9]);
  for (let i = 8; i >= 1; i--) poly = np.multiply(t, np.add(coef[i], poly));
  const erfc = np.multiply(t, np.exp(np.add(np.subtract(np.negative(np.multiply(z, z)), -coef[0] * 0 + 0), np.add(coef[0], poly))));
  const erf = np.where(np.greaterEqual(x, 0), np.subtract(1, erfc), np.subtract(erfc, 1));
  return np.multiply(0.5, np.add(1, erf));
}
export function silu(x: ArrayLike): NDArray {
  return np.multiply(x, sigmoid(x));
}
export const swish = silu;
export function leakyRelu(x: ArrayLike, negativeSlope = 0.01): NDArray {
  return np.where(np.greaterEqual(x, 0), x, np.multiply(negativeSlope, x));
}
export function elu(x: ArrayLike, alpha = 1): NDArray {
  return np.where(np.greater(x, 0), x, np.multiply(alpha, np.expm1(x)));
}

export function logsumexp(x: ArrayLike, axis: number | number[] | null = null, opts: { keepdims?: boolean } = {}): NDArray {
  const a = operand(x, "logsumexp");
  const m = np.stopGradient(np.max(a, axis, { keepdims: true }));
  const mSafe = np.where(np.isfinite(m), m, 0);
  const s = np.sum(np.exp(np.subtract(a, mSafe)), axis, { keepdims: true });
  let out = np.add(np.log(s), mSafe);
  if (!opts.keepdims) out = np.squeeze(out, axis === null ? null : axis);
  return out;
}

export function softmax(x: ArrayLike, axis: number | number[] = -1): NDArray {
  const a = operand(x, "softmax");
  const m = np.stopGradient(np.max(a, axis, { keepdims: true }));
  const e = np.exp(np.subtract(a, m));
  return np.divide(e, np.sum(e, axis, { keepdims: true }));
}

export function logSoftmax(x: ArrayLike, axis: number | number[] = -1): NDArray {
  const a = operand(x, "log_softmax");
  const shifted = np.subtract(a, np.stopGradient(np.max(a, axis, { keepdims: true })));
  return np.subtract(shifted, np.log(np.sum(np.exp(shifted), axis, { keepdims: true })));
}

export function oneHot(x: ArrayLike, numClasses: number, opts: { dtype?: DType; axis?: number } = {}): NDArray {
  const a = operand(x, "one_hot");
  const classes = np.arange(numClasses);
  const eq = np.equal(np.expandDims(a, -1), classes);
  const out = convert(eq, opts.dtype ?? "float32", false);
  return opts.axis === undefined || opts.axis === -1 ? out : np.moveaxis(out, -1, opts.axis);
}

export function standardize(x: ArrayLike, axis: number | number[] = -1, opts: { epsilon?: number } = {}): NDArray {
  const m = np.mean(x, axis, { keepdims: true });
  const v = np.variance(x, axis, { keepdims: true });
  return np.divide(np.subtract(x, m), np.sqrt(np.add(v, opts.epsilon ?? 1e-5)));
}
