// One case = one problem size of one workload, run by every library: check against numjit eager, then time.
import { compare } from "./check.mjs";
import { combine, plan, rounds, sampleRound } from "./measure.mjs";
import { firstLine } from "./peers.mjs";

/**
 * case: { workload, name, unit, better: "lower"|"higher", perCall(ns) -> value in unit, tol, impls[] }
 * impl: { lib, group: "numjit"|"peer", reference?, skip?, setup() -> { run, output, teardown? }, measure? }
 *   run():     the timed call (sync or async); must leave nothing alive that the next call needs
 *   output():  one untimed call whose result is read back for the correctness check
 *   activate(): optional, called before each timing round (tfjs: make this backend the global one)
 *   measure(): optional replacement for the mitata timing (manual sampling), returns ns stats
 * Steps on the progress bar: one per library, plus one per timing round.
 */
export async function runCase(c, ctx) {
  const rows = [];
  const live = [];
  let reference = null;
  let referenceLib = null;
  const ordered = [...c.impls.filter((i) => i.reference), ...c.impls.filter((i) => !i.reference)];
  // Phase 1, one library at a time: set up, check the answer, warm up and size the sample budget.
  for (const impl of ordered) {
    ctx.progress.step(`${c.workload} ${c.name}: ${impl.lib} (check, warm-up)`);
    const row = { lib: impl.lib, group: impl.group, aux: Boolean(impl.aux), status: "ok", note: impl.note ?? "", stats: null };
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
          await inst.teardown?.();
          continue;
        }
      } else row.note = appendNote(row.note, "unchecked (no reference)");
      const info = inst.info?.();
      if (info && (info.runtimeCompiles > 0 || info.eagerFallbacks > 0)) {
        // A precompiled function that generated code at run time is not measuring precompiled kernels.
        row.note = appendNote(
          row.note,
          `precompiled table missed: ${info.runtimeCompiles} runtime compiles, ${info.eagerFallbacks} eager fallbacks, ` +
            `${info.precompiledHits} hits`,
        );
      }
      if (impl.measure) {
        row.stats = await impl.measure(inst);
        await inst.teardown?.();
        ctx.progress.done(`checked; ${fmt(c.perCall(row.stats.median))} ${c.unit} (own timing)`);
      } else {
        const p = await plan(inst.run, { quick: ctx.quick, priorNs });
        live.push({ impl, row, inst, plan: p, rounds: [] });
        ctx.progress.done(`checked; ~${fmt(c.perCall(p.est))} ${c.unit} while warming up`);
      }
    } catch (e) {
      row.status = "failed";
      row.note = appendNote(row.note, firstLine(e));
      ctx.progress.done(`failed: ${firstLine(e)}`);
      try {
        await inst?.teardown?.();
      } catch {}
    }
  }
  // Phase 2: interleaved rounds, the order rotating each round.
  const R = rounds(ctx.quick);
  for (let r = 0; r < R; r++) {
    ctx.progress.step(`${c.workload} ${c.name}: timing round ${r + 1}/${R} (${live.length} libraries)`);
    for (let j = 0; j < live.length; j++) {
      const l = live[(j + r) % live.length];
      if (l.row.status !== "ok") continue;
      try {
        await l.inst.activate?.();
        l.rounds.push(await sampleRound(l.inst.run, l.plan));
      } catch (e) {
        l.row.status = "failed";
        l.row.note = appendNote(l.row.note, firstLine(e));
      }
    }
    ctx.progress.done(`round ${r + 1} done`);
  }
  // Phase 3: statistics, tear down.
  for (const l of live) {
    if (l.row.status === "ok") l.row.stats = combine(l.rounds);
    try {
      await l.inst.teardown?.();
    } catch {}
  }
  for (const row of rows) {
    if (row.status !== "ok" || !row.stats) continue;
    Object.assign(row, valuesOf(c, row.stats));
    if (row.stats.note) row.note = appendNote(row.note, row.stats.note);
    if (row.stats.cpuShare < 0.8) row.note = appendNote(row.note, `contended: ${Math.round(row.stats.cpuShare * 100)}% CPU share`);
  }
  if (reference === null) c.note = appendNote(c.note, "no reference output: rows are unchecked");
  annotateRatios(c, rows);
  return {
    workload: c.workload,
    name: c.name,
    unit: c.unit,
    better: c.better,
    note: c.note ?? "",
    ...(c.pool === false ? { pool: false } : {}),
    rows,
  };
}

/** Median and spread in the case's unit; for "higher is better" units the quartiles swap. */
export function valuesOf(c, stats) {
  const a = c.perCall(stats.p25);
  const b = c.perCall(stats.p75);
  return { value: c.perCall(stats.median), lo: Math.min(a, b), hi: Math.max(a, b) };
}

/** ratio = this row's time / the best peer's time (so < 1 means faster than every peer). */
export function annotateRatios(_c, rows) {
  const ok = rows.filter((r) => r.status === "ok");
  const timeOf = (r) => r.stats.median;
  const peers = ok.filter((r) => r.group === "peer");
  const best = peers.length ? peers.reduce((a, b) => (timeOf(b) < timeOf(a) ? b : a)) : null;
  for (const r of ok) r.ratio = best ? timeOf(r) / timeOf(best) : null;
  if (best) best.bestPeer = true;
  const mine = ok.filter((r) => r.group === "numjit" && !r.aux);
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
