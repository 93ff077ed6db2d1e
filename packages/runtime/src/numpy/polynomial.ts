// Polynomials as 1-d coefficient arrays, highest power first (NumPy's poly* family, poly and polydiv), vander, and the
// window functions (computed in double precision from their static length, then stored as float32).
import { argumentError, shapeError, traceError } from "../errors.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { type Dim, SymDim, dimSub } from "../core/dims.js";
import { FLOAT_EPS } from "../dtype.js";
import { add, divide, multiply, negative, power, sqrt, subtract } from "./elementwise.js";
import { operand, reshapeTo } from "./util.js";
import { concatenate, pad, sliceAxis } from "./shape-ops.js";
import { arange, eye, ones, zeros } from "./creation.js";
import { pinv } from "./linalg-module.js";
import { matmul, trace } from "./linalg.js";
import { sum } from "./reductions.js";

function coeffs(op: string, p: ArrayLike): NDArray {
  const a = operand(p, op);
  if (a.ndim > 1) throw shapeError.rank(op, `coefficients must be 0-d or 1-d, got shape (${a.shape.join(", ")})`);
  return a.ndim === 0 ? reshapeTo(a, [1]) : a;
}
function order(op: string, m: number): number {
  if (!Number.isInteger(m) || m < 0)
    throw argumentError.invalid(op, `order of derivative/integral must be a non-negative integer, got ${describeValue(m)}`);
  return m;
}

/** p[0] * x**(n-1) + ... + p[n-1], by Horner's rule. */
export function polyval(p: ArrayLike, x: ArrayLike): NDArray {
  const c = coeffs("polyval", p);
  const xs = operand(x, "polyval");
  let y: NDArray = multiply(xs, 0);
  for (let i = 0; i < c.size; i++) y = add(multiply(y, xs), reshapeTo(sliceAxis(c, 0, i, i + 1, 1), []));
  return y;
}

/** Align two coefficient vectors at their constant terms (pad the shorter at the front). */
function aligned(op: string, a: ArrayLike, b: ArrayLike): [NDArray, NDArray] {
  const x = coeffs(op, a),
    y = coeffs(op, b);
  const n = Math.max(x.size, y.size);
  return [pad(x, [[n - x.size, 0]]), pad(y, [[n - y.size, 0]])];
}
export function polyadd(a: ArrayLike, b: ArrayLike): NDArray {
  const [x, y] = aligned("polyadd", a, b);
  return add(x, y);
}
export function polysub(a: ArrayLike, b: ArrayLike): NDArray {
  const [x, y] = aligned("polysub", a, b);
  return subtract(x, y);
}
/** Product polynomial: the full convolution of the coefficients. */
export function polymul(a: ArrayLike, b: ArrayLike): NDArray {
  const x = coeffs("polymul", a),
    y = coeffs("polymul", b);
  const m = x.size;
  let out: NDArray | null = null;
  for (let i = 0; i < m; i++) {
    const term = pad(multiply(reshapeTo(sliceAxis(x, 0, i, i + 1, 1), []), y), [[i, m - 1 - i]]);
    out = out === null ? term : add(out, term);
  }
  return out ?? multiply(y, 0);
}
export function polyder(p: ArrayLike, m = 1): NDArray {
  let c = coeffs("polyder", p);
  for (let k = order("polyder", m); k > 0; k--) {
    const n = c.size - 1;
    if (n <= 0) return multiply(sliceAxis(c, 0, 0, 1, 1), 0);
    c = multiply(sliceAxis(c, 0, 0, n, 1), arange(n, 0, -1));
  }
  return c;
}
/** m-th antiderivative; the integration constants are k (a number, used for every step). */
export function polyint(p: ArrayLike, m = 1, k = 0): NDArray {
  let c = coeffs("polyint", p);
  for (let j = order("polyint", m); j > 0; j--) c = concatenate([divide(c, arange(c.size, 0, -1)), [k]]);
  return c;
}

/**
 * Least-squares fit of a degree-`deg` polynomial to (x, y) (y 1-d, or 2-d with one fit per column): the
 * coefficients, highest power first. As NumPy and JAX: the Vandermonde columns (weighted by `w`) are scaled
 * to unit norm before the solve, singular values below `rcond` (default len(x) * eps) relative to the
 * largest are dropped. `full` and `cov` are not supported.
 */
