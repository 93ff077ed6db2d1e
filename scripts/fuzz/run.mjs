#!/usr/bin/env node
// Differential fuzz, Node side: runs every program of a gen.py file with numjit in each mode, compares
// with JAX's results, classifies, shrinks failures and prints the distinct minimal reproducers.
//   node scripts/fuzz/run.mjs /tmp/fz.jsonl [--shrink 6] [--out report.json] [--only jit,grad_jit] [--id fwd-1-17]
import { readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { NumjitError } from "@numjit/runtime";
import { runMode, MODES } from "./modes.mjs";
import { classify, CLASSES, expectedFor } from "./compare.mjs";
import { shrink, describe, signature, dense } from "./shrink.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!file) {
  console.error("usage: node scripts/fuzz/run.mjs programs.jsonl [--shrink N] [--out report.json] [--only modes] [--id id]");
  process.exit(2);
}
const shrinkPer = Number(opt("shrink", 2));
let shrinkTotal = Number(opt("shrink-total", 16)); // each shrink step costs a JAX compile
const only = opt("only", null)?.split(",");
const onlyId = opt("id", null);
// JSON lines: a header {seed, jax}, then one program per line (a partial file from a running gen.py works)
const lines = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim());
const { seed, jax } = JSON.parse(lines[0]);
const programs = [];
for (const l of lines.slice(1)) {
  try {
    programs.push(JSON.parse(l));
  } catch {
    /* a line still being written */
  }
}

/** JAX references for shrunk programs, from gen.py --serve (one JSON line in, one out). */
function jaxServer() {
  const py = spawn("python3", [fileURLToPath(new URL("./gen.py", import.meta.url)), "--serve"], { stdio: ["pipe", "pipe", "inherit"] });
  const rl = createInterface({ input: py.stdout });
  const waiting = [];
  rl.on("line", (l) => waiting.shift()(JSON.parse(l)));
  return {
    expected: (prog) =>
      new Promise((res) => {
        waiting.push(res);
        py.stdin.write(JSON.stringify(prog) + "\n");
      }),
    close: () => py.stdin.end(),
  };
}

/** The innermost runtime frame of a raw error: crashes with the same site are one root cause. */
function crashSite(e) {
  const st = String(e?.stack ?? "");
  const m = st.match(/packages\/runtime\/dist\/([^):]+:\d+)/) ?? st.match(/(scripts\/fuzz\/[^):]+:\d+)/);
  return m ? m[1] : "?"; // a scripts/fuzz site is a bug of the harness, not of numjit
}

/** Cheap root split for mismatches (no new JAX reference needed: the logical inputs are the same). */
function mismatchRoot(prog, mode) {
  const contiguous = { ...prog, inputs: prog.inputs.map(dense), vinputs: prog.vinputs?.map(dense) };
  const layout = evaluate(contiguous, mode, false).cls === "match" ? "view-dependent" : "with contiguous inputs too";
  const base = { jit: "eager", jit_cached: "eager", jit_grad: "grad", grad_jit: "grad", jit_jvp: "jvp", jit_vmap: "vmap" }[mode];
  const where = base ? (evaluate(prog, base, false).cls === "match" ? `${mode} only (${base} ok)` : `${base} too`) : mode;
  return `mismatch ${where}, ${layout}`;
}

function evaluate(prog, mode, split = true) {
  const exp = expectedFor(prog, MODES[mode].ref);
  let got;
  try {
    got = { ok: runMode(prog, mode) };
  } catch (e) {
    got =
      e instanceof NumjitError
        ? { typed: `${e.name} ${e.code}`, message: e.message }
        : { crash: `${e?.name}: ${e?.message}`, site: crashSite(e) };
  }
  const f32Inputs = prog.inputs.some((i) => i.dtype === "float32");
  const r = classify(exp, got, MODES[mode].grad, f32Inputs);
  if (split && r.cls === "mismatch") r.root = mismatchRoot(prog, mode);
  return r;
}

const counts = {};
const failures = [];
const SUPPORTED = new Set(["float32", "float64", "int32", "bool"]);
let skipped = 0;
if (args.includes("--refresh-errors")) {
  // recompute the references where JAX raised, with the current jaxinterp.py (after encoding a new deviation)
  const srv = jaxServer();
  for (const p of programs) if (Object.values(p.expected).some((e) => e.error)) p.expected = await srv.expected(p);
  srv.close();
}
const refresh = args.includes("--refresh") ? jaxServer() : null;
const t0 = performance.now();
for (const prog of programs) {
  if (onlyId && prog.id !== onlyId) continue;
  if (!prog.inputs.every((s) => SUPPORTED.has(s.dtype))) {
    skipped++;
    continue;
  } // generator bug (numpy dtype leaked)
  for (const mode of Object.keys(MODES)) {
    if (!MODES[mode].kinds.includes(prog.kind) || (only && !only.includes(mode))) continue;
    let r = evaluate(prog, mode);
    if (refresh && (r.cls === "mismatch" || r.cls === "jaxerr_vs_ok")) {
      // a reference computed before a deviation was encoded in jaxinterp.py: recompute it, then judge again
      prog.expected = await refresh.expected(prog);
      r = evaluate(prog, mode);
    }
    const key = `${prog.kind}:${mode}`;
    counts[key] ??= Object.fromEntries(CLASSES.map((c) => [c, 0]));
    counts[key][r.cls]++;
    if (r.cls !== "match" && r.cls !== "deviation") failures.push({ prog, mode, r });
  }
}
const runSeconds = (performance.now() - t0) / 1000;
refresh?.close();

