// The eager kernel of conv_general_dilated (core/conv-primitive.ts), also what jit plans and precompiled
// modules run for it. The input is copied once into a zero-padded (and, for lhs dilation, zero-
// interleaved) channels-last buffer, so every output position's window is a plain offset: output row m
// (batch and output position) reads tap t's C channels at rows[m] + taps[t] (+ the group's first
// channel). Under jit a bias add and activation after the conv join it (ConvParams.epilogue). float32
// runs the wasm indirect GEMM on those offsets (codegen/wasm-conv.ts: float32
// accumulation, split across the thread pool); other dtypes, setMatmulPrecision("highest") and engines
// without wasm run the JS loop below (float64 accumulation; int32/uint32 wrap as the dot kernels do).
import { allocate, isInteger, type TypedArray } from "../dtype.js";
import { NDArray } from "../ndarray.js";
import { copyStridedInto, sizeOf } from "../shape.js";
import type { ConvParams } from "../core/conv-primitive.js";
import { shapeRules } from "../core/shape-rules.js";
import { impls } from "../core/trace.js";
import { convF32 } from "../codegen/wasm-conv.js";
import type { GemmEpilogue } from "../codegen/wasm-gemm.js";
import type { GemmAct } from "../codegen/wasm/sgemm.js";
import { dense } from "./strided.js";

/** Sizes and element offsets of one convolution over the padded input buffer. */
export interface ConvPlan {
  N: number;
  /** channels (C = I * G), kernel input / output features, groups */
  C: number;
  I: number;
  O: number;
  G: number;
  /** kernel taps, output rows (N x output positions) */
  T: number;
  M: number;
  /** the padded buffer's elements and its strides [batch, spatial..., channel] */
  size: number;
  pitch: number[];
  /** whether any element of the padded buffer is not copied from the input (padding, dilation holes) */
  holes: boolean;
  outShape: number[];
  taps: Int32Array;
  /** rows[m] * scale + base for every output row, written into `dst` from `at` */
  fillRows: (dst: Int32Array, at: number, scale: number, base: number) => void;
  /** copies the input into the padded layout at dst[at...] (zeros written where nothing lands) */
  fillInput: (dst: TypedArray, at: number) => void;
}

export function convPlan(x: NDArray, w: NDArray, p: ConvParams): ConvPlan {
  const nd = x.ndim,
    ns = nd - 2;
  const outShape = shapeRules.conv_general_dilated([x, w], p).shape.slice();
  const S = x.shape.slice(1, -1),
    K = w.shape.slice(0, ns),
    out = outShape.slice(1, -1);
  const [N, C] = [x.shape[0]!, x.shape[nd - 1]!],
    [I, O] = [w.shape[ns]!, w.shape[ns + 1]!];
  const Sp = S.map((s, i) => (s === 0 ? 0 : (s - 1) * p.lhsDilation[i]! + 1) + p.padding[i]![0] + p.padding[i]![1]);
  // pitch[i + 1] is the stride of spatial dim i
  const pitch = new Array<number>(nd);
  pitch[nd - 1] = 1;
  pitch[ns] = C;
  for (let i = ns - 1; i >= 1; i--) pitch[i] = pitch[i + 1]! * Sp[i]!;
  pitch[0] = pitch[1]! * (ns ? Sp[0]! : 1);
  const T = sizeOf(K),
    P = sizeOf(out);
  const taps = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let r = t,
      off = 0;
    for (let i = ns - 1; i >= 0; i--) {
      off += (r % K[i]!) * p.rhsDilation[i]! * pitch[i + 1]!;
      r = Math.floor(r / K[i]!);
    }
    taps[t] = off;
  }
  // the input elements that land inside the padded buffer (negative padding crops)
  const lo = S.map((_, i) => Math.max(0, Math.ceil(-p.padding[i]![0] / p.lhsDilation[i]!)));
  const hi = S.map((s, i) => Math.min(s, Math.floor((Sp[i]! - 1 - p.padding[i]![0]) / p.lhsDilation[i]!) + 1));
  const holes = S.some((s, i) => p.padding[i]![0] > 0 || p.padding[i]![1] > 0 || (p.lhsDilation[i]! > 1 && s > 1));
  return {
    N,
    C,
    I,
    O,
    G: p.groups,
    T,
    M: N * P,
    size: N * pitch[0]!,
    pitch,
    holes,
    outShape,
    taps,
    fillRows: (dst, at, scale, base) => {
      // m = (n, o_0, ..., o_{ns-1}) row-major; row offset n * pitch[0] + sum o_i * stride_i * pitch[i + 1]
      const step = out.map((_, i) => p.strides[i]! * pitch[i + 1]! * scale);
      const idx = new Array<number>(ns).fill(0);
      let m = at;
      for (let n = 0; n < N && P > 0; n++) {
        let r = base + n * pitch[0]! * scale;
        idx.fill(0);
        for (;;) {
          const last = ns - 1;
          const len = ns ? out[last]! : 1,
            st = ns ? step[last]! : 0;
          for (let o = 0; o < len; o++, r += st) dst[m++] = r;
          r -= len * st;
          let d = last - 1;
          for (; d >= 0; d--) {
            r += step[d]!;
            if (++idx[d]! < out[d]!) break;
            r -= step[d]! * out[d]!;
            idx[d] = 0;
          }
          if (d < 0) break;
        }
      }
    },
    fillInput: (dst, at) => {
      if (holes) dst.fill(0, at, at + N * pitch[0]!);
      const shape = [N, ...S.map((_, i) => Math.max(0, hi[i]! - lo[i]!)), C];
      let dOff = at,
        sOff = x.offset;
      S.forEach((_, i) => {
        dOff += (p.padding[i]![0] + lo[i]! * p.lhsDilation[i]!) * pitch[i + 1]!;
        sOff += lo[i]! * x.strides[i + 1]!;
      });
      const dStr = [pitch[0]!, ...S.map((_, i) => pitch[i + 1]! * p.lhsDilation[i]!), 1];
      copyBlock(shape, dst, dOff, dStr, x.data, sOff, x.strides);
    },
  };
}

