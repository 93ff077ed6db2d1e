// Build-time workload: per jit function of examples/ and bench/kernels/ (or the given inputs), the CPU time
// `numjit build` adds over a plain ts.transpileModule of the same file, divided by the file's jit functions;
// median over rounds per file, then the median over files (the target: <= 2 ms) and the total.
// Two columns: "first" clears the compiler's content caches before every build (a changed function: what
// a dev server pays after an edit), "rebuild" keeps them (unchanged kernels found by content). Startup and
// the first builds (V8 warming up the pipeline) are excluded from the columns: what a dev server or a
// watcher pays per edited module. A one-shot `numjit build` pays them too, once per process: they are
// printed on the first line (CPU ms to load the compiler (TypeScript, the runtime), and the first
// build of every file over a warm one, summed over the files).
//   node bench/build-time.mjs [files|dirs...] [--rounds N] [--dist packages/compiler/dist]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const argv = process.argv.slice(2);
const ri = argv.indexOf("--rounds");
const rounds = ri >= 0 ? Number(argv.splice(ri, 2)[1]) : 15;
const di = argv.indexOf("--dist");
const dist = di >= 0 ? path.resolve(argv.splice(di, 2)[1]) : path.join(repo, "packages/compiler/dist");
const cpu0 = process.cpuUsage();
const { buildFile, clearBuildCaches, collectFiles } = await import(path.join(dist, "index.js"));
const loadMs = ((c) => (c.user + c.system) / 1000)(process.cpuUsage(cpu0));
const inputs = argv.length ? argv : [path.join(repo, "examples"), path.join(repo, "bench/kernels")];
const { files } = collectFiles(inputs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = (f) => {
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1000, r];
};
// warm up V8 on every file first (the first files would otherwise pay for the JIT of the whole pipeline)
const warmup = [];
for (let i = 0; i < 3; i++) {
  clearBuildCaches?.();
  warmup.push(cpu(() => files.forEach((f) => buildFile(f, fs.readFileSync(f, "utf8"), {})))[0]);
}
const cold = warmup[0] - Math.min(...warmup.slice(1));
const firstBuild = `the first build of all ${files.length} files ${cold.toFixed(0)} ms over a warm one`;
console.log(`one-time (per process): loading ${loadMs.toFixed(0)} ms; ${firstBuild}`);
const cols = { first: { perFn: [], total: 0 }, rebuild: { perFn: [], total: 0 } };
let fns = 0;
console.log(`${"file".padEnd(36)} jit  first  rebuild (ms per function)`);
for (const f of files) {
  const code = fs.readFileSync(f, "utf8");
  const [, built] = cpu(() => buildFile(f, code, {}));
  const n = built.module?.stats.functions ?? 0;
  if (!n) continue;
  const added = { first: [], rebuild: [] };
  for (let i = 0; i < rounds; i++) {
    const [plain] = cpu(() => buildFile(f, code, { plain: true }));
    clearBuildCaches?.();
    const [first] = cpu(() => buildFile(f, code, {}));
    const [rebuild] = cpu(() => buildFile(f, code, {}));
    added.first.push(first - plain);
    added.rebuild.push(rebuild - plain);
  }
  for (const k of ["first", "rebuild"]) {
    cols[k].perFn.push(median(added[k]) / n);
    cols[k].total += median(added[k]);
  }
  fns += n;
  const cell = (k) => (median(added[k]) / n).toFixed(2).padStart(k.length + 1);
  console.log(`${path.relative(repo, f).padEnd(36)} ${String(n).padStart(2)}  ${cell("first")} ${cell("rebuild")}`);
}
for (const [k, c] of Object.entries(cols)) {
  const summary = `total ${c.total.toFixed(1)} ms for ${fns} functions (${(c.total / fns).toFixed(2)} ms mean)`;
  console.log(`${k.padEnd(7)}: median over files ${median(c.perFn).toFixed(2)} ms per jit function; ${summary}`);
}
