// The FFT kernel behind the `fft` primitive: an unnormalized complex DFT of one row (split real and
// imaginary float64 parts), iterative radix-2 for power-of-2 lengths and Bluestein's chirp-z (a
// power-of-2 circular convolution) for the others. The inverse transform conjugates the twiddles.

/** Twiddles exp(-2 pi i k / n), k < n/2, per power-of-2 n (cached: a batch reuses them). */
const twiddleCache = new Map<number, [Float64Array, Float64Array]>();
function twiddles(n: number): [Float64Array, Float64Array] {
  let t = twiddleCache.get(n);
  if (!t) {
    const c = new Float64Array(n >> 1),
      s = new Float64Array(n >> 1);
    for (let k = 0; k < n >> 1; k++) {
      c[k] = Math.cos((2 * Math.PI * k) / n);
      s[k] = -Math.sin((2 * Math.PI * k) / n);
    }
    t = [c, s];
    if (twiddleCache.size > 32) twiddleCache.clear();
    twiddleCache.set(n, t);
  }
  return t;
}

/** In-place radix-2 DIT FFT of (re, im), length a power of 2. */
function radix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!,
        ti = im[i]!;
      re[i] = re[j]!;
      im[i] = im[j]!;
      re[j] = tr;
      im[j] = ti;
    }
  }
  const [tc, ts] = twiddles(n);
  const sign = inverse ? -1 : 1;
  const wr = new Float64Array(n >> 1),
    wi = new Float64Array(n >> 1);
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1,
      step = n / len;
    // this stage's twiddles, contiguous
    for (let k = 0; k < half; k++) {
      wr[k] = tc[k * step]!;
      wi[k] = sign * ts[k * step]!;
    }
    for (let i = 0; i < n; i += len)
      for (let k = 0; k < half; k++) {
        const a = i + k,
          b = a + half;
        const br = re[b]!,
          bi = im[b]!;
        const xr = br * wr[k]! - bi * wi[k]!,
          xi = br * wi[k]! + bi * wr[k]!;
        const ar = re[a]!,
          ai = im[a]!;
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
  }
}

/** Bluestein: X_k = c_k sum_j (x_j c_j) conj(c_{k-j}), c_k = exp(-i pi k^2 / n). */
function bluestein(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const cr = new Float64Array(n),
    ci = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    const t = (Math.PI * ((k * k) % (2 * n))) / n; // k^2 reduced mod 2n keeps the angle exact
    cr[k] = Math.cos(t);
    ci[k] = sign * Math.sin(t);
  }
  const ar = new Float64Array(m),
    ai = new Float64Array(m),
    br = new Float64Array(m),
    bi = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k]! * cr[k]! - im[k]! * ci[k]!;
    ai[k] = re[k]! * ci[k]! + im[k]! * cr[k]!;
    br[k] = cr[k]!;
    bi[k] = -ci[k]!;
    if (k > 0) {
      br[m - k] = cr[k]!;
      bi[m - k] = -ci[k]!;
    }
  }
  radix2(ar, ai, false);
  radix2(br, bi, false);
  for (let k = 0; k < m; k++) {
    const xr = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = xr;
  }
  radix2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const yr = ar[k]! / m,
      yi = ai[k]! / m;
    re[k] = yr * cr[k]! - yi * ci[k]!;
    im[k] = yr * ci[k]! + yi * cr[k]!;
  }
}

/** Unnormalized DFT (inverse: with conjugated twiddles) of one row, in place. */
export function fftRow(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  if ((n & (n - 1)) === 0) radix2(re, im, inverse);
  else bluestein(re, im, inverse);
}
