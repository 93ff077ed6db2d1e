// One case = one problem size of one workload, run by every library: check against numjit eager, then time.
import { compare } from "./check.mjs";
import { timeIt } from "./measure.mjs";
import { firstLine } from "./peers.mjs";

/**
 * case: { workload, name, unit, better: "lower"|"higher", perCall(ns) -> value in unit, tol, impls[] }
 * impl: { lib, group: "numjit"|"peer", reference?, skip?, setup() -> { run, output, teardown? }, measure? }
 *   run():     the timed call (sync or async); must leave nothing alive that the next call needs
 *   output():  one untimed call whose result is read back for the correctness check
 *   measure(): optional replacement for the mitata timing (manual sampling), returns ns stats
 */
export async function runCase(c, ctx) {
  const rows = [];
  let reference = null;
  let referenceLib = null;
  const ordered = [...c.impls.filter((i) => i.reference), ...c.impls.filter((i) => !i.reference)];
  for (const impl of ordered) {
    ctx.progress.step(`${c.workload} ${c.name}: ${impl.lib}`);
    const row = { lib: impl.lib, group: impl.group, status: "ok", note: impl.note ?? "", stats: null };
    rows.push(row);
    if (impl.skip) {
      row.status = "skipped";
      row.note = impl.skip;
      ctx.progress.done(`skipped: ${impl.skip}`);
      continue;
    }
    let inst = null;
    try {
      inst = await impl.setup();
      const t0 = performance.now();
      const out = await inst.output();
      const priorNs = (performance.now() - t0) * 1e6;
      if (reference === null && (impl.reference || impl.fallbackReference)) {
        reference = out;
        referenceLib = impl.lib;
        if (!impl.reference) row.note = appendNote(row.note, "used as the reference for this case");
      } else if (reference !== null) {
        const v = c.check ? c.check(out, reference) : compare(out, reference, c.tol);
        if (!v.ok) {
          row.status = "wrong";
          row.note = appendNote(row.note, `wrong answer vs ${referenceLib}: ${v.detail}`);
          ctx.progress.done(`WRONG: ${v.detail}`);
          continue;
        }
      } else row.note = appendNote(row.note, "unchecked (no reference)");
      row.stats = impl.measure ? await impl.measure(inst) : await timeIt(inst.run, { quick: ctx.quick, priorNs });
      // Shared machine: when another process held the core during sampling, pause and measure again,
      // keeping the run that got more of the CPU (at most twice, full runs only).
      // Multi-second calls (1024² matmul in JS) get no retry: the run must stay within ~10 minutes.
      const retries = ctx.quick || impl.measure ? 0 : row.stats.median < 2e8 ? 2 : row.stats.median < 1.5e9 ? 1 : 0;
      for (let retry = 0; retry < retries && row.stats.cpuShare < 0.75; retry++) {
        ctx.progress.log(`  ${impl.lib}: only ${Math.round(row.stats.cpuShare * 100)}% CPU share, measuring again`);
        await new Promise((r) => setTimeout(r, 3000));
        const again = await timeIt(inst.run, { quick: ctx.quick });
        if (again.cpuShare > row.stats.cpuShare) row.stats = again;
      }
      Object.assign(row, valuesOf(c, row.stats));
      if (row.stats.note) row.note = appendNote(row.note, row.stats.note);
      if (row.stats.cpuShare < 0.8) row.note = appendNote(row.note, `contended: ${Math.round(row.stats.cpuShare * 100)}% CPU share`);
      ctx.progress.done(`${fmt(row.value)} ${c.unit} (median of ${row.stats.samples})`);
    } catch (e) {
      row.status = "failed";
      row.note = appendNote(row.note, firstLine(e));
      ctx.progress.done(`failed: ${firstLine(e)}`);
    } finally {
      try {
        await inst?.teardown?.();
      } catch {}
    }
  }
  if (reference === null) c.note = appendNote(c.note, "no reference output: rows are unchecked");
  annotateRatios(c, rows);
  return { workload: c.workload, name: c.name, unit: c.unit, better: c.better, note: c.note ?? "", rows };
}

/** Median and spread in the case's unit; for "higher is better" units the quartiles swap. */
export function valuesOf(c, stats) {
  const a = c.perCall(stats.p25);
  const b = c.perCall(stats.p75);
  return { value: c.perCall(stats.median), lo: Math.min(a, b), hi: Math.max(a, b) };
}

/** ratio = this row's time / the best peer's time (so < 1 means faster than every peer). */
export function annotateRatios(c, rows) {
  const ok = rows.filter((r) => r.status === "ok");
  const timeOf = (r) => r.stats.median;
  const peers = ok.filter((r) => r.group === "peer");
  const best = peers.length ? peers.reduce((a, b) => (timeOf(b) < timeOf(a) ? b : a)) : null;
  for (const r of ok) r.ratio = best ? timeOf(r) / timeOf(best) : null;
  if (best) best.bestPeer = true;
  const mine = ok.filter((r) => r.group === "numjit");
  if (mine.length) mine.reduce((a, b) => (timeOf(b) < timeOf(a) ? b : a)).bestNumjit = true;
}

export function appendNote(a, b) {
  return a ? `${a}; ${b}` : b;
}

export function fmt(x) {
  if (x == null || !Number.isFinite(x)) return "–";
  const ax = Math.abs(x);
  if (ax >= 1e4) return Math.round(x).toLocaleString("en-US");
  if (ax >= 100) return x.toFixed(0);
  if (ax >= 10) return x.toFixed(1);
  if (ax >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}
