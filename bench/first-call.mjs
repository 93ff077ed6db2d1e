// Precompiled first call vs steady state (issue 11 targets: first <= 1.2x steady on W2, <= 2x on W1;
// W1 precompiled <= 80 ns/call). Each function is built with @numjit/compiler transform() and run in a
// fresh Node process (the first call of a fresh realm, as an app sees it), side by side:
//   plan    exact annotations: the call runs the emitted plan (guard, kernels), no trace
//   table   the bench/kernels source as written (no annotation): rank-polymorphic plans (ranks 1 and 2,
//           equal shapes), also no trace; the name is kept so results stay comparable across runs
//   hand    the floor: a plain JS function allocating its Float32Array and looping over the inputs' data,
//           in the same realm (the runtime imported, inputs made by it), so `first / hand first` says how
//           much of a first call is numjit's and how much any first call of JS code costs in V8
// Both columns: wall time, and the process's CPU time (all threads), which a loaded machine distorts less.
// Standalone: `node bench/first-call.mjs` (after `npm run build`); prints a table, writes bench/out/first-call.json.
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { transform } from "@numjit/compiler";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "out", "first-call");

const W2 = "np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1)";
const SUBJECTS = [
  { id: "W2", variant: "plan", n: 1e6, body: W2, note: "@numjit x: f32[1000000], y: f32[1000000]" },
  { id: "W2", variant: "table", n: 1e6, body: W2 },
  { id: "W1", variant: "plan", n: 1, body: "np.add(x, y)", note: "@numjit x: f32[1], y: f32[1]" },
  { id: "W1", variant: "table", n: 1, body: "np.add(x, y)" },
  { id: "W2", variant: "hand", n: 1e6, hand: "Math.tanh(a[p + i] * 1.5 + 0.3) * b[q + i] + 1" },
  { id: "W1", variant: "hand", n: 1, hand: "a[p + i] + b[q + i]" },
];

const handSource = (s) =>
  `export const f = (x, y) => {\n` +
  `  const a = x.data, b = y.data, p = x.offset, q = y.offset, n = x.size;\n` +
  `  const out = new Float32Array(n);\n` +
  `  for (let i = 0; i < n; i++) out[i] = ${s.hand};\n` +
  `  return out;\n};\n`;

const source = (s) =>
  `import { jit, numpy as np, type NDArray } from "@numjit/runtime";\n` +
  (s.note ? `/** ${s.note} */\n` : "") +
  `export const f = jit((x: NDArray, y: NDArray) => ${s.body});\n`;

// the child: first call timed alone, then the steady state (median of batches). With WARM, the realm first
// runs unrelated eager work of the same size (the runtime's code warm, as in an app that already ran), so
// the first call measures what the call itself does before its steady state.
const CHILD = `
import { f } from "./MODULE";
import { numpy as np } from "@numjit/runtime";
const n = N;
const x = np.array(Float32Array.from({ length: n }, (_, i) => Math.sin(i)));
const y = np.array(Float32Array.from({ length: n }, (_, i) => Math.cos(i)));
if (process.env.WARM) for (let i = 0; i < (n > 1000 ? 20 : 20000); i++) np.subtract(np.multiply(x, 0.5), y);
// CPU time of the process (all its threads) beside wall time: on a loaded machine wall time is mostly waiting
const cpuMs = (c) => (c.user + c.system) / 1e3;
const t0 = performance.now(), c0 = process.cpuUsage();
f(x, y);
const first = performance.now() - t0, firstCpu = cpuMs(process.cpuUsage(c0));
const reps = n > 1000 ? 3 : 200000, rounds = n > 1000 ? 15 : 25;
const per = [], perCpu = [];
for (let r = 0; r < rounds; r++) {
  const t = performance.now(), c = process.cpuUsage();
  for (let i = 0; i < reps; i++) f(x, y);
  per.push((performance.now() - t) / reps);
  perCpu.push(cpuMs(process.cpuUsage(c)) / reps);
}
const mid = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
console.log(JSON.stringify({ first, steady: mid(per), firstCpu, steadyCpu: mid(perCpu), info: f.cacheInfo?.() ?? null }));
`;

async function main() {
  await mkdir(out, { recursive: true });
  const rows = [];
  for (const s of SUBJECTS) {
    const name = `${s.id}-${s.variant}`;
    const js = s.hand
      ? handSource(s)
      : ts.transpileModule(transform(source(s), `${name}.ts`, { sourceMap: false }).code, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
    await writeFile(path.join(out, `${name}.mjs`), js);
    await writeFile(path.join(out, `${name}.child.mjs`), CHILD.replace("MODULE", `${name}.mjs`).replace("N;", `${s.n};`));
    for (const warm of [false, true]) {
      const runs = [];
      for (let k = 0; k < 5; k++) {
        const env = warm ? { ...process.env, WARM: "1" } : process.env;
        const r = spawnSync(process.execPath, [path.join(out, `${name}.child.mjs`)], { encoding: "utf8", env });
        if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
        runs.push(JSON.parse(r.stdout.trim().split("\n").pop()));
      }
      const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
      const first = med(runs.map((r) => r.first)),
        steady = med(runs.map((r) => r.steady)),
        firstCpu = med(runs.map((r) => r.firstCpu)),
        steadyCpu = med(runs.map((r) => r.steadyCpu));
      rows.push({
        workload: s.id,
        variant: s.variant,
        realm: warm ? "warm" : "fresh",
        first_ms: first,
        steady_ms: steady,
        ratio: first / steady,
        first_cpu_ms: firstCpu,
        steady_cpu_ms: steadyCpu,
        cpu_ratio: firstCpu / steadyCpu,
        info: runs[0].info,
      });
    }
  }
  await writeFile(path.join(out, "..", "first-call.json"), JSON.stringify(rows, null, 2));
  console.log(
    "| workload | path | realm | first call | steady state | first / steady | first / hand first | CPU: first / steady " +
      "| cacheInfo after the run |",
  );
  console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  const fmt = (ms) => (ms >= 0.1 ? `${ms.toFixed(2)} ms` : ms >= 1e-3 ? `${(ms * 1e3).toFixed(1)} µs` : `${(ms * 1e6).toFixed(0)} ns`);
  console.log(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  for (const r of rows) {
    const hand = rows.find((h) => h.variant === "hand" && h.workload === r.workload && h.realm === r.realm);
    const info = r.info ? `traces ${r.info.traces}, precompiledCalls ${r.info.precompiledCalls}` : "(plain JS)";
    console.log(
      `| ${r.workload} | ${r.variant} | ${r.realm} | ${fmt(r.first_ms)} | ${fmt(r.steady_ms)} | ${r.ratio.toFixed(2)}x ` +
        `| ${hand ? `${(r.first_ms / hand.first_ms).toFixed(2)}x` : "-"} ` +
        `| ${fmt(r.first_cpu_ms)} / ${fmt(r.steady_cpu_ms)} = ${r.cpu_ratio.toFixed(2)}x | ${info} |`,
    );
  }
}

await main();
