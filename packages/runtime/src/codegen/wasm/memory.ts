// The one WebAssembly.Memory every emitted kernel and the float32 GEMM import as `env.mem`. Calls are
// synchronous and never nest, so each call lays its operands out from address 0; the memory grows to
// the largest call and is reused, never freed (tests bound it over 10,000 training steps). Where the
// worker pool can run (threads/platform.ts) the memory is shared ({ shared: true }, which needs a
// maximum) and handed to the pool, so workers run chunks of the same call on the same bytes; the
// modules' memory import says which kind it is (memoryIsShared()).
import { poolUnavailable } from "../../threads/platform.js";
import { attachMemory, startWorkers } from "../../threads/pool.js";

let memory: WebAssembly.Memory | undefined;
let shared: boolean | undefined;
let maxPages = 0;

/** The 4 GiB of wasm32, or 1 GiB where the engine will not reserve that much shared memory. */
const MAX_PAGES = [65536, 16384];

function create(): WebAssembly.Memory {
  if (poolUnavailable() === null) {
    for (const maximum of MAX_PAGES) {
      try {
        const m = new WebAssembly.Memory({ initial: 16, maximum, shared: true });
        shared = true;
        maxPages = maximum;
        attachMemory(m);
        return m;
      } catch {
        // try a smaller reservation, then an unshared memory (no pool)
      }
    }
  }
  shared = false;
  return new WebAssembly.Memory({ initial: 16 });
}

export function kernelMemory(bytes: number): WebAssembly.Memory {
  memory ??= create();
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
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

/**
 * Creates the memory and starts the pool's workers; resolves when they listen. Benchmarks and tests
 * call it so that worker start-up (~30 ms in Node) is neither measured nor raced.
 */
export async function threadsReady(): Promise<void> {
  kernelMemory(0);
  await startWorkers();
}