export function polyfit(x: ArrayLike, y: ArrayLike, deg: number, opts: { rcond?: number; w?: ArrayLike } = {}): NDArray {
  for (const k of Object.keys(opts))
    if (k !== "rcond" && k !== "w") throw argumentError.invalid("polyfit", `unsupported option '${k}' (rcond, w)`);
  if (!Number.isInteger(deg) || deg < 0)
    throw argumentError.invalid("polyfit", `deg must be a non-negative integer, got ${describeValue(deg)}`);
  let xs = operand(x, "polyfit");
  let ys = operand(y, "polyfit");
  if (xs.ndim !== 1) throw shapeError.rank("polyfit", `expected 1D vector for x, got shape (${xs.shape.join(", ")})`);
  if (xs.size === 0) throw shapeError.empty("polyfit", "expected non-empty vector for x");
  if (ys.ndim < 1 || ys.ndim > 2) throw shapeError.rank("polyfit", `expected 1D or 2D array for y, got shape (${ys.shape.join(", ")})`);
  if (ys.shape[0] !== xs.size) throw shapeError.broadcast("polyfit", xs.shape, ys.shape);
  const dt = [xs.dtype, ys.dtype].includes("float64") ? "float64" : "float32";
  xs = xs.astype(dt);
  ys = ys.astype(dt);
  let lhs = vander(xs, deg + 1);
  let rhs = ys;
  if (opts.w !== undefined) {
    const w = operand(opts.w, "polyfit").astype(dt);
    if (w.ndim !== 1 || w.size !== xs.size) throw shapeError.broadcast("polyfit", xs.shape, w.shape);
    lhs = multiply(lhs, reshapeTo(w, [xs.size, 1]));
    rhs = multiply(rhs, ys.ndim === 2 ? reshapeTo(w, [xs.size, 1]) : w);
  }
  const rcond = opts.rcond ?? xs.size * FLOAT_EPS[dt === "float64" ? "float64" : "float32"];
  const scale = sqrt(sum(multiply(lhs, lhs), 0));
  const sol = matmul(pinv(divide(lhs, scale), rcond), ys.ndim === 2 ? rhs : reshapeTo(rhs, [xs.size, 1]));
  const c = divide(sol, reshapeTo(scale, [deg + 1, 1]));
  return ys.ndim === 2 ? c : reshapeTo(c, [deg + 1]);
}

/** Columns x**(N-1), ..., x**0 (or increasing powers). */
export function vander(x: ArrayLike, N: number | null = null, opts: { increasing?: boolean } = {}): NDArray {
  const v = operand(x, "vander");
  if (v.ndim !== 1) throw shapeError.rank("vander", `x must be a one-dimensional array, got shape (${v.shape.join(", ")})`);
  const n = N ?? v.size; // symbolic under a build-time trace (the length of x)
  if (!((n as Dim) instanceof SymDim) && (!Number.isInteger(n) || n < 0))
    throw argumentError.invalid("vander", `N must be a non-negative integer, got ${describeValue(N)}`);
  const powers = opts.increasing ? arange(n) : arange(dimSub(n, 1) as number, -1, -1);
  const base = v.dtype === "bool" ? v.astype("int32") : v;
  return power(reshapeTo(base, [v.size, 1]), reshapeTo(powers, [1, n]));
}

function windowOf(op: string, M: number, w: (n: number, M: number) => number): NDArray {
  if (!Number.isInteger(M)) throw argumentError.invalid(op, `M must be an integer, got ${describeValue(M)}`);
  const n = Math.max(M, 0);
  const data = Float64Array.from({ length: n }, (_, i) => (n === 1 ? 1 : w(i, n)));
  return operand(data, op).astype("float32");
}
export function bartlett(M: number): NDArray {
  return windowOf("bartlett", M, (n, M) => 1 - Math.abs((2 * n) / (M - 1) - 1));
}
export function blackman(M: number): NDArray {
  return windowOf(
    "blackman",
    M,
    (n, M) => 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (M - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (M - 1)),
  );
}
export function hamming(M: number): NDArray {
  return windowOf("hamming", M, (n, M) => 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (M - 1)));
}
/** The Hann window (jax-js's name for hanning). */
export function hann(M: number): NDArray {
  return hanning(M);
}
export function hanning(M: number): NDArray {
  return windowOf("hanning", M, (n, M) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / (M - 1)));
}
/** I0(beta * sqrt(1 - (2n/(M-1) - 1)^2)) / I0(beta). */
export function kaiser(M: number, beta: number): NDArray {
  if (typeof beta !== "number") throw argumentError.invalid("kaiser", `beta must be a number, got ${describeValue(beta)}`);
  return windowOf("kaiser", M, (n, M) => besselI0(beta * Math.sqrt(Math.max(0, 1 - ((2 * n) / (M - 1) - 1) ** 2))) / besselI0(beta));
}
/** Modified Bessel function of order 0 by its power series sum ((x/2)^k / k!)^2 (converges for all x). */
function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1,
    s = 1;
  for (let k = 1; k < 500 && term > 1e-17 * s; k++) {
    term *= q / (k * k);
    s += term;
  }
  return s;
}

