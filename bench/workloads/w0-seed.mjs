// W0 the seed: `add` called n = 10 … 10,000 times in a row, 5 repeats, eager vs jit (and precompiled).
// Manual sampling: the quantity is the total time of a run of n calls, which mitata does not measure.
import { importKernel } from "../build-kernels.mjs";
import { compare } from "../lib/check.mjs";
import { firstLine } from "../lib/peers.mjs";
import { appendNote, fmt } from "../lib/runner.mjs";

export const id = "W0";
export const title = "W0 the seed: add eager vs jit over n calls";
export const description =
  "`add` of two float32 arrays of 3 elements, called n = 10, 100, 500, 1,000, 5,000, 10,000 times back to back " +
  "(after a warm-up), 5 repeats, columns interleaved. Total ms per run of n calls; the gap between the lines is " +
  "the per-call margin jit buys.";

const NS = [10, 100, 500, 1000, 5000, 10000];
const REPEATS = 5;

export function cases(_ctx) {
  return [{ workload: id, name: "add sweep", steps: 3, custom: (c) => sweep(c) }];
}

async function sweep(ctx) {
  const { numjit, manifest, progress } = ctx;
  const { np } = numjit;
  const A = Float32Array.of(1, 2, 3);
  const B = Float32Array.of(4, 5, 6);
  const cols = [{ lib: "numjit eager", fn: (a, b) => np.add(a, b) }];
  const notes = [];
  const tryKernel = async (lib, variant, skip) => {
    progress.step(`W0 add sweep: load ${lib}`);
    if (skip) {
      notes.push(`${lib} skipped: ${skip}`);
      return progress.done(`skipped: ${skip}`);
    }
    try {
      const mod = await importKernel(manifest, variant, "seed");
      cols.push({ lib, fn: mod.add });
      progress.done("loaded");
    } catch (e) {
      notes.push(`${lib} failed: ${firstLine(e)}`);
      progress.done(`failed: ${firstLine(e)}`);
    }
  };
  await tryKernel("numjit jit", "runtime", numjit.jitNote || manifest.runtime.seed?.note);
  await tryKernel("numjit precompiled", "precompiled", manifest.precompiled.seed?.ok ? "" : manifest.precompiled.seed?.note || "not built");

  progress.step("W0 add sweep: timing");
  const a = np.array(A);
  const b = np.array(B);
  const ref = cols[0].fn(a, b).toTypedArray();
  const live = [];
  for (const col of cols) {
    try {
      const v = compare(col.fn(a, b).toTypedArray(), ref, { rtol: 0, atol: 0 });
      if (!v.ok) notes.push(`${col.lib}: wrong answer (${v.detail}), not timed`);
      else live.push(col);
    } catch (e) {
      notes.push(`${col.lib} failed: ${firstLine(e)}`);
    }
  }
  const warm = ctx.quick ? 5_000 : 30_000;
  let sink = null;
  for (const col of live) for (let i = 0; i < warm; i++) sink = col.fn(a, b);
  const samples = live.map(() => NS.map(() => []));
  for (let rep = 0; rep < REPEATS; rep++) {
    for (let k = 0; k < NS.length; k++) {
      const n = NS[k];
      for (let j = 0; j < live.length; j++) {
        // Rotate the order so no column always runs right after another's garbage.
        const ci = (j + rep) % live.length;
        const f = live[ci].fn;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) sink = f(a, b);
        samples[ci][k].push(performance.now() - t0);
      }
    }
  }
  if (!sink) throw new Error("unreachable");
  const series = live.map((col, ci) => ({
    lib: col.lib,
    points: NS.map((n, k) => {
      const s = [...samples[ci][k]].sort((x, y) => x - y);
      return { n, median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
    }),
  }));
  const perCall = (s) => (s.points[s.points.length - 1].median / NS[NS.length - 1]) * 1e6;
  const eager = series[0];
  const compiled = series.slice(1);
  const best = compiled.length ? compiled.reduce((x, y) => (perCall(y) < perCall(x) ? y : x)) : null;
  const summary = {
    unit: "ns/call at n=10,000",
    mine: best ? { lib: best.lib, value: perCall(best) } : { lib: eager.lib, value: perCall(eager) },
    peer: { lib: eager.lib, value: perCall(eager) },
    ratio: best ? perCall(best) / perCall(eager) : null,
    note: "no peers here: compiled vs numjit eager",
  };
  progress.done(series.map((s) => `${s.lib} ${fmt(perCall(s))} ns/call`).join(", "));
  let note = `Per call at n = 10,000: ${series.map((s) => `${s.lib} ${fmt(perCall(s))} ns`).join(", ")}`;
  for (const n of notes) note = appendNote(note, n);
  return { kind: "sweep", workload: id, name: "add sweep", ns: NS, repeats: REPEATS, series, summary, note, rows: [] };
}
