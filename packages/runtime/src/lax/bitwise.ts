// lax's bitwise primitives: XLA shifts on int32/uint32 (an amount >= 32, or negative, shifts every bit out:
// 0, or the sign fill for the arithmetic shift), and lax.not_ (bitwise on integers, logical on bool).
// Operands promote like numpy's (JS scalars are weak), then must be int32 or uint32. populationCount and
// clz count bits of int32/uint32 (the SWAR population count; clz smears the leading 1 rightward first).
import type { ArrayLike, NDArray } from "../ndarray.js";
import { binary } from "../numpy/binary.js";
import { add, bitwiseAnd, bitwiseOr, subtract } from "../numpy/elementwise.js";
import { checkAccepts, laxName } from "./operands.js";
import { operand } from "../numpy/util.js";

export const shiftLeft = binary("shift_left", "shift_left", "int");
export const shiftRightLogical = binary("shift_right_logical", "shift_right_logical", "int");
export const shiftRightArithmetic = binary("shift_right_arithmetic", "shift_right_arithmetic", "int");
export { bitwiseNot, bitwiseAnd, bitwiseOr, bitwiseXor } from "../numpy/elementwise.js";

function intOperand(op: string, x: ArrayLike): NDArray {
  const a = operand(x, laxName(op));
  checkAccepts(op, a.dtype, "int");
  return a;
}

/** The number of 1 bits of each int32/uint32 (of the two's-complement bits: -1 has 32), in its dtype. */
export function populationCount(x: ArrayLike): NDArray {
  let a = intOperand("population_count", x);
  a = subtract(a, bitwiseAnd(shiftRightLogical(a, 1), 0x55555555));
  a = add(bitwiseAnd(a, 0x33333333), bitwiseAnd(shiftRightLogical(a, 2), 0x33333333));
  a = bitwiseAnd(add(a, shiftRightLogical(a, 4)), 0x0f0f0f0f);
  a = add(a, shiftRightLogical(a, 8));
  a = add(a, shiftRightLogical(a, 16));
  return bitwiseAnd(a, 0x3f);
}

/** The number of leading zero bits of each int32/uint32 (32 for 0), in its dtype. */
export function clz(x: ArrayLike): NDArray {
  let a = intOperand("clz", x);
  for (const k of [1, 2, 4, 8, 16]) a = bitwiseOr(a, shiftRightLogical(a, k));
  return subtract(32, populationCount(a));
}