function inexactCoeffs(op: string, p: ArrayLike): NDArray {
  const c = operand(p, op);
  return c.dtype === "float32" || c.dtype === "float64" ? c : c.astype("float32");
}
/**
 * The monic polynomial with the given roots (1-d), highest power first; for a square matrix its
 * characteristic polynomial det(xI - A) (NumPy expands the eigenvalues; numjit, without complex
 * eigenvalues, uses the Faddeev-LeVerrier recurrence: the same polynomial). No roots give 1 (0-d).
 */
export function poly(seqOfZeros: ArrayLike): NDArray {
  let z = inexactCoeffs("poly", seqOfZeros);
  if (z.ndim === 0) z = reshapeTo(z, [1]);
  if (z.ndim === 2 && z.shape[0] === z.shape[1] && z.shape[0] !== 0) return charpoly(z);
  if (z.ndim !== 1) throw shapeError.rank("poly", `input must be 1d or non-empty square 2d array, got shape (${z.shape.join(", ")})`);
  if (z.size === 0) return ones([], { dtype: z.dtype });
  let a = ones([1], { dtype: z.dtype });
  for (let k = 0; k < z.size; k++) a = subtract(pad(a, [[0, 1]]), multiply(reshapeTo(sliceAxis(z, 0, k, k + 1, 1), []), pad(a, [[1, 0]])));
  return a;
}
/** Faddeev-LeVerrier: M_k = A M_(k-1) + c_(k-1) I, c_k = -tr(A M_k) / k, with c_0 = 1 the leading coefficient. */
function charpoly(a: NDArray): NDArray {
  const n = a.shape[0] as number;
  const id = eye(n, null, 0, { dtype: a.dtype });
  let c = ones([], { dtype: a.dtype });
  let m = multiply(a, 0);
  const cs = [reshapeTo(c, [1])];
  for (let k = 1; k <= n; k++) {
    m = add(matmul(a, m), multiply(c, id));
    c = divide(negative(trace(matmul(a, m))), k);
    cs.push(reshapeTo(c, [1]));
  }
  return concatenate(cs);
}

/**
 * Polynomial division u / v: [quotient, remainder] (JAX's polydiv: the remainder keeps u's length, leading
 * zeros included, unless `trimLeadingZeros`, which drops leading entries below sqrt(eps) -- eager only, its
 * length depends on the values). Ints promote to float32.
 */
export function polydiv(u: ArrayLike, v: ArrayLike, opts: { trimLeadingZeros?: boolean } = {}): [NDArray, NDArray] {
  let [a, b] = [inexactCoeffs("polydiv", u), inexactCoeffs("polydiv", v)];
  for (const x of [a, b]) if (x.ndim !== 1) throw shapeError.rank("polydiv", `coefficients must be 1-d, got shape (${x.shape.join(", ")})`);
  if (b.size === 0) throw shapeError.empty("polydiv", "the divisor has no coefficients");
  const dt = a.dtype === "float64" || b.dtype === "float64" ? "float64" : "float32";
  [a, b] = [a.astype(dt), b.astype(dt)];
  const m = a.size - 1,
    n = b.size - 1;
  const scale = divide(1, reshapeTo(sliceAxis(b, 0, 0, 1, 1), []));
  const q: NDArray[] = [];
  for (let k = 0; k <= m - n; k++) {
    const d = multiply(scale, reshapeTo(sliceAxis(a, 0, k, k + 1, 1), []));
    q.push(reshapeTo(d, [1]));
    a = subtract(a, pad(multiply(d, b), [[k, m - n - k]]));
  }
  const quot = q.length ? concatenate(q) : zeros([1], { dtype: dt });
  if (!opts.trimLeadingZeros) return [quot, a];
  if (a instanceof Tracer)
    throw traceError.concretization("np.polydiv (trimLeadingZeros: a remainder whose length depends on the values)", currentFunctionName());
  const r = Array.from(a.toTypedArray() as Iterable<number>, Number);
  const tol = Math.sqrt(FLOAT_EPS[dt]);
  const start = r.findIndex((x) => !(Math.abs(x) < tol));
  return [quot, start < 0 ? zeros([0], { dtype: dt }) : sliceAxis(a, 0, start, r.length, 1)];
}
