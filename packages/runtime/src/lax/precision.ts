// lax.reducePrecision (round to a float format with fewer exponent / mantissa bits, as XLA's
// ReducePrecision: round half to even on the bit pattern, exponent overflow to a signed infinity,
// underflow (of the smaller format's normal range) to a signed zero, NaN kept), and lax.optimizationBarrier
// (the identity: numjit's passes do not move work across calls). reducePrecision works on the uint32 words
// of the bit pattern (two for float64, with the carry between them); its derivative is reducePrecision of
// the cotangent (JAX's linear rule), through customVjp (so reverse mode only).
import { argumentError, dtypeError } from "../errors.js";
import { isFloat } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { treeUnflatten } from "../ir/tree.js";
import { add, bitwiseAnd, bitwiseOr, greater, isnan, less, lessEqual, where } from "../numpy/elementwise.js";
import { take } from "../numpy/indexing.js";
import { stack } from "../numpy/shape-ops.js";
import { convert, operand } from "../numpy/util.js";
import { bitcastConvertType } from "./bitcast.js";
import { shiftRightLogical } from "./bitwise.js";
import { customVjp } from "./custom.js";
import { flatArrays } from "./trace-body.js";

const TWO32 = 4294967296;
/** A 64-bit constant as [hi, lo] uint32 numbers. */
const split = (v: number): [number, number] => [Math.floor(v / TWO32), v % TWO32];

/** XLA's bit-level rounding and range clamping of one float array (float32: one word; float64: lo, hi). */
function reduceBits(a: NDArray, e: number, m: number): NDArray {
  const f64 = a.dtype === "float64";
  const [E, M, hiM] = f64 ? [11, 52, 20] : [8, 23, 23];
  const w = bitcastConvertType(a, "uint32");
  let hi = f64 ? take(w, 1, -1) : w;
  let lo: NDArray | null = f64 ? take(w, 0, -1) : null;
  /** (hi, lo) + (ch, cl): a 64-bit add with the carry out of the low word. */
  const add64 = (ch: number | NDArray, cl: number | NDArray) => {
    if (lo === null) {
      hi = add(add(hi, ch), cl);
      return;
    }
    const l2 = add(lo, cl);
    hi = add(add(hi, ch), convert(less(l2, lo), "uint32", false));
    lo = l2;
  };
  if (m < M) {
    const s = M - m;
    // bit s of the pattern (the last kept mantissa bit), as 0 / 1
    const last = f64 && s < 32 ? bitwiseAnd(shiftRightLogical(lo!, s), 1) : bitwiseAnd(shiftRightLogical(hi, f64 ? s - 32 : s), 1);
    const [bh, bl] = f64 ? split(2 ** (s - 1) - 1) : [2 ** (s - 1) - 1, 0];
    add64(bh, bl);
    add64(0, last);
    if (lo === null) hi = bitwiseAnd(hi, TWO32 - 2 ** s);
    else if (s >= 32) {
      lo = bitwiseAnd(lo, 0);
      hi = bitwiseAnd(hi, TWO32 - 2 ** (s - 32));
    } else lo = bitwiseAnd(lo, TWO32 - 2 ** s);
  }
  if (e < E) {
    const sign = 0x80000000;
    const expMask = (2 ** E - 1) * 2 ** hiM;
    const bias = 2 ** (E - 1) - 1,
      rbias = 2 ** (e - 1) - 1;
    const xe = bitwiseAnd(hi, expMask);
    const over = greater(xe, (bias + rbias) * 2 ** hiM);
    const under = lessEqual(xe, (bias - rbias) * 2 ** hiM);
    const zero = bitwiseAnd(hi, sign);
    hi = where(over, bitwiseOr(zero, expMask), where(under, zero, hi));
    if (lo !== null) lo = where(over, 0, where(under, 0, lo));
  }
  const out = bitcastConvertType(lo === null ? hi : stack([lo, hi], -1), a.dtype);
  return where(isnan(a), a, out);
}

/** lax.reduce_precision: x rounded to a float format with `exponentBits` and `mantissaBits` (bfloat16: 8, 7). */
export function reducePrecision(x: ArrayLike, exponentBits: number, mantissaBits: number): NDArray {
  const op = "reduce_precision";
  const a = operand(x, op);
  if (!isFloat(a.dtype)) throw dtypeError.notAllowed(op, a.dtype, "reduce_precision needs a float32 or float64 operand");
  if (!Number.isInteger(exponentBits) || exponentBits < 1)
    throw argumentError.invalid(op, `exponentBits must be an integer >= 1, got ${describeValue(exponentBits)}`);
  if (!Number.isInteger(mantissaBits) || mantissaBits < 0)
    throw argumentError.invalid(op, `mantissaBits must be an integer >= 0, got ${describeValue(mantissaBits)}`);
  const [E, M] = a.dtype === "float64" ? [11, 52] : [8, 23];
  if (exponentBits >= E && mantissaBits >= M) return a;
  const r = (v: NDArray) => reduceBits(v, exponentBits, mantissaBits);
  const f = customVjp(r);
  f.defvjp(
    (v: NDArray) => [r(v), null],
    (_res: null, ct: NDArray) => [r(ct)],
  );
  return f(a);
}

/** lax.optimization_barrier: its argument (a pytree of arrays) unchanged. */
export function optimizationBarrier<T>(x: T): T {
  const [leaves, tree] = flatArrays(x);
  return treeUnflatten(tree, leaves) as T;
}
