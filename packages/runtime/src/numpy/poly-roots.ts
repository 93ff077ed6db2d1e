// np.roots: the eigenvalues of the companion matrix, computed eagerly in double precision by balancing
// and the Francis double-shift QR iteration on the (already Hessenberg) matrix (EISPACK's balanc + hqr, whose
// deflation order matches LAPACK's for these matrices, so the roots come in NumPy's order). numjit has no
// complex dtype: real roots are returned as NumPy returns them; complex roots need { complex: true }, which
// returns [n, 2] (real, imag) pairs in the layout of np.fft.
import { isFloat, type DType } from "../dtype.js";
import { argumentError, dtypeError, shapeError, traceError } from "../errors.js";
import { NDArray, type ArrayLike } from "../ndarray.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import { operand } from "./util.js";

/** Balance the rows and columns of a (1-based n x n) by powers of 2, to shrink the norm before QR. */
function balance(a: number[][], n: number): void {
  for (let done = false; !done; ) {
    done = true;
    for (let i = 1; i <= n; i++) {
      let r = 0,
        c = 0;
      for (let j = 1; j <= n; j++)
        if (j !== i) {
          c += Math.abs(a[j]![i]!);
          r += Math.abs(a[i]![j]!);
        }
      if (c === 0 || r === 0) continue;
      let g = r / 2,
        f = 1;
      const s = c + r;
      while (c < g) {
        f *= 2;
        c *= 4;
      }
      g = r * 2;
      while (c > g) {
        f /= 2;
        c /= 4;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        for (let j = 1; j <= n; j++) a[i]![j]! *= 1 / f;
        for (let j = 1; j <= n; j++) a[j]![i]! *= f;
      }
    }
  }
}

const sign = (a: number, b: number) => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/** Eigenvalues (wr, wi) of the 1-based upper Hessenberg a, destroyed; conjugate pairs positive imaginary part first. */
function hqr(a: number[][], n: number): [Float64Array, Float64Array] | null {
  const wr = new Float64Array(n + 1),
    wi = new Float64Array(n + 1);
  let anorm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(a[i]![j]!);
  let nn = n,
    t = 0;
  while (nn >= 1) {
    let its = 0,
      l: number;
    do {
      for (l = nn; l >= 2; l--) {
        let s = Math.abs(a[l - 1]![l - 1]!) + Math.abs(a[l]![l]!);
        if (s === 0) s = anorm;
        if (Math.abs(a[l]![l - 1]!) + s === s) {
          a[l]![l - 1] = 0;
          break;
        }
      }
      let x = a[nn]![nn]!;
      if (l === nn) {
        wr[nn] = x + t;
        wi[nn--] = 0;
      } else {
        let y = a[nn - 1]![nn - 1]!,
          w = a[nn]![nn - 1]! * a[nn - 1]![nn]!;
        if (l === nn - 1) {
          const p = 0.5 * (y - x),
            q = p * p + w;
          let z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = z;
            wi[nn] = -z;
          }
          nn -= 2;
        } else {
          if (its === 60) return null;
          if (its === 10 || its === 20) {
            t += x;
            for (let i = 1; i <= nn; i++) a[i]![i]! -= x;
            const s = Math.abs(a[nn]![nn - 1]!) + Math.abs(a[nn - 1]![nn - 2]!);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m: number,
            p = 0,
            q = 0,
            r = 0,
            z = 0;
          for (m = nn - 2; m >= l; m--) {
            z = a[m]![m]!;
            r = x - z;
            let s = y - z;
            p = (r * s - w) / a[m + 1]![m]! + a[m]![m + 1]!;
            q = a[m + 1]![m + 1]! - z - r - s;
            r = a[m + 2]![m + 1]!;
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(a[m]![m - 1]!) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[m - 1]![m - 1]!) + Math.abs(z) + Math.abs(a[m + 1]![m + 1]!));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i]![i - 2] = 0;
            if (i !== m + 2) a[i]![i - 3] = 0;
          }
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k]![k - 1]!;
              q = a[k + 1]![k - 1]!;
              r = k !== nn - 1 ? a[k + 2]![k - 1]! : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            const s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s === 0) continue;
            if (k === m) {
              if (l !== m) a[k]![k - 1] = -a[k]![k - 1]!;
            } else a[k]![k - 1] = -s * x;
            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            for (let j = k; j <= nn; j++) {
              p = a[k]![j]! + q * a[k + 1]![j]!;
              if (k !== nn - 1) {
                p += r * a[k + 2]![j]!;
                a[k + 2]![j]! -= p * z;
              }
              a[k + 1]![j]! -= p * y;
              a[k]![j]! -= p * x;
            }
            const mmin = Math.min(nn, k + 3);
            for (let i = l; i <= mmin; i++) {
              p = x * a[i]![k]! + y * a[i]![k + 1]!;
              if (k !== nn - 1) {
                p += z * a[i]![k + 2]!;
                a[i]![k + 2]! -= p * r;
              }
              a[i]![k + 1]! -= p * q;
              a[i]![k]! -= p;
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return [wr.subarray(1), wi.subarray(1)];
}

