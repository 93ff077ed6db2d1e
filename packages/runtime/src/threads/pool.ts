// The worker pool under the wasm kernels. The caller splits a large kernel into chunks (argument
// lists of one exported wasm function over disjoint parts of the output, codegen/wasm/split.ts),
// writes them to shared memory, wakes up to threads-1 workers through their wake words in the control
// block (Atomics.notify: no message on the hot path), claims chunks itself alongside them
// (threads/worker.ts), and blocks in Atomics.wait until every chunk is done. All participants run
// the same WebAssembly.Module instantiated against the one shared WebAssembly.Memory; a worker gets
// a kernel's module (by message) before its first job with it. Results do not depend on who ran which
// chunk.
//
// Threads: setThreads(n) > NUMJIT_THREADS > the core count. Where the pool cannot run getThreads() is 1,
// said once by console.warn: when threads were asked for, or by default where a pool was to be expected
// (a worker without SharedArrayBuffer: a page that is not cross-origin isolated). A page's main thread
// is silent by default: it never runs a pool, and the docs show the worker pattern. Faults: a chunk
// that throws becomes a ThreadError naming the op after every chunk has finished; a worker that died
// is replaced at the next job, and chunks it never claimed are run by the caller. Workers start with
// the first job that has more than one chunk, or before it: warmPool (a precompiled function with
// shipped wasm kernels, when it is defined) and threadsReady.
import { argumentError, threadError } from "../errors.js";
import { coreCount, envVar, onBrowserMainThread, type PoolWorker, poolUnavailable, spawnWorker } from "./platform.js";
import { CTL, claimChunks, type WorkerMessage, workerSource } from "./worker.js";

export interface ParallelKernel {
  /** Workers instantiate each module once, against the shared memory. */
  module: WebAssembly.Module;
  /** The export to call and the caller's instance of it. */
  fn: string;
  run: (...args: number[]) => void;
  /** What the kernel computes, for errors (e.g. "matmul", "elementwise (exp, add)"). */
  op: string;
}

interface Slot {
  w: PoolWorker;
  /** Its index: CTL.wake + i and CTL.posted + i are its words. */
  i: number;
  /** modules and kernel keys posted to this worker, and the argument buffer generation */
  modules: WeakSet<WebAssembly.Module>;
  kernels: Set<number>;
  gen: number;
  dead: boolean;
}

let requested: number | undefined;
let warned = false;
let memory: WebAssembly.Memory | undefined;
let ctl: Int32Array | undefined;
let job = 0;
const slots: Slot[] = [];
let source: string | undefined;
let spawned = 0;
const ids = new WeakMap<WebAssembly.Module, { id: number; keys: Map<string, number> }>();
let nextId = 0;
let nextKey = 0;

/**
 * Workers key their instances by module number and their kernels (a module's export) by kernel key:
 * a module is posted to each worker once, a key's export name once.
 */
function moduleIds(module: WebAssembly.Module): { id: number; keys: Map<string, number> } {
  let m = ids.get(module);
  if (m === undefined) ids.set(module, (m = { id: nextId++, keys: new Map() }));
  return m;
}

function kernelIds(k: ParallelKernel): { id: number; key: number } {
  const m = moduleIds(k.module);
  let key = m.keys.get(k.fn);
  if (key === undefined) m.keys.set(k.fn, (key = nextKey++));
  return { id: m.id, key };
}

/** The chunks' arguments (a Float64Array over shared memory, replaced by a larger one when needed). */
let args: Float64Array<SharedArrayBuffer> | undefined;
let gen = 0;

function argsFor(len: number): Float64Array {
  if (args === undefined || len > args.length) {
    args = new Float64Array(new SharedArrayBuffer(8 * Math.max(len, 2 * (args?.length ?? 0), 1024)));
    gen++;
  }
  return args;
}

/**
 * How long (µs) a worker spins on its wake word after a job before it blocks in Atomics.wait, and the
 * caller on the done count before it does: a wake-up from Atomics.wait costs tens of µs, more under
 * load, and kernels come in bursts (a training step's GEMMs and their epilogues).
 */
const SPIN_US = 50;

