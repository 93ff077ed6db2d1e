// numpy.fft. numjit has no complex dtype: a complex array is a float array with a trailing axis of 2
// (real, imaginary) -- NumPy's interleaved complex64/complex128 memory layout, so a [n] complex signal
// is a [n, 2] array. fft/ifft/fft2/ifft2/fftn/ifftn/irfft/irfft2/irfftn take that layout; rfft* take
// real input; `complex`, `real` and `imag` convert. `axis`/`axes` count the complex array's own axes
// (the trailing 2 excluded). Each 1-d transform is the `fft` primitive (XLA's fft/ifft/rfft/irfft types)
// over the last axis, eager/fft-kernels.ts (radix-2, Bluestein for other lengths); it is linear, its
// gradient the transposed transform (transforms/rules/linalg.ts). Lengths, axes and norm= are compositions.
import { argumentError, shapeError } from "../errors.js";
import { bind } from "../core/trace.js";
import type { FftType } from "../core/linalg-primitives.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { add, multiply } from "./elementwise.js";
import { concatenate, moveaxis, pad, sliceAxis, stack } from "./shape-ops.js";
import { array, convert, operand } from "./util.js";

type Norm = "backward" | "ortho" | "forward" | null;
type Float = "float32" | "float64";

function floatOf(op: string, x: NDArray): NDArray {
  return x.dtype === "float32" || x.dtype === "float64" ? x : convert(x, "float32", false, op);
}

/** z checked to be in the complex layout ([..., 2], at least one complex axis). */
function complexOperand(op: string, z: ArrayLike): NDArray {
  const a = floatOf(op, operand(z, op));
  if (a.ndim < 2 || a.shape[a.ndim - 1] !== 2)
    throw shapeError.rank(
      op,
      `expected a complex array (a trailing axis of 2: real, imaginary), got shape (${a.shape.join(", ")}); ` +
        "use rfft for real input or fft.complex(x) to make one",
    );
  return a;
}

function realOperand(op: string, x: ArrayLike): NDArray {
  const a = floatOf(op, operand(x, op));
  if (a.ndim === 0) throw shapeError.rank(op, "input must be at least 1-dimensional");
  return a;
}

/** The complex array re + i im ([..., 2]); im broadcasts against re. */
export function complex(re: ArrayLike, im: ArrayLike = 0): NDArray {
  const r = floatOf("fft.complex", operand(re, "fft.complex"));
  const i = add(operand(im, "fft.complex"), multiply(r, 0)); // r's shape, promoted with r
  return stack([add(r, multiply(i, 0)), i], -1);
}
const part = (op: string, z: ArrayLike, k: number): NDArray => {
  const a = complexOperand(op, z);
  return sliceAxis(a, a.ndim - 1, k, k + 1, 1).reshape(a.shape.slice(0, -1));
};
/** Real part of a complex-layout array. */
export const real = (z: ArrayLike): NDArray => part("fft.real", z, 0);
/** Imaginary part of a complex-layout array. */
export const imag = (z: ArrayLike): NDArray => part("fft.imag", z, 1);

/** x's axis cut or zero-padded to length n. */
function fitLength(x: NDArray, axis: number, n: number): NDArray {
  const have = x.shape[axis]!;
  if (n === have) return x;
  if (n < have) return sliceAxis(x, axis, 0, n, 1);
  return pad(
    x,
    x.shape.map((_, i) => (i === axis ? [0, n - have] : [0, 0])),
  );
}

function checkN(op: string, n: number | null, fallback: number): number {
  if (n === null) return fallback;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1)
    throw argumentError.invalid(op, `invalid number of data points (${describeValue(n)}) specified`);
  return n;
}

function scaled(op: string, x: NDArray, norm: Norm, n: number, inverse: boolean): NDArray {
  const nm = norm ?? "backward";
  let s: number;
  if (nm === "ortho") s = 1 / Math.sqrt(n);
  else if (nm === "backward") s = inverse ? 1 / n : 1;
  else if (nm === "forward") s = inverse ? 1 : 1 / n;
  else throw argumentError.invalid(op, `invalid norm value ${describeValue(norm)}; should be "backward", "ortho" or "forward"`);
  return s === 1 ? x : multiply(x, s);
}

/**
 * One transform of `type` along axis `ax` of x (a complex axis for fft/ifft/irfft, the trailing 2 not
 * counted; a real one for rfft), length n: fit, move the axis last, bind `fft`, scale, move it back.
 */
function along(op: string, type: FftType, x: NDArray, ax: number, n: number, norm: Norm): NDArray {
  const cx = type !== "rfft";
  const inLen = type === "irfft" ? Math.floor(n / 2) + 1 : n;
  const last = cx ? x.ndim - 2 : x.ndim - 1;
  const y = moveaxis(fitLength(x, ax, inLen), ax, last);
  const out = scaled(op, bind("fft", [y], { type, n }), norm, n, type === "ifft" || type === "irfft");
  const outLast = type === "irfft" ? out.ndim - 1 : out.ndim - 2;
  return moveaxis(out, outLast, ax);
}