/**
 * The roots of the polynomial with coefficients p (1-d, highest power first; leading zeros stripped,
 * trailing zeros give zero roots at the end), as NumPy's np.roots. Real roots: a 1-d array of p's float
 * dtype. Complex roots: DTypeError NJ202, unless `complex: true`, which returns [n, 2] (real, imag) pairs.
 * Eager only (the number of roots depends on the coefficients): under jit, ConcretizationError NJ401, as
 * jax.numpy.roots with its default strip_zeros=True.
 */
export function roots(p: ArrayLike, opts: { complex?: boolean } = {}): NDArray {
  const a = operand(p, "roots");
  if (a.ndim > 1) throw shapeError.rank("roots", `input must be a rank-1 array, got shape (${a.shape.join(", ")})`);
  if (a instanceof Tracer)
    throw traceError.concretization(
      "np.roots (a number of roots that depends on the coefficients)",
      currentFunctionName(),
      "Call np.roots outside jit",
    );
  const dt: DType = isFloat(a.dtype) ? a.dtype : "float32";
  const c = Array.from(a.toTypedArray() as Iterable<number>, Number);
  const nz = c.flatMap((v, i) => (v !== 0 ? [i] : []));
  const re: number[] = [],
    im: number[] = [];
  if (nz.length) {
    const q = c.slice(nz[0], nz[nz.length - 1]! + 1);
    const n = q.length - 1;
    if (n >= 1) {
      const m: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
      for (let j = 1; j <= n; j++) m[1]![j] = -q[j]! / q[0]!;
      for (let i = 2; i <= n; i++) m[i]![i - 1] = 1;
      balance(m, n);
      const eig = hqr(m, n);
      if (eig === null) throw argumentError.invalid("roots", "the QR iteration for the companion matrix's eigenvalues did not converge");
      re.push(...eig[0]);
      im.push(...eig[1]);
    }
    for (let k = nz[nz.length - 1]! + 1; k < c.length; k++) re.push(0), im.push(0);
  }
  const n = re.length;
  if (opts.complex)
    return new NDArray(
      toDType(
        dt,
        re.flatMap((r, i) => [r, im[i]!]),
      ),
      [n, 2],
      dt,
    );
  if (im.some((v) => v !== 0))
    throw dtypeError.notAllowed(
      "roots",
      "complex",
      "the polynomial has complex roots and numjit has no complex dtype; " +
        "np.roots(p, { complex: true }) returns them as [n, 2] (real, imag) pairs",
    );
  return new NDArray(toDType(dt, re), [n], dt);
}
const toDType = (dt: DType, v: number[]) => (dt === "float64" ? Float64Array.from(v) : Float32Array.from(v));
