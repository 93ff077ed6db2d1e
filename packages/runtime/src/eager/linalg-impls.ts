// Eager kernels of the linalg primitives (and of fft, eager/fft-kernels.ts): each batch matrix is copied to
// float64, factored by eager/linalg-kernels.ts, and the results stored in the input's dtype (int32 for
// pivots, permutations and ranks). A factorization (qr, svd, eigh, slogdet, lu, lstsq) is one multi-output
// primitive: one call factors each matrix once and returns every result.
import { type DType, FLOAT_EPS, allocate } from "../dtype.js";
import { NDArray } from "../ndarray.js";
import { sizeOf } from "../shape.js";
import { shapeRules } from "../core/shape-rules.js";
import { impls, multiImpls } from "../core/trace.js";
import { multiShapeRules } from "../core/multi-primitives.js";
import type { SymAval } from "../core/shape-rules.js";
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
function pack(parts: Float64Array[], shape: readonly number[], like: { dtype: DType }): NDArray {
  const out = allocate(like.dtype, sizeOf(shape));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return new NDArray(out, shape, like.dtype);
}

const lastDims = (x: NDArray): [number, number] => [x.shape[x.ndim - 2]!, x.shape[x.ndim - 1]!];

impls.linalg_solve = (inputs, params) => {
  const [a, b] = inputs;
  const o = shapeRules.linalg_solve(inputs, params);
  const [n, k] = lastDims(b!);
  const bs = matrices(b!);
  matrices(a!).forEach((m, i) => {
    const { perm } = K.luFactor(m, n);
    K.luSolve(m, perm, bs[i]!, n, k);
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

/** A multi-output kernel: per batch matrix, one float64 result per output, packed in the shapes of the shape rule. */
function perMatrix(inputs: NDArray[], shapes: SymAval[], f: (ms: Float64Array[], i: number) => Float64Array[]): NDArray[] {
  const ms = inputs.map(matrices);
  const parts = ms[0]!.map((_, i) =>
    f(
      ms.map((m) => m[i]!),
      i,
    ),
  );
  return shapes.map((o, k) =>
    pack(
      parts.map((p) => p[k]!),
      o.shape as number[],
      o.dtype === "int32" ? o : inputs[0]!,
    ),
  );
}

multiImpls.slogdet = (inputs, params) => {
  const n = inputs[0]!.shape[inputs[0]!.ndim - 1]!;
  return perMatrix(inputs, multiShapeRules.slogdet(inputs, params), ([m]) => {
    const { sign } = K.luFactor(m!, n);
    let s = sign,
      logabs = 0;
    for (let i = 0; i < n; i++) {
      const d = m![i * n + i]!;
      s *= Math.sign(d);
      logabs += Math.log(Math.abs(d));
    }
    if (s === 0) return [Float64Array.of(0), Float64Array.of(-Infinity)];
    return Number.isNaN(s) ? [Float64Array.of(NaN), Float64Array.of(NaN)] : [Float64Array.of(s), Float64Array.of(logabs)];
  });
};

multiImpls.lu = (inputs, params) => {
  const [m, n] = lastDims(inputs[0]!);
  return perMatrix(inputs, multiShapeRules.lu(inputs, params), ([a]) => {
    const { pivots, perm } = K.luFactor(a!, m, n);
    return [a!, Float64Array.from(pivots), Float64Array.from(perm)];
  });
};

multiImpls.eigh = (inputs, params) => {
  const n = inputs[0]!.shape[inputs[0]!.ndim - 1]!;
  return perMatrix(inputs, multiShapeRules.eigh(inputs, params), ([a]) => {
    const { w, v } = K.eigh(a!, n);
    return [v, w];
  });
};

multiImpls.svd = (inputs, params) => {
  const [m, n] = lastDims(inputs[0]!);
  return perMatrix(inputs, multiShapeRules.svd(inputs, params), ([a]) => {
    const { u, s, vt } = K.svd(a!, m, n, params.fullMatrices);
    return [s, u, vt];
  });
};

multiImpls.qr = (inputs, params) => {
  const [m, n] = lastDims(inputs[0]!);
  return perMatrix(inputs, multiShapeRules.qr(inputs, params), ([a]) => {
    const { q, r } = K.qr(a!, m, n, params.full);
    return [q, r];
  });
};

multiImpls.lstsq = (inputs, params) => {
  const [m, n] = lastDims(inputs[0]!);
  const k = inputs[1]!.shape[inputs[1]!.ndim - 1]!;
  const rcond = params.rcond ?? Math.max(m, n) * FLOAT_EPS[inputs[0]!.dtype as "float32" | "float64"];
  return perMatrix(inputs, multiShapeRules.lstsq(inputs, params), ([a, b]) => {
    const r = K.lstsq(a!, b!, m, n, k, rcond);
    return [r.x, r.resid, Float64Array.of(r.rank), r.s];
  });
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
