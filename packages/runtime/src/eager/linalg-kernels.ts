// Dense linear-algebra kernels on one row-major float64 matrix at a time: LU with partial pivoting,
// Cholesky, triangular solves, Householder QR, one-sided Jacobi SVD and cyclic Jacobi eigh. The
// linalg primitives (eager/linalg-impls.ts) loop these over the batch. Singular or non-definite input
// gives inf/NaN as LAPACK under JAX does, never a throw.
export type Mat = Float64Array;

/**
 * In-place LU of the m x n `a` (row-major) with partial pivoting (LAPACK getrf: the first largest |pivot|):
 * L unit-lower below the diagonal, U on and above. `pivots[i]`: the row swapped with row i at step i;
 * `perm`: the resulting row order (a[perm] = L U); `sign`: the permutation's parity.
 */
export function luFactor(a: Mat, m: number, n = m): { perm: Int32Array; pivots: Int32Array; sign: number } {
  const k = Math.min(m, n);
  const perm = new Int32Array(m),
    pivots = new Int32Array(k);
  for (let i = 0; i < m; i++) perm[i] = i;
  let sign = 1;
  for (let c = 0; c < k; c++) {
    let p = c,
      best = Math.abs(a[c * n + c]!);
    for (let i = c + 1; i < m; i++) {
      const v = Math.abs(a[i * n + c]!);
      if (v > best) [best, p] = [v, i];
    }
    pivots[c] = p;
    if (p !== c) {
      for (let j = 0; j < n; j++) [a[c * n + j], a[p * n + j]] = [a[p * n + j]!, a[c * n + j]!];
      [perm[c], perm[p]] = [perm[p]!, perm[c]!];
      sign = -sign;
    }
    const d = a[c * n + c]!;
    if (d === 0) continue; // singular: the zero pivot makes the solve inf/NaN and the determinant 0
    for (let i = c + 1; i < m; i++) {
      const f = (a[i * n + c]! /= d);
      if (f === 0) continue;
      const ri = i * n,
        rc = c * n;
      for (let j = c + 1; j < n; j++) a[ri + j]! -= f * a[rc + j]!;
    }
  }
  return { perm, pivots, sign };
}

/** Solve A X = B from luFactor's output (square); B is n x k row-major, overwritten with X. */
export function luSolve(lu: Mat, piv: Int32Array, b: Mat, n: number, k: number): void {
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) x.set(b.subarray(piv[i]! * k, piv[i]! * k + k), i * k);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < i; r++) {
      const f = lu[i * n + r]!;
      if (f !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= f * x[r * k + c]!;
    }
  for (let i = n - 1; i >= 0; i--) {
    for (let r = i + 1; r < n; r++) {
      const f = lu[i * n + r]!;
      if (f !== 0) for (let c = 0; c < k; c++) x[i * k + c]! -= f * x[r * k + c]!;
    }
    const d = lu[i * n + i]!;
    for (let c = 0; c < k; c++) x[i * k + c]! /= d;
  }
  b.set(x);
}

/** Lower Cholesky factor of the n x n `a` (its lower triangle is read); NaN where a is not positive definite. */
export function cholesky(a: Mat, n: number): Mat {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j]!;
    for (let k = 0; k < j; k++) s -= l[j * n + k]! * l[j * n + k]!;
    const d = s > 0 ? Math.sqrt(s) : NaN;
    l[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j]!;
      for (let k = 0; k < j; k++) t -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = t / d;
    }
  }
  if (l.some(Number.isNaN)) l.fill(NaN);
  return l;
}

export interface TriOpts {
  leftSide: boolean;
  lower: boolean;
  transposeA: boolean;
  unitDiagonal: boolean;
}

/**
 * Triangular solve with the n x n `a`: op(a) X = B (leftSide) or X op(a) = B, op = transpose when
 * transposeA. B is rows x cols row-major and is overwritten with X.
 */
