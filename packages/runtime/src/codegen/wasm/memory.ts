// The one WebAssembly.Memory every emitted kernel and the float32 GEMM import as `env.mem`. Calls are
// synchronous and never nest, so each call lays its operands out from address 0; the memory grows to
// the largest call and is reused, never freed (tests bound it over 10,000 training steps).
let memory: WebAssembly.Memory | undefined;

export function kernelMemory(bytes: number): WebAssembly.Memory {
  memory ??= new WebAssembly.Memory({ initial: 16 });
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
  return memory;
}

/** Bytes of wasm memory the kernels hold (for leak tests). */
export function wasmMemoryBytes(): number {
  return memory?.buffer.byteLength ?? 0;
}
