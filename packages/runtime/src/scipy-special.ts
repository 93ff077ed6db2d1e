// scipy.special (`scipySpecial`, as jax.scipy.special): erf erfc erfinv gammaln digamma logit expit xlogy
// xlog1py betaln, as compositions of numpy functions (so jit/grad/vmap see through them). int/bool
// inputs promote to float32, as JAX.
import type { ArrayLike, NDArray } from "./ndarray.js";
import * as np from "./numpy/index.js";
import { isFloat } from "./dtype.js";
import { convert, operand } from "./numpy/util.js";
import { sigmoid } from "./nn.js";

function f(x: ArrayLike, op: string): NDArray {
  const a = operand(x, op);
  return isFloat(a.dtype) ? a : convert(a, "float32", a.weakType);
}
/** Both operands as one float dtype. */
function f2(x: ArrayLike, y: ArrayLike, op: string): [NDArray, NDArray] {
  const a = f(x, op),
    b = f(y, op);
  const s = np.add(np.multiply(a, 0), np.multiply(b, 0)); // promotion (and broadcasting) of the pair
  return [np.add(a, s), np.add(b, s)];
}

// erf to ~1e-13 (float64; float32 rounds once per step). Two fits of our own (numpy Chebyshev least
// squares on 4000 nodes, converted to power series):
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

/** erfc(z) for z > 2 (callers pass a safe z elsewhere, so 1/z's NaN derivative never leaks through where). */
function erfcLarge(z: NDArray): NDArray {
  const u = np.divide(1, z);
  return np.multiply(np.multiply(np.exp(np.negative(np.square(z))), horner(ERFC_LARGE, np.subtract(np.multiply(u, 4), 1))), u);
}
export function erf(x: ArrayLike): NDArray {
  const a = f(x, "erf");
  const z = np.abs(a);
  const small = np.multiply(a, horner(ERF_SMALL, np.square(a)));
  const big = np.lessEqual(z, 2);
  const large = np.multiply(np.sign(a), np.subtract(1, erfcLarge(np.where(big, 4, z))));
  return np.where(big, small, large);
}
export function erfc(x: ArrayLike): NDArray {
  const a = f(x, "erfc");
  const z = np.abs(a);
  const big = np.lessEqual(z, 2);
  const tail = erfcLarge(np.where(big, 4, z));
  const small = np.subtract(1, np.multiply(a, horner(ERF_SMALL, np.square(a))));
  return np.where(big, small, np.where(np.greater(a, 0), tail, np.subtract(2, tail)));
}

// Giles, "Approximating the erfinv function" (GPU Computing Gems, 2011), single precision; float64
// refines it with two Newton steps on erf.
const ERFINV_CENTRAL = [
  1.50140941, 0.246640727, -0.00417768164, -0.00125372503, 0.00021858087, -4.39150654e-6, -3.5233877e-6, 3.43273939e-7, 2.81022636e-8,
];
const ERFINV_TAIL = [
  2.83297682, 1.00167406, 0.00943887047, -0.0076224613, 0.00573950773, -0.00367342844, 0.00134934322, 0.000100950558, -0.000200214257,
];
export function erfinv(x: ArrayLike): NDArray {
  const a = f(x, "erfinv");
  const edge = np.greaterEqual(np.abs(a), 1);
  const s = np.where(edge, 0, a);
  const w = np.negative(np.log(np.multiply(np.subtract(1, s), np.add(1, s))));
  const central = np.lessEqual(w, 5);
  const pc = horner(ERFINV_CENTRAL, np.subtract(np.where(central, w, 2.5), 2.5));
  const pt = horner(ERFINV_TAIL, np.subtract(np.sqrt(np.where(central, 9, w)), 3));
  let r = np.multiply(np.where(central, pc, pt), s);
  if (a.dtype === "float64")
    for (let k = 0; k < 2; k++)
      r = np.subtract(r, np.divide(np.subtract(erf(r), s), np.multiply(2 / Math.sqrt(Math.PI), np.exp(np.negative(np.square(r))))));
  const outside = np.where(np.greater(np.abs(a), 1), NaN, np.multiply(np.sign(a), Infinity));
  return np.where(edge, outside, r);
}

