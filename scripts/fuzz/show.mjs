#!/usr/bin/env node
// node scripts/fuzz/show.mjs programs.jsonl id [mode]: one program, readable, with JAX's and numjit's result.
import { readFileSync } from "node:fs";
import { describe } from "./shrink.mjs";
import { MODES, runMode } from "./modes.mjs";
import { expectedFor } from "./compare.mjs";

const [file, id, mode = null] = process.argv.slice(2);
const prog = readFileSync(file, "utf8")
  .split("\n")
  .slice(1)
  .filter((l) => l.includes(`"${id}"`))
  .map((l) => JSON.parse(l))
  .find((p) => p.id === id);
const m = mode ?? Object.keys(MODES).find((k) => MODES[k].kinds.includes(prog.kind));
console.log(describe(prog, m));
console.log("  JAX:", JSON.stringify(expectedFor(prog, MODES[m].ref)).slice(0, 400));
try {
  const r = runMode(prog, m);
  const leaves = (t) => (Array.isArray(t) ? t.flatMap(leaves) : [t]);
  console.log(
    "  numjit:",
    leaves(r)
      .map((x) => `${x.dtype}[${x.shape}] ${[...x.toTypedArray()].slice(0, 12)}`)
      .join(" | "),
  );
} catch (e) {
  console.log("  numjit threw:", String(e).slice(0, 300));
}
