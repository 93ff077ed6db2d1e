// Matrix multiply on WebAssembly SIMD micro-kernels, used by the dot kernels (jit and precompiled,
// through H.gemm) and eager matmul for large enough products: float32 operands run the float32-
// accumulating 2x16 kernel (codegen/wasm/sgemm.ts) by default, everything else and
// setMatmulPrecision("highest") the float64-accumulating one (scripts/wasm/gemm.wat).
// The bytes ship with the runtime; compiling them needs no `eval`, but a page CSP without
// 'wasm-unsafe-eval' (or a runtime without WebAssembly SIMD) refuses them: then gemm returns null
// and callers use their JS loops. In the "highest" kernel inputs are widened to float64 and products
// accumulate in float64 exactly as the JS kernels do (results differ only in summation order).
import { knownForbidden } from "../core/csp.js";
import { getMatmulPrecision } from "./backend.js";
import type { ParallelKernel } from "../threads/pool.js";
import { isResident, kernelMemory, staging } from "./wasm/memory.js";
import { wasmStats } from "./wasm/call.js";
import { GEMM_ACT, type GemmAct, SGEMM_MR, SGEMM_NR, sgemmModule } from "./wasm/sgemm.js";
import { runPack, runSgemm } from "./wasm/split.js";
import { gemmWasm } from "./wasm-bytes.js";

interface Sgemm {
  mem: WebAssembly.Memory;
  run: (a: number, b: number, c: number, M: number, N: number, K: number) => void;
}
let state: Sgemm | null | undefined;
let enabled = true;

/** Turn the WebAssembly path off (tests, comparisons); it is on by default where available. */
export function setWasmEnabled(on: boolean): void {
  enabled = on;
}

/** Base64 to bytes (module bytes shipped as text: the GEMM here, a build's kernels in wasm/shipped.ts). */
export function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function load(): Sgemm | null {
  if (state !== undefined) return state;
  // a meta CSP without 'wasm-unsafe-eval' would report the attempt: skip it (core/csp.ts)
  if (knownForbidden("wasm")) return (state = null);
  try {
    const W = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
    if (!W) return (state = null);
    const inst = new W.Instance(new W.Module(decodeBase64(gemmWasm)), {});
    const ex = inst.exports as unknown as { mem: WebAssembly.Memory; dgemm: Sgemm["run"] };
    state = { mem: ex.mem, run: ex.dgemm };
  } catch {
    state = null;
  }
  return state;
}

export function wasmAvailable(): boolean {
  return enabled && load() !== null;
}

/** Products smaller than this stay in JS: packing costs O(MK + KN + MN). */
export const MIN_WORK = 1 << 15;

type Arr = ArrayLike<number>;
type Dst = Float32Array | Float64Array;

/** A[ab + i*sam + k*sak] as dense rows [M][K] at f[p...]. */
function packRows(f: Dst, p: number, A: Arr, ab: number, sam: number, sak: number, M: number, K: number): void {
  if (Math.abs(sam) < Math.abs(sak)) {
    // A is stored transposed (e.g. x.T in a backward pass): read it in memory order, write scattered
    for (let k = 0; k < K; k++) {
      const r = ab + k * sak;
      for (let i = 0, q = r; i < M; i++, q += sam) f[p + i * K + k] = A[q]!;
    }
    return;
  }
  if (sak === 1 && (sam === K || M === 1)) {
    f.set((A as Float32Array).subarray(ab, ab + M * K), p); // dense rows: one native (widening) copy
    return;
  }
  for (let i = 0; i < M; i++) {
    const r = ab + i * sam;
    // a row shorter than a cache line: an element loop (a subarray per row costs more than it copies)
    if (sak === 1 && K >= 16) {
      f.set((A as Float32Array).subarray(r, r + K), p);
      p += K;
    } else for (let k = 0, q = r; k < K; k++, q += sak) f[p++] = A[q]!;
  }
}

/** W[wb + k*swk + j*swn] as ceil(N / w) panels [K][w] at f[p...], columns past N zero. */
export function packPanels(f: Dst, p: number, W: Arr, wb: number, swk: number, swn: number, N: number, K: number, w: number): void {
  for (let j0 = 0; j0 < N; j0 += w) {
    const nj = Math.min(N - j0, w);
    for (let k = 0; k < K; k++, p += w) {
      const q = wb + k * swk + j0 * swn;
      let c = 0;
      for (; c < nj; c++) f[p + c] = W[q + c * swn]!;
      for (; c < w; c++) f[p + c] = 0;
    }
  }
}

/**
 * The sgemm kernel (split across the pool), the same instance's in-wasm panel packing of a row-major W,
 * and its indirect form (igemm, the convolution kernel of codegen/wasm-conv.ts).
 */
