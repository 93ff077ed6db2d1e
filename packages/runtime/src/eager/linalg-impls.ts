// Eager kernels of the linalg primitives (and of fft, eager/fft-kernels.ts): each batch matrix is copied to float64, factored by
// eager/linalg-kernels.ts, and the result stored in the input's dtype. A factorization with several
// results (qr, svd, eigh, slogdet) is memoized for the last input array and options, so asking for
// each of its parts factors the matrix once.
import { allocate } from "../dtype.js";
import { NDArray } from "../ndarray.js";
import { sizeOf } from "../shape.js";
import { shapeRules } from "../core/shape-rules.js";
import { impls } from "../core/trace.js";
import { dense } from "./strided.js";
import * as K from "./linalg-kernels.js";
import { fftRow } from "./fft-kernels.js";

/** The batch matrices of x (trailing r x c) as float64 copies. */
function matrices(x: NDArray): Float64Array[] {
  const [d, off] = dense(x);
  const r = x.shape[x.ndim - 2]!,
    c = x.shape[x.ndim - 1]!;
  const n = r * c;
  const count = sizeOf(x.shape.slice(0, -2));
  return Array.from({ length: count }, (_, b) => Float64Array.from(d.subarray(off + b * n, off + (b + 1) * n)));
}

/** Concatenate per-batch float64 results into an array of `shape` in `like`'s dtype. */
function pack(parts: Float64Array[], shape: readonly number[], like: NDArray): NDArray {
  const out = allocate(like.dtype, sizeOf(shape));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return new NDArray(out, shape, like.dtype);
}

/** Memo of the last factorization: keyed by the input array object and an option string. */
function memo<T>(compute: (x: NDArray, key: string) => T): (x: NDArray, key: string) => T {
  let last: { x: NDArray; key: string; data: NDArray["data"]; offset: number; value: T } | null = null;
  return (x, key) => {
    if (last && last.x === x && last.key === key && last.data === x.data && last.offset === x.offset) return last.value;
    const value = compute(x, key);
    last = { x, key, data: x.data, offset: x.offset, value };
    return value;
  };
}

const lastDims = (x: NDArray): [number, number] => [x.shape[x.ndim - 2]!, x.shape[x.ndim - 1]!];

impls.linalg_solve = (inputs, params) => {
  const [a, b] = inputs;
  const o = shapeRules.linalg_solve(inputs, params);
  const [n, k] = lastDims(b!);
  const bs = matrices(b!);
  matrices(a!).forEach((m, i) => {
    const { piv } = K.luFactor(m, n);
    K.luSolve(m, piv, bs[i]!, n, k);
  });
  return pack(bs, o.shape, a!);
};

impls.triangular_solve = (inputs, params) => {
  const [a, b] = inputs;
  const o = shapeRules.triangular_solve(inputs, params);
  const n = a!.shape[a!.ndim - 1]!;
  const [rows, cols] = lastDims(b!);
  const bs = matrices(b!);
  matrices(a!).forEach((m, i) => K.triangularSolve(m, n, bs[i]!, rows, cols, params));
  return pack(bs, o.shape, a!);
};

impls.cholesky = (inputs, params) => {
  const [a] = inputs;
  const o = shapeRules.cholesky(inputs, params);
  const n = a!.shape[a!.ndim - 1]!;
  return pack(
    matrices(a!).map((m) => K.cholesky(m, n)),
    o.shape,
    a!,
  );
};

const slogdetOf = memo((a) => {
  const n = a.shape[a.ndim - 1]!;
  return matrices(a).map((m) => {
    const { sign } = K.luFactor(m, n);
    let s = sign,
      logabs = 0;
    for (let i = 0; i < n; i++) {
      const d = m[i * n + i]!;
      s *= Math.sign(d);
      logabs += Math.log(Math.abs(d));
    }
    return s === 0 || Number.isNaN(s) ? [s === 0 ? 0 : NaN, s === 0 ? -Infinity : NaN] : [s, logabs];
  });
});
impls.slogdet = (inputs, params) => {
  const o = shapeRules.slogdet(inputs, params);
  const j = params.part === "sign" ? 0 : 1;
  return pack(
    slogdetOf(inputs[0]!, "").map((r) => Float64Array.of(r[j]!)),
    o.shape,
    inputs[0]!,
  );
};

const eighOf = memo((a) => {
  const n = a.shape[a.ndim - 1]!;
  return matrices(a).map((m) => K.eigh(m, n));
});
impls.eigh = (inputs, params) => {
  const o = shapeRules.eigh(inputs, params);
  const parts = eighOf(inputs[0]!, "");
  return pack(
    parts.map((r) => (params.part === "values" ? r.w : r.v)),
    o.shape,
    inputs[0]!,
  );
};

const svdOf = memo((a, key) => {
  const [m, n] = lastDims(a);
  return matrices(a).map((x) => K.svd(x, m, n, key === "full"));
});
impls.svd = (inputs, params) => {
  const o = shapeRules.svd(inputs, params);
  const parts = svdOf(inputs[0]!, params.fullMatrices ? "full" : "reduced");
  return pack(
    parts.map((r) => (params.part === "u" ? r.u : params.part === "s" ? r.s : r.vt)),
    o.shape,
    inputs[0]!,
  );
};

const qrOf = memo((a, key) => {
  const [m, n] = lastDims(a);
  return matrices(a).map((x) => K.qr(x, m, n, key === "full"));
});
impls.qr = (inputs, params) => {
  const o = shapeRules.qr(inputs, params);
  const parts = qrOf(inputs[0]!, params.full ? "full" : "reduced");
  return pack(
    parts.map((r) => (params.part === "q" ? r.q : r.r)),
    o.shape,
    inputs[0]!,
  );
};

impls.fft = (inputs, params) => {
  const [x] = inputs;
  const o = shapeRules.fft(inputs, params);
  const { type, n } = params;
  const [d, off] = dense(x!);
  const half = Math.floor(n / 2) + 1;
  const inLen = type === "rfft" ? n : type === "irfft" ? 2 * half : 2 * n;
  const outLen = type === "rfft" ? 2 * half : type === "irfft" ? n : 2 * n;
  const out = allocate(x!.dtype, sizeOf(o.shape));
  const re = new Float64Array(n),
    im = new Float64Array(n);
  for (let b = 0, rows = inLen ? x!.size / inLen : 0; b < rows; b++) {
    const src = off + b * inLen,
      dst = b * outLen;
    im.fill(0);
    if (type === "rfft") for (let k = 0; k < n; k++) re[k] = d[src + k]!;
    else if (type === "irfft")
      // the Hermitian completion X[n-k] = conj X[k]; DC's and Nyquist's imaginary parts drop out of the real part
      for (let k = 0; k < n; k++) {
        const j = k < half ? k : n - k;
        re[k] = d[src + 2 * j]!;
        im[k] = k < half ? d[src + 2 * j + 1]! : -d[src + 2 * j + 1]!;
      }
    else
      for (let k = 0; k < n; k++) {
        re[k] = d[src + 2 * k]!;
        im[k] = d[src + 2 * k + 1]!;
      }
    fftRow(re, im, type === "ifft" || type === "irfft");
    if (type === "irfft") for (let k = 0; k < n; k++) out[dst + k] = re[k]!;
    else
      for (let k = 0; k < outLen / 2; k++) {
        out[dst + 2 * k] = re[k]!;
        out[dst + 2 * k + 1] = im[k]!;
      }
  }
  return new NDArray(out, o.shape, x!.dtype);
};
