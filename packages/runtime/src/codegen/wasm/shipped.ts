// Wasm kernels shipped by the build: one WebAssembly module per source module, holding every kernel of
// its precompiled functions that has a wasm form (export names k0, k1, ...), with each kernel's
// argument layout as plain data. The CLI and the tsc transformer inline the bytes (base64); the Vite
// plugin emits a `.wasm` asset and passes its URL. The module is compiled once per page/process and its
// instance shared by every function of that source module: instantiating shipped bytes is all that
// happens at run time, nothing is generated (wasmStats.shipped counts these, wasmStats.compiles the
// runtime jit's generated modules). A module may also export the threefry2x32 function (threefry.ts), which
// then serves every random draw of the process.
// Each kernel is run once on zeros when the module is instantiated (call.ts warmUp), so that the engine's
// optimizing compiler has its code ready, in the background, before the first large call: else that call
// runs wholly in the baseline compiler's code (~5x slower for the W2 chain).
// The memory import is redeclared for this engine first (shared or not: encoder.ts withMemoryImport).
// Once instantiated, the module is handed to the worker pool, started then (threads/pool.ts warmPool).
// Compilation is synchronous where the engine allows it (Node; small modules in browsers), so the
// first call already runs on wasm; a URL, or a main-thread size limit (RangeError), compiles
// asynchronously and the JS kernels serve the calls until the instance is ready.
import type { KernelFn } from "../../jit/plan.js";
import { type ParallelKernel, warmPool } from "../../threads/pool.js";
import { decodeBase64, wasmAvailable } from "../wasm-gemm.js";
import { type WasmLayout, warmUp, wasmStats, wrapWasm } from "./call.js";
import { withMemoryImport } from "./encoder.js";
import { kernelMemory } from "./memory.js";
import { expectShippedThreefry, shippedThreefry } from "./threefry.js";

/** What an emitted module passes as `wasm` to precompiled(): the module and its kernels by export name. */
export interface ShippedWasm {
  /** The module bytes, base64 (CLI, tsc transformer, `vite dev`). */
  bytes?: string;
  /** The module as a fetched asset (`vite build`). */
  url?: string;
  /** Export name -> the kernel's signature, what it computes (for errors) and its argument layout. */
  kernels: Record<string, { signature: string; op: string; layout: WasmLayout }>;
  /** The export name of the threefry2x32 function (threefry.ts), when a precompiled function draws random numbers. */
  threefry?: string;
}

/** The instance's kernels by export name, as the worker pool runs them (workers instantiate the module). */
type Exports = Record<string, ParallelKernel>;
/** undefined: not started; "pending": compiling; null: unavailable (the JS kernels run). */
const state = new WeakMap<ShippedWasm, Exports | "pending" | null>();

/** The module's instance, or null when it is unavailable; its threefry function goes to threefry.ts. */
function settle(ship: ShippedWasm, inst: WebAssembly.Instance | null, mod?: WebAssembly.Module): void {
  if (ship.threefry !== undefined) shippedThreefry(inst ? (inst.exports[ship.threefry] as Parameters<typeof shippedThreefry>[0]) : null);
  if (!inst || !mod) return void state.set(ship, null);
  wasmStats.shipped++;
  const ks: Exports = {};
  for (const [fn, k] of Object.entries(ship.kernels)) {
    const run = inst.exports[fn] as ParallelKernel["run"];
    ks[fn] = { module: mod, fn, run, op: k.op };
    // optimized code compiles in the background from now on, not during the first large call (call.ts)
    warmUp(run, k.layout);
  }
  state.set(ship, ks);
  // the pool's workers start now and instantiate the module while they wait, not at the first large call
  warmPool([mod]);
}

function instantiate(ship: ShippedWasm, mod: WebAssembly.Module): void {
  let inst: WebAssembly.Instance | null;
  try {
    inst = new WebAssembly.Instance(mod, { env: { mem: kernelMemory(0) } });
  } catch {
    inst = null;
  }
  settle(ship, inst, mod);
}

function compileLater(ship: ShippedWasm, bytes: Promise<Uint8Array<ArrayBuffer>>): void {
  state.set(ship, "pending");
  bytes
    .then((b) => WebAssembly.compile(b))
    .then(
      (mod) => instantiate(ship, mod),
      () => settle(ship, null),
    );
}

function load(ship: ShippedWasm): Exports | null {
  const s = state.get(ship);
  if (s !== undefined) return s === "pending" ? null : s;
  const { bytes: b64, url } = ship;
  if (!wasmAvailable() || (b64 === undefined && (url === undefined || typeof fetch !== "function"))) {
    state.set(ship, null);
    return null;
  }
  if (ship.threefry !== undefined) expectShippedThreefry();
  if (b64 !== undefined) {
    const bytes = withMemoryImport(decodeBase64(b64));
    try {
      instantiate(ship, new WebAssembly.Module(bytes));
    } catch (e) {
      // a browser main thread refuses synchronous compiles of large modules: compile in the background
      if (e instanceof RangeError) compileLater(ship, Promise.resolve(bytes));
      else settle(ship, null);
    }
  } else {
    compileLater(
      ship,
      fetch(url!)
        .then((r) => {
          if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
          return r.arrayBuffer();
        })
        .then((b) => withMemoryImport(new Uint8Array(b))),
    );
  }
  const now = state.get(ship);
  return now === "pending" || now === undefined ? null : now;
}

/**
 * Starts loading a shipped module now (compiled and instantiated where the engine allows it synchronously,
 * else fetched and compiled in the background), so that its first large call does not pay for it.
 */
export function prepareShipped(ship: ShippedWasm): void {
  if (!state.has(ship)) load(ship);
}

/** The shipped kernel `name` in front of `js` for calls of at least `min` elements (`js` itself when it cannot be). */
export function shippedKernel(ship: ShippedWasm, name: string, js: KernelFn, min: number): KernelFn {
  const k = ship.kernels[name];
  if (k === undefined || min === Infinity) return js;
  return wrapWasm(() => load(ship)?.[name] ?? null, k.layout, js, min);
}

/** The export name of the shipped kernel with this signature, if the build shipped one. */
export function shippedName(ship: ShippedWasm, signature: string): string | undefined {
  for (const [name, k] of Object.entries(ship.kernels)) if (k.signature === signature) return name;
  return undefined;
}