type SgemmKernel = ParallelKernel & {
  pack: ParallelKernel;
  packA: (M: number, K: number, src: number, sam: number, sak: number, dst: number) => void;
  axpy: (n: number, c: number, x: number, alpha: number, beta: number, out: number) => void;
  reluGrad: (n: number, c: number, x: number, out: number) => void;
  igemm: ParallelKernel;
};
let sgemmK: SgemmKernel | null | undefined;

/** The float32-accumulating kernels (relaxed-SIMD FMA when the engine validates it), or null. */
export function sgemmKernel(): SgemmKernel | null {
  if (!wasmAvailable()) return null;
  if (sgemmK !== undefined) return sgemmK;
  try {
    const fma = WebAssembly.validate(sgemmModule(true));
    const module = new WebAssembly.Module(sgemmModule(fma));
    const inst = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } });
    const run = inst.exports.sgemm as ParallelKernel["run"];
    const igemm = { module, fn: "igemm", run: inst.exports.igemm as ParallelKernel["run"], op: "conv_general_dilated" };
    const { packA, axpy, reluGrad } = inst.exports as unknown as Pick<SgemmKernel, "packA" | "axpy" | "reluGrad">;
    const pack = { module, fn: "pack", run: inst.exports.pack as ParallelKernel["run"], op: "matmul (packing)" };
    sgemmK = { module, fn: "sgemm", run, op: "matmul", pack, packA, axpy, reluGrad, igemm };
  } catch {
    sgemmK = null;
  }
  return sgemmK;
}

/**
 * The epilogue the float32 GEMM applies: a bias row and an activation in its store
 * (codegen/wasm/sgemm.ts), or a pass over the result with a dense [B, M, N] operand x: "axpy",
 * `alpha * acc + beta * x` (beta ±1: an SGD update `w - lr * g` fused into the gradient's GEMM) in
 * float64 as the JS epilogue computes it; "reluGrad", `x > 0 ? acc : 0` (relu's backward pass).
 */
export interface GemmEpilogue {
  /** bias[j] = data[offset + j * stride], the same for every row and batch; null: no bias */
  bias: { data: Arr; offset: number; stride: number } | null;
  act: GemmAct;
  pass?: { kind: "axpy" | "reluGrad"; data: Arr; offset: number; alpha?: number; beta?: number };
}

/**
 * float32 products accumulated in float32: into `out` when it is a Float32Array in the kernels' memory
 * (the kernel's own output, [B, M, N] dense), else a view of wasm memory valid until the next kernel call.
 */
function sgemm(
  A: Arr,
  ao: number,
  sab: number,
  sam: number,
  sak: number,
  W: Arr,
  wo: number,
  swb: number,
  swk: number,
  swn: number,
  B: number,
  M: number,
  N: number,
  K: number,
  epi: GemmEpilogue | null = null,
  out: Arr | null = null,
): Float32Array | null {
  const k = sgemmKernel();
  if (!k) return null;
  const cIn = out instanceof Float32Array && isResident(out) ? out : null;
  const x = epi?.pass,
    xIn = x && x.data instanceof Float32Array && isResident(x.data) ? x.data : null;
  const cLen = cIn ? 0 : B * M * N,
    apLen = Math.ceil(M / SGEMM_MR) * SGEMM_MR * K,
    pLen = Math.ceil(N / SGEMM_NR) * SGEMM_NR * K;
  const apAt = (cLen + 3) & ~3,
    pAt = apAt + apLen;
  // A is packed by the module (packA) from where it lies when it lives in the kernels' memory
  // (codegen/wasm/memory.ts), any strides, else from dense rows staged here; W likewise (pack) when its
  // rows are unit-stride, else panels packed in JS
  const rowsW = swn === 1 || N === 1;
  const wIn = rowsW && W instanceof Float32Array && isResident(W);
  const aIn = A instanceof Float32Array && isResident(A);
  const aAt = pAt + pLen,
    wAt = aAt + (aIn ? 0 : (M * K + 3) & ~3),
    xAt = wAt + (rowsW && !wIn ? K * N + SGEMM_NR : 0);
  // the bias, zero-padded to whole panels
  const bAt = xAt + (x && !xIn ? M * N : 0),
    bLen = epi?.bias ? Math.ceil(N / SGEMM_NR) * SGEMM_NR : 0;
  const at = staging(4 * (bAt + bLen));
  const f = new Float32Array(kernelMemory(0).buffer, at);
  if (epi?.bias) {
    packRows(f, bAt, epi.bias.data, epi.bias.offset, 0, epi.bias.stride, 1, N);
    f.fill(0, bAt + N, bAt + bLen);
  }
  wasmStats.sgemms++;
  if (aIn || wIn) wasmStats.inPlace++;
  const c0 = cIn ? cIn.byteOffset : at;
  for (let b = 0; b < B; b++) {
    if (aIn) k.packA(M, K, (A as Float32Array).byteOffset + 4 * (ao + b * sab), 4 * sam, 4 * sak, at + 4 * apAt);
    else {
      packRows(f, aAt, A, ao + b * sab, sam, sak, M, K);
      k.packA(M, K, at + 4 * aAt, 4 * K, 4, at + 4 * apAt);
    }
    if (wIn) runPack(k.pack, K, N, (W as Float32Array).byteOffset + 4 * (wo + b * swb), 4 * swk, at + 4 * pAt);
    else if (rowsW) {
      packRows(f, wAt, W, wo + b * swb, swk, 1, K, N);
      f.fill(0, wAt + K * N, wAt + K * N + SGEMM_NR); // the last panel's reads past W: zeros, never subnormals
      runPack(k.pack, K, N, at + 4 * wAt, 4 * N, at + 4 * pAt);
    } else packPanels(f, pAt, W, wo + b * swb, swk, swn, N, K, SGEMM_NR);
    const cb = c0 + 4 * b * M * N;
    runSgemm(k, M, N, K, at + 4 * apAt, at + 4 * pAt, cb, epi?.bias ? at + 4 * bAt : 0, GEMM_ACT[epi?.act ?? "none"]);
    if (x) {
      const xo = x.offset + b * M * N;
      if (!xIn) f.set((x.data as Float32Array).subarray(xo, xo + M * N), xAt);
      const xb = xIn ? xIn.byteOffset + 4 * xo : at + 4 * xAt;
      if (x.kind === "axpy") k.axpy(M * N, cb, xb, x.alpha ?? 1, x.beta ?? 1, cb);
      else k.reluGrad(M * N, cb, xb, cb);
    }
  }
  return cIn ?? f.subarray(0, cLen);
}

