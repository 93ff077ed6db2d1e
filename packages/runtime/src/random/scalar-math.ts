// Scalar helpers the samplers need on JS numbers: erf (for truncatedNormal's bounds) and nextafter.

/** erf to double precision: its Maclaurin series below 2.5, the continued fraction of erfc above. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax === Infinity) return Math.sign(x);
  if (ax < 2.5) {
    // erf(x) = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x,
      sum = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated by modified Lentz
  const tiny = 1e-300;
  let f = ax,
    c = ax,
    d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = ax + an * d;
    d = d === 0 ? tiny : 1 / d;
    c = ax + an / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

const f32 = new Float32Array(1),
  u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1),
  u64 = new BigUint64Array(f64.buffer);

/** The next representable value of the dtype after `x` toward `to` (np.nextafter). */
export function nextAfter(x: number, to: number, dtype: "float32" | "float64"): number {
  if (Number.isNaN(x) || Number.isNaN(to)) return NaN;
  if (x === to) return to;
  if (x === 0) return (to > 0 ? 1 : -1) * (dtype === "float32" ? 2 ** -149 : Number.MIN_VALUE);
  const up = to > x === x > 0; // moving away from zero increments the magnitude bits
  if (dtype === "float32") {
    f32[0] = x;
    u32[0] = up ? u32[0]! + 1 : u32[0]! - 1;
    return f32[0]!;
  }
  f64[0] = x;
  u64[0] = up ? u64[0]! + 1n : u64[0]! - 1n;
  return f64[0]!;
}
