// Small NumPy conveniences composed from the core functions (so jit/grad/vmap see through them).
import type { ArrayLike, NDArray } from "../ndarray.js";
import { argumentError, shapeError, traceError } from "../errors.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import { broadcastShapes, describeValue, normalizeAxis } from "../shape.js";
import { isFloat } from "../dtype.js";
import { abs, add, equal, isinf, isnan, lessEqual, logicalAnd, logicalOr, multiply, notEqual, subtract, where } from "./elementwise.js";
import { all } from "./reductions.js";
import { broadcastTo, convert, operand, reshapeTo } from "./util.js";
import { concatenate, sliceAxis } from "./shape-ops.js";
import { arange } from "./creation.js";
import { dimSub } from "../core/dims.js";

/** |a - b| <= atol + rtol * |b|, elementwise; infinities equal only themselves; NaN equal with equalNan. */
export function isclose(a: ArrayLike, b: ArrayLike, opts: { rtol?: number; atol?: number; equalNan?: boolean } = {}): NDArray {
  return iscloseAs("isclose", a, b, opts);
}
function iscloseAs(op: string, a: ArrayLike, b: ArrayLike, opts: { rtol?: number; atol?: number; equalNan?: boolean }): NDArray {
  let x = operand(a, op),
    y = operand(b, op);
  broadcastShapes(op, x.shape, y.shape);
  // NumPy compares in floating point (bool/int inputs included)
  if (!isFloat(x.dtype) && !isFloat(y.dtype)) [x, y] = [convert(x, "float32", x.weakType), convert(y, "float32", y.weakType)];
  const rtol = opts.rtol ?? 1e-5,
    atol = opts.atol ?? 1e-8;
  for (const [k, v] of [
    ["rtol", rtol],
    ["atol", atol],
  ] as const)
    if (typeof v !== "number") throw argumentError.invalid(op, `${k} must be a number, got ${describeValue(v)}`);
  const finiteClose = lessEqual(abs(subtract(x, y)), add(atol, multiply(rtol, abs(y))));
  const bothInf = logicalAnd(logicalOr(isinf(x), isinf(y)), equal(x, y));
  let out = where(logicalOr(isinf(x), isinf(y)), bothInf, finiteClose);
  if (opts.equalNan) out = logicalOr(out, logicalAnd(isnan(x), isnan(y)));
  return out;
}

/**
 * A JS boolean, as NumPy's (and jax-js's) allclose: `if (np.allclose(a, b))` must not test a 0-d array
 * object, which JS always finds truthy. Under jit/grad/vmap the answer is not known yet: a
 * ConcretizationError points to np.isclose(a, b).all(), the traced-array form.
 */
export function allclose(a: ArrayLike, b: ArrayLike, opts: { rtol?: number; atol?: number; equalNan?: boolean } = {}): boolean {
  return concreteBool(all(iscloseAs("allclose", a, b, opts)), "allclose", "Use np.isclose(a, b).all() for a traced 0-d bool array");
}

/** A JS boolean from a 0-d bool result; abstract under jit/vmap, so a ConcretizationError with the array form. */
function concreteBool(r: NDArray, op: string, hint: string): boolean {
  if (r instanceof Tracer) throw traceError.concretization(`np.${op} (a JS boolean)`, currentFunctionName(), hint);
  return r.item() as boolean;
}

/** NumPy's array_equal: same shape and equal elements (NaN equal only with equalNan). A JS boolean, like allclose. */
export function arrayEqual(a: ArrayLike, b: ArrayLike, opts: { equalNan?: boolean } = {}): boolean {
  const x = operand(a, "array_equal"),
    y = operand(b, "array_equal");
  if (x.ndim !== y.ndim || x.shape.some((d, i) => d !== y.shape[i])) return false;
  const r = all(elementsEqual(x, y, opts.equalNan ?? false));
  return concreteBool(r, "arrayEqual", "Use np.equal(a, b).all() for a traced 0-d bool array");
}

/** NumPy's array_equiv: shapes broadcast together and the elements are equal. A JS boolean. */
export function arrayEquiv(a: ArrayLike, b: ArrayLike): boolean {
  const x = operand(a, "array_equiv"),
    y = operand(b, "array_equiv");
  const n = Math.max(x.ndim, y.ndim);
  for (let i = 1; i <= n; i++) {
    const p = x.shape[x.ndim - i] ?? 1,
      q = y.shape[y.ndim - i] ?? 1;
    if (p !== q && p !== 1 && q !== 1) return false;
  }
  return concreteBool(all(equal(x, y)), "arrayEquiv", "Use np.equal(a, b).all() for a traced 0-d bool array");
}

function elementsEqual(x: NDArray, y: NDArray, equalNan: boolean): NDArray {
  const eq = equal(x, y);
  return equalNan ? logicalOr(eq, logicalAnd(isnan(x), isnan(y))) : eq;
}

