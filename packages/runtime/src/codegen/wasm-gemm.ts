// Matrix multiply on a WebAssembly SIMD micro-kernel (scripts/wasm/gemm.wat), used by the
// dot kernels (jit and precompiled, through H.gemm) and eager matmul for large enough products.
// The bytes ship with the runtime; compiling them needs no `eval`, but a page CSP without
// 'wasm-unsafe-eval' (or a runtime without WebAssembly SIMD) refuses them: then gemm returns null
// and callers use their JS loops. Inputs are widened to float64 and products accumulate in float64,
// exactly as the JS kernels do, so results do not depend on which path ran (beyond summation order).
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

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * A page whose <meta> CSP allows scripts but not WebAssembly compilation would log a violation on
 * the first attempt; skip the attempt there. (A CSP sent as an HTTP header cannot be seen from
 * script: such a page logs one report, then uses the JS kernels.)
 */
function cspForbidsWasm(): boolean {
  const doc = (globalThis as { document?: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } })
    .document;
  if (!doc) return false;
  for (const m of Array.from(doc.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]'))) {
    const policy = m.getAttribute("content") ?? "";
    const directive = /(?:^|;)\s*script-src([^;]*)/i.exec(policy) ?? /(?:^|;)\s*default-src([^;]*)/i.exec(policy);
    if (directive && !/'(wasm-unsafe-eval|unsafe-eval)'/.test(directive[1]!)) return true;
  }
  return false;
}

function load(): Sgemm | null {
  if (state !== undefined) return state;
  if ((globalThis as { NUMJIT_WASM?: unknown }).NUMJIT_WASM === false || cspForbidsWasm()) return (state = null);
  try {
    const W = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
    if (!W) return (state = null);
    const inst = new W.Instance(new W.Module(decode(gemmWasm)), {});
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
const MIN_WORK = 1 << 15;

type Arr = ArrayLike<number>;

/**
 * out[b, i, j] = sum_k A[ao + b*sab + i*sam + k*sak] * W[wo + b*swb + k*swk + j*swn] for a batch of B
 * products, or null when the WebAssembly path is unavailable or not worth it.
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
): Float64Array | null {
  if (!enabled || M * N * K < MIN_WORK || K === 0 || M === 0 || N === 0) return null;
  const s = load();
  if (s === null) return null;
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
    // A rows, zero-padded to Mp
    const ab = ao + b * sab;
    if (Math.abs(sam) < Math.abs(sak)) {
      // A is stored transposed (e.g. x.T in a backward pass): read it in memory order, write scattered
      for (let k = 0; k < K; k++) {
        const r = ab + k * sak;
        for (let i = 0, q = r; i < M; i++, q += sam) f[i * K + k] = A[q]!;
      }
    } else {
      for (let i = 0, p = 0; i < M; i++) {
        const r = ab + i * sam;
        if (sak === 1) {
          f.set((A as Float32Array).subarray(r, r + K), p); // a row: one native widening copy
          p += K;
        } else for (let k = 0, q = r; k < K; k++, q += sak) f[p++] = A[q]!;
      }
    }
    f.fill(0, M * K, aLen);
    // W in panels of 4 columns: [Np/4][K][4]
    const wb = wo + b * swb;
    for (let j0 = 0, p = bOff; j0 < Np; j0 += 4) {
      const nj = Math.min(N - j0, 4);
      if (nj === 4) {
        const s2 = 2 * swn,
          s3 = 3 * swn;
        for (let k = 0, q = wb + j0 * swn; k < K; k++, q += swk, p += 4) {
          f[p] = W[q]!;
          f[p + 1] = W[q + swn]!;
          f[p + 2] = W[q + s2]!;
          f[p + 3] = W[q + s3]!;
        }
        continue;
      }
      for (let k = 0; k < K; k++) {
        const q = wb + k * swk + j0 * swn;
        let c = 0;
        for (; c < nj; c++) f[p + c] = W[q + c * swn]!;
        for (; c < 4; c++) f[p + c] = 0;
        p += 4;
      }
    }
    s.run(0, 8 * bOff, 8 * cOff, Mp, Np, K);
    const ob = b * M * N;
    if (Np === N) out.set(f.subarray(cOff, cOff + M * N), ob);
    else for (let i = 0; i < M; i++) out.set(f.subarray(cOff + i * Np, cOff + i * Np + N), ob + i * N);
  }
  return out;
}
