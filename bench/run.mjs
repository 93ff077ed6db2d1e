// `npm run bench` (full run: rewrites bench/RESULTS.md and bench/plots/*.svg)
// `npm run bench -- --quick` (~1 minute smoke run: writes bench/out/ instead)
// `npm run bench -- --only W2,W3` (a subset: writes bench/out/)
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

// Expose gc() so the timer can start every measurement from a clean heap.
if (typeof globalThis.gc !== "function") {
  v8.setFlagsFromString("--expose-gc");
  globalThis.gc = vm.runInNewContext("gc");
}

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKLOADS = ["w0-seed", "w1-dispatch", "w2-chain", "w3-softmax", "w4-matmul", "w5-mlp", "w6-compile", "w7-linalg"];

function parseArgs(argv) {
  const opts = { quick: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") opts.quick = true;
    else if (a === "--only") opts.only = (argv[++i] ?? "").toUpperCase().split(",").filter(Boolean);
    else if (a.startsWith("--only=")) opts.only = a.slice(7).toUpperCase().split(",").filter(Boolean);
    else if (a === "--help" || a === "-h") {
      process.stdout.write(
        "usage: node bench/run.mjs [--quick] [--only W1,W2,...]\n" +
          "  (no flags)  full run, rewrites bench/RESULTS.md and bench/plots/\n" +
          "  --quick     ~1 minute smoke run, writes bench/out/\n" +
          "  --only      run some workloads (W0..W7), writes bench/out/\n",
      );
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument ${a} (try --help)\n`);
      process.exit(2);
    }
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const partial = opts.quick || opts.only !== null;
  const outDir = partial ? path.join(here, "out") : here;
  const t0 = performance.now();
  const say = (m) => process.stderr.write(m + "\n");
  const resultsPath = path.relative(process.cwd(), path.join(outDir, "RESULTS.md"));
  say(`bench: ${opts.quick ? "quick" : "full"} run${opts.only ? ` of ${opts.only.join(",")}` : ""}; results → ${resultsPath}`);

  const { buildKernels } = await import("./build-kernels.mjs");
  const { loadJax, loadNdarray, loadNumjit, loadTf, firstLine } = await import("./lib/peers.mjs");
  const { machineInfo, loadAvg } = await import("./lib/machine.mjs");
  const loadAtStart = loadAvg();
  const { runCase } = await import("./lib/runner.mjs");
  const { makeProgress } = await import("./lib/progress.mjs");
  const { writeReport, printSummary } = await import("./lib/report.mjs");

  say("bench: building bench/kernels (runtime jit + @numjit/compiler) …");
  const manifest = await buildKernels();
  say(`bench: compiler: ${manifest.compiler.ok ? "transform() available" : manifest.compiler.note}`);

  say("bench: loading libraries …");
  const numjit = await loadNumjit();
  const tf = await loadTf().catch((e) => ({
    backends: { cpu: { ok: false, note: firstLine(e) }, wasm: { ok: false, note: firstLine(e) } },
    version: "?",
  }));
  const jax = await loadJax().catch((e) => ({ device: null, notes: [firstLine(e)], version: "?" }));
  const nd = await loadNdarray();
  const { probeJaxXla } = await import("./lib/impls.mjs");
  const ctx = { quick: opts.quick, numjit, tf, jax, nd, manifest, jaxXla: await probeJaxXla(), progress: null };

  const mods = [];
  for (const name of WORKLOADS) {
    const mod = await import(`./workloads/${name}.mjs`);
    if (!opts.only || opts.only.includes(mod.id)) mods.push(mod);
  }
  const plan = mods.map((mod) => ({ mod, cases: mod.cases(ctx) }));
  const { rounds } = await import("./lib/measure.mjs");
  const total = plan.reduce((n, p) => n + p.cases.reduce((m, c) => m + (c.steps ?? c.impls.length + rounds(opts.quick)), 0), 0);
  ctx.progress = makeProgress(total);

  const results = [];
  for (const { mod, cases } of plan) {
    const res = { id: mod.id, title: mod.title, description: mod.description, cases: [] };
    results.push(res);
    for (const c of cases) {
      globalThis.gc();
      res.cases.push(c.custom ? await c.custom(ctx) : await runCase(c, ctx));
    }
  }
  ctx.progress.stop();

  const env = {
    date: new Date().toISOString(),
    mode: opts.quick ? "quick" : "full",
    only: opts.only,
    seconds: (performance.now() - t0) / 1000,
    machine: { ...machineInfo(), loadAtStart },
    libs: {
      numjit: {
        version: numjit.version,
        jit: numjit.jitNote || "available",
        grad: numjit.gradNote || "available",
        threads: numjit.rt.getThreads?.() ?? 1,
        memory: { ...numjit.memoryStats },
      },
      compiler: manifest.compiler,
      precompiled: Object.fromEntries(Object.entries(manifest.precompiled).map(([k, v]) => [k, v.ok ? "ok" : v.note])),
      tfjs: { version: tf.version, backends: tf.backends },
      jax: { version: jax.version, device: jax.device, notes: jax.notes },
      ndarray: { version: nd.version },
    },
  };
  await mkdir(path.join(here, "out"), { recursive: true });
  await writeFile(path.join(here, "out", `results-${env.mode}.json`), JSON.stringify({ env, results }, null, 2));
  const written = await writeReport({ env, results, outDir });
  printSummary({ env, results });
  const { resident, fallbacks } = numjit.memoryStats ?? {};
  say(`bench: numjit wasm memory: ${resident} arrays placed resident, ${fallbacks} sent to the JS heap past the resident limit`);
  say(`bench: wrote ${written.map((f) => path.relative(process.cwd(), f)).join(", ")} in ${env.seconds.toFixed(0)} s`);
}

main().catch((e) => {
  process.stderr.write(`bench: failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
