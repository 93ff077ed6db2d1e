// Timing: mitata's measure() (warm-up, batching for sub-µs calls, many samples) with a sample budget
// chosen from a warm-up estimate so that multi-second kernels (1024² matmul in plain JS) still finish.
import { measure } from "mitata";

const now = () => performance.now();

/** Run `fn` until `ms` of wall time or `maxCalls` calls have passed; returns the mean ns per call. */
export async function warmUp(fn, { ms, maxCalls = 1e6 }) {
  let calls = 0;
  const t0 = now();
  let t = t0;
  while (calls < maxCalls && t - t0 < ms) {
    const r = fn();
    if (r instanceof Promise) await r;
    calls++;
    t = now();
  }
  return ((t - t0) / calls) * 1e6;
}

/**
 * Time `fn` (sync or async). Quick mode trades precision for a ~1 minute total run.
 * Returns nanoseconds per call: { median, p25, p75, min, max, samples, calls }.
 */
export async function timeIt(fn, { quick, priorNs = 0 }) {
  // Fast calls need many warm-up iterations before V8 has optimized the library's dispatch path (tfjs
  // runs ~10x slower for its first thousand calls); a call that already took over half a second (the
  // correctness check, `priorNs`) was warm-up enough.
  const est = priorNs > 5e8 ? priorNs : await warmUp(fn, { ms: quick ? 30 : 250 });
  const budgetNs = (quick ? 0.25 : 3) * 1e9;
  const minSamples = clamp(Math.floor(budgetNs / est), quick ? 2 : 3, quick ? 6 : 12);
  // Batched sampling (mitata batches calls shorter than ~65 µs): aim for ~1 ms (quick) / 4 ms per sample.
  const batch = clamp(Math.round((quick ? 1e6 : 4e6) / Math.max(est, 1)), 16, 4096);
  const cpu0 = process.cpuUsage();
  const wall0 = now();
  const stats = await measure(fn, {
    min_samples: minSamples,
    max_samples: Math.max(minSamples, quick ? 200 : 2000),
    min_cpu_time: (quick ? 40 : 500) * 1e6,
    batch_samples: batch,
    warmup_samples: 2,
    // run.mjs exposes gc(); mitata collects once after warm-up so earlier garbage is not billed here.
    ...(globalThis.gc ? { gc: () => globalThis.gc() } : {}),
  });
  const s = stats.samples;
  const cpu = process.cpuUsage(cpu0);
  return {
    // CPU time this process got per wall-clock second while sampling: well below 1 means another process
    // took the core (the machine is shared), so the numbers are pessimistic.
    cpuShare: (cpu.user + cpu.system) / 1e3 / (now() - wall0),
    median: stats.p50,
    p25: stats.p25,
    p75: stats.p75,
    min: stats.min,
    max: stats.max,
    samples: s.length,
    calls: stats.ticks,
  };
}

/** Summary statistics for manual samples (W0's sweep, W6's first calls), all in ns. */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return s[lo] + (s[hi] - s[lo]) * (i - lo);
  };
  return { median: q(0.5), p25: q(0.25), p75: q(0.75), min: s[0], max: s[s.length - 1], samples: s.length, calls: s.length };
}

function clamp(x, lo, hi) {
  return Math.max(lo, Math.min(hi, x));
}