/** Chunks run by workers and jobs run (tests check that work really went to the pool). */
export const poolStats = {
  jobs: 0,
  workerChunks: 0,
  /** wasm instances the workers have made so far (read from the control block) */
  get workerInstances(): number {
    return ctl === undefined ? 0 : Atomics.load(ctl, CTL.instances);
  },
};

/**
 * Tests only: with `workerFirst` the caller lets a worker claim the first chunk (up to `waitMs`)
 * before it joins in, so "a worker took part" does not depend on how the OS schedules threads.
 */
export const poolTesting = { workerFirst: false, waitMs: 10_000 };

function parseThreads(where: string, raw: unknown): number {
  const n = typeof raw === "string" ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 256) {
    throw argumentError.invalid(where, `expected an integer number of threads from 1 to 256, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function fromEnv(): number | undefined {
  const raw = (globalThis as { NUMJIT_THREADS?: unknown }).NUMJIT_THREADS ?? envVar("NUMJIT_THREADS");
  return raw === undefined || raw === "" ? undefined : parseThreads("NUMJIT_THREADS", raw);
}

/**
 * Threads for large kernels, the calling thread included: 1 runs everything on the caller. Missing
 * workers start with the next large kernel; workers beyond the count stay idle (unref'd, asleep).
 */
export function setThreads(n: number): void {
  requested = parseThreads("setThreads", n);
  warnIfUnavailable(requested);
}

function warnIfUnavailable(n: number): void {
  const why = n > 1 ? poolUnavailable() : null;
  if (why !== null && !warned) {
    warned = true;
    console.warn(`numjit: running kernels on one thread: ${why}`);
  }
}

let envRead = false;
let only: number | undefined;

/** Runs f with kernels on `n` threads at most (pmap's device on the caller: one, like the worker devices). */
export function withThreads<T>(n: number, f: () => T): T {
  const saved = only;
  only = n;
  try {
    return f();
  } finally {
    only = saved;
  }
}

/** The threads large kernels run on (1 where the pool cannot run). */
export function getThreads(): number {
  if (only !== undefined) return Math.min(only, threadCount());
  return threadCount();
}

function threadCount(): number {
  if (requested === undefined && !envRead) {
    envRead = true;
    const env = fromEnv();
    if (env !== undefined) warnIfUnavailable(env);
    else if (!onBrowserMainThread()) warnIfUnavailable(coreCount());
    requested = env;
  }
  if (poolUnavailable() !== null) return 1;
  return requested ?? coreCount();
}

/** Called by codegen/wasm/memory.ts once it has created the shared memory the kernels use. */
export function attachMemory(m: WebAssembly.Memory): void {
  memory = m;
}

const control = () => (ctl ??= new Int32Array(new SharedArrayBuffer(CTL.bytes)));

let spawnFailed = false;

/** The worker of slot i, started (or replaced) if need be; null where workers cannot start. */
function slot(i: number): Slot | null {
  const s = slots[i];
  if (s && !s.dead) return s;
  if (spawnFailed) return null;
  source ??= workerSource();
  let fresh: Slot;
  try {
    fresh = { w: spawnWorker(source, () => void (fresh.dead = true)), i, modules: new WeakSet(), kernels: new Set(), gen: -1, dead: false };
  } catch {
    spawnFailed = true; // e.g. a policy forbidding blob: workers: kernels run on the caller
    return null;
  }
  Atomics.store(control(), CTL.posted + i, 0); // a replaced worker's count starts again
  send(fresh, { mem: memory!, ctl: control().buffer as SharedArrayBuffer, slot: i, spinUs: SPIN_US });
  slots[i] = fresh;
  spawned++;
  return fresh;
}

/** Posts `m` to slot `s`: counted first, then its wake word notified, so a worker serving jobs reads it now. */
function send(s: Slot, m: WorkerMessage): void {
  const c = control();
  Atomics.add(c, CTL.posted + s.i, 1);
  s.w.post(m);
  Atomics.notify(c, CTL.wake + s.i);
}

/** Posts to slot `s` what its worker needs for a job of kernel `k` and not had yet. */
function prepare(s: Slot, k: ParallelKernel, id: number, key: number): void {
  if (s.gen !== gen) {
    send(s, { args: args!.buffer, gen });
    s.gen = gen;
  }
  if (s.kernels.has(key)) return;
  s.kernels.add(key);
  const first = !s.modules.has(k.module);
  s.modules.add(k.module);
  send(s, first ? { key, id, fn: k.fn, module: k.module } : { key, id, fn: k.fn });
}

/**
 * Runs `chunks` (argument lists for `k.fn`, over disjoint outputs, all of one length) on the pool and
 * the caller; returns when all are done. One chunk, one thread or no shared memory: everything runs on
 * the caller.
 */
export function runChunks(k: ParallelKernel, chunks: number[][]): void {
  const helpers = Math.min(getThreads() - 1, chunks.length - 1);
  if (helpers <= 0 || memory === undefined) {
    for (const c of chunks) k.run(...c);
    return;
  }
  const c = control();
  job = (job % 0x7fff) + 1;
  // closed while its description is written: a late worker of the last job cannot claim from it
  Atomics.store(c, CTL.job, (job << 16) | 0xffff);
  const nargs = chunks[0]!.length;
  const a = argsFor(chunks.length * nargs);
  for (let i = 0; i < chunks.length; i++) a.set(chunks[i]!, i * nargs);
  const { id, key } = kernelIds(k);
  Atomics.store(c, CTL.done, 0);
  Atomics.store(c, CTL.failed, 0);
  Atomics.store(c, CTL.kernel, key);
  Atomics.store(c, CTL.chunks, chunks.length);
  Atomics.store(c, CTL.nargs, nargs);
  Atomics.store(c, CTL.gen, gen);
  Atomics.store(c, CTL.job, job << 16);
  for (let i = 0; i < helpers; i++) {
    const s = slot(i);
    if (!s) break;
    prepare(s, k, id, key);
    Atomics.store(c, CTL.wake + i, job);
    Atomics.notify(c, CTL.wake + i, 1);
  }
  poolStats.jobs++;
  if (poolTesting.workerFirst) {
    const t0 = Date.now();
    while ((Atomics.load(c, CTL.job) & 0xffff) === 0 && Date.now() - t0 < poolTesting.waitMs) Atomics.wait(c, CTL.done, 0, 5);
  }
  const mine = claimChunks(c, job, chunks.length, k.run, (i) => chunks[i]!);
  const t0 = performance.now();
  let d = Atomics.load(c, CTL.done);
  while (d < chunks.length && performance.now() - t0 < SPIN_US) d = Atomics.load(c, CTL.done);
  for (; d < chunks.length; d = Atomics.load(c, CTL.done)) Atomics.wait(c, CTL.done, d);
  poolStats.workerChunks += chunks.length - mine;
  if (Atomics.load(c, CTL.failed)) {
    const bytes = new Uint8Array(c.buffer, CTL.errAt, Atomics.load(c, CTL.errLen)).slice();
    throw threadError.kernel(k.op, new TextDecoder().decode(bytes));
  }
}

/**
 * Starts the workers now (once the shared memory exists), not with the first large kernel, and hands
 * them `modules` to instantiate while they wait: a precompiled function does this when it is defined
 * (codegen/wasm/shipped.ts), so its first large call finds the pool up and its kernels loaded. No-op
 * with one thread or without a pool. Returns the workers started (alive).
 */
export function warmPool(modules: readonly WebAssembly.Module[] = []): number {
  if (memory === undefined) return 0;
  let n = 0;
  for (let i = 0; i < getThreads() - 1; i++) {
    const s = slot(i);
    if (!s) break;
    n++;
    for (const module of modules) {
      if (s.modules.has(module)) continue;
      s.modules.add(module);
      send(s, { id: moduleIds(module).id, module });
    }
  }
  return n;
}

/**
 * Starts the workers (once the shared memory exists) and resolves when each is listening; at most
 * `timeoutMs` of waiting. (codegen/wasm/memory.ts: threadsReady.)
 */
export async function startWorkers(timeoutMs = 5000): Promise<void> {
  if (warmPool() === 0) return; // no pool here (one thread, or no shared memory: nothing to wait for)
  const t0 = Date.now();
  while (Atomics.load(control(), CTL.ready) < spawned && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 5));
}

/** The live workers (tests terminate one to check that it is replaced). */
export function poolWorkers(): readonly PoolWorker[] {
  return slots.filter((s) => !s.dead).map((s) => s.w);
}