export function triangularSolve(a: Mat, n: number, b: Mat, rows: number, cols: number, o: TriOpts): void {
  // op(a)[i][j], reading only the stored triangle
  const lowerOp = o.lower !== o.transposeA;
  const at = (i: number, j: number) => (o.transposeA ? a[j * n + i]! : a[i * n + j]!);
  if (o.leftSide) {
    // column by column of B: forward substitution for a lower op(a), backward otherwise
    for (let c = 0; c < cols; c++)
      for (let s = 0; s < n; s++) {
        const i = lowerOp ? s : n - 1 - s;
        let t = b[i * cols + c]!;
        if (lowerOp) for (let j = 0; j < i; j++) t -= at(i, j) * b[j * cols + c]!;
        else for (let j = i + 1; j < n; j++) t -= at(i, j) * b[j * cols + c]!;
        b[i * cols + c] = o.unitDiagonal ? t : t / at(i, i);
      }
    return;
  }
  // X op(a) = B  <=>  op(a)^T X^T = B^T: row r of X solves against op(a)^T, which is upper when op(a) is lower
  for (let r = 0; r < rows; r++)
    for (let s = 0; s < n; s++) {
      const j = lowerOp ? n - 1 - s : s;
      let t = b[r * cols + j]!;
      if (lowerOp) for (let k = j + 1; k < n; k++) t -= b[r * cols + k]! * at(k, j);
      else for (let k = 0; k < j; k++) t -= b[r * cols + k]! * at(k, j);
      b[r * cols + j] = o.unitDiagonal ? t : t / at(j, j);
    }
}

/** Householder QR of the m x n `a`: Q is m x m (full) or m x k, R is m x n or k x n (k = min(m, n)). */
export function qr(a: Mat, m: number, n: number, full: boolean): { q: Mat; r: Mat } {
  const r = a.slice();
  const k = Math.min(m, n);
  const q = new Float64Array(m * m);
  for (let i = 0; i < m; i++) q[i * m + i] = 1;
  const v = new Float64Array(m);
  for (let j = 0; j < Math.min(k, m - 1); j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm += r[i * n + j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const x0 = r[j * n + j]!;
    const alpha = x0 >= 0 ? -norm : norm;
    for (let i = j; i < m; i++) v[i] = r[i * n + j]!;
    v[j] = x0 - alpha;
    let vv = 0;
    for (let i = j; i < m; i++) vv += v[i]! ** 2;
    if (vv === 0) continue;
    // R <- (I - 2 v v^T / v^T v) R ;  Q <- Q (I - 2 v v^T / v^T v)
    for (let c = j; c < n; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i]! * r[i * n + c]!;
      s = (2 * s) / vv;
      for (let i = j; i < m; i++) r[i * n + c]! -= s * v[i]!;
    }
    for (let row = 0; row < m; row++) {
      let s = 0;
      for (let i = j; i < m; i++) s += q[row * m + i]! * v[i]!;
      s = (2 * s) / vv;
      for (let i = j; i < m; i++) q[row * m + i]! -= s * v[i]!;
    }
    for (let i = j + 1; i < m; i++) r[i * n + j] = 0;
  }
  if (full) return { q, r };
  const qk = new Float64Array(m * k),
    rk = new Float64Array(k * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) qk[i * k + j] = q[i * m + j]!;
  rk.set(r.subarray(0, k * n));
  return { q: qk, r: rk };
}

const SWEEPS = 60;

