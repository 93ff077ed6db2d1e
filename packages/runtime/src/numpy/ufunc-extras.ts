// NumPy ufuncs beyond the core set, as jax.numpy defines them: fabs, fix, gcd/lcm (Euclid), i0 (NumPy's
// Chebyshev series), nextafter/spacing (on the float's bits), packbits/unpackbits. Compositions of the
// core functions, so jit, vmap and (where JAX differentiates) grad see through them.
import { isFloat } from "../dtype.js";
import { argumentError, dtypeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { Tracer } from "../core/trace.js";
import { bitcastConvertType } from "../lax/bitcast.js";
import {
  abs,
  add,
  bitwiseAnd,
  divide,
  equal,
  exp,
  floorDivide,
  greater,
  isnan,
  leftShift,
  less,
  lessEqual,
  logicalOr,
  mod,
  multiply,
  notEqual,
  sqrt,
  subtract,
  where,
} from "./elementwise.js";
import { any, sum } from "./reductions.js";
import { convert, operand, promoteBroadcast, reshapeTo } from "./util.js";
import { concatenate, pad, ravel, sliceAxis, swapaxes } from "./shape-ops.js";
import { copysign, trunc } from "./math-extras.js";

function inexact(op: string, x: ArrayLike): NDArray {
  const a = operand(x, op);
  return isFloat(a.dtype) ? a : convert(a, "float32", a.weakType);
}

/** |x| as a float (ints and bools promote to float32, as JAX). */
export function fabs(x: ArrayLike): NDArray {
  return abs(inexact("fabs", x));
}
/** Round toward zero (NumPy's fix; ints keep their dtype). */
export function fix(x: ArrayLike): NDArray {
  return trunc(operand(x, "fix"));
}

function integerPair(op: string, x1: ArrayLike, x2: ArrayLike): [NDArray, NDArray] {
  const [a, b] = promoteBroadcast(op, [operand(x1, op), operand(x2, op)]) as [NDArray, NDArray];
  if (a.dtype !== "int32" && a.dtype !== "uint32") throw dtypeError.notAllowed(op, a.dtype, `arguments of ${op} must be integers`);
  return [a, b];
}
// Euclid's steps on int32/uint32 never exceed 46 (consecutive Fibonacci numbers are the worst case, F(48) > 2**32)
const EUCLID_STEPS = 47;
/** Greatest common divisor of |x1| and |x2| (integers; gcd(0, 0) = 0), JAX's Euclid loop. */
export function gcd(x1: ArrayLike, x2: ArrayLike): NDArray {
  let [a, b] = integerPair("gcd", x1, x2);
  [a, b] = [abs(a), abs(b)];
  // traced: the full (static) number of steps; eager: stop once every remainder is 0
  for (let k = 0; k < EUCLID_STEPS; k++) {
    if (!(b instanceof Tracer) && !(any(notEqual(b, 0)).item() as boolean)) break;
    const nz = notEqual(b, 0);
    const [p, q] = [where(nz, b, a), where(nz, mod(a, where(nz, b, 1)), 0)];
    const swap = less(p, q);
    [a, b] = [where(swap, q, p), where(swap, p, q)];
  }
  return a;
}
/** Least common multiple of |x1| and |x2| (0 when either is 0). */
export function lcm(x1: ArrayLike, x2: ArrayLike): NDArray {
  let [a, b] = integerPair("lcm", x1, x2);
  [a, b] = [abs(a), abs(b)];
  const d = gcd(a, b);
  return where(equal(d, 0), 0, multiply(a, floorDivide(b, where(equal(d, 0), 1, d))));
}

// Cephes' Chebyshev coefficients for exp(-x) I0(x) on [0, 8] and exp(-x) sqrt(x) I0(x) on (8, inf) (NumPy's i0)
const I0A = [
  -4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15, -1.1685332877993451e-14,
  7.676185498604936e-14, -4.856446783111929e-13, 2.95505266312964e-12, -1.726826291441556e-11, 9.675809035373237e-11,
  -5.189795601635263e-10, 2.6598237246823866e-9, -1.300025009986248e-8, 6.046995022541919e-8, -2.670793853940612e-7, 1.1173875391201037e-6,
  -4.4167383584587505e-6, 1.6448448070728896e-5, -5.754195010082104e-5, 0.00018850288509584165, -0.0005763755745385824,
  0.0016394756169413357, -0.004324309995050576, 0.010546460394594998, -0.02373741480589947, 0.04930528423967071, -0.09490109704804764,
  0.17162090152220877, -0.3046826723431984, 0.6767952744094761,
];
const I0B = [
  -7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17, -2.8276239805165836e-16,
  -3.425485619677219e-16, 1.7725601330565263e-15, 3.8116806693526224e-15, -9.554846698828307e-15, -4.150569347287222e-14,
  1.54008621752141e-14, 3.8527783827421426e-13, 7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11,
  -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10, 3.3962320257083865e-9, 2.266668990498178e-8, 2.0489185894690638e-7,
  2.8913705208347567e-6, 6.889758346916825e-5, 0.0033691164782556943, 0.8044904110141088,
];
/** Clenshaw's recurrence for sum' c_k T_k(x/2), the Cephes chbevl NumPy uses. */
function chbevl(x: NDArray, c: readonly number[]): NDArray {
  let b0: NDArray | number = c[0]!,
    b1: NDArray | number = 0,
    b2: NDArray | number = 0;
  for (let i = 1; i < c.length; i++) {
    b2 = b1;
    b1 = b0;
    b0 = add(subtract(multiply(x, b1), b2), c[i]!);
  }
  return multiply(0.5, subtract(b0, b2));
}
/** Modified Bessel function of the first kind, order 0 (NumPy's Cephes series; ints promote to float32). */
export function i0(x: ArrayLike): NDArray {
  const a = abs(inexact("i0", x));
  const small = lessEqual(a, 8);
  const lo = where(small, a, 0),
    hi = where(small, 9, a);
  const inner = multiply(exp(lo), chbevl(subtract(divide(lo, 2), 2), I0A));
  const outer = divide(multiply(exp(hi), chbevl(subtract(divide(32, hi), 2), I0B)), sqrt(hi));
  return where(small, inner, outer);
}

/**
 * The next representable value after x1 toward x2 (JAX's lax.nextafter; ints promote to float32): one step
 * of the float's bit pattern, +1 away from zero and -1 toward it (float64: a 64-bit step carried across
 * its two 32-bit words). 0 steps to the smallest subnormal with x2's sign; x1 == x2 gives x2; NaN stays.
 */
export function nextafter(x1: ArrayLike, x2: ArrayLike): NDArray {
  const [x, y] = promoteBroadcast("nextafter", [inexact("nextafter", x1), inexact("nextafter", x2)]) as [NDArray, NDArray];
  const away = equal(less(x, y), greater(x, 0)); // the magnitude grows
  const zero = equal(x, 0);
  let r: NDArray;
  if (x.dtype === "float32") {
    const bits = add(bitcastConvertType(x, "int32"), where(away, 1, -1));
    r = bitcastConvertType(where(zero, where(greater(y, 0), 1, -2147483647), bits), "float32");
  } else {
    const w = bitcastConvertType(x, "uint32"); // [..., 2]: low word, high word
    const last = x.ndim;
    const lo = sliceAxis(w, last, 0, 1, 1),
      hi = sliceAxis(w, last, 1, 2, 1);
    const up = reshapeTo(away, [...x.shape, 1] as number[]);
    const lo2 = where(up, add(lo, 1), subtract(lo, 1));
    const hi2 = where(up, add(hi, convert(equal(lo2, 0), "uint32", false)), subtract(hi, convert(equal(lo, 0), "uint32", false)));
    const z = reshapeTo(zero, [...x.shape, 1] as number[]);
    const zhi = leftShift(convert(reshapeTo(lessEqual(y, 0), [...x.shape, 1] as number[]), "uint32", false), 31); // the sign bit
    const words = concatenate([where(z, 1, lo2), where(z, zhi, hi2)], last);
    r = bitcastConvertType(convert(words, "uint32", false), "float64");
  }
  return where(logicalOr(isnan(x), isnan(y)), add(x, y), where(equal(x, y), y, r));
}
/** The distance from x to the next float away from zero (NumPy's spacing: negative for negative x, NaN at ±inf). */
export function spacing(x: ArrayLike): NDArray {
  const a = inexact("spacing", x);
  return subtract(nextafter(a, copysign(Infinity, a)), a);
}

function bitOrder(op: string, bitorder: string): readonly number[] {
  if (bitorder !== "big" && bitorder !== "little")
    throw argumentError.invalid(op, `bitorder must be 'big' or 'little', got ${describeValue(bitorder)}`);
  const w = [1, 2, 4, 8, 16, 32, 64, 128];
  return bitorder === "big" ? w.reverse() : w;
}
/** The (flattened or axis-moved-last) array and the axis it came from. */
function alongLast(op: string, a: NDArray, axis: number | null): [NDArray, number] {
  if (axis === null) return [ravel(a), 0];
  if (!Number.isInteger(axis)) throw argumentError.invalid(op, `axis must be an integer or null, got ${describeValue(axis)}`);
  const ax = normalizeAxis(op, axis, a.ndim);
  return [swapaxes(a, ax, -1), ax];
}
/**
 * Packs the truth of each element into bits, 8 to a number along `axis` (flattened when null), zero-padded
 * at the end. ⚠️ NumPy and JAX return uint8, which numjit does not have: the result is int32 in 0..255.
 */
export function packbits(a: ArrayLike, axis: number | null = null, bitorder: "big" | "little" = "big"): NDArray {
  const x = operand(a, "packbits");
  if (isFloat(x.dtype)) throw dtypeError.notAllowed("packbits", x.dtype, "expected an input array of integer or boolean data type");
  const w = bitOrder("packbits", bitorder);
  const [b, ax] = alongLast("packbits", convert(notEqual(x, 0), "int32", false), axis);
  const n = b.shape[b.ndim - 1] as number;
  const padded = n % 8 ? pad(b, [...b.shape.slice(1).map(() => [0, 0] as [number, number]), [0, 8 - (n % 8)]]) : b;
  const rows = reshapeTo(padded, [...(padded.shape.slice(0, -1) as number[]), Math.ceil(n / 8), 8]);
  const packed = sum(multiply(rows, operand(Int32Array.from(w), "packbits")), -1);
  return axis === null ? packed : swapaxes(packed, ax, -1);
}
/**
 * The bits of each element's low byte along `axis` (flattened when null), as 0/1 int32; `count` keeps the
 * first `count` bits (negative: drops from the end; larger: zero-padded). NumPy and JAX take uint8 input,
 * which numjit does not have: int32 and uint32 inputs are read through their low 8 bits.
 */
export function unpackbits(
  a: ArrayLike,
  axis: number | null = null,
  count: number | null = null,
  bitorder: "big" | "little" = "big",
): NDArray {
  const x = operand(a, "unpackbits");
  if (x.dtype !== "int32" && x.dtype !== "uint32")
    throw dtypeError.notAllowed("unpackbits", x.dtype, "expected an array of bytes (int32/uint32 values 0..255; numjit has no uint8)");
  if (count !== null && !Number.isInteger(count))
    throw argumentError.invalid("unpackbits", `count must be an integer or null, got ${describeValue(count)}`);
  const w = bitOrder("unpackbits", bitorder);
  const [b, ax] = alongLast("unpackbits", x, axis);
  const bits = greater(bitwiseAnd(reshapeTo(b, [...(b.shape as number[]), 1]), operand(Int32Array.from(w), "unpackbits")), 0);
  let u = reshapeTo(convert(bits, "int32", false), [...(b.shape.slice(0, -1) as number[]), (b.shape[b.ndim - 1] as number) * 8]);
  if (count !== null) {
    const n = u.shape[u.ndim - 1] as number;
    if (count > n) u = pad(u, [...u.shape.slice(1).map(() => [0, 0] as [number, number]), [0, count - n]]);
    else u = sliceAxis(u, u.ndim - 1, 0, count < 0 ? Math.max(n + count, 0) : count, 1);
  }
  return axis === null ? u : swapaxes(u, ax, -1);
}
