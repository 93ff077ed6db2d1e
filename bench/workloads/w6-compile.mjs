// W6 compile cost: first call vs steady state of a 10-op function, for the runtime jit (trace + codegen +
// new Function on the first call), precompiled kernels (no codegen at run time) and jax-js's jit.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { compare } from "../lib/check.mjs";
import { summarize, timeIt } from "../lib/measure.mjs";
import { firstLine } from "../lib/peers.mjs";
import { appendNote, fmt } from "../lib/runner.mjs";
import { makeSubject, SHAPES } from "./w6-subjects.mjs";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export const id = "W6";
export const title = "W6 compile cost: first call vs steady state";
export const description =
  "A 10-op elementwise function (`bench/kernels/ten-ops.ts`: subtract, square, negative, exp, abs, add, sqrt, " +
  "multiply, maximum, add) on float32 inputs. **Cold**: the first call in a fresh Node process (import + " +
  "first call, median over fresh processes). **First call**: a new jitted function (fresh module instance, caches " +
  "cleared) called once inside a warm process — the cost of compiling a new function or shape in a running app. " +
  "**Steady**: the same function once cached (mitata). numjit eager has nothing to compile and is the baseline. " +
  "Steady state includes the garbage collection that back-to-back calls' allocations cause and a lone first " +
  "call escapes, so on [512, 512] first − steady can come out negative.";

const LIBS = [
  { lib: "numjit eager", group: "numjit" },
  { lib: "numjit jit", group: "numjit", variant: "runtime" },
  { lib: "numjit precompiled", group: "numjit", variant: "precompiled" },
  { lib: "jax-js jit", group: "peer" },
];

export function cases(_ctx) {
  return Object.entries(SHAPES).map(([label, shape]) => ({
    workload: id,
    name: `10 ops on [${shape.join(", ")}]`,
    steps: LIBS.length,
    custom: (c) => compileCase(c, label, shape),
  }));
}

function skipReason(ctx, l) {
  const { numjit, manifest, jax } = ctx;
  if (l.variant === "runtime") return numjit.jitNote || manifest.runtime["ten-ops"]?.note || "";
  if (l.variant === "precompiled") return manifest.precompiled["ten-ops"]?.ok ? "" : manifest.precompiled["ten-ops"]?.note || "not built";
  if (l.lib.startsWith("jax-js") && !jax.device) return `no jax-js device (${jax.notes.join("; ")})`;
  return "";
}

async function compileCase(ctx, label, shape) {
  const name = `10 ops on [${shape.join(", ")}]`;
  const reps = ctx.quick ? 2 : 5;
  const rows = [];
  let reference = null;
  for (const l of LIBS) {
    ctx.progress.step(`${id} ${name}: ${l.lib}`);
    const row = { lib: l.lib, group: l.group, status: "ok", note: "" };
    rows.push(row);
    const skip = skipReason(ctx, l);
    if (skip) {
      Object.assign(row, { status: "skipped", note: skip });
      ctx.progress.done(`skipped: ${skip}`);
      continue;
    }
    const file = l.variant ? ctx.manifest[l.variant]["ten-ops"].file : undefined;
    try {
      // Correctness first (in-process, against numjit eager).
      const probe = await makeSubject(l.lib, shape, { file, fresh: `probe-${label}` });
      const out = await probe.output();
      if (reference === null) reference = out;
      else {
        const v = compare(out, reference, { rtol: 5e-5, atol: 1e-6 });
        if (!v.ok) {
          Object.assign(row, { status: "wrong", note: `wrong answer vs numjit eager: ${v.detail}` });
          ctx.progress.done(`WRONG: ${v.detail}`);
          continue;
        }
      }
      // Cold: fresh processes.
      const cold = [];
      for (let r = 0; r < reps; r++) {
        const { stdout } = await run(process.execPath, [path.join(here, "w6-child.mjs"), JSON.stringify({ lib: l.lib, shape, file })], {
          timeout: 60_000,
        });
        cold.push(JSON.parse(stdout.trim().split("\n").pop()).first);
      }
      // First call of a new function inside this (warm) process.
      const first = [];
      let subject = null;
      for (let r = 0; r < reps * 2; r++) {
        subject = await makeSubject(l.lib, shape, { file, fresh: `${label}-${r}-${Date.now()}` });
        const t0 = performance.now();
        const res = subject.call();
        if (res instanceof Promise) await res;
        first.push((performance.now() - t0) * 1e6);
      }
      const info = subject.info?.();
      if (info && l.variant === "precompiled") {
        row.note = appendNote(row.note, `cacheInfo after first call: ${JSON.stringify(info)}`);
      }
      row.cold = summarize(cold);
      row.first = summarize(first);
      row.steady = await timeIt(subject.call, { quick: ctx.quick });
      ctx.progress.done(
        `cold ${fmt(row.cold.median / 1e6)} ms, first ${fmt(row.first.median / 1e6)} ms, steady ${fmt(row.steady.median / 1e6)} ms`,
      );
    } catch (e) {
      Object.assign(row, { status: "failed", note: appendNote(row.note, firstLine(e)) });
      ctx.progress.done(`failed: ${firstLine(e)}`);
    }
  }
  const ok = rows.filter((r) => r.status === "ok");
  const byFirst = (a, b) => (b.first.median < a.first.median ? b : a);
  const mine = ok.filter((r) => r.group === "numjit" && r.lib !== "numjit eager");
  const peers = ok.filter((r) => r.group === "peer");
  if (mine.length) mine.reduce(byFirst).bestNumjit = true;
  if (peers.length) peers.reduce(byFirst).bestPeer = true;
  return { kind: "compile", workload: id, name, unit: "ms", better: "lower", rows, note: "" };
}
