// The platform shim under the worker pool: how many cores there are, whether this thread may block in
// Atomics.wait, and how to start a worker running the pool's worker source — Node's worker_threads
// (loaded through process.getBuiltinModule, so no `node:` import reaches a browser bundle) or a Web
// Worker from a Blob URL. Nothing here knows what the workers run.
import type { Worker as NodeWorker } from "node:worker_threads";

interface NodeProcess {
  versions?: { node?: string };
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}
const g = globalThis as {
  process?: NodeProcess;
  navigator?: { hardwareConcurrency?: number };
  document?: unknown;
  crossOriginIsolated?: boolean;
  SharedArrayBuffer?: unknown;
};

function nodeModule<T>(id: string): T | undefined {
  const p = g.process;
  return p?.versions?.node && typeof p.getBuiltinModule === "function" ? (p.getBuiltinModule(id) as T) : undefined;
}

/** The environment variable `name` (Node), or undefined. */
export function envVar(name: string): string | undefined {
  return g.process?.env?.[name];
}

/** Logical cores: os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers. */
export function coreCount(): number {
  const os = nodeModule<{ availableParallelism?: () => number; cpus: () => unknown[] }>("node:os");
  const n = os ? (os.availableParallelism?.() ?? os.cpus().length) : g.navigator?.hardwareConcurrency;
  return Math.max(1, Math.floor(n ?? 1));
}

let bufferModule: { Buffer: { allocUnsafeSlow: (n: number) => Uint8Array } } | undefined | null = null;

/**
 * An ArrayBuffer of `bytes` whose contents are never read before written (memory.ts's GC ballast, a kernel
 * output on the JS heap): in Node an uninitialized one (Buffer.allocUnsafeSlow: malloc, no clearing;
 * `new ArrayBuffer` of 4 MiB measured 1.4 ms, as much as the W3 kernel, where glibc's calloc clears reused
 * heap memory), elsewhere `new ArrayBuffer`.
 */
export function uninitializedBuffer(bytes: number): ArrayBuffer {
  if (bufferModule === null) bufferModule = nodeModule("node:buffer");
  return bufferModule ? (bufferModule.Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer) : new ArrayBuffer(bytes);
}

let unavailable: string | null | undefined;

/**
 * Why this thread cannot run a pool, or null when it can: the caller blocks in Atomics.wait while
 * workers run, which a browser's main thread may not do, and the workers share the kernels'
 * WebAssembly.Memory, which needs SharedArrayBuffer (a cross-origin isolated page in browsers).
 */
export function poolUnavailable(): string | null {
  if (unavailable === undefined) unavailable = whyUnavailable();
  return unavailable;
}

function whyUnavailable(): string | null {
  const node = nodeModule("node:worker_threads") !== undefined;
  if (onBrowserMainThread()) {
    return "a browser's main thread cannot block in Atomics.wait; run the model in a Web Worker to use threads";
  }
  if (typeof g.SharedArrayBuffer !== "function" || typeof Atomics === "undefined") {
    return "SharedArrayBuffer is not available here (a browser page needs cross-origin isolation: COOP/COEP headers)";
  }
  if (!node && typeof Worker !== "function") return "this environment has no Worker";
  return null;
}

/** A page's main thread (not Node, which may define a `document` through jsdom, nor a worker). */
export function onBrowserMainThread(): boolean {
  return g.document !== undefined && nodeModule("node:worker_threads") === undefined;
}

/** What the pool needs of a worker, whichever kind it is. */
export interface PoolWorker {
  post(message: unknown): void;
  terminate(): void;
}

/**
 * Starts a worker running `source` (a self-contained script); `onExit` runs once if it dies or fails
 * to start. Node workers are unref'd: a script whose only remaining handles are pool workers exits.
 */
export function spawnWorker(source: string, onExit: () => void): PoolWorker {
  const wt = nodeModule<typeof import("node:worker_threads")>("node:worker_threads");
  if (wt) {
    const w: NodeWorker = new wt.Worker(source, { eval: true });
    w.unref();
    w.on("error", () => {}); // the exit event follows; the pool replaces the worker
    w.on("exit", onExit);
    return { post: (m) => w.postMessage(m), terminate: () => void w.terminate() };
  }
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const w = new Worker(url);
  URL.revokeObjectURL(url);
  w.addEventListener("error", () => {
    w.terminate();
    onExit();
  });
  return {
    post: (m) => w.postMessage(m),
    terminate: () => {
      w.terminate();
      onExit();
    },
  };
}
