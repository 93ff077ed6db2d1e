// nn: activations and normalizers, as compositions of numpy functions (so jit/grad/vmap see them), and
// nn.initializers (nn-initializers.ts).
import { type DTypeLike, checkDType, isFloat } from "./dtype.js";
import { argumentError, dtypeError, shapeError } from "./errors.js";
import { checkSize, describeValue, normalizeAxes, normalizeAxis } from "./shape.js";
import type { ArrayLike, NDArray } from "./ndarray.js";
import { bind } from "./core/trace.js";
import { type Dim, SymDim, dimFloorDiv, dimMod } from "./core/dims.js";
import * as np from "./numpy/index.js";
import { binary } from "./numpy/binary.js";
import { convert, operand } from "./numpy/util.js";
import { erfc } from "./scipy-special.js";

export * as initializers from "./nn-initializers.js";
export type { Initializer } from "./nn-initializers.js";

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
/** Phi(x) = erfc(-x / sqrt 2) / 2, as float64 needs it (~1e-13); float32 keeps the cheaper fit below. */
function normalCdf64(x: NDArray): NDArray {
  return np.multiply(0.5, erfc(np.divide(np.negative(x), Math.SQRT2)));
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

/** `numClasses` may be a symbolic size (`p.b.shape[0]` in a function traced on symbolic shapes). */
export function oneHot(x: ArrayLike, numClasses: number, opts: { dtype?: DTypeLike; axis?: number } = {}): NDArray {
  const a = operand(x, "one_hot");
  const symbolic = (numClasses as Dim) instanceof SymDim;
  if (!symbolic && (typeof numClasses !== "number" || !Number.isInteger(numClasses) || numClasses < 0))
    throw argumentError.invalid("one_hot", `numClasses must be a non-negative integer, got ${describeValue(numClasses)}`);
  if (opts.axis !== undefined) normalizeAxis("one_hot", opts.axis, a.ndim + 1);
  if (!symbolic) checkSize("one_hot", [...a.shape, numClasses]);
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

export function relu6(x: ArrayLike): NDArray {
  return np.clip(floatOperand(x, "relu6"), 0, 6);
}
/** max(0, x) + min(0, alpha * expm1(x / alpha)). */
export function celu(x: ArrayLike, alpha = 1): NDArray {
  const a = floatOperand(x, "celu");
  const al = num("celu", "alpha", alpha);
  return np.where(np.greater(a, 0), a, np.multiply(al, np.expm1(np.divide(a, al))));
}
const SELU_ALPHA = 1.6732632423543772,
  SELU_SCALE = 1.0507009873554805;
export function selu(x: ArrayLike): NDArray {
  return np.multiply(SELU_SCALE, elu(floatOperand(x, "selu"), SELU_ALPHA));
}
export function hardTanh(x: ArrayLike): NDArray {
  return np.clip(floatOperand(x, "hard_tanh"), -1, 1);
}
/** relu6(x + 3) / 6. */
export function hardSigmoid(x: ArrayLike): NDArray {
  return np.divide(relu6(np.add(floatOperand(x, "hard_sigmoid"), 3)), 6);
}
export function hardSilu(x: ArrayLike): NDArray {
  const a = floatOperand(x, "hard_silu");
  return np.multiply(a, hardSigmoid(a));
}
export const hardSwish = hardSilu;
/** log(sigmoid(x)) = -softplus(-x). */
export function logSigmoid(x: ArrayLike): NDArray {
  return np.negative(softplus(np.negative(floatOperand(x, "log_sigmoid"))));
}
export function softSign(x: ArrayLike): NDArray {
  const a = floatOperand(x, "soft_sign");
  return np.divide(a, np.add(np.abs(a), 1));
}
/** Gated linear unit: the first half of `axis` times the sigmoid of the second half. */
export function glu(x: ArrayLike, axis = -1): NDArray {
  const a = floatOperand(x, "glu");
  const ax = normalizeAxis("glu", axis, a.ndim);
  const n = a.shape[ax]!;
  if (n % 2 !== 0) throw argumentError.invalid("glu", `the size of axis ${ax} must be even, got ${n}`);
  const [u, v] = np.split(a, 2, ax);
  return np.multiply(u!, sigmoid(v!));
}

export interface AttentionOptions {
  /** Added to the logits, broadcast to [B, N, T, S]. */
  bias?: ArrayLike;
  /** Boolean, broadcast to [B, N, T, S]: false positions get a large negative logit (JAX). */
  mask?: ArrayLike;
  /** Logit scale; 1 / sqrt(head dim) by default. */
  scale?: number;
  /** Mask out keys after each query position (t >= s kept). */
  isCausal?: boolean;
}
/**
 * JAX's nn.dot_product_attention: softmax(q k^T * scale + bias, masked) v. query [B, T, N, H], key and
 * value [B, S, K, H] (the batch axis may be absent); N a multiple of K shares each key/value head among
 * N / K query heads (grouped-query attention). Returns [B, T, N, H].
 */
export function dotProductAttention(query: ArrayLike, key: ArrayLike, value: ArrayLike, opts: AttentionOptions = {}): NDArray {
  const op = "dot_product_attention";
  for (const k of Object.keys(opts))
    if (!["bias", "mask", "scale", "isCausal"].includes(k))
      throw argumentError.invalid(op, `unsupported option '${k}' (bias, mask, scale, isCausal)`);
  let q = floatOperand(query, op),
    k = floatOperand(key, op),
    v = floatOperand(value, op);
  const batched = q.ndim === 4;
  if (!batched) [q, k, v] = [q, k, v].map((t) => np.expandDims(t, 0)) as [NDArray, NDArray, NDArray];
  if (q.ndim !== 4 || k.ndim !== 4 || v.ndim !== 4)
    throw shapeError.rank(
      op,
      `query, key and value must be 3-d [T, N, H] or 4-d [B, T, N, H], got (${q.shape}), (${k.shape}), (${v.shape})`,
    );
  // sizes may be symbolic Dims under the build's trace (interned, so === is their equality): no JS arithmetic
  const [B, T, N, H] = q.shape as [number, number, number, number];
  const [, S, K] = k.shape as [number, number, number, number];
  if (k.shape.join() !== v.shape.join() || k.shape[0] !== B || k.shape[3] !== H || dimMod(N, K) !== 0)
    throw shapeError.rank(op, `incompatible shapes: query (${q.shape}), key (${k.shape}), value (${v.shape})`);
  if (K !== N) {
    const groups = dimFloorDiv(N, K) as number;
    [k, v] = [np.repeat(k, groups, 2), np.repeat(v, groups, 2)];
  }
  // 1 / sqrt(H) rounded once from float64, as a number or (H symbolic) as the plan's computed value
  const scale =
    opts.scale ?? (typeof H === "number" ? 1 / Math.sqrt(H) : np.astype(np.reciprocal(np.sqrt(np.astype(H as never, "float64"))), q.dtype));
  // [B, N, T, H] x [B, N, H, S] -> [B, N, T, S]
  let logits = np.multiply(np.matmul(np.transpose(q, [0, 2, 1, 3]), np.transpose(k, [0, 2, 3, 1])), scale);
  if (opts.bias !== undefined) logits = np.add(logits, operand(opts.bias, op));
  let keep: NDArray | null = opts.mask === undefined ? null : np.broadcastTo(operand(opts.mask, op), [B, N, T, S]);
  if (keep !== null && keep.dtype !== "bool") throw argumentError.invalid(op, `mask must be boolean, got ${keep.dtype}`);
  if (opts.isCausal) {
    const causal = np.greaterEqual(np.reshape(np.arange(T), [T, 1]), np.reshape(np.arange(S), [1, S]));
    keep = keep === null ? np.broadcastTo(causal, [B, N, T, S]) : np.logicalAnd(keep, causal);
  }
  if (keep !== null) logits = np.where(keep, logits, logits.dtype === "float64" ? -0.7 * Number.MAX_VALUE : -0.7 * 3.4028234663852886e38);
  const probs = softmax(logits, -1);
  const out = np.transpose(np.matmul(probs, np.transpose(v, [0, 2, 1, 3])), [0, 2, 1, 3]);
  return batched ? out : np.squeeze(out, 0);
}

export function identity(x: ArrayLike): NDArray {
  return operand(x, "identity");
}
/** 0 below -1, x above 1, (x + 1)^2 / 4 between (JAX's sparse_plus). */
export function sparsePlus(x: ArrayLike): NDArray {
  const a = floatOperand(x, "sparse_plus");
  return np.where(np.lessEqual(a, -1), 0, np.where(np.greaterEqual(a, 1), a, np.divide(np.square(np.add(a, 1)), 4)));
}
/** 0 below -1, 1 above 1, (x + 1) / 2 between (JAX's sparse_sigmoid). */
export function sparseSigmoid(x: ArrayLike): NDArray {
  const a = floatOperand(x, "sparse_sigmoid");
  return np.clip(np.divide(np.add(a, 1), 2), 0, 1);
}
/** (x + sqrt(x^2 + b)) / 2. */
export function squareplus(x: ArrayLike, b = 4): NDArray {
  const a = floatOperand(x, "squareplus");
  return np.divide(np.add(a, np.sqrt(np.add(np.square(a), num("squareplus", "b", b)))), 2);
}
/** x * tanh(softplus(x)). */
export function mish(x: ArrayLike): NDArray {
  const a = floatOperand(x, "mish");
  return np.multiply(a, np.tanh(softplus(a)));
}
/** logsumexp minus log(n): the log of the mean of exp(x). */
export function logmeanexp(x: ArrayLike, axis: number | number[] | null = null, opts: { keepdims?: boolean } = {}): NDArray {
  const a = floatOperand(x, "logmeanexp");
  const n = normalizeAxes("logmeanexp", axis, a.ndim).reduce((p, i) => p * a.shape[i]!, 1);
  return np.subtract(logsumexp(a, axis, opts), Math.log(n));
}
/** log(1 - exp(-x)) for x >= 0, stable (Maechler 2012: expm1 below log 2, log1p above). */
export function log1mexp(x: ArrayLike): NDArray {
  const a = floatOperand(x, "log1mexp");
  return np.where(np.lessEqual(a, Math.LN2), np.log(np.negative(np.expm1(np.negative(a)))), np.log1p(np.negative(np.exp(np.negative(a)))));
}
