// pmap's devices: device 0 is the calling thread, every other mapped position a Node worker thread, created
// on first use and reused by every pmap'd function. The caller runs device 0's part of a stage while the
// workers run theirs, then blocks until they are done (Atomics.wait on a flag in shared memory, then
// receiveMessageOnPort for the reply), so pmap stays a synchronous call like jax.pmap. A stage's inputs go
// in SharedArrayBuffers, one per array whatever the number of devices reading it. Workers are unref'd
// and never keep a script alive. A worker that exits (process.exit, an uncaught error) is marked dead — its
// exit hook raises the flag, waking a caller blocked on it mid-call — and replaced on the next call; a throw
// inside a device comes back as NJ513 (DeviceError). Only worker.terminate() skips the exit hook: the pool
// notices it through the 'exit' event, between calls.
// Where node:worker_threads is missing (browsers, Deno without it) `workersAvailable()` is false and pmap
// runs its devices on the caller.
import { parallelError } from "../errors.js";
import type { NDArray } from "../ndarray.js";
import { type EncodedArray, type EncodedJaxpr, decodeArray, encodeShared } from "./serialize.js";

interface WorkerLike {
  postMessage(msg: unknown, transfer?: readonly unknown[]): void;
  on(event: "exit" | "error", f: (...a: unknown[]) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}
interface PortLike {
  unref?(): void;
  close(): void;
}
interface WorkerThreads {
  Worker: new (url: URL, opts: { workerData: unknown; transferList: unknown[] }) => WorkerLike;
  MessageChannel: new () => { port1: PortLike; port2: PortLike };
  receiveMessageOnPort(port: PortLike): { message: unknown } | undefined;
}

/** A device's answer: outputs of a stage, or what it threw. */
export type DeviceReply = { ok: true; outputs: EncodedArray[] } | { ok: false; error: ReturnType<typeof causeOf> };
/** Messages to a device worker. */
export type DeviceMessage =
  | { type: "load"; id: number; stages: (EncodedJaxpr | null)[] } // null: a collective's place
  | { type: "run"; id: number; stage: number; inputs: EncodedArray[] };

const FLAG_IDLE = 0,
  FLAG_REPLIED = 1,
  FLAG_EXITED = 2;
export const DEVICE_FLAGS = { FLAG_IDLE, FLAG_REPLIED, FLAG_EXITED } as const;

let threads: WorkerThreads | null | undefined;
function workerThreads(): WorkerThreads | null {
  if (threads === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    threads = (proc?.getBuiltinModule?.("node:worker_threads") as WorkerThreads | undefined) ?? null;
  }
  return threads;
}

/** What a device reports of an error it threw (structured-clonable). */
export function causeOf(e: unknown): { name: string; message: string; code?: string } {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? { name: err.name, message: err.message, code } : { name: err.name, message: err.message };
}

/** Whether pmap can run devices in workers here. */
export const workersAvailable = (): boolean => workerThreads() !== null && typeof SharedArrayBuffer === "function";

// a variable, not a literal: bundlers that copy `new URL("literal", import.meta.url)` assets into browser
// builds leave it alone (browsers never start device workers)
const WORKER_FILE = "./device-worker.js";

class Device {
  readonly flag = new Int32Array(new SharedArrayBuffer(4));
  readonly worker: WorkerLike;
  readonly port: PortLike;
  readonly programs = new Set<number>();
  dead = false;
  constructor(wt: WorkerThreads) {
    const { port1, port2 } = new wt.MessageChannel();
    this.port = port1;
    this.worker = new wt.Worker(new URL(WORKER_FILE, import.meta.url), {
      workerData: { port: port2, flag: this.flag },
      transferList: [port2],
    });
    this.worker.on("exit", () => (this.dead = true));
    this.worker.on("error", () => (this.dead = true));
    this.worker.unref();
    port1.unref?.();
  }
  send(msg: DeviceMessage, transfer: unknown[] = []): void {
    Atomics.store(this.flag, 0, FLAG_IDLE);
    this.worker.postMessage(msg, transfer);
  }
  /** Block until the device replies; null when its worker exited instead. */
  receive(wt: WorkerThreads): DeviceReply | null {
    while (Atomics.load(this.flag, 0) === FLAG_IDLE) Atomics.wait(this.flag, 0, FLAG_IDLE, 1000);
    // a reply posted before the worker exited still counts
    const r = wt.receiveMessageOnPort(this.port);
    if (Atomics.load(this.flag, 0) === FLAG_EXITED) this.dead = true;
    return r === undefined ? null : (r.message as DeviceReply);
  }
}

const devices: Device[] = [];

/** The buffers of freshly encoded arrays, to move instead of copy (a SharedArrayBuffer is shared anyway). */
export const transferable = (xs: readonly EncodedArray[]): ArrayBuffer[] => [
  ...new Set(xs.map((x) => x.data.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)),
];

function device(wt: WorkerThreads, i: number): Device {
  let d = devices[i];
  if (d === undefined || d.dead) {
    if (d) d.port.close();
    d = devices[i] = new Device(wt);
  }
  return d;
}

/**
 * Run stage `stage` of program `id` on devices 0..n-1 (inputs[i] for device i): device 0 on the caller
 * (`here`, its compiled stage), the others on workers, loading the program onto a worker the first time
 * it meets it. Every worker is started before the caller runs its part, and every device finishes
 * before the first failure (in device order) is thrown.
 */
export function runOnWorkers(
  fn: string,
  id: number,
  stages: () => (EncodedJaxpr | null)[],
  stage: number,
  inputs: NDArray[][],
  here: (xs: NDArray[]) => NDArray[],
): NDArray[][] {
  const wt = workerThreads()!;
  // worker j is device j + 1
  const ds = inputs.slice(1).map((_, j) => device(wt, j));
  const fail = (j: number, reply: DeviceReply | null) =>
    reply === null
      ? parallelError.device(fn, j + 1, { name: "WorkerExit", message: "its worker exited (it is replaced on the next call)" })
      : null;
  ds.forEach((d, j) => {
    if (d.programs.has(id)) return;
    d.send({ type: "load", id, stages: stages() });
    const reply = d.receive(wt);
    if (reply === null) throw fail(j, reply)!;
    if (!reply.ok) throw parallelError.device(fn, j + 1, reply.error);
    d.programs.add(id);
  });
  // a value several devices read (replicated parameters, a collective's result) is copied to shared memory once
  const shared = new Map<NDArray, EncodedArray>();
  const encode = (x: NDArray): EncodedArray => {
    let e = shared.get(x);
    if (e === undefined) shared.set(x, (e = encodeShared(x)));
    return e;
  };
  ds.forEach((d, j) => d.send({ type: "run", id, stage, inputs: inputs[j + 1]!.map(encode) }));
  let mine: NDArray[] | undefined;
  let error: unknown;
  try {
    mine = here(inputs[0]!);
  } catch (e) {
    error = e;
  }
  // wait for every device before reporting the first failure, so none is left mid-stage
  const replies = ds.map((d) => d.receive(wt));
  if (mine === undefined) throw parallelError.device(fn, 0, causeOf(error));
  return [
    mine,
    ...replies.map((r, j) => {
      if (r === null) throw fail(j, r)!;
      if (!r.ok) throw parallelError.device(fn, j + 1, r.error);
      return r.outputs.map(decodeArray);
    }),
  ];
}

/** Diagnostics and fault tests: the live device workers (index = device - 1: device 0 is the caller). */
export function deviceWorkers(): readonly { worker: WorkerLike; dead: boolean }[] {
  return devices;
}
