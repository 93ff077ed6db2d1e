// Runs a precompiled kernel module in a process started with --disallow-code-generation-from-strings:
// no eval, no new Function — what a strict CSP allows. Times it by hand (mitata itself generates code).
// Usage: node --disallow-code-generation-from-strings noeval-child.mjs '<json>'
import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { uniform } from "./data.mjs";

const { file, exportName, inputs, outFile, samples, warm } = JSON.parse(process.argv[2]);
let codegen = "allowed";
try {
  new Function("return 1");
} catch {
  codegen = "blocked";
}
const rt = await import("@numjit/runtime");
const np = rt.numpy;
const mod = await import(pathToFileURL(file).href);
const f = mod[exportName];
const args = inputs.map((s) => np.reshape(np.array(uniform(s.n, s.seed, s.lo, s.hi)), s.shape));
const out = f(...args).toTypedArray();
await writeFile(outFile, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
for (let i = 0; i < warm; i++) f(...args);
const times = [];
for (let i = 0; i < samples; i++) {
  const t0 = process.hrtime.bigint();
  f(...args);
  times.push(Number(process.hrtime.bigint() - t0));
}
process.stdout.write(JSON.stringify({ codegen, times, cacheInfo: f.cacheInfo?.() ?? null }) + "\n");
