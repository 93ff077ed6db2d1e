// The training demo, page side: the MLP of mlp.ts trained in a Web Worker (train-worker.ts, on the worker
// pool), then on this main thread (one thread: a page's main thread may not block, so numjit starts no
// pool here), from the same seeded start. Both loss curves agree to float32 rounding: the worker's
// kernels are wasm on every core, the page's are JS (its CSP has no 'wasm-unsafe-eval').
import { getThreads } from "@numjit/runtime";
import { train, type TrainResult } from "./mlp.js";
import type { WorkerMessage, WorkerReport } from "./train-worker.js";

export const STEPS = 12;

export interface StepRow {
  workerLoss?: number;
  workerMs?: number;
  mainLoss?: number;
  mainMs?: number;
}

export interface TrainingState {
  rows: StepRow[];
  worker: WorkerReport | null;
  main: (TrainResult & { threads: number }) | null;
  /** The largest |loss in the worker - loss here| / |loss here| over the steps. */
  maxRelDiff: number | null;
  done: boolean;
}

export const trainingState = (): TrainingState => ({ rows: [], worker: null, main: null, maxRelDiff: null, done: false });

/** Trains in the worker, then here; `render` runs after every step of either. */
export async function runTraining(state: TrainingState, render: () => void): Promise<void> {
  const row = (i: number): StepRow => (state.rows[i] ??= {});
  const worker = new Worker(new URL("./train-worker.ts", import.meta.url), { type: "module" });
  try {
    state.worker = await new Promise<WorkerReport>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.type === "step") {
          Object.assign(row(m.step), { workerLoss: m.loss, workerMs: m.ms });
          render();
        } else if (m.type === "done") resolve(m.report);
        else reject(new Error(`in the worker: ${m.error}`));
      };
      worker.onerror = (e) => reject(new Error(`the worker failed to run: ${e.message}`));
      worker.postMessage({ steps: STEPS });
    });
  } finally {
    worker.terminate();
  }
  render();
  // yield to the event loop between steps, so the animation keeps running
  const main = await train(STEPS, async (i, loss, ms) => {
    Object.assign(row(i), { mainLoss: loss, mainMs: ms });
    render();
    await new Promise((r) => setTimeout(r, 0));
  });
  const inWorker = state.worker.result.losses;
  state.main = { ...main, threads: getThreads() };
  state.maxRelDiff = Math.max(...main.losses.map((l, i) => Math.abs(l - inWorker[i]!) / Math.abs(l)));
  state.done = true;
  render();
}
