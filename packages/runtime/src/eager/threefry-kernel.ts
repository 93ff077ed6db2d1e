// The threefry2x32 primitive's kernel: the Threefry-2x32 block cipher (20 rounds, JAX's
// jax/_src/random/threefry2x32.py) over four uint32 operands (k0, k1, x0, x1; 0-d ones broadcast), one element
// at a time in uint32 arithmetic, all rounds unrolled in one loop — or four at a time on WebAssembly SIMD
// (codegen/wasm/threefry.ts) under a scalar key. Eager calls and jit plans (an eager step) both run it:
// one pass over the counters instead of ~100 elementwise ops. `part` picks the
// output word ("hi", "lo") or their xor ("xor", random.bits); split and float64 bits hash twice (no memo
// of the other word: a jit plan reuses its buffers, so operand identity does not identify values).
import { NDArray } from "../ndarray.js";
import { shapeRules } from "../core/shape-rules.js";
import { impls } from "../core/trace.js";
import { dense, isBroadcastScalar } from "./strided.js";
import { wasmAvailable } from "../codegen/wasm-gemm.js";
import { threefryWasm } from "../codegen/wasm/threefry.js";

type Operand = [Uint32Array, number, number];

/** An operand as (data, offset, step): step 0 for a broadcast scalar, else a dense copy or view. */
function words(x: NDArray): Operand {
  if (isBroadcastScalar(x)) return [x.data as Uint32Array, x.offset, 0];
  const [d, off] = dense(x);
  return [d as Uint32Array, off, 1];
}

/** One word of the hash of n elements, or the xor of both (0: hi, 1: lo, 2: xor). */
function hash(ops: Operand[], n: number, out: Uint32Array, part: 0 | 1 | 2): void {
  const [[dk0, ok0, sk0], [dk1, ok1, sk1], [dx0, ox0, sx0], [dx1, ox1, sx1]] = ops as [Operand, Operand, Operand, Operand];
  for (let i = 0; i < n; i++) {
    const k0 = dk0[ok0 + i * sk0]! | 0;
    const k1 = dk1[ok1 + i * sk1]! | 0;
    const k2 = k0 ^ k1 ^ 0x1bd11bda;
    let a = (dx0[ox0 + i * sx0]! + k0) | 0;
    let b = (dx1[ox1 + i * sx1]! + k1) | 0;
    // round group 1: rotations 13 15 26 6, then key injection ks[1], ks[2] + 1
    a = (a + b) | 0;
    b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0;
    b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0;
    b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0;
    b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k1) | 0;
    b = (b + k2 + 1) | 0;
    // 2: rotations 17 29 16 24, ks[2], ks[0] + 2
    a = (a + b) | 0;
    b = ((b << 17) | (b >>> 15)) ^ a;
    a = (a + b) | 0;
    b = ((b << 29) | (b >>> 3)) ^ a;
    a = (a + b) | 0;
    b = ((b << 16) | (b >>> 16)) ^ a;
    a = (a + b) | 0;
    b = ((b << 24) | (b >>> 8)) ^ a;
    a = (a + k2) | 0;
    b = (b + k0 + 2) | 0;
    // 3: 13 15 26 6, ks[0], ks[1] + 3
    a = (a + b) | 0;
    b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0;
    b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0;
    b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0;
    b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k0) | 0;
    b = (b + k1 + 3) | 0;
    // 4: 17 29 16 24, ks[1], ks[2] + 4
    a = (a + b) | 0;
    b = ((b << 17) | (b >>> 15)) ^ a;
    a = (a + b) | 0;
    b = ((b << 29) | (b >>> 3)) ^ a;
    a = (a + b) | 0;
    b = ((b << 16) | (b >>> 16)) ^ a;
    a = (a + b) | 0;
    b = ((b << 24) | (b >>> 8)) ^ a;
    a = (a + k1) | 0;
    b = (b + k2 + 4) | 0;
    // 5: 13 15 26 6, ks[2], ks[0] + 5
    a = (a + b) | 0;
    b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0;
    b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0;
    b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0;
    b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k2) | 0;
    b = (b + k0 + 5) | 0;
    out[i] = part === 0 ? a : part === 1 ? b : a ^ b;
  }
}

const PART = { hi: 0, lo: 1, xor: 2 } as const;
/** Below this many elements the JS loop wins (the wasm call copies the counters in and the words out). */
const WASM_MIN = 256;

impls.threefry2x32 = (inputs, params) => {
  const o = shapeRules.threefry2x32(inputs, params);
  const out = new Uint32Array(o.shape.reduce((a, b) => a * (b as number), 1));
  const n = out.length;
  const ops = inputs.map(words);
  const part = PART[params.part];
  const [[dk0, ok0, sk0], [dk1, ok1, sk1], [dx0, ox0, sx0], [dx1, ox1, sx1]] = ops as [Operand, Operand, Operand, Operand];
  // a scalar key (every sampler; vmap over keys has per-element keys): the SIMD kernel
  const simd =
    n >= WASM_MIN &&
    sk0 === 0 &&
    sk1 === 0 &&
    sx1 === 1 &&
    wasmAvailable() &&
    threefryWasm(dk0[ok0]!, dk1[ok1]!, sx0 === 0 ? dx0[ox0]! : dx0.subarray(ox0, ox0 + n), dx1.subarray(ox1, ox1 + n), out, part);
  if (!simd) hash(ops, n, out, part);
  return new NDArray(out, o.shape, "uint32");
};
