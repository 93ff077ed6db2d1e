// float32 convolution on the wasm indirect GEMM (codegen/wasm/sgemm.ts igemm), for eager/conv-impl.ts:
// the padded input, the packed kernel (one set of 8-column panels per feature group) and the row and tap
// offsets live in the kernels' staging block, the output in a resident array where one can be had (else
// staged and copied out). Each group is one igemm call over all output rows, split by row blocks across
// the thread pool (codegen/wasm/split.ts), so results do not depend on the thread count. float32
// products accumulate in float32, as the float32 GEMM does.
import type { NDArray } from "../ndarray.js";
import type { ConvPlan } from "../eager/conv-impl.js";
import { dense } from "../eager/strided.js";
import { getMatmulPrecision } from "./backend.js";
import { type GemmEpilogue, MIN_WORK, packPanels, sgemmKernel } from "./wasm-gemm.js";
import { GEMM_ACT } from "./wasm/sgemm.js";
import { wasmStats } from "./wasm/call.js";
import { kernelMemory, residentArray, staging } from "./wasm/memory.js";
import { runIgemm } from "./wasm/split.js";

const up4 = (n: number) => (n + 3) & ~3;

/**
 * The convolution's [M, O] result (with the bias and activation of `epi` applied in the store), or null
 * when the wasm path is unavailable or not worth it.
 */
export function convF32(plan: ConvPlan, w: NDArray, epi: GemmEpilogue | null): Float32Array | null {
  const { M, T, I, O, G, taps } = plan;
  if (getMatmulPrecision() !== "default" || M * O * T * I < MIN_WORK) return null;
  const k = sgemmKernel();
  if (!k) return null;
  const Og = O / G,
    wide = Math.ceil(Og / 8) * 8,
    panel = wide * T * I;
  // float offsets: padded input, panels per group, rows (padded to the 4-row tile), taps per group, bias
  // per group (zero-padded to whole panels), output
  const pAt = up4(plan.size),
    rAt = pAt + G * panel,
    tAt = rAt + up4(M),
    bAt = up4(tAt + G * T),
    oAt = bAt + (epi?.bias ? G * wide : 0);
  // the result in place when it can live in the kernels' memory, else staged and copied out
  const res = residentArray(Float32Array, M * O, false);
  const at = staging(4 * (oAt + (res ? 0 : M * O)));
  const buf = kernelMemory(0).buffer;
  const f = new Float32Array(buf, at),
    iv = new Int32Array(buf, at);
  plan.fillInput(f, 0);
  const [wd, wo] = dense(w);
  for (let g = 0; g < G; g++) packPanels(f, pAt + g * panel, wd, wo + g * Og, O, 1, Og, T * I, 8);
  plan.fillRows(iv, rAt, 4, at);
  iv.fill(iv[rAt]!, rAt + M, rAt + up4(M)); // the last tile's extra rows read row 0's windows
  for (let g = 0; g < G; g++) for (let t = 0; t < T; t++) iv[tAt + g * T + t] = 4 * (taps[t]! + g * I);
  const out = res ? res.byteOffset : at + 4 * oAt;
  const bias = epi?.bias;
  if (bias) {
    f.fill(0, bAt, oAt);
    for (let g = 0; g < G; g++) for (let j = 0; j < Og; j++) f[bAt + g * wide + j] = bias.data[bias.offset + (g * Og + j) * bias.stride]!;
  }
  const act = GEMM_ACT[epi?.act ?? "none"];
  wasmStats.sgemms++;
  for (let g = 0; g < G; g++) {
    const [p, t, o] = [at + 4 * (pAt + g * panel), at + 4 * (tAt + g * T), out + 4 * g * Og];
    runIgemm(k.igemm, M, Og, T, I, at + 4 * rAt, t, p, o, O, bias ? at + 4 * (bAt + g * wide) : 0, act);
  }
  return res ?? f.slice(oAt, oAt + M * O);
}
