// Operand checks shared by numpy.linalg and lax.linalg: float promotion, matrix rank, batch broadcasting.
import { shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { broadcastShapes } from "../shape.js";
import { swapaxes } from "./shape-ops.js";
import { broadcastTo, convert, operand } from "./util.js";

export const mT = (x: NDArray): NDArray => swapaxes(x, -1, -2);

/** x as a float array (int and bool become float32) with at least 2 dims; `square` checks the last two. */
export function matrixOperand(op: string, x: ArrayLike, square: boolean): NDArray {
  let a = operand(x, op);
  if (a.dtype !== "float32" && a.dtype !== "float64") a = convert(a, "float32", false, op);
  if (a.ndim < 2) throw shapeError.rank(op, `${a.ndim}-dimensional array given; array must be at least two-dimensional`);
  if (square && a.shape[a.ndim - 1] !== a.shape[a.ndim - 2])
    throw shapeError.rank(op, `last 2 dimensions of the array must be square, got shape (${a.shape.join(", ")})`);
  return a;
}

/** Both operands in one float dtype (the wider). */
export function sameFloat(op: string, a: NDArray, b: NDArray): [NDArray, NDArray] {
  if (b.dtype !== "float32" && b.dtype !== "float64") b = convert(b, "float32", false, op);
  if (a.dtype === b.dtype) return [a, b];
  return a.dtype === "float64" ? [a, convert(b, "float64", false, op)] : [convert(a, "float64", false, op), b];
}

/** a and b with their batch dims broadcast together (b's last `core` dims are its matrix). */
export function broadcastBatch(op: string, a: NDArray, b: NDArray, core: number): [NDArray, NDArray] {
  const batch = broadcastShapes(op, a.shape.slice(0, -2), b.shape.slice(0, b.ndim - core));
  return [broadcastTo(a, [...batch, ...a.shape.slice(-2)], op), broadcastTo(b, [...batch, ...b.shape.slice(b.ndim - core)], op)];
}
