#!/usr/bin/env node
// npm start: the seed experiment. `add` eager vs jit (and precompiled, when built) called
// n = 10 ... 10,000 times, 5 repeats; prints medians and spreads, writes an SVG plot. When python3 can
// import jax, the seed's own experiment in JAX (jax_seed.py) runs too and shares the plot.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { numpy as np, jit } from "@numjit/runtime";
import { formatTime, margin as marginOf, renderSeedPlot, slope } from "./plot.mjs";

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

const a = np.arange(size).astype("float32"),
  b = np.ones([size]);
// Each mode gets its own timed loop (a distinct function, so V8 optimizes each one for the single
// function it calls, as application code would be), kept out of top-level module code (which stays in
// the interpreter and would add its own per-iteration cost to every column).
const loops = {
  eager: (f, n) => {
    let out;
    for (let i = 0; i < n; i++) out = f(a, b);
    return out;
  },
  jit: (f, n) => {
    let out;
    for (let i = 0; i < n; i++) out = f(a, b);
    return out;
  },
  precompiled: (f, n) => {
    let out;
    for (let i = 0; i < n; i++) out = f(a, b);
    return out;
  },
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

const cell = (c) => `${formatTime(c.med)} [${formatTime(c.lo)} – ${formatTime(c.hi)}]`;
const width = 34;
console.log(`numjit seed experiment: add of two float32[${size}] arrays, ${REPEATS} repeats (median, [min – max])\n`);
console.log(["n".padStart(6), ...modes.map(([m]) => m.padStart(width)), "   per-call margin (eager − jit)"].join(""));
for (const line of table) {
  const cells = modes.map(([m]) => cell(line[m]).padStart(width));
  const margin = (line.eager.med - line.jit.med) / line.n;
  console.log([String(line.n).padStart(6), ...cells, `   ${formatTime(margin).padStart(8)}/call`].join(""));
}
const perCall = (m) => slope(rows, m);
const margin = marginOf(rows, "eager", "jit");
console.log(
  `\nper call (slope of time vs n, Theil–Sen): ${modes.map(([m]) => `${m} ${formatTime(perCall(m))}`).join(", ")}; ` +
    `jit saves ${formatTime(margin)} per call`,
);
const pre = modes.find(([m]) => m === "precompiled");
if (pre) {
  const info = pre[1].cacheInfo();
  console.log(
    `\nprecompiled: ${info.calls} calls, ${info.precompiledCalls} ran a build-time plan, ${info.traces} traced at run time, ` +
      `${info.runtimeCompiles} kernels generated at run time, ${info.eagerFallbacks} eager fallbacks`,
  );
} else {
  console.log("\n(precompiled column: run `npm run build -w examples/seed-add` first)");
}

const notes = [`numjit: jit saves ${formatTime(margin)} per call over eager (slope of the difference against n)`];
const jaxRows = runJax();
if (jaxRows) {
  rows.push(...jaxRows.rows);
  const jm = marginOf(jaxRows.rows, "JAX add", "JAX jax.jit(add)");
  notes.push(`JAX ${jaxRows.jax} (${jaxRows.backend}), the seed's original: jax.jit(add) saves ${formatTime(jm)} per call over add`);
  console.log(
    `\nJAX ${jaxRows.jax} (${jaxRows.backend}): ` +
      ["JAX add", "JAX jax.jit(add)"].map((m) => `${m.slice(4)} ${formatTime(slope(jaxRows.rows, m))}`).join(", ") +
      ` per call; jax.jit saves ${formatTime(jm)} per call`,
  );
}
const outDir = join(here, "out");
mkdirSync(outDir, { recursive: true });
const svgPath = join(outDir, "seed-add.svg");
writeFileSync(svgPath, renderSeedPlot(rows, `add: eager vs jit, float32[${size}]`, notes));
console.log(`\nplot: ${relative(process.cwd(), svgPath)}`);

/** The seed's experiment in JAX, when python3 can import jax; otherwise one line and null. */
function runJax() {
  const probe = spawnSync("python3", ["-c", "import jax"], { stdio: "ignore" });
  if (probe.status !== 0) {
    console.log('\nJAX comparison skipped: `python3 -c "import jax"` failed (pip install jax to add it to the plot)');
    return null;
  }
  console.log("\nrunning the seed's experiment in JAX (jax_seed.py) ...");
  const r = spawnSync("python3", [join(here, "jax_seed.py"), "--size", String(size), "--repeats", String(REPEATS), "--ns", NS.join(",")], {
    encoding: "utf8",
    env: { ...process.env, JAX_PLATFORMS: process.env.JAX_PLATFORMS ?? "cpu" },
  });
  const last = r.stdout?.trim().split("\n").pop();
  if (r.status !== 0 || !last) {
    console.log(`JAX comparison failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").pop()}`);
    return null;
  }
  return JSON.parse(last);
}