const complexAxis = (op: string, z: NDArray, axis: number) => normalizeAxis(op, axis, z.ndim - 1);

export function fft(a: ArrayLike, n: number | null = null, axis = -1, norm: Norm = null): NDArray {
  const z = complexOperand("fft.fft", a);
  const ax = complexAxis("fft.fft", z, axis);
  return along("fft.fft", "fft", z, ax, checkN("fft.fft", n, z.shape[ax]!), norm);
}

export function ifft(a: ArrayLike, n: number | null = null, axis = -1, norm: Norm = null): NDArray {
  const z = complexOperand("fft.ifft", a);
  const ax = complexAxis("fft.ifft", z, axis);
  return along("fft.ifft", "ifft", z, ax, checkN("fft.ifft", n, z.shape[ax]!), norm);
}

export function rfft(a: ArrayLike, n: number | null = null, axis = -1, norm: Norm = null): NDArray {
  const x = realOperand("fft.rfft", a);
  const ax = normalizeAxis("fft.rfft", axis, x.ndim);
  return along("fft.rfft", "rfft", x, ax, checkN("fft.rfft", n, x.shape[ax]!), norm);
}

/** Inverse of rfft: n real outputs (default 2 (m - 1)) from the m non-negative-frequency terms. */
export function irfft(a: ArrayLike, n: number | null = null, axis = -1, norm: Norm = null): NDArray {
  const z = complexOperand("fft.irfft", a);
  const ax = complexAxis("fft.irfft", z, axis);
  return along("fft.irfft", "irfft", z, ax, checkN("fft.irfft", n, 2 * (z.shape[ax]! - 1)), norm);
}

/** The complex conjugate in the layout: the imaginary parts negated. */
const conj = (z: NDArray): NDArray => multiply(z, array([1, -1], { dtype: z.dtype as Float }));
/** The norm of the opposite direction (hfft is an inverse transform scaled as a forward one, and back). */
function swapped(op: string, norm: Norm): Norm {
  if (norm === null || norm === "backward") return "forward";
  if (norm === "forward") return "backward";
  if (norm === "ortho") return norm;
  throw argumentError.invalid(op, `invalid norm value ${describeValue(norm)}; should be "backward", "ortho" or "forward"`);
}

/**
 * The real spectrum of a Hermitian-symmetric signal given by its first half: irfft(conj(a)) scaled as a forward
 * transform (NumPy's hfft).
 */
export function hfft(a: ArrayLike, n: number | null = null, axis = -1, norm: Norm = null): NDArray {
  const z = complexOperand("fft.hfft", a);
  const ax = complexAxis("fft.hfft", z, axis);
  const len = checkN("fft.hfft", n, 2 * (z.shape[ax]! - 1));
  return along("fft.hfft", "irfft", conj(z), ax, len, swapped("fft.hfft", norm));
}

/** The inverse of hfft: conj(rfft(x)) scaled as an inverse transform (n // 2 + 1 complex terms). */
export function ihfft(a: ArrayLike, n: number | null = null, axis = -1, norm: Norm = null): NDArray {
  const x = realOperand("fft.ihfft", a);
  const ax = normalizeAxis("fft.ihfft", axis, x.ndim);
  return conj(along("fft.ihfft", "rfft", x, ax, checkN("fft.ihfft", n, x.shape[ax]!), swapped("fft.ihfft", norm)));
}

/** Axes and lengths of an n-dimensional transform (NumPy's s/axes rules). */
function plan(
  op: string,
  ndim: number,
  shape: readonly number[],
  s: number[] | null,
  axes: number[] | null,
): [number[], (number | null)[]] {
  if (s !== null && !Array.isArray(s)) throw argumentError.invalid(op, `s must be a list of lengths, got ${describeValue(s)}`);
  if (axes !== null && !Array.isArray(axes)) throw argumentError.invalid(op, `axes must be a list, got ${describeValue(axes)}`);
  const ax = (axes ?? (s ? s.map((_, i) => ndim - s.length + i) : shape.map((_, i) => i))).map((a) => normalizeAxis(op, a, ndim));
  if (s && s.length !== ax.length) throw argumentError.invalid(op, "shape and axes have different lengths");
  if (new Set(ax).size !== ax.length) throw argumentError.invalid(op, "repeated axes");
  return [ax, ax.map((_, i) => (s ? s[i]! : null))];
}

function cfftn(op: string, a: ArrayLike, s: number[] | null, axes: number[] | null, norm: Norm, type: "fft" | "ifft"): NDArray {
  let z = complexOperand(op, a);
  const [ax, ns] = plan(op, z.ndim - 1, z.shape.slice(0, -1), s, axes);
  ax.forEach((d, i) => {
    z = along(op, type, z, d, checkN(op, ns[i]!, z.shape[d]!), norm);
  });
  return z;
}

export const fftn = (a: ArrayLike, s: number[] | null = null, axes: number[] | null = null, norm: Norm = null): NDArray =>
  cfftn("fft.fftn", a, s, axes, norm, "fft");
