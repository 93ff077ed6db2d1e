// RESULTS.md (tables + embedded SVG plots) and the summary printed at the end of a run.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { barPlot, compilePlot, scalingPlot, seedPlot } from "./plots.mjs";
import { amdahl, scalingRows, scalingTable } from "./scaling.mjs";
import { fmt } from "./runner.mjs";

const pct = (lo, hi, mid) => (mid ? `±${(((hi - lo) / 2 / mid) * 100).toFixed(0)}%` : "");
const esc = (s) =>
  String(s ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");

/** One summary line per case: numjit's best column against the best peer. */
export function summaryRows(results) {
  const out = [];
  for (const w of results) {
    for (const c of w.cases) {
      if (c.kind === "sweep") {
        const s = c.summary;
        if (s) out.push({ what: `${w.id} ${c.name}`, mine: s.mine, peer: s.peer, ratio: s.ratio, unit: s.unit, note: s.note });
        continue;
      }
      const ok = c.rows.filter((r) => r.status === "ok");
      const mine = ok.find((r) => r.bestNumjit);
      const peer = ok.find((r) => r.bestPeer);
      const time = (r) => (c.kind === "compile" ? r.first.median : r.stats.median);
      const value = (r) => (c.kind === "compile" ? r.first.median / 1e6 : r.value);
      // The best *library* (hand-written loops excluded): the fair comparison for dispatch-bound cases.
      const libs = ok.filter((r) => r.group === "peer" && r.lib !== "hand JS");
      const lib = libs.length ? libs.reduce((a, b) => (time(b) < time(a) ? b : a)) : null;
      const jax = ok.find((r) => r.group === "jax");
      out.push({
        what: `${w.id} ${c.name}`,
        unit: c.kind === "compile" ? "ms first call" : c.unit,
        mine: mine ? { lib: mine.lib, value: value(mine) } : null,
        peer: peer ? { lib: peer.lib, value: value(peer) } : null,
        ratio: mine && peer ? time(mine) / time(peer) : null,
        lib: lib && lib !== peer ? { lib: lib.lib, value: value(lib) } : null,
        libRatio: mine && lib && lib !== peer ? time(mine) / time(lib) : null,
        jax: jax ? { lib: jax.lib, value: value(jax) } : null,
        jaxRatio: mine && jax ? time(mine) / time(jax) : null,
      });
    }
  }
  return out;
}

function verdict(ratio) {
  if (ratio == null) return "–";
  if (ratio <= 1) return `**wins**, ${fmt(1 / ratio)}× faster`;
  return `**loses**, ${fmt(ratio)}× slower`;
}

function caseTable(c) {
  const lines = [];
  if (c.kind === "compile") {
    const ms = (x) => fmt(x / 1e6);
    lines.push("| library | cold first call (ms) | first call (ms) | steady state (ms) | first − steady (ms) | first / steady | notes |");
    lines.push("|---|--:|--:|--:|--:|--:|---|");
    for (const r of c.rows) {
      if (r.status !== "ok") {
        lines.push(`| ${r.lib} | ${r.status === "wrong" ? "**wrong answer**" : r.status} | | | | | ${esc(r.note)} |`);
        continue;
      }
      const name = r.bestPeer ? `${r.lib} (best peer)` : r.bestNumjit ? `**${r.lib}**` : r.lib;
      const range = (st) => `${ms(st.median)} (${ms(st.min)}–${ms(st.max)}, n=${st.samples})`;
      lines.push(
        `| ${name} | ${range(r.cold)} | ${range(r.first)} | ${ms(r.steady.median)} ${pct(r.steady.p25, r.steady.p75, r.steady.median)} ` +
          `| ${ms(r.first.median - r.steady.median)} | ${fmt(r.first.median / r.steady.median)}× | ${esc(r.note)} |`,
      );
    }
    return lines.join("\n");
  }
  lines.push(`| library | median (${c.unit}) | spread p25–p75 | samples | time vs best peer | notes |`);
  lines.push("|---|--:|--:|--:|--:|---|");
  const order = { ok: 0, wrong: 1, failed: 2, skipped: 3 };
  const rows = [...c.rows].sort((a, b) => order[a.status] - order[b.status] || (a.status === "ok" ? a.stats.median - b.stats.median : 0));
  for (const r of rows) {
    if (r.status !== "ok") {
      lines.push(`| ${r.lib} | ${r.status === "wrong" ? "**wrong answer**" : r.status} | | | | ${esc(r.note)} |`);
      continue;
    }
    const name = r.bestPeer ? `${r.lib} (best peer)` : r.bestNumjit ? `**${r.lib}**` : r.lib;
    const ratio = r.ratio == null ? "–" : `${fmt(r.ratio)}×`;
    const samples = `${r.stats.samples}${r.stats.calls > r.stats.samples ? ` × ${Math.round(r.stats.calls / r.stats.samples)}` : ""}`;
    lines.push(
      `| ${name} | ${fmt(r.value)} | ${fmt(r.lo)}–${fmt(r.hi)} (${pct(r.lo, r.hi, r.value)}) | ${samples} | ${ratio} | ${esc(r.note)} |`,
    );
  }
  return lines.join("\n");
}

function sweepTable(c) {
  const libs = c.series.map((s) => s.lib);
  const lines = [
    `| n calls | ${libs.map((l) => `${l} (ms, min–max)`).join(" | ")} | ${
      libs.length > 1
        ? `${libs
            .slice(1)
            .map((l) => `${l} / ${libs[0]}`)
            .join(" | ")} |`
        : ""
    }`,
  ];
  lines.push(
    `|--:|${libs.map(() => "--:").join("|")}|${
      libs.length > 1
        ? libs
            .slice(1)
            .map(() => "--:")
            .join("|") + "|"
        : ""
    }`,
  );
  for (let i = 0; i < c.ns.length; i++) {
    const cells = c.series.map((s) => {
      const p = s.points[i];
      return `${fmt(p.median)} (${fmt(p.min)}–${fmt(p.max)})`;
    });
    const ratios = c.series.slice(1).map((s) => `${fmt(s.points[i].median / c.series[0].points[i].median)}×`);
    lines.push(`| ${c.ns[i].toLocaleString("en-US")} | ${cells.join(" | ")} |${ratios.length ? ` ${ratios.join(" | ")} |` : ""}`);
  }
  return lines.join("\n");
}

export async function writeReport({ env, results, outDir }) {
  const plotDir = path.join(outDir, "plots");
  await mkdir(plotDir, { recursive: true });
  const written = [];
  const md = [];
  const m = env.machine;
  md.push("# numjit benchmarks");
  md.push("");
  md.push(
    `Generated by \`npm run bench${env.mode === "quick" ? " -- --quick" : ""}\` on ${env.date.slice(0, 16).replace("T", " ")} UTC ` +
      `(${env.mode} run, ${env.seconds.toFixed(0)} s). ` +
      "Rewritten by every full run; do not edit by hand. How to run and what each workload is: [README.md](README.md).",
  );
  if (env.mode === "quick") md.push("\n> **Quick mode**: few samples per measurement; for smoke testing only, not for quoting.");
  md.push("");
  md.push("## Machine");
  md.push("");
  md.push("| CPU | cores | memory | OS | Node | V8 | load avg at start / end (1, 5, 15 min) |");
  md.push("|---|--:|--:|---|---|---|---|");
  md.push(
    `| ${m.cpu}${m.mhz ? ` @ ${m.mhz} MHz` : ""} | ${m.cores} | ${m.memGiB} GiB | ${m.platform} | ${m.node} | ${m.v8} ` +
      `| ${m.loadAtStart} / ${m.load} |`,
  );
  md.push("");
  md.push("## Libraries");
  md.push("");
  const L = env.libs;
  const tfNote = (b) =>
    L.tfjs.backends?.[b]?.ok
      ? `works${L.tfjs.backends[b].note ? ` (${L.tfjs.backends[b].note})` : ""}`
      : `unavailable: ${L.tfjs.backends?.[b]?.note}`;
  const pre = Object.entries(L.precompiled);
  const preOk = pre.filter(([, v]) => v === "ok").map(([k]) => k);
  md.push("| column | package | status on this machine |");
  md.push("|---|---|---|");
  md.push(`| numjit eager | @numjit/runtime ${L.numjit.version} | works (the reference every other column is checked against) |`);
  md.push(`| numjit jit | @numjit/runtime ${L.numjit.version} | ${esc(L.numjit.jit)} |`);
  md.push(
    `| numjit precompiled | @numjit/compiler | ${
      L.compiler.ok
        ? `transform() available; precompiled: ${preOk.join(", ") || "none"}${
            pre.length > preOk.length
              ? `; not: ${pre
                  .filter(([, v]) => v !== "ok")
                  .map(([k, v]) => `${k} (${esc(v)})`)
                  .join(", ")}`
              : ""
          }`
        : esc(L.compiler.note)
    } |`,
  );
  md.push(`| numjit grad (W5) | @numjit/runtime | ${esc(L.numjit.grad)} |`);
  md.push(`| tfjs-cpu | @tensorflow/tfjs-core + tfjs-backend-cpu ${L.tfjs.version} | ${esc(tfNote("cpu"))} |`);
  md.push(
    `| tfjs-wasm | @tensorflow/tfjs-backend-wasm ${L.tfjs.version} | ${esc(tfNote("wasm"))}; ` +
      ".wasm files loaded from node_modules via setWasmPaths |",
  );
  md.push(
    `| jax-js | @jax-js/jax ${L.jax.version} | ${L.jax.device ? `device **${L.jax.device}**` : "unavailable"}; ` +
      `${esc(L.jax.notes.join("; "))} |`,
  );
  md.push(`| ndarray-ops | ndarray ${L.ndarray.version} | works; no tanh (W2 uses the exp identity), no matmul (W4/W5 n/a) |`);
  md.push("| hand JS | — | plain loops over Float32Array, what a careful programmer writes |");
  md.push("");
  md.push("## Summary: numjit's best column vs the best peer");
  md.push("");
  md.push("Ratio = numjit time / best peer time (below 1: numjit is faster).");
  md.push("");
  md.push(
    "| workload | numjit best | best peer | ratio | verdict | best library if hand JS is best | ratio | JAX (XLA CPU) | numjit / JAX |",
  );
  md.push("|---|---|---|--:|---|---|--:|---|--:|");
  for (const s of summaryRows(results)) {
    const v = (x) => (x ? `${x.lib}: ${fmt(x.value)} ${s.unit}` : "–");
    md.push(
      `| ${s.what} | ${v(s.mine)} | ${v(s.peer)} | ${s.ratio == null ? "–" : fmt(s.ratio) + "×"} ` +
        `| ${verdict(s.ratio)}${s.note ? ` (${s.note})` : ""} ` +
        `| ${s.lib ? v(s.lib) : ""} | ${s.libRatio == null ? "" : fmt(s.libRatio) + "×"} ` +
        `| ${s.jax ? `${fmt(s.jax.value)} ${s.unit}` : "skipped"} | ${s.jaxRatio == null ? "–" : fmt(s.jaxRatio) + "×"} |`,
    );
  }
  const sr = summaryRows(results).filter((x) => x.ratio != null && !x.note);
  const wins = sr.filter((x) => x.ratio <= 1).map((x) => x.what);
  const losses = sr.filter((x) => x.ratio > 1).map((x) => `${x.what} (${fmt(x.ratio)}× slower than ${x.peer.lib})`);
  md.push("");
  md.push(`numjit beats every peer on: ${wins.join(", ") || "none"}. It loses on: ${losses.join(", ") || "none"}.`);
  md.push("");
  const threads = env.libs.numjit.threads ?? 1;
  const scaling = scalingRows(results, threads);
  if (scaling.length) {
    md.push("## Threads: 1 thread vs the pool");
    md.push("");
    md.push(
      `\`numjit jit\` runs large kernels on the worker pool (${threads} threads here: every core), the \`…, 1 thread\` column ` +
        "the same function with `setThreads(1)`. Speed-up = 1-thread time / pool time. Amdahl's law fitted to it, " +
        `S(p) = 1 / (s + (1 − s) / p), gives the serial fraction s = (${threads} / S − 1) / ${threads - 1} — what did not get ` +
        "faster: operand copies into wasm memory, GEMM packing, the kernels too small to split, dispatch — and, with the " +
        "same s, what more cores would give (an upper bound for memory-bound cases, which saturate the memory bus first; " +
        'bench/README.md, "Threads: what more cores give").',
    );
    md.push("");
    const svg = scalingPlot(
      scaling.filter((r) => r.serial !== null),
      threads,
      amdahl,
    );
    if (svg) {
      const file = path.join(plotDir, "threads-scaling.svg");
      await writeFile(file, svg);
      written.push(file);
      md.push("![threads scaling](plots/threads-scaling.svg)");
      md.push("");
    }
    md.push(scalingTable(scaling, threads));
    md.push("");
  }
  md.push("## How to read the tables");
  md.push("");
  const rounds =
    env.mode === "quick"
      ? "one round"
      : "4 interleaved rounds (every library of a case sampled in turn, order rotating, so load from other processes hits all alike)";
  md.push(
    "- Timing by [mitata](https://github.com/evanwashere/mitata) `measure()`: warm-up, " +
      "a gc and a macrotask (finalizers run) before each round, " +
      `calls batched when shorter than ~65 µs, in ${rounds}; ` +
      "**median** over all samples; **spread** is the interquartile range p25–p75 (± half of it relative to the median); " +
      "**samples** = samples × calls per sample. " +
      "W0 and W6 sample manually (they time sequences of calls and first calls, which mitata cannot).",
  );
  md.push(
    "- Before timing, every column's output is compared with numjit eager on the same inputs (float32 tolerances per workload). " +
      "A column that disagrees is reported as **wrong answer** and not timed; one that throws is **failed**; " +
      "one that does not exist yet is **skipped**, with the reason.",
  );
  md.push(
    "- **time vs best peer**: this row's median time divided by the fastest peer's (tfjs, jax-js, ndarray-ops, hand JS); " +
      "bold = numjit's best column.",
  );
  md.push(
    "- The machine is shared with other processes; numbers move by ±10–20% between runs. " +
      "A row marked *contended* got less than 80% of a core while it was sampled.",
  );
  md.push("");

  for (const w of results) {
    md.push(`## ${w.title}`);
    md.push("");
    md.push(w.description);
    md.push("");
    for (const c of w.cases) {
      const slug = `${w.id.toLowerCase()}-${c.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`;
      const title = `${w.id} ${c.name}`;
      const svg = c.kind === "sweep" ? seedPlot(c) : c.kind === "compile" ? compilePlot(c, title) : barPlot(c, `${title} (${c.unit})`);
      if (w.cases.length > 1 || c.kind !== "sweep") md.push(`### ${title}`);
      md.push("");
      if (c.note) md.push(`${c.note}\n`);
      if (svg) {
        const file = path.join(plotDir, `${slug}.svg`);
        await writeFile(file, svg);
        written.push(file);
        md.push(`![${title}](plots/${slug}.svg)`);
        md.push("");
      }
      md.push(c.kind === "sweep" ? sweepTable(c) : caseTable(c));
      md.push("");
    }
  }
  const file = path.join(outDir, "RESULTS.md");
  await writeFile(file, md.join("\n"));
  written.unshift(file);
  return written;
}

/** The ratio table on stdout. */
export function printSummary({ results }) {
  const rows = summaryRows(results);
  const w = (s, n) => String(s).padEnd(n);
  const lines = ["", "numjit best vs best peer (ratio = numjit time / peer time; < 1 means numjit is faster)", ""];
  for (const s of rows) {
    const v = (x) => (x ? `${x.lib} ${fmt(x.value)}` : "–");
    const lib = s.lib ? `  (vs ${v(s.lib)}: ${fmt(s.libRatio)}x)` : "";
    lines.push(
      `${w(s.what, 26)} ${w(v(s.mine), 34)} ${w(v(s.peer), 32)} ${w(s.ratio == null ? "–" : fmt(s.ratio) + "x", 8)} ${s.unit}${lib}`,
    );
  }
  process.stdout.write(lines.join("\n") + "\n");
}
