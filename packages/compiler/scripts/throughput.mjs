// Build throughput: `numjit build` (ts.transpileModule + the numjit transformer) against a plain
// ts.transpileModule of the same files, in one process (startup excluded), median of N interleaved rounds.
//   node packages/compiler/scripts/throughput.mjs [files|dirs...] [--rounds N]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildFile, collectFiles } from "../dist/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const argv = process.argv.slice(2);
const ri = argv.indexOf("--rounds");
const rounds = ri >= 0 ? Number(argv.splice(ri, 2)[1]) : 15;
const inputs = argv.length ? argv : [path.join(repo, "examples"), path.join(repo, "test/samples")];
const { files } = collectFiles(inputs);
const sources = files.map((f) => [f, fs.readFileSync(f, "utf8")]);

function round(plain) {
  const stats = { functions: 0, precompiled: 0, kernels: 0 };
  // CPU time of this process (user + system): stable on a loaded machine, unlike wall time
  const c0 = process.cpuUsage();
  for (const [f, code] of sources) {
    const res = buildFile(f, code, { plain });
    if (res.module) {
      stats.functions += res.module.stats.functions;
      stats.precompiled += res.module.stats.precompiled;
      stats.kernels += res.module.stats.kernels;
    }
  }
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, stats };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// warm-up (TypeScript's own JIT), then interleaved rounds, median of each
round(true);
round(false);
const tp = [],
  tn = [];
let stats;
for (let r = 0; r < rounds; r++) {
  tp.push(round(true).ms);
  const n = round(false);
  tn.push(n.ms);
  stats = n.stats;
}
const plain = { ms: median(tp) };
const numjit = { ms: median(tn), stats };
const jitFiles = sources.filter(([, c]) => /@numjit\/runtime["']/.test(c) && c.includes("jit")).length;
const fps = (ms) => (files.length / (ms / 1000)).toFixed(0);
console.log(
  `files: ${files.length} (${jitFiles} import @numjit/runtime), ` +
    `jit functions: ${numjit.stats.functions} (${numjit.stats.precompiled} precompiled), kernels: ${numjit.stats.kernels}`,
);
console.log(`(CPU time, median of ${rounds} interleaved rounds)`);
console.log(`plain ts.transpileModule : ${plain.ms.toFixed(1)} ms  (${fps(plain.ms)} files/s)`);
console.log(`numjit build            : ${numjit.ms.toFixed(1)} ms  (${fps(numjit.ms)} files/s)`);
const perFunctionMs = (numjit.ms - plain.ms) / Math.max(1, numjit.stats.functions);
console.log(
  `overhead                : +${((numjit.ms / plain.ms - 1) * 100).toFixed(0)}%  (${perFunctionMs.toFixed(2)} ms per jit function)`,
);
