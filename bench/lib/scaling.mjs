// The threads section of RESULTS.md: each case with a "…, 1 thread" column next to its pool column
// ("numjit jit": every core), the measured speed-up, and Amdahl's law fitted to it. With p threads
// measured, S(p) = 1 / (s + (1 - s) / p) gives the serial fraction s = (p / S - 1) / (p - 1): the part
// of a call that did not get faster (copies into wasm memory, packing, small kernels, dispatch). The
// same s then predicts S(k) for k cores, assuming the parallel part keeps scaling (memory bandwidth
// ends that earlier for memory-bound kernels: the README's "Threads" section).
import { fmt } from "./runner.mjs";

export const PREDICT = [4, 8, 16];
const ONE = ", 1 thread";

/** Amdahl's law: the speed-up on k threads of a call whose serial fraction is s. */
export const amdahl = (s, k) => 1 / (s + (1 - s) / k);

/** One row per case that has a 1-thread column and its pool column, both measured. */
export function scalingRows(results, threads) {
  const rows = [];
  for (const w of results)
    for (const c of w.cases) {
      const ok = (c.rows ?? []).filter((r) => r.status === "ok" && r.stats);
      for (const one of ok.filter((r) => r.lib.endsWith(ONE))) {
        const pool = ok.find((r) => r.lib === one.lib.slice(0, -ONE.length));
        if (!pool) continue;
        const speedup = one.stats.median / pool.stats.median;
        // a case that never reaches the pool (`pool: false`) gets no fit: its difference is noise
        const serial = c.pool === false ? null : threads > 1 ? Math.min(1, Math.max(0, (threads / speedup - 1) / (threads - 1))) : 1;
        rows.push({ what: `${w.id} ${c.name}`, lib: pool.lib, unit: c.unit, one: one.value, pool: pool.value, speedup, serial });
      }
    }
  return rows;
}

/** The markdown of the section (the plot is linked by the caller). */
export function scalingTable(rows, threads) {
  const cores = PREDICT.map((k) => `${k} cores`).join(" | ");
  const lines = [
    `| case | column | 1 thread | ${threads} threads | speed-up | serial fraction s | ${cores} | limit 1/s |`,
    `|---|---|--:|--:|--:|--:|${PREDICT.map(() => "--:").join("|")}|--:|`,
  ];
  for (const r of rows)
    if (r.serial === null)
      lines.push(
        `| ${r.what} | ${r.lib} | ${fmt(r.one)} ${r.unit} | ${fmt(r.pool)} ${r.unit} | ${fmt(r.speedup)}× | — | ` +
          `${PREDICT.map(() => "—").join(" | ")} | below the split threshold: both run on the caller (noise) |`,
      );
    else
      lines.push(
        `| ${r.what} | ${r.lib} | ${fmt(r.one)} ${r.unit} | ${fmt(r.pool)} ${r.unit} | ${fmt(r.speedup)}× | ${r.serial.toFixed(2)} | ` +
          `${PREDICT.map((k) => `${fmt(amdahl(r.serial, k))}×`).join(" | ")} | ${r.serial > 0 ? `${fmt(1 / r.serial)}×` : "∞"} |`,
      );
  return lines.join("\n");
}
