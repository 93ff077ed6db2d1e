// What a pool worker runs, and the chunk-claiming loop it shares with the calling thread. The worker
// source is built from these two functions' text (workerSource), so they must stay self-contained:
// no imports, no outer bindings, plain JS that runs in a Node worker or a Web Worker alike. The message
// loop gets the claiming loop as an argument, not by name: a minifier (a production browser bundle)
// renames both functions, and a name in one function's text would not match the other's.
//
// A job is a list of chunks (the argument lists of one exported wasm function over disjoint parts of
// the output). The job word packs the job number and the next unclaimed chunk: (job << 16) | next.
// Every participant — the caller and each worker it woke — claims chunks with a compare-exchange on
// it until none are left, so a worker that wakes late (or never: it died) only means the caller runs
// more chunks itself. A stale wake-up from an earlier job sees another job number and does nothing.

/** Int32 slots of a pool's control block (a SharedArrayBuffer). */
export const CTL = { job: 0, done: 1, failed: 2, errLen: 3, ready: 4, errAt: 32, bytes: 32 + 1024 } as const;

/**
 * Runs unclaimed chunks of job `job` until there are none. A chunk that throws records the first
 * failure's message in the control block; every claimed chunk counts as done, thrown or not, and the
 * last one wakes the caller. Returns how many chunks this thread ran. (Slot numbers are CTL's.)
 */
export function claimChunks(ctl: Int32Array, job: number, run: (...a: number[]) => void, chunks: number[][]): number {
  let ran = 0;
  for (;;) {
    const v = Atomics.load(ctl, 0);
    if (v >>> 16 !== job || (v & 0xffff) >= chunks.length) return ran;
    if (Atomics.compareExchange(ctl, 0, v, v + 1) !== v) continue;
    ran++;
    try {
      run(...chunks[v & 0xffff]!);
    } catch (e) {
      if (Atomics.compareExchange(ctl, 2, 0, 1) === 0) {
        const msg = new TextEncoder().encode(String((e as Error | undefined)?.message ?? e)).subarray(0, 1024);
        new Uint8Array(ctl.buffer, 32, 1024).set(msg);
        Atomics.store(ctl, 3, msg.length);
      }
    }
    if (Atomics.add(ctl, 1, 1) + 1 === chunks.length) Atomics.notify(ctl, 1);
  }
}

interface RunMessage {
  job: number;
  id: number;
  module?: WebAssembly.Module;
  fn: string;
  chunks: number[][];
}
/** A module to instantiate ahead of its first job (threads/pool.ts warmPool). */
interface LoadMessage {
  id: number;
  module: WebAssembly.Module;
}

/** The worker's message loop: {mem, ctl} once, then load messages and run messages (carrying a module the first time). */
function workerMain(claim: typeof claimChunks): void {
  type Port = { on?: (e: "message", f: (m: unknown) => void) => void };
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => { parentPort: Port } } }).process;
  const port = proc?.getBuiltinModule ? proc.getBuiltinModule("node:worker_threads").parentPort : null;
  let mem: WebAssembly.Memory | undefined;
  let ctl: Int32Array | undefined;
  const fns = new Map<number, WebAssembly.Exports>();
  const onMessage = (m: { mem: WebAssembly.Memory; ctl: SharedArrayBuffer } | RunMessage | LoadMessage) => {
    if ("mem" in m) {
      mem = m.mem;
      ctl = new Int32Array(m.ctl);
      Atomics.add(ctl, 4, 1);
      return;
    }
    let ex = fns.get(m.id);
    if (!ex && m.module) {
      try {
        fns.set(m.id, (ex = new WebAssembly.Instance(m.module, { env: { mem: mem! } }).exports));
      } catch {
        return; // this engine cannot run the kernel here: the caller runs every chunk
      }
    }
    if (!("fn" in m)) return;
    const run = ex?.[m.fn];
    if (typeof run === "function") claim(ctl!, m.job, run as (...a: number[]) => void, m.chunks);
  };
  if (port?.on) port.on("message", (m) => onMessage(m as Parameters<typeof onMessage>[0]));
  else (globalThis as { onmessage?: unknown }).onmessage = (e: { data: Parameters<typeof onMessage>[0] }) => onMessage(e.data);
}

/** The worker script: the message loop called with the claiming loop. */
export function workerSource(): string {
  return `"use strict";\n(${workerMain.toString()})(${claimChunks.toString()});\n`;
}