// Lanczos approximation, g = 7, 9 terms (rel err ~1e-15 for x >= 0.5); reflection below.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
/** log|Gamma(x)| for x >= 0.5. */
function lgammaRight(x: NDArray): NDArray {
  const y = np.subtract(x, 1);
  let s: NDArray = np.add(np.multiply(y, 0), LANCZOS[0]!);
  for (let i = 1; i < LANCZOS.length; i++) s = np.add(s, np.divide(LANCZOS[i]!, np.add(y, i)));
  const t = np.add(y, 7.5);
  return np.add(np.add(0.5 * Math.log(2 * Math.PI), np.subtract(np.multiply(np.add(y, 0.5), np.log(t)), t)), np.log(s));
}
export function gammaln(x: ArrayLike): NDArray {
  const a = f(x, "gammaln");
  const right = np.greaterEqual(a, 0.5);
  const r = lgammaRight(np.where(right, a, 1));
  // log|Gamma(x)| = log(pi / |sin(pi x)|) - log|Gamma(1 - x)|; poles at 0, -1, ... give +inf
  const l = np.where(right, 1, a);
  const sinpx = np.abs(np.sin(np.multiply(Math.PI, np.subtract(l, np.floor(l)))));
  const left = np.subtract(np.log(np.divide(Math.PI, sinpx)), lgammaRight(np.subtract(1, l)));
  const pole = np.logicalAnd(np.logicalNot(right), np.equal(l, np.floor(l)));
  return np.where(right, r, np.where(pole, Infinity, left));
}
export function betaln(a: ArrayLike, b: ArrayLike): NDArray {
  const [x, y] = f2(a, b, "betaln");
  return np.subtract(np.add(gammaln(x), gammaln(y)), gammaln(np.add(x, y)));
}
/** psi(x) for x >= 0.5: recurrence up by 6, then the asymptotic series in 1/y^2. */
function digammaRight(x: NDArray): NDArray {
  let acc: NDArray = np.multiply(x, 0);
  for (let k = 0; k < 6; k++) acc = np.add(acc, np.divide(1, np.add(x, k)));
  const y = np.add(x, 6);
  const u = np.divide(1, np.square(y));
  const series = np.multiply(u, horner([1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132], u));
  return np.subtract(np.subtract(np.subtract(np.log(y), np.divide(0.5, y)), series), acc);
}
export function digamma(x: ArrayLike): NDArray {
  const a = f(x, "digamma");
  const right = np.greaterEqual(a, 0.5);
  const l = np.where(right, 0.25, a);
  // psi(x) = psi(1 - x) - pi / tan(pi x); poles at 0, -1, ... give NaN as JAX (scipy: -inf at 0)
  const left = np.subtract(digammaRight(np.subtract(1, l)), np.divide(Math.PI, np.tan(np.multiply(Math.PI, l))));
  const pole = np.logicalAnd(np.logicalNot(right), np.equal(l, np.floor(l)));
  return np.where(right, digammaRight(np.where(right, a, 1)), np.where(pole, NaN, left));
}
export function logit(x: ArrayLike): NDArray {
  const a = f(x, "logit");
  return np.log(np.divide(a, np.subtract(1, a)));
}
export function expit(x: ArrayLike): NDArray {
  return sigmoid(f(x, "expit"));
}
/** x * log(y), 0 where x == 0. */
export function xlogy(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = f2(x, y, "xlogy");
  const zero = np.equal(a, 0);
  return np.where(zero, 0, np.multiply(a, np.log(np.where(zero, 1, b))));
}
/** x * log1p(y), 0 where x == 0. */
export function xlog1py(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = f2(x, y, "xlog1py");
  const zero = np.equal(a, 0);
  return np.where(zero, 0, np.multiply(a, np.log1p(np.where(zero, 0, b))));
}
export { logsumexp, softmax, logSoftmax } from "./nn.js";
