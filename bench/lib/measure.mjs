// Timing: mitata's measure() (warm-up, batching for sub-µs calls, many samples), run in interleaved rounds:
// every library of a case gets a slice of its sample budget in turn, several times over, so a burst of load
// from another process on this shared machine lands on all of them alike and the ratios survive it.
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

/** Rounds per case: quick mode samples once. */
export const rounds = (quick) => (quick ? 1 : 4);

/**
 * Warm `fn` up and size its sample budget. Fast calls need many warm-up iterations before V8 has optimized
 * the library's dispatch path (tfjs runs ~10x slower for its first thousand calls); a call that already took
 * over half a second (the correctness check, `priorNs`) was warm-up enough.
 */
export async function plan(fn, { quick, priorNs = 0 }) {
  const est = priorNs > 5e8 ? priorNs : await warmUp(fn, { ms: quick ? 30 : 250 });
  const budgetNs = (quick ? 0.25 : 3) * 1e9;
  const R = rounds(quick);
  const minSamples = clamp(Math.floor(budgetNs / est), quick ? 2 : 3, quick ? 6 : 12);
  return {
    est,
    perRound: Math.max(1, Math.ceil(minSamples / R)),
    cpuTimeNs: ((quick ? 40 : 500) * 1e6) / R,
    // Batched sampling (mitata batches calls shorter than ~65 µs): aim for ~1 ms (quick) / 4 ms per sample.
    batch: clamp(Math.round((quick ? 1e6 : 4e6) / Math.max(est, 1)), 16, 4096),
  };
}

/**
 * One round of samples for `fn` under plan `p`: { samples (ns per call), calls, cpuNs, wallNs }. A macrotask
 * first, after a gc: FinalizationRegistry callbacks only run when the event loop turns, so without it a
 * library that returns memory through them (numjit's wasm-memory blocks, codegen/wasm/memory.ts) would
 * still hold every earlier round's garbage: mitata's gc() starts each round from a clean JS heap only.
 */
export async function sampleRound(fn, p) {
  globalThis.gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  const cpu0 = process.cpuUsage();
  const wall0 = now();
  const stats = await measure(fn, {
    min_samples: p.perRound,
    max_samples: Math.max(p.perRound, 2000),
    min_cpu_time: p.cpuTimeNs,
    batch_samples: p.batch,
    warmup_samples: 2,
    // run.mjs exposes gc(); mitata collects once after its warm-up so earlier garbage is not billed here.
    ...(globalThis.gc ? { gc: () => globalThis.gc() } : {}),
  });
  const cpu = process.cpuUsage(cpu0);
  return { samples: stats.samples, calls: stats.ticks, cpuNs: (cpu.user + cpu.system) * 1e3, wallNs: (now() - wall0) * 1e6 };
}

/**
 * Merge rounds into ns-per-call statistics. cpuShare = CPU time this process got per wall-clock second
 * while sampling: well below 1 means another process held the core, so these numbers are pessimistic.
 */
export function combine(roundsDone) {
  const all = roundsDone.flatMap((r) => r.samples);
  const s = summarize(all);
  s.calls = roundsDone.reduce((n, r) => n + r.calls, 0);
  s.rounds = roundsDone.length;
  s.cpuShare = roundsDone.reduce((n, r) => n + r.cpuNs, 0) / roundsDone.reduce((n, r) => n + r.wallNs, 0);
  return s;
}

/** Plan + all rounds back to back, for one-off timings outside a case (W6's steady state). */
export async function timeIt(fn, { quick, priorNs = 0 }) {
  const p = await plan(fn, { quick, priorNs });
  const done = [];
  for (let r = 0; r < rounds(quick); r++) done.push(await sampleRound(fn, p));
  return combine(done);
}

/** Summary statistics for samples in ns. */
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