export const ifftn = (a: ArrayLike, s: number[] | null = null, axes: number[] | null = null, norm: Norm = null): NDArray =>
  cfftn("fft.ifftn", a, s, axes, norm, "ifft");
export const fft2 = (a: ArrayLike, s: number[] | null = null, axes: number[] = [-2, -1], norm: Norm = null): NDArray =>
  cfftn("fft.fft2", a, s, axes, norm, "fft");
export const ifft2 = (a: ArrayLike, s: number[] | null = null, axes: number[] = [-2, -1], norm: Norm = null): NDArray =>
  cfftn("fft.ifft2", a, s, axes, norm, "ifft");

/** rfft over the last of `axes`, then full transforms over the others. */
export function rfftn(a: ArrayLike, s: number[] | null = null, axes: number[] | null = null, norm: Norm = null): NDArray {
  const op = "fft.rfftn";
  const x = realOperand(op, a);
  const [ax, ns] = plan(op, x.ndim, x.shape, s, axes);
  const last = ax[ax.length - 1]!;
  let z = along(op, "rfft", x, last, checkN(op, ns[ns.length - 1]!, x.shape[last]!), norm);
  ax.slice(0, -1).forEach((d, i) => {
    z = along(op, "fft", z, d, checkN(op, ns[i]!, z.shape[d]!), norm);
  });
  return z;
}
export const rfft2 = (a: ArrayLike, s: number[] | null = null, axes: number[] = [-2, -1], norm: Norm = null): NDArray =>
  rfftn(a, s, axes, norm);

/** Inverse of rfftn: inverse transforms over all but the last axis, then irfft over it. */
export function irfftn(a: ArrayLike, s: number[] | null = null, axes: number[] | null = null, norm: Norm = null): NDArray {
  const op = "fft.irfftn";
  let z = complexOperand(op, a);
  const [ax, ns] = plan(op, z.ndim - 1, z.shape.slice(0, -1), s, axes);
  ax.slice(0, -1).forEach((d, i) => {
    z = along(op, "ifft", z, d, checkN(op, ns[i]!, z.shape[d]!), norm);
  });
  const last = ax[ax.length - 1]!;
  return along(op, "irfft", z, last, checkN(op, ns[ns.length - 1]!, 2 * (z.shape[last]! - 1)), norm);
}
export const irfft2 = (a: ArrayLike, s: number[] | null = null, axes: number[] = [-2, -1], norm: Norm = null): NDArray =>
  irfftn(a, s, axes, norm);

function checkD(op: string, n: number, d: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1)
    throw argumentError.invalid(op, `n must be a positive integer, got ${describeValue(n)}`);
  if (typeof d !== "number" || d === 0) throw argumentError.invalid(op, `d must be a nonzero number, got ${describeValue(d)}`);
}

/** Sample frequencies [0, 1, ..., ceil(n/2)-1, -floor(n/2), ..., -1] / (d n), float32 (JAX's default). */
export function fftfreq(n: number, d = 1.0, opts: { dtype?: Float } = {}): NDArray {
  checkD("fft.fftfreq", n, d);
  const v = Float64Array.from({ length: n }, (_, i) => (i < Math.ceil(n / 2) ? i : i - n) / (d * n));
  return array(v, { dtype: opts.dtype ?? "float32" });
}

export function rfftfreq(n: number, d = 1.0, opts: { dtype?: Float } = {}): NDArray {
  checkD("fft.rfftfreq", n, d);
  const v = Float64Array.from({ length: Math.floor(n / 2) + 1 }, (_, i) => i / (d * n));
  return array(v, { dtype: opts.dtype ?? "float32" });
}

/** Roll each axis by `shift(len)` (a slice and a concatenate). */
function rollAxes(op: string, x: ArrayLike, axes: number | number[] | null, shift: (len: number) => number): NDArray {
  let a = operand(x, op);
  const list = axes === null ? a.shape.map((_, i) => i) : typeof axes === "number" ? [axes] : axes;
  for (const raw of list) {
    const ax = normalizeAxis(op, raw, a.ndim);
    const len = a.shape[ax]!;
    const k = ((shift(len) % len) + len) % len;
    if (len === 0 || k === 0) continue;
    a = concatenate([sliceAxis(a, ax, len - k, len, 1), sliceAxis(a, ax, 0, len - k, 1)], ax);
  }
  return a;
}

/**
 * Zero frequency to the centre. As NumPy, axes=null shifts every axis -- of a complex-layout array that
 * includes the trailing (real, imag) axis: pass the axes explicitly for complex arrays.
 */
export const fftshift = (x: ArrayLike, axes: number | number[] | null = null): NDArray =>
  rollAxes("fft.fftshift", x, axes, (n) => Math.floor(n / 2));
export const ifftshift = (x: ArrayLike, axes: number | number[] | null = null): NDArray =>
  rollAxes("fft.ifftshift", x, axes, (n) => -Math.floor(n / 2));
