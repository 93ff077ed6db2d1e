// The one WebAssembly.Memory every emitted kernel and the float32 GEMM import as `env.mem`, and the
// allocator over it. Where the worker pool can run (threads/platform.ts) the memory is shared
// ({ shared: true }, which needs a maximum) and handed to the pool, so workers run chunks of the same
// call on the same bytes; the modules' memory import says which kind it is (memoryImport()).
//
// Storage: on a shared memory, large float32/int32/uint32/float64 arrays (residentArray: kernel
// outputs, eager results) are views of blocks of this memory, so wasm kernels read and write them in
// place (codegen/wasm/call.ts). A shared memory's buffer is never detached by `grow`, so views stay
// valid; views of a resident array share its block. Blocks come in size classes (powers of two and
// 1.5x between) with a free list each, and return to it through a FinalizationRegistry once the typed
// array is collected: users never dispose. Each block holds an untouched ArrayBuffer of its size as
// ballast, so the engine's GC, which schedules collections by external memory, sees the block (the
// ballast is never read or written: uninitialized where the platform allows, threads/platform.ts).
// Finalizers only run when the event loop turns: a loop that never yields places at most
// `memoryLimits.resident` bytes of arrays here, then new arrays go to the JS heap
// (kernels stage them, as on an unshared memory). Calls are synchronous and never nest, so a call's
// staged operands live in one `staging` block, reused and grown to the largest call.
import { poolUnavailable, uninitializedBuffer } from "../../threads/platform.js";
import { attachMemory, startWorkers } from "../../threads/pool.js";

let memory: WebAssembly.Memory | undefined;
let shared: boolean | undefined;
let maxPages = 0;
/** Every SharedArrayBuffer the memory has had (one per grow): a typed array on one of them is resident. */
const buffers = new WeakSet<ArrayBufferLike>();

/** The 4 GiB of wasm32, or 1 GiB where the engine will not reserve that much shared memory. */
const MAX_PAGES = [65536, 16384];

/**
 * Arrays of at least `minBytes` are placed in the memory (smaller ones stay on the JS heap: a view and
 * a finalizer cost more than a tiny kernel); no new block is carved for an array past `resident` bytes
 * of blocks (staging blocks included; staging itself is never refused). Mutable for tests (internal entry).
 */
export const memoryLimits = { minBytes: 16384, resident: 256 * 2 ** 20 };

function create(): WebAssembly.Memory {
  if (poolUnavailable() === null) {
    for (const maximum of MAX_PAGES) {
      try {
        const m = new WebAssembly.Memory({ initial: 16, maximum, shared: true });
        shared = true;
        maxPages = maximum;
        attachMemory(m);
        buffers.add(m.buffer);
        return m;
      } catch {
        // try a smaller reservation, then an unshared memory (no pool)
      }
    }
  }
  shared = false;
  return new WebAssembly.Memory({ initial: 16 });
}

/** The kernels' memory, grown to at least `bytes`. */
export function kernelMemory(bytes: number): WebAssembly.Memory {
  memory ??= create();
  const have = memory.buffer.byteLength;
  if (bytes > have) {
    memory.grow(Math.ceil((bytes - have) / 65536));
    if (shared) buffers.add(memory.buffer);
  }
  return memory;
}

/** The memory import modules must declare: shared with its maximum in pages, or not shared. */
export function memoryImport(): { shared: boolean; maxPages: number } {
  if (shared === undefined) kernelMemory(0);
  return { shared: shared === true, maxPages };
}

/** Bytes of wasm memory the kernels hold (for leak tests). */
export function wasmMemoryBytes(): number {
  return memory?.buffer.byteLength ?? 0;
}

// ---- the allocator ------------------------------------------------------------------------------

