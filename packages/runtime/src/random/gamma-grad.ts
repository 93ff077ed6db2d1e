// The implicit reparameterization gradient of a Gamma(a) draw x (JAX's random_gamma_grad): holding the CDF
// P(a, x) fixed, dx/da = -(dP/da)(a, x) / p(x; a). With P's series (x < a + 1) or the continued fraction of
// Q = 1 - P (Numerical Recipes' gser / gcf, the derivative wrt a carried through each recurrence), the
// exp(a log x - x - lgamma) prefactors cancel against the density, leaving
//   series:   dx/da = -(x / a) (S (log x - digamma(a + 1)) + dS/da),   S = sum_n x^n / ((a+1)...(a+n))
//   fraction: dx/da = x (h (log x - digamma(a)) + dh/da),              h the continued fraction of Q.
// Both run a fixed number of steps (lax.foriLoop with constant bounds: differentiable, traceable, batchable).
import type { NDArray } from "../ndarray.js";
import { foriLoop } from "../lax/control-flow.js";
import * as np from "../numpy/index.js";
import { digamma } from "../scipy-special.js";

const STEPS = 200;
const FPMIN = 1e-30;

/** dx/da for Gamma(a) draws x (same shape and float dtype). */
export function gammaSampleGrad(x: NDArray, a: NDArray): NDArray {
  const useSeries = np.less(x, np.add(a, 1));
  // each branch on inputs where it is valid (the other lanes get a harmless stand-in)
  const xs = np.where(useSeries, x, np.multiply(a, 0.5));
  const xf = np.where(useSeries, np.add(a, 2), x);
  // series: c_n = c_{n-1} x / (a + n), dc_n = dc_{n-1} x / (a + n) - c_n / (a + n)
  const [s, ds] = foriLoop(
    1,
    STEPS,
    (i: NDArray, [sum, dsum, c, dc]: NDArray[]) => {
      const an = np.add(a, i.astype(a.dtype));
      const cn = np.divide(np.multiply(c!, xs), an);
      const dcn = np.subtract(np.divide(np.multiply(dc!, xs), an), np.divide(cn, an));
      return [np.add(sum!, cn), np.add(dsum!, dcn), cn, dcn];
    },
    [np.onesLike(xs), np.zerosLike(xs), np.onesLike(xs), np.zerosLike(xs)],
  );
  const seriesGrad = np.negative(
    np.multiply(np.divide(xs, a), np.add(np.multiply(s!, np.subtract(np.log(xs), digamma(np.add(a, 1)))), ds!)),
  );
  // continued fraction by modified Lentz, with d/da of b, c, d and h alongside (db/da = -1, d(an)/da = i)
  const b0 = np.subtract(np.add(xf, 1), a);
  const d0 = np.divide(1, b0);
  const dd0 = np.multiply(d0, d0);
  const [h, dh] = foriLoop(
    1,
    STEPS,
    (i: NDArray, [hh, dhh, b, c, dc, d, dd]: NDArray[]) => {
      const fi = i.astype(a.dtype);
      const an = np.negative(np.multiply(fi, np.subtract(fi, a)));
      const bn = np.add(b!, 2);
      let pre = np.add(np.multiply(an, d!), bn);
      const dpre = np.subtract(np.add(np.multiply(fi, d!), np.multiply(an, dd!)), 1);
      pre = np.where(np.less(np.abs(pre), FPMIN), FPMIN, pre);
      let cn = np.add(bn, np.divide(an, c!));
      const dcn = np.subtract(
        np.add(-1, np.divide(np.multiply(fi, c!), np.multiply(c!, c!))),
        np.divide(np.multiply(an, dc!), np.multiply(c!, c!)),
      );
      cn = np.where(np.less(np.abs(cn), FPMIN), FPMIN, cn);
      const dn = np.divide(1, pre);
      const ddn = np.negative(np.multiply(dpre, np.multiply(dn, dn)));
      const del = np.multiply(dn, cn);
      const ddel = np.add(np.multiply(ddn, cn), np.multiply(dn, dcn));
      return [np.multiply(hh!, del), np.add(np.multiply(dhh!, del), np.multiply(hh!, ddel)), bn, cn, dcn, dn, ddn];
    },
    [d0, dd0, b0, np.fullLike(b0, 1 / FPMIN), np.zerosLike(b0), d0, dd0],
  );
  const fractionGrad = np.multiply(xf, np.add(np.multiply(h!, np.subtract(np.log(xf), digamma(a))), dh!));
  return np.where(useSeries, seriesGrad, fractionGrad);
}
