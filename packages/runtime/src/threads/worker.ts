// What a pool worker runs, and the chunk-claiming loop it shares with the calling thread. The worker
// source is built from these two functions' text (workerSource), so they must stay self-contained:
// no imports, no outer bindings, plain JS that runs in a Node worker or a Web Worker alike. The worker
// loop gets the claiming loop and the control block's layout as arguments, not by name: a minifier (a
// production browser bundle) renames both functions, and a name in one function's text would not
// match the other's.
//
// A job is a list of chunks (the argument lists of one exported wasm function over disjoint parts of
// the output), described in shared memory: the kernel's key, the chunk count and the arguments (a
// Float64Array, exact for every i32 and f32 argument). The job word packs the job number and the next
// unclaimed chunk: (job << 16) | next. Every participant — the caller and each worker it woke — claims
// chunks with a compare-exchange on it until none are left, so a worker that wakes late (or never: it
// died) only means the caller runs more chunks itself. The caller wakes worker i by storing the job
// number in its wake word and Atomics.notify; the worker spins on that word for a while after each job
// (the next kernel often follows at once), then blocks in Atomics.wait. Messages only carry what a
// worker needs once — the memory, a kernel's module, a larger argument buffer — and are read when a
// worker that lacks one of them returns to its event loop: they were posted before the wake-up.

/** Int32 slots of a pool's control block (a SharedArrayBuffer); `errAt` is a byte offset. */
export const CTL = {
  job: 0,
  done: 1,
  failed: 2,
  errLen: 3,
  ready: 4,
  kernel: 5,
  chunks: 6,
  nargs: 7,
  gen: 8,
  /** wasm instances the workers have made (a module handed over ahead of its first job counts) */
  instances: 9,
  errAt: 64,
  errBytes: 1024,
  /** wake word of worker i: wake + i, up to 256 workers */
  wake: 288,
  /**
   * messages posted to worker i: posted + i (counted before each postMessage, then its wake word is
   * notified): a worker serving jobs goes back to its event loop while it has not received them all
   */
  posted: 544,
  bytes: 4 * (544 + 256),
} as const;

/**
 * Runs unclaimed chunks of job `job` (of `n` chunks; `args(c)` is chunk c's argument list) until there
 * are none. A chunk that throws records the first failure's message in the control block; every
 * claimed chunk counts as done, thrown or not, and the last one wakes the caller. Returns how many
 * chunks this thread ran. (Slot numbers are CTL's.)
 */
export function claimChunks(
  ctl: Int32Array,
  job: number,
  n: number,
  run: (...a: number[]) => void,
  args: (c: number) => ArrayLike<number>,
): number {
  let ran = 0;
  for (;;) {
    const v = Atomics.load(ctl, 0);
    if (v >>> 16 !== job || (v & 0xffff) >= n) return ran;
    if (Atomics.compareExchange(ctl, 0, v, v + 1) !== v) continue;
    ran++;
    try {
      run(...(args(v & 0xffff) as number[]));
    } catch (e) {
      if (Atomics.compareExchange(ctl, 2, 0, 1) === 0) {
        const msg = new TextEncoder().encode(String((e as Error | undefined)?.message ?? e)).subarray(0, 1024);
        new Uint8Array(ctl.buffer, 64, 1024).set(msg);
        Atomics.store(ctl, 3, msg.length);
      }
    }
    if (Atomics.add(ctl, 1, 1) + 1 === n) Atomics.notify(ctl, 1);
  }
}

/** What the pool posts to a worker. */
export type WorkerMessage =
  | { mem: WebAssembly.Memory; ctl: SharedArrayBuffer; slot: number; spinUs: number }
  | { key: number; id: number; fn: string; module?: WebAssembly.Module }
  | { id: number; module: WebAssembly.Module } // instantiate ahead of its first job (threads/pool.ts warmPool)
  | { args: SharedArrayBuffer; gen: number };

/**
 * The worker: reads its messages, then serves jobs (spin, then Atomics.wait) until one needs a message or
 * one is posted (CTL.posted): it returns to its event loop to read it, and serves again after.
 */
function workerMain(claim: typeof claimChunks, L: typeof CTL): void {
  type Port = { on?: (e: "message", f: (m: unknown) => void) => void };
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => { parentPort: Port } } }).process;
  const port = proc?.getBuiltinModule ? proc.getBuiltinModule("node:worker_threads").parentPort : null;
  let mem: WebAssembly.Memory | undefined;
  let ctl: Int32Array | undefined;
  let wake = 0;
  let posted = 0;
  let received = 0;
  let spinUs = 0;
  let args: Float64Array = new Float64Array(0);
  let gen = -1;
  let handled = 0;
  const instances = new Map<number, WebAssembly.Exports | null>();
  /** kernel key → its function; false: this engine cannot run it here (the caller runs its chunks) */
  const kernels = new Map<number, ((...a: number[]) => void) | false>();

  /** Takes part in job `job`; false when it needs a message first (a kernel or argument buffer). */
  const take = (c: Int32Array, job: number): boolean => {
    const v = Atomics.load(c, L.job);
    const n = Atomics.load(c, L.chunks);
    if (v >>> 16 !== job || (v & 0xffff) >= n) return true;
    const run = kernels.get(Atomics.load(c, L.kernel));
    if (run === undefined || Atomics.load(c, L.gen) !== gen) return false;
    if (run === false) return true;
    const na = Atomics.load(c, L.nargs);
    claim(c, job, n, run, (i) => args.subarray(i * na, i * na + na));
    return true;
  };

  const serve = (c: Int32Array): void => {
    for (;;) {
      // a message is on its way (a module to instantiate ahead of its first job: threads/pool.ts warmPool)
      if (Atomics.load(c, posted) !== received) return;
      const job = Atomics.load(c, wake);
      if (job !== handled) {
        if (!take(c, job)) return; // back to the event loop: the message it needs is queued
        handled = job;
      }
      const t0 = performance.now();
      while (Atomics.load(c, wake) === handled && performance.now() - t0 < spinUs);
      Atomics.wait(c, wake, handled);
    }
  };

  const onMessage = (m: WorkerMessage) => {
    received++;
    if ("mem" in m) {
      mem = m.mem;
      ctl = new Int32Array(m.ctl);
      wake = L.wake + m.slot;
      posted = L.posted + m.slot;
      spinUs = m.spinUs;
      Atomics.add(ctl, L.ready, 1);
    } else if ("args" in m) {
      args = new Float64Array(m.args);
      gen = m.gen;
    } else {
      let ex = instances.get(m.id);
      if (ex === undefined && m.module) {
        try {
          ex = new WebAssembly.Instance(m.module, { env: { mem: mem! } }).exports;
        } catch {
          ex = null;
        }
        instances.set(m.id, ex);
        Atomics.add(ctl!, L.instances, 1);
      }
      if ("key" in m) {
        const run = ex?.[m.fn];
        kernels.set(m.key, typeof run === "function" ? (run as (...a: number[]) => void) : false);
      } // else a warm-up load (threads/pool.ts warmPool): the instance waits for the module's first job
    }
    serve(ctl!);
  };
  if (port?.on) port.on("message", (m) => onMessage(m as WorkerMessage));
  else (globalThis as { onmessage?: unknown }).onmessage = (e: { data: WorkerMessage }) => onMessage(e.data);
}

/** The worker script: the worker loop called with the claiming loop and the layout. */
export function workerSource(): string {
  return `"use strict";\n(${workerMain.toString()})(${claimChunks.toString()}, ${JSON.stringify(CTL)});\n`;
}
