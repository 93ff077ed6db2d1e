// nn: activations and normalizers, as compositions of numpy functions (so jit/grad/vmap see them).
import { type DTypeLike, checkDType, isFloat } from "./dtype.js";
import { argumentError, dtypeError } from "./errors.js";
import { checkSize, describeValue, normalizeAxes, normalizeAxis } from "./shape.js";
import type { ArrayLike, NDArray } from "./ndarray.js";
import { bind } from "./core/trace.js";
import * as np from "./numpy/index.js";
import { binary } from "./numpy/binary.js";
import { convert, operand } from "./numpy/util.js";

/**
 * max(x, 0) as one `max[relu]`, so it fuses into a matmul epilogue; its derivative is the step x > 0, 0 at 0
 * as JAX's nn.relu (a custom_jvp), while np.maximum keeps lax.max's even split on ties (maxRule in
 * transforms/rules/elementwise.ts).
 */
const reluMax = binary("max", "relu", "any", { relu: true });
export function relu(x: ArrayLike): NDArray {
  return reluMax(x, 0);
}
export function sigmoid(x: ArrayLike): NDArray {
  const a = operand(x, "sigmoid");
  return bind("logistic", [a.dtype === "float32" || a.dtype === "float64" ? a : convert(a, "float32", a.weakType)], {});
}
/** log(1 + exp(x)) computed stably as max(x, 0) + log1p(exp(-|x|)). */
export function softplus(x: ArrayLike): NDArray {
  const a = floatOperand(x, "softplus"); // JAX: bool/int32 promote to float32
  // -|a| as min(a, -a): its tie at 0 splits the derivative evenly, so softplus'(0) = 0.5 + 0 = sigmoid(0)
  return np.add(np.maximum(a, 0), np.log1p(np.exp(np.minimum(a, np.negative(a)))));
}
function floatOperand(x: ArrayLike, op: string): NDArray {
  const a = operand(x, op);
  return isFloat(a.dtype) ? a : convert(a, "float32", a.weakType);
}
/** A number-valued option (slope, alpha, epsilon): anything else is an ArgumentError naming the function. */
function num(op: string, name: string, v: unknown): number {
  if (typeof v !== "number") throw argumentError.invalid(op, `${name} must be a number, got ${describeValue(v)}`);
  return v;
}
/** Axes checked under the public name (softmax, not the max it computes with). */
function axesOf(op: string, a: NDArray, axis: number | number[] | null): number[] {
  return normalizeAxes(op, axis, a.ndim);
}
function noBool(op: string, a: NDArray): void {
  if (a.dtype === "bool") throw dtypeError.notAllowed(op, a.dtype, "not supported for booleans (JAX rejects them too); cast with astype");
}
/** GELU; `approximate` (JAX's default) uses the tanh form. */
export function gelu(x: ArrayLike, opts: { approximate?: boolean } = {}): NDArray {
  const a = floatOperand(x, "gelu");
  if (opts.approximate ?? true) {
    const inner = np.multiply(Math.sqrt(2 / Math.PI), np.add(a, np.multiply(0.044715, np.multiply(a, np.multiply(a, a)))));
    return np.multiply(np.multiply(0.5, a), np.add(1, np.tanh(inner)));
  }
  // exact: 0.5 x (1 + erf(x / sqrt 2)), erf via its relation to the logistic-free series is not a
  // primitive; use the high-accuracy tanh-free form x * Phi(x) with Phi from erfc approximation.
  return np.multiply(a, a.dtype === "float64" ? normalCdf64(a) : normalCdf(a));
}
// float64 needs erf to ~1e-13, which the float32 formula below (1.2e-7) does not reach. Two fits of our
// own (numpy Chebyshev least squares on 4000 nodes, converted to power series):
//   erf(z)  = z * ERF_SMALL(z^2)                  0 <= z <= 2   (rel err 2e-15; of 1 - erf: 4e-13)
//   erfc(z) = exp(-z^2) / z * ERFC_LARGE(4/z - 1)  z > 2         (rel err 4e-13)
const ERF_SMALL = [
  1.128379167095513, -0.37612638903185025, 0.11283791670971091, -0.026866170646087185, 0.005223977628408704, -0.0008548327072005902,
  0.00012055333278562979, -1.492564644264017e-5, 1.6462003317897886e-6, -1.636453799388658e-7, 1.4797457971912014e-8,
  -1.2240105017069128e-9, 9.234723534762907e-11, -6.202635742307531e-12, 3.469246653325924e-13, -1.402801631372467e-14,
  2.9694318442708934e-16,
];
const ERFC_LARGE = [
  0.5479978305002707, -0.029861732979134102, -0.01048663686613373, 0.0034298906368144637, -0.0001097117371145931, -0.00026637026171604455,
  0.00010036531038299211, -5.978012035057966e-6, -1.079960691323757e-5, 5.649600886520982e-6, -9.895949809131759e-7, -4.713423332396932e-7,
  4.418329365175397e-7, -1.3356031004740047e-7, -2.569190619501836e-8, 3.045451000746501e-8, -6.062183326791114e-9,
];
function horner(c: readonly number[], t: NDArray): NDArray {
  let r = np.add(np.multiply(t, c[c.length - 1]!), c[c.length - 2]!);
  for (let i = c.length - 3; i >= 0; i--) r = np.add(np.multiply(r, t), c[i]!);
  return r;
}
function normalCdf64(x: NDArray): NDArray {
  const z = np.divide(np.abs(x), Math.SQRT2);
  const small = np.subtract(1, np.multiply(z, horner(ERF_SMALL, np.square(z))));
  // the large-|x| branch only at z > 2: elsewhere evaluate it at a safe z, or 1/z's NaN derivative leaks through where
  const zl = np.where(np.lessEqual(z, 2), 4, z);
  const u = np.divide(1, zl);
  const large = np.multiply(np.multiply(np.exp(np.negative(np.square(zl))), horner(ERFC_LARGE, np.subtract(np.multiply(u, 4), 1))), u);
  const half = np.multiply(0.5, np.where(np.lessEqual(z, 2), small, large)); // 0.5 * erfc(|x| / sqrt 2)
  return np.where(np.greaterEqual(x, 0), np.subtract(1, half), half);
}
function normalCdf(x: NDArray): NDArray {
  // Abramowitz-Stegun 7.1.26 is too coarse; use erf(z) = 1 - t*exp(-z^2 + P(t)) (Numerical Recipes erfc, |err| < 1.2e-7)
  const z = np.divide(np.abs(x), Math.SQRT2);
  const t = np.divide(1, np.add(1, np.multiply(0.5, z)));
  const coef = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
  let poly: NDArray = np.multiply(t, coef[9]!);
  for (let i = 8; i >= 1; i--) poly = np.multiply(t, np.add(coef[i]!, poly));
  const erfc = np.multiply(t, np.exp(np.add(np.subtract(np.negative(np.multiply(z, z)), -coef[0]! * 0 + 0), np.add(coef[0]!, poly))));
  const erf = np.where(np.greaterEqual(x, 0), np.subtract(1, erfc), np.subtract(erfc, 1));
  return np.multiply(0.5, np.add(1, erf));
}
export function silu(x: ArrayLike): NDArray {
  const a = floatOperand(x, "silu");
  return np.multiply(a, sigmoid(a));
}
export const swish = silu;
export function leakyRelu(x: ArrayLike, negativeSlope = 0.01): NDArray {
  const a = floatOperand(x, "leaky_relu");
  return np.where(np.greaterEqual(a, 0), a, np.multiply(num("leaky_relu", "negativeSlope", negativeSlope), a));
}
export function elu(x: ArrayLike, alpha = 1): NDArray {
  const a = floatOperand(x, "elu");
  return np.where(np.greater(a, 0), a, np.multiply(num("elu", "alpha", alpha), np.expm1(a)));
}

