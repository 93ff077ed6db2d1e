// The page: runs the reaction-diffusion demo, the seed experiment and the training demo (a Web Worker on the
// worker pool vs this main thread), shows cacheInfo(), and exposes everything on `window.__numjit` for the
// browser test (test/browser/vite-app.test.ts).
import { GRID, ReactionDemo, STEPS, type ReactionStats } from "./reaction.js";
import { linePlot } from "./plot.js";
import { checkAdd, runSeed, type SeedRow } from "./seed.js";
import { addJit, colorizeJit, reactJit } from "./kernels.js";
import { sgdStepJit } from "./mlp.js";
import { runTraining, STEPS as TRAIN_STEPS, trainingState, type TrainingState } from "./training.js";
import { getThreads, setThreads } from "@numjit/runtime";

type CacheInfo = ReturnType<typeof addJit.cacheInfo>;

export interface PageState {
  ready: boolean;
  error: string | null;
  jitted: { add: typeof addJit; react: typeof reactJit; colorize: typeof colorizeJit; sgdStep: typeof sgdStepJit };
  cacheInfo: () => Record<string, CacheInfo>;
  seed: { rows: SeedRow[]; done: boolean; check: ReturnType<typeof checkAdd> | null };
  reaction: ReactionStats | null;
  training: TrainingState;
  /** The main thread's thread count (1: it may not block) and setThreads, for the browser test. */
  threads: { get: typeof getThreads; set: typeof setThreads };
}

