// lax's bitwise primitives: XLA shifts on int32/uint32 (an amount >= 32, or negative, shifts every bit out:
// 0, or the sign fill for the arithmetic shift), and lax.not_ (bitwise on integers, logical on bool).
// Operands promote like numpy's (JS scalars are weak), then must be int32 or uint32.
import { binary } from "../numpy/binary.js";

export const shiftLeft = binary("shift_left", "shift_left", "int");
export const shiftRightLogical = binary("shift_right_logical", "shift_right_logical", "int");
export const shiftRightArithmetic = binary("shift_right_arithmetic", "shift_right_arithmetic", "int");
export { bitwiseNot, bitwiseAnd, bitwiseOr, bitwiseXor } from "../numpy/elementwise.js";
