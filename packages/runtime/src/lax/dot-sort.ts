// lax's contractions and sorts. dotGeneral takes JAX's dimension numbers [[lhsContract, rhsContract],
// [lhsBatch, rhsBatch]] and gives JAX's output order (batch, lhs free, rhs free) from one dot_general; mixed
// operand dtypes promote (bool operands count in int32), preferredElementType sets the result dtype, precision
// is accepted and ignored (numjit computes float32 dots in float32 with wide partial sums). sort orders
// several operands by their first numKeys (stable, NaN last) and gathers the rest; sortKeyVal is its pair form.
import { type DType, type DTypeLike, checkDType, promoteTypes } from "../dtype.js";
import { argumentError, formatShape, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { describeValue, normalizeAxis } from "../shape.js";
import * as np from "../numpy/index.js";
import { convert, operand } from "../numpy/util.js";
import { intList, laxName } from "./operands.js";

/** [[lhsContract, rhsContract], [lhsBatch, rhsBatch]], as JAX's DotDimensionNumbers. */
export type DotDimensionNumbers = readonly [
  readonly [readonly number[], readonly number[]],
  readonly [readonly number[], readonly number[]],
];
export type Precision = null | "DEFAULT" | "HIGH" | "HIGHEST" | "default" | "high" | "highest" | readonly [Precision, Precision];
export interface DotOptions {
  precision?: Precision;
  preferredElementType?: DTypeLike | null;
}

const PRECISIONS = new Set([null, undefined, "DEFAULT", "HIGH", "HIGHEST", "default", "high", "highest"]);
function checkPrecision(op: string, p: unknown): void {
  const ok = Array.isArray(p) ? p.length === 2 && p.every((q) => PRECISIONS.has(q)) : PRECISIONS.has(p as string);
  if (!ok)
    throw argumentError.invalid(laxName(op), `precision must be null, DEFAULT, HIGH or HIGHEST (or a pair), got ${describeValue(p)}`);
}

function checkDims(op: string, what: string, dims: readonly number[], ndim: number): void {
  if (dims.some((d, i) => d < 0 || d >= ndim || dims.indexOf(d) !== i))
    throw shapeError.rank(laxName(op), `${what} [${dims}] must be distinct axes of a ${ndim}-d operand`);
}

/** The general contraction: contract the paired axes, batch over the paired batch axes. */
export function dotGeneral(lhs: ArrayLike, rhs: ArrayLike, dimensionNumbers: DotDimensionNumbers, opts: DotOptions = {}): NDArray {
  return contract("dot_general", lhs, rhs, dimensionNumbers, opts);
}

function contract(op: string, lhs: ArrayLike, rhs: ArrayLike, dn: DotDimensionNumbers, opts: DotOptions): NDArray {
  let a = operand(lhs, laxName(op)),
    b = operand(rhs, laxName(op));
  checkPrecision(op, opts.precision);
  if (!Array.isArray(dn) || dn.length !== 2 || !Array.isArray(dn[0]) || !Array.isArray(dn[1]))
    throw argumentError.invalid(
      laxName(op),
      `dimensionNumbers must be [[lhsContract, rhsContract], [lhsBatch, rhsBatch]], got ${describeValue(dn)}`,
    );
  const lc = intList(op, "lhs contracting dimensions", dn[0][0]),
    rc = intList(op, "rhs contracting dimensions", dn[0][1]);
  const lb = intList(op, "lhs batch dimensions", dn[1][0]),
    rb = intList(op, "rhs batch dimensions", dn[1][1]);
  if (lc.length !== rc.length || lb.length !== rb.length)
    throw shapeError.rank(
      laxName(op),
      `needs equal numbers of lhs and rhs contracting dimensions ([${lc}], [${rc}]) and batch dimensions ([${lb}], [${rb}])`,
    );
  checkDims(op, "lhs dimensions", [...lc, ...lb], a.ndim);
  checkDims(op, "rhs dimensions", [...rc, ...rb], b.ndim);
  const pairs: [number[], number[], string][] = [
    [lc, rc, "contracting"],
    [lb, rb, "batch"],
  ];
  for (const [l, r, what] of pairs)
    if (l.some((d, i) => a.shape[d] !== b.shape[r[i]!]))
      throw shapeError.matmul(laxName(op), a.shape, b.shape, `${what} dimensions [${l}] and [${r}] differ in size`);
  const out: DType =
    opts.preferredElementType === null || opts.preferredElementType === undefined
      ? promoteTypes(a.dtype, b.dtype)
      : checkDType(opts.preferredElementType, laxName(op));
  const work: DType = out === "bool" ? "int32" : out;
  a = convert(a, work, false);
  b = convert(b, work, false);
  const r = bind("dot_general", [a, b], { lhsContract: lc.slice(), rhsContract: rc.slice(), lhsBatch: lb.slice(), rhsBatch: rb.slice() });
  return out === "bool" ? np.notEqual(r, 0) : r;
}

/** Vector-vector, matrix-vector or matrix-matrix product (or dotGeneral's, given dimensionNumbers). */
export function dot(lhs: ArrayLike, rhs: ArrayLike, opts: DotOptions & { dimensionNumbers?: DotDimensionNumbers } = {}): NDArray {
  const a = operand(lhs, laxName("dot")),
    b = operand(rhs, laxName("dot"));
  let dn = opts.dimensionNumbers;
  if (dn === undefined) {
    if (a.ndim < 1 || a.ndim > 2 || b.ndim < 1 || b.ndim > 2 || a.shape[a.ndim - 1] !== b.shape[0])
      throw shapeError.matmul(
        laxName("dot"),
        a.shape,
        b.shape,
        "dimensionNumbers must be given unless this is a vector-vector, matrix-vector or matrix-matrix product",
      );
    dn = [
      [[a.ndim - 1], [0]],
      [[], []],
    ];
  }
  return contract("dot", a, b, dn, opts);
}

/** Batched matrix product of (..., m, k) and (..., k, n) with equal leading batch shapes. */
export function batchMatmul(lhs: ArrayLike, rhs: ArrayLike, precision: Precision = null): NDArray {
  const a = operand(lhs, laxName("batch_matmul")),
    b = operand(rhs, laxName("batch_matmul"));
  if (a.ndim < 2 || a.ndim !== b.ndim)
    throw shapeError.rank(
      laxName("batch_matmul"),
      `operands must have one rank >= 2, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  const batch = a.shape.slice(0, -2).map((_, i) => i);
  return contract(
    "batch_matmul",
    a,
    b,
    [
      [[a.ndim - 1], [b.ndim - 2]],
      [batch, batch],
    ],
    { precision },
  );
}

/**
 * The operands sorted along `dimension` by the first numKeys of them (lexicographically, stable, NaN last,
 * as JAX's lax.sort); one operand gives one array, several a list.
 */
export function sort(operands: ArrayLike | readonly ArrayLike[], dimension = -1, isStable = true, numKeys = 1): NDArray | NDArray[] {
  const single = !Array.isArray(operands);
  const xs = (single ? [operands as ArrayLike] : (operands as readonly ArrayLike[])).map((x) => operand(x, laxName("sort")));
  if (xs.length === 0) throw argumentError.invalid(laxName("sort"), "needs at least one operand");
  if (typeof isStable !== "boolean")
    throw argumentError.invalid(laxName("sort"), `isStable must be a boolean, got ${describeValue(isStable)}`);
  if (!Number.isInteger(numKeys) || numKeys < 1 || numKeys > xs.length)
    throw argumentError.invalid(laxName("sort"), `numKeys must be an integer in [1, ${xs.length}], got ${describeValue(numKeys)}`);
  for (const x of xs)
    if (x.shape.join() !== xs[0]!.shape.join())
      throw shapeError.concat(laxName("sort"), `operands must have one shape, got ${xs.map((y) => formatShape(y.shape)).join(", ")}`);
  if (xs[0]!.ndim === 0) throw shapeError.rank(laxName("sort"), "operands must have at least one axis");
  const ax = normalizeAxis(laxName("sort"), dimension, xs[0]!.ndim);
  const perm = np.lexsort(xs.slice(0, numKeys).reverse(), ax);
  const out = xs.map((x) => np.takeAlongAxis(x, perm, ax));
  return single ? out[0]! : out;
}

/** keys sorted along `dimension`, and values in the same order. */
export function sortKeyVal(keys: ArrayLike, values: ArrayLike, dimension = -1, isStable = true): [NDArray, NDArray] {
  const out = sort([keys, values], dimension, isStable, 1) as NDArray[];
  return [out[0]!, out[1]!];
}
