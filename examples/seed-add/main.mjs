#!/usr/bin/env node
// npm start: the seed experiment. `add` eager vs jit (and precompiled, when built) called
// n = 10 ... 10,000 times, 5 repeats; prints medians and spreads, writes an SVG plot.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { numpy as np, jit } from "@numjit/runtime";
import { renderSeedPlot } from "./plot.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const NS = [10, 100, 500, 1000, 5000, 10000];
const REPEATS = 5;
const size = Number(process.argv.find((a) => a.startsWith("--size="))?.slice(7) ?? 1);

const add = (a, b) => np.add(a, b);
const modes = [
  ["eager", add],
  ["jit", jit((a, b) => np.add(a, b))],
];
const built = join(here, "dist/add.js");
if (existsSync(built)) {
  const m = await import(pathToFileURL(built).href);
  modes.push(["precompiled", m.addJit]);
}

const a = np.arange(size).astype("float32"), b = np.ones([size]);
// Each mode gets its own timed loop (a distinct function, so V8 optimizes each one for the single
// function it calls, as application code would be), kept out of top-level module code (which stays in
// the interpreter and would add its own per-iteration cost to every column).
const loops = {
  eager: (f, n) => { let out; for (let i = 0; i < n; i++) out = f(a, b); return out; },
  jit: (f, n) => { let out; for (let i = 0; i < n; i++) out = f(a, b); return out; },
  precompiled: (f, n) => { let out; for (let i = 0; i < n; i++) out = f(a, b); return out; },
};
const ref = add(a, b).toArray();
for (const [name, f] of modes) {
  const got = f(a, b).toArray();
  if (JSON.stringify(got) !== JSON.stringify(ref)) throw new Error(`${name} disagrees with eager: ${got} vs ${ref}`);
}
// warm up, interleaved like the measurement, so V8's optimized code has seen every mode
for (let i = 0; i < 300; i++) for (const [name, f] of modes) loops[name](f, 1000);

const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
const rows = [];
const table = [];
for (const n of NS) {
  const line = { n };
  const times = Object.fromEntries(modes.map(([m]) => [m, []]));
  // repeats interleave the modes, so drift (GC, other processes) hits every column alike
  for (let r = 0; r < REPEATS; r++) {
    for (const [name, f] of modes) {
      const t0 = performance.now();
      loops[name](f, n);
      times[name].push(performance.now() - t0);
    }
  }
  for (const [name] of modes) {
    const ts = times[name];
    const med = median(ts);
    rows.push({ n, ms: med, mode: name });
    line[name] = { med, lo: Math.min(...ts), hi: Math.max(...ts) };
  }
  table.push(line);
}

const fmt = (x) => x.toFixed(3).padStart(9);
console.log(`numjit seed experiment: add of two float32[${size}] arrays, ${REPEATS} repeats (median ms, [min-max])\n`);
console.log(["n".padStart(6), ...modes.map(([m]) => m.padStart(28)), "  per-call margin (eager - jit)"].join(""));
for (const line of table) {
  const cells = modes.map(([m]) => `${fmt(line[m].med)} [${line[m].lo.toFixed(3)}-${line[m].hi.toFixed(3)}]`.padStart(28));
  const margin = ((line.eager.med - line.jit.med) / line.n) * 1e6;
  console.log([String(line.n).padStart(6), ...cells, `  ${margin.toFixed(0).padStart(6)} ns/call`].join(""));
}
// per-call cost of each mode: the slope of a least-squares line through (n, median ms)
const slope = (name) => {
  const pts = rows.filter((r) => r.mode === name);
  const mx = pts.reduce((s, p) => s + p.n, 0) / pts.length, my = pts.reduce((s, p) => s + p.ms, 0) / pts.length;
  const num = pts.reduce((s, p) => s + (p.n - mx) * (p.ms - my), 0), den = pts.reduce((s, p) => s + (p.n - mx) ** 2, 0);
  return (num / den) * 1e6; // ns per call
};
console.log(`\nper call (slope of time vs n): ${modes.map(([m]) => `${m} ${slope(m).toFixed(0)} ns`).join(", ")}; ` +
  `jit saves ${(slope("eager") - slope("jit")).toFixed(0)} ns per call`);
const pre = modes.find(([m]) => m === "precompiled");
if (pre) {
  const info = pre[1].cacheInfo();
  console.log(`\nprecompiled: ${info.precompiledHits} kernel(s) from the build, ${info.runtimeCompiles} generated at run time, ${info.eagerFallbacks} eager fallbacks`);
} else {
  console.log("\n(precompiled column: run `npm run build -w examples/seed-add` first)");
}
const outDir = join(here, "out");
mkdirSync(outDir, { recursive: true });
const svgPath = join(outDir, "seed-add.svg");
writeFileSync(svgPath, renderSeedPlot(rows, `add: eager vs jit (float32[${size}])`));
console.log(`\nplot: ${relative(process.cwd(), svgPath)}`);
