// Build-time workload: per jit function of examples/ and bench/kernels/ (or the given inputs), the CPU time
// `numjit build` adds over a plain ts.transpileModule of the same file, divided by the file's jit functions;
// median over rounds per file, then the median over files (the target: <= 2 ms) and the total.
// Startup and the first builds (V8 warming up the pipeline) excluded.
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
const { buildFile, collectFiles } = await import(path.join(dist, "index.js"));
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
for (let i = 0; i < 3; i++) for (const f of files) buildFile(f, fs.readFileSync(f, "utf8"), {});
const perFn = [];
let total = 0,
  fns = 0;
for (const f of files) {
  const code = fs.readFileSync(f, "utf8");
  const [, first] = cpu(() => buildFile(f, code, {}));
  const n = first.module?.stats.functions ?? 0;
  if (!n) continue;
  const added = [];
  for (let i = 0; i < rounds; i++) {
    const [plain] = cpu(() => buildFile(f, code, { plain: true }));
    const [full] = cpu(() => buildFile(f, code, {}));
    added.push(full - plain);
  }
  const ms = median(added) / n;
  perFn.push(ms);
  total += median(added);
  fns += n;
  console.log(`${path.relative(repo, f).padEnd(36)} ${String(n).padStart(2)} jit  ${ms.toFixed(2)} ms/function`);
}
const summary = `total ${total.toFixed(1)} ms for ${fns} functions (${(total / fns).toFixed(2)} ms mean)`;
console.log(`median over files: ${median(perFn).toFixed(2)} ms per jit function; ${summary}`);