const perKind = {};
for (const p of programs) perKind[p.kind] = (perKind[p.kind] ?? 0) + 1;
console.log(`numjit vs JAX ${jax}, seed ${seed}: ${JSON.stringify(perKind)} programs (${skipped} skipped), ${runSeconds.toFixed(1)} s\n`);
console.log(["kind:mode".padEnd(18), ...CLASSES.map((c) => c.padStart(14))].join(""));
for (const [k, c] of Object.entries(counts)) console.log([k.padEnd(18), ...CLASSES.map((x) => String(c[x]).padStart(14))].join(""));
const failedProgs = {};
for (const f of failures) (failedProgs[f.r.cls] ??= new Set()).add(f.prog.id);
console.log("\nprograms with >= 1 failing mode, per class:", Object.fromEntries(Object.entries(failedProgs).map(([c, s]) => [c, s.size])));

// Raw crashes grouped by message and runtime site, typed errors by code: each group is one root cause.
const byRoot = new Map();
for (const f of failures) {
  const root = f.r.root ?? f.r.cls;
  const g = byRoot.get(root) ?? { n: 0, modes: new Set(), progs: new Set(), examples: [] };
  g.n++;
  if (g.examples.length < 4 && !g.progs.has(f.prog.id)) g.examples.push(`${f.prog.id} ${f.mode}: ${f.r.detail}`);
  g.modes.add(f.mode);
  g.progs.add(f.prog.id);
  byRoot.set(root, g);
}
console.log("\nfailures by root (crash site / error code / mismatch), program-modes and programs:");
for (const [root, g] of [...byRoot].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`  ${String(g.n).padStart(5)} ${String(g.progs.size).padStart(5)}  ${root}  [${[...g.modes].join(",")}]`);
  for (const ex of g.examples) console.log(`               e.g. ${ex.slice(0, 200)}`);
}

// Shrink a few failures per (mode, root, op set), then group the minimized programs by signature.
const buckets = new Map();
for (const f of failures) {
  const ops = [...new Set(f.prog.ops.map((o) => o.op))].sort().join(",");
  const k = `${f.mode}|${f.r.root ?? f.r.cls}`;
  if (!buckets.has(k)) buckets.set(k, new Map());
  const b = buckets.get(k);
  if (!b.has(ops)) b.set(ops, f);
}
const server = shrinkPer > 0 && failures.length ? jaxServer() : null;
const groups = new Map();
for (const [k, b] of buckets) {
  for (const f of [...b.values()].slice(0, shrinkPer)) {
    if (shrinkTotal-- <= 0) break;
    if (evaluate(f.prog, f.mode).cls !== f.r.cls) {
      // fails only after other programs ran: state (caches) leaks between programs
      const key = `state-dependent|${f.mode}|${f.r.cls}`;
      const g = groups.get(key) ?? {
        cls: `${f.r.cls} (state-dependent: passes when re-run alone)`,
        modes: new Set(),
        ids: [],
        prog: f.prog,
        mode: f.mode,
        first: f.r.detail,
      };
      g.modes.add(f.mode);
      g.ids.push(f.prog.id);
      groups.set(key, g);
      continue;
    }
    const small = await shrink(f.prog, f.mode, f.r.cls, evaluate, server);
    const sig = `${f.r.cls}|${signature(small)}`;
    const g = groups.get(sig) ?? { cls: f.r.cls, modes: new Set(), ids: [], prog: small, mode: f.mode };
    g.modes.add(f.mode);
    g.ids.push(f.prog.id);
    if (small.ops.length < g.prog.ops.length) Object.assign(g, { prog: small, mode: f.mode });
    groups.set(sig, g);
  }
  void k;
}
server?.close();

console.log(`\n${groups.size} distinct minimized reproducers (from ${failures.length} failing program-modes):`);
for (const g of groups.values()) {
  const r = evaluate(g.prog, g.mode);
  console.log(`\n[${g.cls}] modes ${[...g.modes].join(",")}; e.g. ${g.ids.slice(0, 3).join(" ")}`);
  console.log(describe(g.prog, g.mode));
  console.log(`  -> ${r.detail}${g.first ? `\n  (in the full run: ${g.first})` : ""}`);
}
const out = opt("out", null);
if (out) {
  const gs = [...groups.values()].map((g) => ({ ...g, modes: [...g.modes] }));
  writeFileSync(out, JSON.stringify({ seed, jax, counts, groups: gs }, null, 1));
}
