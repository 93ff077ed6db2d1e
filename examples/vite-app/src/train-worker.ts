// The training demo's Web Worker. A worker may block in Atomics.wait, so here — in a cross-origin isolated
// page (the plugin's COOP/COEP headers) — numjit splits large kernels over its worker pool, which a page's
// main thread never can. It trains the MLP of mlp.ts from the seeded start, posts each step's loss, then
// the whole run with what the pool did. It also runs the first step on one thread: the pool's results must
// be bit-identical to it (runtime README, "Threads").
import { getThreads, setThreads } from "@numjit/runtime";
import { poolStats, threadsReady } from "@numjit/runtime/internal";
import { makeProblem, sgdStepJit, train, type TrainResult } from "./mlp.js";

export interface WorkerReport {
  /** `typeof document`: "undefined" in a worker. */
  document: string;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** getThreads() while training. */
  threads: number;
  /** Kernels split over the pool during the run, and chunks of them the workers ran. */
  poolJobs: number;
  workerChunks: number;
  /** The first step on the pool equals the first step on one thread, bit for bit (every output). */
  sameBitsAsOneThread: boolean;
  result: TrainResult;
}
export type WorkerMessage =
  | { type: "step"; step: number; loss: number; ms: number }
  | { type: "done"; report: WorkerReport }
  | {
      type: "error";
      error: string;
    };

const post = (m: WorkerMessage): void => self.postMessage(m);

/** Every output of one step from the seeded start, as raw bits, on `threads` threads. */
function firstStepBits(threads: number): Uint32Array[] {
  const before = getThreads();
  setThreads(threads);
  try {
    const { params, xs, ys } = makeProblem(1);
    const r = sgdStepJit(params, xs[0]!, ys[0]!);
    return [r.loss, r.params.w1, r.params.b1, r.params.w2, r.params.b2].map(
      (a) => new Uint32Array(Float32Array.from(a.toTypedArray()).buffer),
    );
  } finally {
    setThreads(before);
  }
}

const sameBits = (a: Uint32Array[], b: Uint32Array[]): boolean =>
  a.length === b.length && a.every((x, i) => x.length === b[i]!.length && x.every((v, j) => v === b[i]![j]));

self.onmessage = async (e: MessageEvent<{ steps: number }>) => {
  try {
    await threadsReady(); // start the pool's workers before timing anything
    const threads = getThreads();
    const sameBitsAsOneThread = sameBits(firstStepBits(1), firstStepBits(threads));
    const jobs = poolStats.jobs,
      chunks = poolStats.workerChunks;
    const result = await train(e.data.steps, (step, loss, ms) => post({ type: "step", step, loss, ms }));
    post({
      type: "done",
      report: {
        document: typeof document,
        crossOriginIsolated: globalThis.crossOriginIsolated,
        hardwareConcurrency: navigator.hardwareConcurrency,
        threads,
        poolJobs: poolStats.jobs - jobs,
        workerChunks: poolStats.workerChunks - chunks,
        sameBitsAsOneThread,
        result,
      },
    });
  } catch (err) {
    post({ type: "error", error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