declare global {
  interface Window {
    __numjit: PageState;
  }
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing`);
  return e as T;
};
const fmt = (ms: number): string => (ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

const state: PageState = {
  ready: false,
  error: null,
  jitted: { add: addJit, react: reactJit, colorize: colorizeJit, sgdStep: sgdStepJit },
  cacheInfo: () => ({
    add: addJit.cacheInfo(),
    react: reactJit.cacheInfo(),
    colorize: colorizeJit.cacheInfo(),
    sgdStep: sgdStepJit.cacheInfo(),
  }),
  seed: { rows: [], done: false, check: null },
  reaction: null,
  training: trainingState(),
  threads: { get: getThreads, set: setThreads },
};
window.__numjit = state;

function showCacheInfo(): void {
  const info = state.cacheInfo();
  const lines = Object.entries(info).map(([name, c]) => `${name.padEnd(7)} ${JSON.stringify(c)}`);
  $("cache-info").textContent = lines.join("\n");
}

let demo: ReactionDemo | undefined;

function startReaction(): void {
  demo = new ReactionDemo($<HTMLCanvasElement>("canvas"));
  $("demo-info").textContent = `${GRID}x${GRID} grid, ${STEPS} steps per frame; click the canvas to drop more reagent`;
  const d = demo;
  $<HTMLInputElement>("drive-eager").addEventListener(
    "change",
    (e) => (d.drive = (e.target as HTMLInputElement).checked ? "eager" : "jit"),
  );
  $<HTMLInputElement>("paused").addEventListener("change", (e) => (d.paused = (e.target as HTMLInputElement).checked));
  $("reset").addEventListener("click", () => d.seed());
  const jitEl = $("ms-jit");
  const eagerEl = $("ms-eager");
  const speedEl = $("speedup");
  const barJit = $("bar-jit");
  const barEager = $("bar-eager");
  const checkEl = $("demo-check");
  d.start((s) => {
    state.reaction = s;
    if (s.frames % 10 !== 1) return;
    jitEl.textContent = fmt(s.jitMs);
    eagerEl.textContent = fmt(s.eagerMs);
    speedEl.textContent = s.jitMs > 0 ? (s.eagerMs / s.jitMs).toFixed(1) : "–";
    const top = Math.max(s.eagerMs, s.jitMs, 1e-9);
    barJit.style.width = `${(100 * s.jitMs) / top}%`;
    barEager.style.width = `${(100 * s.eagerMs) / top}%`;
    const ok = s.maxDiffUV < 1e-4 && s.maxDiffRGB < 0.05;
    checkEl.textContent =
      `jit vs eager from the same state, ${s.checks} checks: fields max |Δ| ${s.maxDiffUV.toExponential(1)}, ` +
      `colours max |Δ| ${s.maxDiffRGB.toExponential(1)} ${ok ? "✓" : "✗"}`;
    checkEl.className = `fine ${ok ? "ok" : "bad"}`;
    if (s.frames % 60 === 1) showCacheInfo();
  });
}

function renderSeed(rows: SeedRow[]): void {
  const tbody = $("seed-table").querySelector("tbody")!;
  tbody.replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement("tr");
      for (const v of [
        r.n.toLocaleString("en-US"),
        fmt(r.eagerMs),
        fmt(r.jitMs),
        r.jitMs > 0 ? `${(r.eagerMs / r.jitMs).toFixed(1)}×` : "–",
      ]) {
        const td = document.createElement("td");
        td.textContent = v;
        tr.appendChild(td);
      }
      return tr;
    }),
  );
  const plot = linePlot(
    [
      { name: "eager add", color: "#f0883e", points: rows.map((r) => ({ x: r.n, y: r.eagerMs })) },
      { name: "jit(add), precompiled", color: "#3fb9f0", points: rows.map((r) => ({ x: r.n, y: r.jitMs })) },
    ],
    { xLabel: "n calls", yLabel: "total time (ms)" },
  );
  $("plot").replaceChildren(plot);
}

async function seed(): Promise<void> {
  const button = $<HTMLButtonElement>("rerun");
  button.disabled = true;
  state.seed.done = false;
  const rows: SeedRow[] = [];
  state.seed.rows = rows;
  // hold the animation while measuring: its frames would land between the timed blocks (GC, caches)
  const wasHeld = demo?.held ?? false;
  if (demo) demo.held = true;
  try {
    await runSeed((row) => {
      rows.push(row);
      renderSeed(rows);
    });
  } finally {
    if (demo) demo.held = wasHeld;
  }
  state.seed.done = true;
  button.disabled = false;
  showCacheInfo();
}

function renderTraining(): void {
  const t = state.training;
  const cell = (v: number | undefined, digits: number): string => (v === undefined ? "…" : v.toFixed(digits));
  $("training-table")
    .querySelector("tbody")!
    .replaceChildren(
      ...t.rows.map((r, i) => {
        const tr = document.createElement("tr");
        for (const v of [String(i + 1), cell(r.workerLoss, 5), cell(r.mainLoss, 5), cell(r.workerMs, 1), cell(r.mainMs, 1)]) {
          const td = document.createElement("td");
          td.textContent = v;
          tr.appendChild(td);
        }
        return tr;
      }),
    );
  const w = t.worker;
  if (w) {
    $("training-info").textContent =
      `worker: crossOriginIsolated ${w.crossOriginIsolated}, ${w.threads} thread${w.threads === 1 ? "" : "s"} of ` +
      `${w.hardwareConcurrency} cores, ${w.poolJobs} kernel calls split over the pool (${w.workerChunks} chunks ran on ` +
      `pool workers); main thread: ${getThreads()} thread. ${TRAIN_STEPS} steps each.`;
  }
  if (t.done && w) {
    const ok = t.maxRelDiff! < 1e-4 && w.sameBitsAsOneThread;
    $("training-check").textContent =
      `loss curves agree: largest relative difference ${t.maxRelDiff!.toExponential(1)}; ` +
      `the worker's first step on ${w.threads} threads is bit-identical to 1 thread: ${w.sameBitsAsOneThread} ${ok ? "✓" : "✗"}`;
    $("training-check").className = `fine ${ok ? "ok" : "bad"}`;
  }
}

async function main(): Promise<void> {
  const status = $("status");
  try {
    const check = checkAdd();
    state.seed.check = check;
    const el = $("seed-check");
    el.textContent =
      check.mismatches.length === 0
        ? `jit(add) equals eager add on ${check.cases} cases (broadcasting, 0-d, strided) ✓`
        : check.mismatches.join("\n");
    el.className = `fine ${check.mismatches.length === 0 ? "ok" : "bad"}`;
    startReaction();
    $("rerun").addEventListener("click", () => void seed());
    // let the animation paint first, then measure
    await new Promise((r) => setTimeout(r, 300));
    await seed();
    const wasHeld = demo?.held ?? false;
    if (demo) demo.held = true; // the main-thread steps time better without the animation's frames between them
    try {
      await runTraining(state.training, renderTraining);
    } finally {
      if (demo) demo.held = wasHeld;
    }
    showCacheInfo();
    state.ready = true;
    status.textContent = "running: all jit functions precompiled at build time";
    status.className = "status ok";
  } catch (e) {
    state.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    status.textContent = `error: ${state.error}`;
    status.className = "status bad";
    console.error(e);
  }
}

void main();