/** Size class k holds 64·2^(k/2) bytes (k even) or 96·2^((k-1)/2) (k odd). */
const classBytes = (k: number) => (k & 1 ? 96 : 64) * 2 ** (k >> 1);
function classOf(bytes: number): number {
  const need = Math.max(bytes, 64);
  const e = Math.floor(Math.log2(need / 64));
  const base = 64 * 2 ** e;
  return need <= base ? 2 * e : need <= 1.5 * base ? 2 * e + 1 : 2 * e + 2;
}
/**
 * Bytes kept past `top`: kernels load whole vectors past a row's last element (up to 12 bytes; the GEMM's
 * 16-column panel packing up to 60), so reads of the last block stay inside the memory.
 */
const TAIL = 64;

const free: number[][] = [];
/** The bump pointer: blocks are carved from [64, top); address 0 is never a block. */
let top = 64;
let stagingAt = 0,
  stagingClass = -1;
/** A block's held value: its address and class in one number (addresses are below 2^32). */
const CLASSES = 64;
const registry = new FinalizationRegistry<number>((held) => {
  (free[held % CLASSES] ??= []).push(Math.floor(held / CLASSES));
});
/** Each resident array's ballast (see the header), kept exactly as long as the array. */
const ballast = new WeakMap<object, ArrayBuffer>();
/** Allocator counters, for tests: arrays placed in the memory, and arrays sent to the JS heap by the limit. */
export const memoryStats = { resident: 0, fallbacks: 0 };

/**
 * A block of class k: from its free list, else carved at `top` (cleared: fresh pages). Past `limit`
 * (or the memory's maximum, for a limited request) -1; an unlimited request that cannot grow throws.
 */
function take(k: number, limit: number): number {
  const list = free[k];
  if (list !== undefined && list.length > 0) return list.pop()!;
  const size = classBytes(k);
  if (top + size > limit) return -1;
  try {
    kernelMemory(top + size + TAIL);
  } catch (e) {
    if (limit === Infinity) throw e;
    return -1;
  }
  const at = top;
  top += size;
  return at;
}

/** Whether a typed array's elements live in the kernels' memory (then `byteOffset` is its address). */
export function isResident(a: ArrayBufferView): boolean {
  return shared === true && buffers.has(a.buffer);
}

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor;

/**
 * `n` elements of a fresh array in the kernels' memory, or null: an unshared memory (no
 * SharedArrayBuffer), an array under `memoryLimits.minBytes`, or the resident limit reached. `zero`:
 * cleared like `new Ctor(n)` (a kernel output that is written whole needs no clearing).
 */
export function residentArray<C extends Ctor>(ctor: C, n: number, zero: boolean): InstanceType<C> | null {
  const bytes = n * ctor.BYTES_PER_ELEMENT;
  if (bytes < memoryLimits.minBytes) return null;
  if (shared === undefined) kernelMemory(0);
  if (!shared) return null;
  const k = classOf(bytes);
  const fresh = top;
  const at = take(k, memoryLimits.resident);
  if (at < 0) {
    memoryStats.fallbacks++;
    return null;
  }
  const a = new ctor(memory!.buffer, at, n) as InstanceType<C>;
  if (zero && at < fresh) a.fill(0); // a reused block
  registry.register(a, at * CLASSES + k);
  ballast.set(a, uninitializedBuffer(classBytes(k)));
  memoryStats.resident++;
  return a;
}

/** The address of a staging block of at least `bytes` (one per memory, reused by every call). */
export function staging(bytes: number): number {
  const k = classOf(bytes);
  if (k > stagingClass) {
    if (stagingClass >= 0) (free[stagingClass] ??= []).push(stagingAt);
    stagingAt = take(k, Infinity);
    stagingClass = k;
  }
  return stagingAt;
}

/**
 * Creates the memory and starts the pool's workers; resolves when they listen. Benchmarks and tests
 * call it so that worker start-up (~30 ms in Node) is neither measured nor raced.
 */
export async function threadsReady(): Promise<void> {
  kernelMemory(0);
  await startWorkers();
}