/**
 * act(A @ W + bias) of float32 operands with the bias add and activation in the wasm GEMM's store (the
 * dot kernels' epilogue when it is exactly that, codegen/kernels.ts), or null where the float32 GEMM
 * does not run (then the caller applies its epilogue itself). Same operands as gemm; the result may be
 * a view of wasm memory, to be read before the next kernel call.
 */
export function gemmFused(
  A: Arr,
  ao: number,
  sab: number,
  sam: number,
  sak: number,
  W: Arr,
  wo: number,
  swb: number,
  swk: number,
  swn: number,
  B: number,
  M: number,
  N: number,
  K: number,
  epi: GemmEpilogue,
  out: Arr | null = null,
): Float32Array | null {
  if (!enabled || M * N * K < MIN_WORK || K === 0 || M === 0 || N === 0 || getMatmulPrecision() !== "default") return null;
  if (!(A instanceof Float32Array && W instanceof Float32Array) || load() === null) return null;
  if (epi.pass && !(epi.pass.data instanceof Float32Array)) return null;
  return sgemm(A, ao, sab, sam, sak, W, wo, swb, swk, swn, B, M, N, K, epi, out);
}

/**
 * out[b, i, j] = sum_k A[ao + b*sab + i*sam + k*sak] * W[wo + b*swb + k*swk + j*swn] for a batch of B
 * products, or null when the WebAssembly path is unavailable or not worth it. float32 operands
 * accumulate in float32 unless setMatmulPrecision("highest"); the result may be a view of wasm memory,
 * to be read before the next kernel call.
 */
export function gemm(
  A: Arr,
  ao: number,
  sab: number,
  sam: number,
  sak: number,
  W: Arr,
  wo: number,
  swb: number,
  swk: number,
  swn: number,
  B: number,
  M: number,
  N: number,
  K: number,
): Float32Array | Float64Array | null {
  if (!enabled || M * N * K < MIN_WORK || K === 0 || M === 0 || N === 0) return null;
  const s = load();
  if (s === null) return null;
  if (getMatmulPrecision() === "default" && A instanceof Float32Array && W instanceof Float32Array) {
    const r = sgemm(A, ao, sab, sam, sak, W, wo, swb, swk, swn, B, M, N, K);
    if (r !== null) return r;
  }
  const Mp = (M + 3) & ~3,
    Np = (N + 3) & ~3;
  const aLen = Mp * K,
    bLen = K * Np,
    cLen = Mp * Np;
  const bytes = 8 * (aLen + bLen + cLen);
  const have = s.mem.buffer.byteLength;
  if (bytes > have) s.mem.grow(Math.ceil((bytes - have) / 65536));
  const f = new Float64Array(s.mem.buffer);
  const bOff = aLen,
    cOff = aLen + bLen;
  const out = new Float64Array(B * M * N);
  for (let b = 0; b < B; b++) {
    packRows(f, 0, A, ao + b * sab, sam, sak, M, K);
    f.fill(0, M * K, aLen); // rows zero-padded to Mp
    packPanels(f, bOff, W, wo + b * swb, swk, swn, N, K, 4);
    s.run(0, 8 * bOff, 8 * cOff, Mp, Np, K);
    const ob = b * M * N;
    if (Np === N) out.set(f.subarray(cOff, cOff + M * N), ob);
    else for (let i = 0; i < M; i++) out.set(f.subarray(cOff + i * Np, cOff + i * Np + N), ob + i * N);
  }
  return out;
}
