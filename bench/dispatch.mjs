// Per-call overhead of the tiny-call paths, side by side in one process (issue 11: precompiled W1 <= 80 ns):
//   precompiled  the W1 `add` (bench/kernels/seed.ts) built by @numjit/compiler: guard, kernel, output
//   jit          the same source through the runtime jit (a cache hit per call)
//   eager        np.add
//   hand         a JS loop allocating its Float32Array (the floor every column pays)
// on [1] + [1] float32 and, for the rank-polymorphic plan, [2, 3] + [2, 3]. The median over rounds of each
// round's mitata median, columns interleaved over rounds (the machine is shared: compare the ratios).
// Standalone: `node bench/dispatch.mjs [--rounds 5] [--only precompiled]` after `npm run build`.
// Profile one column: `node --cpu-prof --cpu-prof-dir=bench/out/prof bench/dispatch.mjs --only precompiled`.
import os from "node:os";
import { measure } from "mitata";
import { numpy as np } from "@numjit/runtime";
import { buildKernels, importKernel } from "./build-kernels.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
};
const ROUNDS = Number(arg("rounds", 5));
const only = arg("only", "");

const manifest = await buildKernels();
const pre = await importKernel(manifest, "precompiled", "seed");
const rt = await importKernel(manifest, "runtime", "seed");

const handAdd = (x, y) => {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + y[i];
  return out;
};

const inputs = {
  "[1]": [np.array(Float32Array.of(1.25)), np.array(Float32Array.of(2.5))],
  "[2,3]": [np.reshape(np.arange(6, undefined, undefined, { dtype: "float32" }), [2, 3]), np.ones([2, 3], { dtype: "float32" })],
};
const columns = [];
for (const [shape, [a, b]] of Object.entries(inputs)) {
  const ta = a.toTypedArray(),
    tb = b.toTypedArray();
  columns.push(
    { name: `precompiled ${shape}`, fn: () => pre.add(a, b) },
    { name: `jit ${shape}`, fn: () => rt.add(a, b) },
    { name: `eager ${shape}`, fn: () => np.add(a, b) },
    { name: `hand ${shape}`, fn: () => handAdd(ta, tb) },
  );
}
const live = columns.filter((c) => !only || c.name.startsWith(only));
const samples = new Map(live.map((c) => [c.name, []]));
for (let r = 0; r < ROUNDS; r++)
  for (const c of live) {
    const s = await measure(c.fn, { min_cpu_time: 200e6, batch_samples: 4096, warmup_samples: 2 });
    samples.get(c.name).push(s.p50);
  }
const median = (xs) => xs.slice().sort((p, q) => p - q)[xs.length >> 1];
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}; ${ROUNDS} rounds`,
);
for (const c of live) console.log(`${c.name.padEnd(20)} ${median(samples.get(c.name)).toFixed(1).padStart(8)} ns/call`);
console.log("cacheInfo precompiled:", JSON.stringify(pre.add.cacheInfo()));
