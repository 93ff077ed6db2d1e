// Deterministic inputs shared by every library in a workload: same seed, same bits.

/** mulberry32: a tiny seeded PRNG, good enough for benchmark inputs. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Float32Array of `n` values uniform in [lo, hi). */
export function uniform(n, seed, lo = -1, hi = 1) {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * r();
  return out;
}

/** Int32Array of `n` labels in [0, k). */
export function labels(n, k, seed) {
  const r = rng(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * k);
  return out;
}

/** Row-major one-hot float32 [n, k]. */
export function oneHot(lbl, k) {
  const out = new Float32Array(lbl.length * k);
  for (let i = 0; i < lbl.length; i++) out[i * k + lbl[i]] = 1;
  return out;
}
