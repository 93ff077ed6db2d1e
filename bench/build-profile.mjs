// Where build time goes: CPU profiles (node:inspector) of `numjit build` and of a plain transpile over the
// same files (examples/ and bench/kernels/, or the given inputs), after a warm-up; prints the top functions
// by self time of what numjit adds (full minus plain, per round) and the inclusive time of the compiler's
// phases and the runtime's build-time steps.
//   node bench/build-profile.mjs [files|dirs...] [--rounds N] [--top N] [--cold]
// --cold: the compiler's content caches are cleared before every build (a changed function, not a rebuild).
import fs from "node:fs";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv.splice(i, 2)[1]) : dflt;
};
const rounds = opt("--rounds", 10);
const top = opt("--top", 15);
const cold = argv.includes("--cold") && argv.splice(argv.indexOf("--cold"), 1);
const { buildFile, collectFiles, clearBuildCaches } = await import(path.join(repo, "packages/compiler/dist/index.js"));
const { files } = collectFiles(argv.length ? argv : [path.join(repo, "examples"), path.join(repo, "bench/kernels")]);
const sources = files.map((f) => [f, fs.readFileSync(f, "utf8")]);
const build = (plain) => {
  for (const [f, code] of sources) {
    if (cold) clearBuildCaches();
    buildFile(f, code, { plain });
  }
};

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
/** Per function (name, file, line): self and inclusive microseconds over `rounds` builds of every file. */
async function profile(plain) {
  for (let i = 0; i < 3; i++) build(plain);
  await session.post("Profiler.start");
  for (let i = 0; i < rounds; i++) build(plain);
  const { profile: p } = await session.post("Profiler.stop");
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (url) => url.replace(/^.*\/(node_modules|packages)\//, "").replace("/dist/", "/");
  const key = ({ callFrame: cf }) => `${cf.functionName || "(anonymous)"} ${where(cf.url)}:${cf.lineNumber + 1}`;
  const self = new Map();
  const incl = new Map();
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const k = key(nodes.get(id));
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const kk = key(nodes.get(n));
      if (!seen.has(kk)) incl.set(kk, (incl.get(kk) ?? 0) + dt);
      seen.add(kk);
    }
  });
  return { self, incl, raw: p, total: p.timeDeltas.reduce((a, b) => a + b, 0) };
}
const full = await profile(false);
if (process.env.PROFILE_OUT) fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(full.raw));
const plain = await profile(true);
const ms = (us) => (us / 1000 / rounds).toFixed(2).padStart(8);
const added = full.total - plain.total;
console.log(`${files.length} files, ${rounds} rounds${cold ? ", caches cleared before every build" : ""}`);
console.log(`per round: numjit build ${ms(full.total)} ms, plain transpile ${ms(plain.total)} ms, added ${ms(added)} ms\n`);
console.log(`top ${top} by self time of the added work (full minus plain; ms per round, % of added):`);
const diff = [...full.self].map(([k, t]) => [k, t - (plain.self.get(k) ?? 0)]).sort((a, b) => b[1] - a[1]);
for (const [k, t] of diff.slice(0, top)) console.log(`${ms(t)} ${((100 * t) / added).toFixed(1).padStart(5)}%  ${k}`);
const steps = [
  "compileConverted",
  "autograph",
  "find",
  "analyse",
  "traceCall",
  "traceSymbolic",
  "optimizeAndSchedule",
  "emitPlan",
  "kernelFor",
  "codegen",
  "shipWasm",
  "planEmit",
  "checkEmitted",
  "spliceDecls",
];
console.log("\ninclusive time of the pipeline's steps (full build; ms per round, % of added):");
const incl = [...full.incl].filter(([k]) => steps.includes(k.split(" ")[0]) && /^(compiler|runtime)\//.test(k.split(" ")[1]));
for (const [k, t] of incl.sort((a, b) => b[1] - a[1])) console.log(`${ms(t)} ${((100 * t) / added).toFixed(1).padStart(5)}%  ${k}`);