/** The max along `axis` (kept) for a stable exp; an empty input has nothing to shift (JAX: logsumexp([]) = -inf). */
function shift(a: NDArray, axis: number | number[] | null): NDArray | number {
  return a.size === 0 ? 0 : np.stopGradient(np.max(a, axis, { keepdims: true }));
}

export function logsumexp(x: ArrayLike, axis: number | number[] | null = null, opts: { keepdims?: boolean } = {}): NDArray {
  const a = floatOperand(x, "logsumexp");
  axesOf("logsumexp", a, axis);
  const m = shift(a, axis);
  const mSafe = a.size === 0 ? m : np.where(np.isfinite(m), m, 0);
  const s = np.sum(np.exp(np.subtract(a, mSafe)), axis, { keepdims: true });
  let out = np.add(np.log(s), mSafe);
  if (!opts.keepdims) out = np.squeeze(out, axis === null ? null : axis);
  return out;
}

export function softmax(x: ArrayLike, axis: number | number[] = -1): NDArray {
  const a = operand(x, "softmax");
  noBool("softmax", a);
  axesOf("softmax", a, axis);
  const e = np.exp(np.subtract(a, shift(a, axis)));
  return np.divide(e, np.sum(e, axis, { keepdims: true }));
}

export function logSoftmax(x: ArrayLike, axis: number | number[] = -1): NDArray {
  const a = operand(x, "log_softmax");
  noBool("log_softmax", a);
  axesOf("log_softmax", a, axis);
  const shifted = np.subtract(a, shift(a, axis));
  return np.subtract(shifted, np.log(np.sum(np.exp(shifted), axis, { keepdims: true })));
}

export function oneHot(x: ArrayLike, numClasses: number, opts: { dtype?: DTypeLike; axis?: number } = {}): NDArray {
  const a = operand(x, "one_hot");
  if (typeof numClasses !== "number" || !Number.isInteger(numClasses) || numClasses < 0)
    throw argumentError.invalid("one_hot", `numClasses must be a non-negative integer, got ${describeValue(numClasses)}`);
  if (opts.axis !== undefined) normalizeAxis("one_hot", opts.axis, a.ndim + 1);
  checkSize("one_hot", [...a.shape, numClasses]);
  const classes = np.arange(numClasses);
  const eq = np.equal(np.expandDims(a, -1), classes);
  const out = convert(eq, opts.dtype === undefined ? "float32" : checkDType(opts.dtype, "one_hot"), false);
  return opts.axis === undefined || opts.axis === -1 ? out : np.moveaxis(out, -1, opts.axis);
}

export function standardize(x: ArrayLike, axis: number | number[] = -1, opts: { epsilon?: number } = {}): NDArray {
  const a = floatOperand(x, "standardize");
  axesOf("standardize", a, axis);
  const eps = num("standardize", "epsilon", opts.epsilon ?? 1e-5);
  const m = np.mean(a, axis, { keepdims: true });
  const v = np.variance(a, axis, { keepdims: true });
  return np.divide(np.subtract(a, m), np.sqrt(np.add(v, eps)));
}
