// Scalar helpers that kernels (generated at run time or emitted at build time) call as `H.name`.
// float32 fast math lives here: accurate to well inside float32 test tolerance (rtol 2e-5).

// 2^(i - 170), saturated to the float32 range: exponents above 128 are Infinity and below -149 are 0,
// so exp32 overflows to Infinity and underflows to exactly 0 without a branch (see exp32).
const POW2 = new Float64Array(330);
for (let i = 0; i < 330; i++) POW2[i] = i - 170 > 128 ? Infinity : i - 170 < -149 ? 0 : 2 ** (i - 170);

/**
 * exp for float32 results: exp(x) = 2^k * e^r with |r| <= ln2/2 and a degree-7 Taylor polynomial
 * (rel err < 1e-8). Branch-free: the clamp keeps k inside the table, whose saturated ends give
 * Infinity / 0 (so 1 / (1 + exp32(Infinity)) is exactly 0, as in NumPy); NaN flows through
 * (k = 0 reads 0, times a NaN polynomial). Returning one representation (a double) on every path
 * matters: mixing in a literal 0 or Infinity return halves the speed in V8.
 */
export function exp32(x: number): number {
  const y = x > 100 ? 100 : Math.max(x, -110);
  const k = (y * 1.4426950408889634 + 170.5) | 0; // round(y / ln2) + 170, in [11, 315]
  const r = y - (k - 170) * 0.6931471805599453;
  const p =
    1 +
    r *
      (1 +
        r *
          (0.5 +
            r *
              (0.16666666666666666 +
                r * (0.041666666666666664 + r * (0.008333333333333333 + r * (0.001388888888888889 + r * 0.0001984126984126984))))));
  return p * POW2[k]!;
}

/** tanh for float32 results: odd rational approximation on [-7.9, 7.9] (Eigen's float tanh; rel err < 3e-7). */
export function tanh32(x: number): number {
  // beyond the fitted range the rational form stalls at 1 - 2.4e-7, so 1 + tanh(x) would not reach 0
  // (gelu(-50) = -6e-6, gelu(-inf) = -inf instead of NaN); the exact form is cheap and saturates to +-1
  if (x > 7.90531110763549805) return 1 - 2 / (Math.exp(2 * x) + 1);
  if (x < -7.90531110763549805) return 2 / (Math.exp(-2 * x) + 1) - 1;
  const c = x;
  const x2 = c * c;
  const p =
    c *
    (4.89352455891786e-3 +
      x2 *
        (6.37261928875436e-4 +
          x2 *
            (1.48572235717979e-5 +
              x2 * (5.12229709037114e-8 + x2 * (-8.60467152213735e-11 + x2 * (2.00018790482477e-13 + x2 * -2.76076847742355e-16))))));
  const q = 4.89352518554385e-3 + x2 * (2.268434632439e-3 + x2 * (1.18534705686654e-4 + x2 * 1.19825839466702e-6));
  return p / q;
}

export function logistic32(x: number): number {
  return 1 / (1 + exp32(-x));
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** round half to even (NumPy's rint). */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** NumPy float floor_divide (via fmod, like npy_divmod). */
export function fdiv(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (a / b);
  let fl = Math.floor(div);
  if (div - fl > 0.5) fl += 1;
  return fl;
}

/** NumPy float remainder: result takes the divisor's sign. */
export function fmod(a: number, b: number): number {
  if (b === 0) return NaN;
  let m = a % b;
  if (m !== 0) {
    if (b < 0 !== m < 0) m += b;
  } else {
    m = b < 0 ? -0 : 0;
  }
  return m;
}

export function ifloordiv(a: number, b: number): number {
  if (b === 0) return 0;
  const q = Math.trunc(a / b);
  return (q * b !== a && a < 0 !== b < 0 ? q - 1 : q) | 0;
}

export function imod(a: number, b: number): number {
  if (b === 0) return 0;
  let r = a % b;
  if (r !== 0 && r < 0 !== b < 0) r += b;
  return r | 0;
}

/** C/NumPy float pow: 1 ** y == 1 (even NaN) and (-1) ** +-inf == 1, where JS's Math.pow gives NaN. */
export function fpow(a: number, b: number): number {
  const r = a ** b;
  return r === r || !(a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) ? r : 1;
}

export function ipow(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
  let result = 1;
  let base = a | 0;
  let e = b;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    e >>>= 1;
  }
  return result;
}

export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x;
}

import { gemm, gemmFused } from "./wasm-gemm.js";
import { erfinv32, erfinv64 } from "./erf-inv.js";

/** float -> int32 as JAX on CPU converts: truncate, saturate out-of-range values and infinities, NaN -> 0. */
export function f2i(x: number): number {
  return x >= 2147483647 ? 2147483647 : x <= -2147483648 ? -2147483648 : x | 0;
}

/** float -> uint32 as JAX on CPU converts: truncate, saturate at 2^32 - 1, negatives and NaN -> 0. */
export function f2u(x: number): number {
  return x > 0 ? (x >= 4294967295 ? 4294967295 : Math.trunc(x)) : 0;
}

/** uint32 division (floor and truncation agree); a zero divisor gives 0 as NumPy's does. */
export function udiv(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor(a / b);
}

export const helpers = {
  erfinv32,
  erfinv64,
  f2i,
  f2u,
  udiv,
  gemm,
  gemmFused,
  exp32,
  tanh32,
  logistic32,
  logistic,
  rint,
  fdiv,
  fmod,
  ifloordiv,
  imod,
  ipow,
  fpow,
  sign,
};
export type Helpers = typeof helpers;
