// Internal helpers of the functions whose results depend on the data or read index values: the static
// `size` of a data-dependent result and the compaction of a mask to it (JAX's size=/fill_value=), the
// check of integer index operands and their bounds modes. Not part of the numpy namespace.
import { isFloat } from "../dtype.js";
import { argumentError, dtypeError, traceError } from "../errors.js";
import { type ArrayLike, NDArray } from "../ndarray.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import { describeValue } from "../shape.js";
import { clip, greaterEqual, lessEqual, less, logicalOr, mod } from "./elementwise.js";
import { any, cumsum, sum } from "./reductions.js";
import { convert, operand, reshapeTo } from "./util.js";
import { arange, iota } from "./creation.js";
import { intIndices, take } from "./indexing.js";

/** The `size` of a data-dependent result: given, or read from the data eagerly (else a ConcretizationError). */
export function resultSize(op: string, count: () => NDArray, size: number | undefined, mask: NDArray): number {
  if (size !== undefined) {
    if (typeof size !== "number" || !Number.isInteger(size) || size < 0)
      throw argumentError.invalid(op, `size must be a non-negative integer, got ${describeValue(size)}`);
    return size;
  }
  if (mask instanceof Tracer)
    throw traceError.concretization(
      `np.${op} (a result whose length depends on the data)`,
      currentFunctionName(),
      `Pass a static length: np.${op}(x, { size: n, fillValue })`,
    );
  return count().item() as number;
}

/**
 * Positions of the first `size` true entries of the 1-d bool `mask` (int32 [size]), `mask.size` where
 * there are fewer: position j is the number of entries whose running count is at most j.
 */
export function compact(mask: NDArray, size: number): NDArray {
  if (!(mask instanceof Tracer)) {
    const m = mask.toTypedArray(),
      out = new Int32Array(size).fill(m.length);
    for (let i = 0, k = 0; i < m.length && k < size; i++) if (m[i]) out[k++] = i;
    return convert(operand(out, "nonzero"), "int32", false);
  }
  const running = cumsum(mask);
  return sum(lessEqual(reshapeTo(running, [1, mask.size]), reshapeTo(arange(size), [size, 1])), 1);
}

export interface SizeOptions {
  size?: number;
  fillValue?: number;
}
export function checkSizeOptions(op: string, opts: object, allowed: string[]): void {
  for (const k of Object.keys(opts))
    if (!allowed.includes(k)) throw argumentError.invalid(op, `unsupported option '${k}' (${allowed.join(", ")})`);
}

export type IndexMode = "raise" | "wrap" | "clip";
/** Integer `a` (JS lists of integers too) for an op that indexes with it. */
export function integerOperand(op: string, a: ArrayLike): NDArray {
  if (a instanceof NDArray && (isFloat(a.dtype) || a.dtype === "bool"))
    throw dtypeError.notAllowed(op, a.dtype, "the index array must be integer typed");
  return intIndices(op, a);
}
/** Bounds of integer indices in [0, n): checked eagerly (raise), wrapped or clipped. */
export function boundIndices(op: string, idx: NDArray, n: number, mode: IndexMode | undefined): NDArray {
  const md = mode ?? "raise";
  if (md === "wrap") return mod(idx, n);
  if (md === "clip") return clip(idx, 0, n - 1);
  if (md !== "raise") throw argumentError.invalid(op, `mode must be 'raise', 'wrap' or 'clip', got ${describeValue(mode)}`);
  if (idx instanceof Tracer)
    throw traceError.concretization(
      `np.${op} with mode 'raise' (a check of the index values)`,
      currentFunctionName(),
      "Use mode 'wrap' or 'clip'",
    );
  if (idx.size > 0 && (any(logicalOr(less(idx, 0), greaterEqual(idx, n))).item() as boolean))
    throw argumentError.invalid(op, `invalid entry in the index array: entries must be in [0, ${n})`);
  return idx;
}

/** `v` (flattened) repeated or cut to length k. */
export function tileTo(v: NDArray, k: number): NDArray {
  return v.size === k ? v : take(v, mod(iota([k], 0), v.size));
}

/** The values of concrete integer indices (integer-valued floats pass, as intIndices), null for traced ones. */
export function staticInts(op: string, idx: NDArray): number[] | null {
  if (idx instanceof Tracer) return null;
  const out = Array.from(idx.toTypedArray(), Number);
  for (const v of out) if (!Number.isInteger(v)) throw argumentError.invalid(op, `indices must be integers, got ${v}`);
  return out;
}
