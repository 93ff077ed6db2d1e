#!/usr/bin/env node
// npm run fuzz:jax -- --seed 1 --n 3000 --grad 500 --vmap 200 [--shrink 6] [--out report.json]
// Generates programs with JAX references (gen.py) into a temporary file, then runs them with numjit (run.mjs).
import { spawnSync } from "node:child_process";
import { openSync, closeSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const GEN = new Set(["--seed", "--n", "--grad", "--vmap", "--jobs"]);
const genArgs = [],
  runArgs = [];
for (let i = 0; i < args.length; i += 2) (GEN.has(args[i]) ? genArgs : runArgs).push(args[i], args[i + 1]);
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const file = join(mkdtempSync(join(tmpdir(), "numjit-fuzz-")), "programs.jsonl");
const fd = openSync(file, "w");
const gen = spawnSync("python3", [here("./gen.py"), ...genArgs], { stdio: ["ignore", fd, "inherit"] });
closeSync(fd);
if (gen.status !== 0) process.exit(gen.status ?? 1);
console.error(`programs in ${file}`);
const run = spawnSync(process.execPath, [here("./run.mjs"), file, ...runArgs], { stdio: "inherit" });
process.exit(run.status ?? 1);