function triMask(m: NDArray, k: number, lower: boolean): NDArray {
  const op = lower ? "tril" : "triu";
  if (m.ndim < 2) throw shapeError.rank(op, `input must be at least 2-d, got shape (${m.shape.join(", ")})`);
  if (typeof k !== "number" || !Number.isInteger(k)) throw argumentError.invalid(op, `k must be an integer, got ${describeValue(k)}`);
  const [r, c] = m.shape.slice(-2);
  const i = reshapeTo(arange(r!), [r!, 1]),
    j = reshapeTo(arange(c!), [1, c!]);
  const d = subtract(j, i); // column - row
  const keep = lower ? lessEqual(d, k) : lessEqual(k, d);
  return broadcastTo(keep, m.shape);
}

/** Lower triangle (elements with column - row <= k); the rest are zeroed. */
export function tril(x: ArrayLike, k = 0): NDArray {
  const m = operand(x, "tril");
  return where(triMask(m, k, true), m, m.dtype === "bool" ? false : 0);
}

/** Upper triangle (elements with column - row >= k). */
export function triu(x: ArrayLike, k = 0): NDArray {
  const m = operand(x, "triu");
  return where(triMask(m, k, false), m, m.dtype === "bool" ? false : 0);
}

/**
 * n-th discrete difference along an axis: out[i] = a[i+1] - a[i], applied n times. `prepend`/`append`
 * are joined to `a` along the axis first; a 0-d value is broadcast to a length-1 slab, as in NumPy.
 */
export function diff(x: ArrayLike, n = 1, axis = -1, opts: { prepend?: ArrayLike; append?: ArrayLike } = {}): NDArray {
  let a = operand(x, "diff");
  if (!Number.isInteger(n) || n < 0) throw argumentError.invalid("diff", `order must be a non-negative integer, got ${describeValue(n)}`);
  if (a.ndim === 0) throw shapeError.rank("diff", "diff requires input that is at least one dimensional");
  const ax = normalizeAxis("diff", axis, a.ndim);
  if (n === 0) return a;
  if (opts.prepend !== undefined || opts.append !== undefined) {
    const slab = (v: ArrayLike, what: string): NDArray => {
      const b = operand(v, "diff");
      if (b.ndim === 0)
        return broadcastTo(
          b,
          a.shape.map((d, i) => (i === ax ? 1 : d)),
          "diff",
        );
      if (b.ndim !== a.ndim || b.shape.some((d, i) => i !== ax && d !== a.shape[i]))
        throw shapeError.concat(
          "diff",
          `${what} of shape (${b.shape.join(", ")}) does not match the array of shape ` + `(${a.shape.join(", ")}) outside axis ${ax}`,
        );
      return b;
    };
    const parts = [
      ...(opts.prepend !== undefined ? [slab(opts.prepend, "prepend")] : []),
      a,
      ...(opts.append !== undefined ? [slab(opts.append, "append")] : []),
    ];
    a = concatenate(parts, ax);
  }
  for (let t = 0; t < n; t++) {
    const len = a.shape[ax]!;
    if (len === 0) break;
    const hi = sliceAxis(a, ax, 1, len, 1),
      lo = sliceAxis(a, ax, 0, dimSub(len, 1) as number, 1);
    a = a.dtype === "bool" ? notEqual(hi, lo) : subtract(hi, lo); // NumPy: booleans differ by xor
  }
  return a;
}

/** Coordinate matrices from coordinate vectors; indexing "xy" (default) or "ij". */
export function meshgrid(...args: (ArrayLike | { indexing?: "xy" | "ij" })[]): NDArray[] {
  const last = args[args.length - 1];
  const opts =
    last !== null && typeof last === "object" && !Array.isArray(last) && !("shape" in (last as object)) && !ArrayBuffer.isView(last)
      ? (args.pop() as { indexing?: "xy" | "ij" })
      : {};
  const xs = (args as ArrayLike[]).map((a) => reshapeTo(operand(a, "meshgrid"), [operand(a, "meshgrid").size]));
  const indexing = opts.indexing ?? "xy";
  if (indexing !== "xy" && indexing !== "ij")
    throw argumentError.invalid("meshgrid", `indexing must be 'xy' or 'ij', got ${describeValue(indexing)}`);
  const ij = indexing === "ij";
  const n = xs.length;
  const shape = xs.map((x) => x.size);
  if (!ij && n >= 2) [shape[0], shape[1]] = [shape[1]!, shape[0]!];
  return xs.map((x, i) => {
    const pos = !ij && n >= 2 && i < 2 ? 1 - i : i;
    const s = shape.map((_, k) => (k === pos ? x.size : 1));
    return broadcastTo(reshapeTo(x, s), shape);
  });
}