/**
 * dst[dOff + idx . dStr] = src[sOff + idx . sStr] over `shape`: whole runs with one native copy when the
 * trailing dims are contiguous on both sides, else element by element.
 */
function copyBlock(
  shape: number[],
  dst: TypedArray,
  dOff: number,
  dStr: readonly number[],
  src: TypedArray,
  sOff: number,
  sStr: readonly number[],
): void {
  if (sizeOf(shape) === 0) return;
  let run = 1,
    k = shape.length;
  while (k > 0 && sStr[k - 1] === run && dStr[k - 1] === run) run *= shape[--k]!;
  if (run < 16) return copyStridedInto(shape, dst, dOff, dStr, src, sOff, sStr);
  const outer = shape.slice(0, k);
  const idx = new Array<number>(k).fill(0);
  for (;;) {
    dst.set(src.subarray(sOff, sOff + run) as never, dOff);
    let d = k - 1;
    for (; d >= 0; d--) {
      dOff += dStr[d]!;
      sOff += sStr[d]!;
      if (++idx[d]! < outer[d]!) break;
      dOff -= dStr[d]! * outer[d]!;
      sOff -= sStr[d]! * outer[d]!;
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/** The scalar activations of a fused epilogue, as the unfused elementwise kernels compute them. */
const ACT: Record<GemmAct, ((v: number) => number) | null> = {
  none: null,
  relu: (v) => Math.max(v, 0),
  tanh: Math.tanh,
  logistic: (v) => 1 / (1 + Math.exp(-v)),
};

/**
 * The JS loop: out[m, g * Og + j] = act(sum_t sum_c xp[rows[m] + taps[t] + g * I + c] * w[t, c, g * Og + j]
 * + bias[g * Og + j]); a float32 result rounds after each step, as the unfused kernels store it.
 */
function convJs(plan: ConvPlan, x: NDArray, w: NDArray, out: TypedArray, epi: GemmEpilogue | null): void {
  const { M, T, I, O, G, taps } = plan;
  const Og = O / G;
  const isInt = isInteger(x.dtype);
  const xp = allocate(isInt ? x.dtype : "float64", plan.size);
  plan.fillInput(xp, 0);
  const rows = new Int32Array(M);
  plan.fillRows(rows, 0, 1, 0);
  const [wd, wo] = dense(w);
  for (let m = 0; m < M; m++) {
    const r = rows[m]!;
    for (let g = 0; g < G; g++)
      for (let j = 0; j < Og; j++) {
        let acc = 0;
        for (let t = 0; t < T; t++) {
          const a = r + taps[t]! + g * I;
          let q = wo + t * I * O + g * Og + j;
          if (isInt) for (let c = 0; c < I; c++, q += O) acc = (acc + Math.imul(xp[a + c]!, wd[q]!)) | 0;
          else for (let c = 0; c < I; c++, q += O) acc += xp[a + c]! * wd[q]!;
        }
        if (epi) {
          const r32 = x.dtype === "float32" ? Math.fround : (v: number) => v;
          let v = r32(acc);
          if (epi.bias) v = r32(v + epi.bias.data[epi.bias.offset + (g * Og + j) * epi.bias.stride]!);
          const f = ACT[epi.act];
          acc = f ? f(v) : v;
        }
        out[m * O + g * Og + j] = acc;
      }
  }
}

impls.conv_general_dilated = (inputs, params) => {
  const [x, w, b] = inputs as [NDArray, NDArray, NDArray | undefined];
  const plan = convPlan(x, w, params);
  const epi: GemmEpilogue | null = params.epilogue
    ? { bias: b ? { data: b.data, offset: b.offset, stride: b.strides[0] ?? 0 } : null, act: params.epilogue.act }
    : null;
  const wasm = x.dtype === "float32" ? convF32(plan, w, epi) : null;
  const out = wasm ?? allocate(x.dtype, plan.M * plan.O);
  if (!wasm && plan.M * plan.O > 0) convJs(plan, x, w, out, epi);
  return new NDArray(out, plan.outShape, x.dtype, undefined, 0, x.weakType && w.weakType);
};