/** Symmetric eigendecomposition (cyclic Jacobi) of the n x n `a` (lower triangle read): ascending w, eigenvectors as columns of v. */
export function eigh(a: Mat, n: number): { w: Mat; v: Mat } {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      s[i * n + j] = a[i * n + j]!;
      s[j * n + i] = a[i * n + j]!;
    }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let off = 0,
      diag = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (i !== j) off += s[i * n + j]! ** 2;
        else diag += s[i * n + i]! ** 2;
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = s[p * n + q]!;
        if (apq === 0) continue;
        const theta = (s[q * n + q]! - s[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          sn = t * c;
        for (let k = 0; k < n; k++) {
          const skp = s[k * n + p]!,
            skq = s[k * n + q]!;
          s[k * n + p] = c * skp - sn * skq;
          s[k * n + q] = sn * skp + c * skq;
        }
        for (let k = 0; k < n; k++) {
          const spk = s[p * n + k]!,
            sqk = s[q * n + k]!;
          s[p * n + k] = c * spk - sn * sqk;
          s[q * n + k] = sn * spk + c * sqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!,
            vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => s[i * n + i]! - s[j * n + j]!);
  const w = new Float64Array(n),
    vs = new Float64Array(n * n);
  order.forEach((src, dst) => {
    w[dst] = s[src * n + src]!;
    for (let k = 0; k < n; k++) vs[k * n + dst] = v[k * n + src]!;
  });
  return { w, v: vs };
}

/** Orthonormal columns: complete the first `have` columns of the m x m `u` (row-major) by Gram-Schmidt on unit vectors. */
function completeBasis(u: Mat, m: number, have: number): void {
  let col = have;
  for (let e = 0; e < m && col < m; e++) {
    const x = new Float64Array(m);
    x[e] = 1;
    for (let pass = 0; pass < 2; pass++)
      for (let c = 0; c < col; c++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += u[i * m + c]! * x[i]!;
        for (let i = 0; i < m; i++) x[i]! -= d * u[i * m + c]!;
      }
    const nrm = Math.hypot(...x);
    if (nrm < 1e-8) continue;
    for (let i = 0; i < m; i++) u[i * m + col] = x[i]! / nrm;
    col++;
  }
}

/**
 * SVD of the m x n `a` by one-sided (Hestenes) Jacobi: s descending; u is m x m (full) or m x k,
 * vt is n x n or k x n (k = min(m, n)). A wide matrix is done through its transpose.
 */
export function svd(a: Mat, m: number, n: number, full: boolean): { u: Mat; s: Mat; vt: Mat } {
  if (m < n) {
    const at = new Float64Array(n * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) at[j * m + i] = a[i * n + j]!;
    const r = svd(at, n, m, full);
    // A^T = U S V^T  =>  A = V S U^T
    const ku = full ? n : m;
    return { u: transposeMat(r.vt, m, m), s: r.s, vt: transposeMat(r.u, n, ku) };
  }
  const w = a.slice(); // columns rotated in place until mutually orthogonal: W = A V
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0,
          beta = 0,
          gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p]!,
            y = w[i * n + q]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t),
          sn = c * t;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p]!,
            y = w[i * n + q]!;
          w[i * n + p] = c * x - sn * y;
          w[i * n + q] = sn * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i * n + p]!,
            y = v[i * n + q]!;
          v[i * n + p] = c * x - sn * y;
          v[i * n + q] = sn * x + c * y;
        }
      }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => {
    let t = 0;
    for (let i = 0; i < m; i++) t += w[i * n + j]! ** 2;
    return Math.sqrt(t);
  });
  const order = norms.map((_, i) => i).sort((i, j) => norms[j]! - norms[i]!);
  const ku = full ? m : n;
  const u = new Float64Array(m * m),
    s = new Float64Array(n),
    vt = new Float64Array(n * n);
  let nonzero = 0;
  const tol = (norms[order[0]!] ?? 0) * Math.max(m, n) * 2.2e-16;
  order.forEach((src, dst) => {
    s[dst] = norms[src]!;
    for (let k = 0; k < n; k++) vt[dst * n + k] = v[k * n + src]!;
    if (norms[src]! > tol) {
      for (let i = 0; i < m; i++) u[i * m + dst] = w[i * n + src]! / norms[src]!;
      nonzero = dst + 1;
    }
  });
  completeBasis(u, m, nonzero);
  const uk = new Float64Array(m * ku);
  for (let i = 0; i < m; i++) for (let j = 0; j < ku; j++) uk[i * ku + j] = u[i * m + j]!;
  return { u: uk, s, vt };
}

function transposeMat(x: Mat, rows: number, cols: number): Mat {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j]!;
  return t;
}

/**
 * Least squares by the SVD: the minimum-norm x (n x k) minimizing |a x - b| for the m x n `a` and m x k `b`,
 * singular values at or below `rcond * max(s)` dropped; residuals are the squared column norms of b - a x.
 */
export function lstsq(a: Mat, b: Mat, m: number, n: number, k: number, rcond: number): { x: Mat; resid: Mat; rank: number; s: Mat } {
  const { u, s, vt } = svd(a, m, n, false);
  const r = Math.min(m, n);
  const cut = rcond * (s[0] ?? 0);
  let rank = 0;
  while (rank < r && s[rank]! > cut) rank++;
  // x = V diag(1/s) U^T b over the kept singular triples
  const x = new Float64Array(n * k);
  for (let t = 0; t < rank; t++)
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += u[i * r + t]! * b[i * k + c]!;
      const f = dot / s[t]!;
      for (let j = 0; j < n; j++) x[j * k + c]! += vt[t * n + j]! * f;
    }
  const resid = new Float64Array(k);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < k; c++) {
      let e = b[i * k + c]!;
      for (let j = 0; j < n; j++) e -= a[i * n + j]! * x[j * k + c]!;
      resid[c]! += e * e;
    }
  return { x, resid, rank, s: s.subarray(0, r) };
}
