// Runs wasm kernels behind the JS kernels' calling convention: wasmKernel() wraps a JS kernel in a
// function with the same signature that, for a large enough call whose layout the wasm form covers
// (at most two collapsed dims, unit or broadcast innermost strides), stages the operands chunk by
// chunk in the one shared WebAssembly.Memory, runs the module emitted from the kernel IR on each
// chunk and copies its result out; every other call goes to the JS kernel. Chunks of CHUNK elements
// per operand keep the copies in cache: W2 (1e6 elements) measured 8.4 ns/elem copying whole arrays,
// where the copies' DRAM traffic was as large as the kernel's. The memory grows to the largest
// chunk and is reused. A call large enough for the worker pool (codegen/wasm/split.ts) is staged as
// one chunk and split across the pool's threads instead.
import type { TypedArray } from "../../dtype.js";
import type { KernelFn } from "../../jit/plan.js";
import { type KernelIR, argIndex } from "../kir.js";
import { wasmAvailable } from "../wasm-gemm.js";
import { emitWasm, wasmSupports } from "./emit.js";
import type { ParallelKernel } from "../../threads/pool.js";
import { kernelMemory } from "./memory.js";
import { type RowKernelKind, rowModule } from "./rows.js";
import { runKernel, splits } from "./split.js";

const modules = new Map<string, ParallelKernel | null>();

/** Kernel calls and float32 GEMMs that ran on wasm (tests check where calls went). */
export const wasmStats = { calls: 0, sgemms: 0 };

/** The module for a signature, instantiated once on the shared memory (`op` names it in pool errors). */
function instantiate(signature: string, bytes: () => Uint8Array<ArrayBuffer>, op: () => string): ParallelKernel | null {
  let k = modules.get(signature);
  if (k === undefined) {
    try {
      const module = new WebAssembly.Module(bytes());
      const inst = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } });
      k = { module, fn: "run", run: inst.exports.run as ParallelKernel["run"], op: op() };
    } catch {
      k = null; // an engine without SIMD128: the JS kernel
    }
    modules.set(signature, k);
  }
  return k;
}

const opName = (ir: KernelIR) => {
  const ops = [...new Set(ir.body.insts.map((i) => ("prim" in i.op ? i.op.prim : i.op.op)))];
  return `${ir.kind === "reduce" ? ir.reduce : ir.kind} kernel (${ops.join(", ")})`;
};

interface Operand {
  data: TypedArray;
  off: number;
  /** element strides across rows and within a row (0: broadcast) */
  outer: number;
  inner: number;
}

const up16 = (n: number) => (n + 15) & ~15;

/**
 * Elements per operand one wasm call stages: a chunk's inputs and output stay in L1/L2 between the copy
 * in, the kernel and the copy out, so memory traffic is the kernel's own (read inputs, write output).
 */
export const CHUNK = 8192;

/** elementwise: padded rows out; reduce: one value per row, `n` and a tail mask in; rows: both. */
type Mode = "elementwise" | "reduce" | "rows";

/**
 * Runs a kernel over `rows` rows of `n` elements in chunks of whole rows (or, for rows longer than
 * CHUNK in an elementwise kernel, column ranges of one row): each chunk's operands are copied into
 * wasm memory (rows padded to whole vectors, a broadcast value splatted once per row), the kernel
 * runs, and its result is copied to `o` (dense [rows, n], or [rows] for a reduction).
 */
function runChunked(
  kernel: ParallelKernel,
  nin: number,
  rows: number,
  n: number,
  ops: Operand[],
  idx: number[],
  consts: readonly number[],
  o: Float32Array,
  kind: Mode,
): void {
  const reduce = kind === "reduce",
    masked = kind !== "elementwise";
  const whole = splits(kind, rows, n); // one chunk, split across the pool's threads
  const split = !whole && !masked && n > CHUNK;
  const cw = split ? CHUNK : n;
  const rb = split ? 1 : whole ? rows : Math.max(1, Math.min(rows, Math.floor(CHUNK / Math.max(n, 1))));
  const nvec = (cw + 3) >> 2,
    rowBytes = nvec * 16;
  let top = 16 + up16(4 * consts.length);
  const bases = ops.map((op) => {
    const b = top;
    top += up16((op.inner === 0 ? 16 : rowBytes) * (op.outer === 0 ? 1 : rb));
    return b;
  });
  const out = top;
  const m = kernelMemory(top + (reduce ? up16(4 * rb) : rb * rowBytes));
  const f = new Float32Array(m.buffer);
  if (masked) {
    const u = new Int32Array(m.buffer, 0, 4);
    for (let l = 0; l < 4; l++) u[l] = l < (n & 3) ? -1 : 0;
  }
  for (let i = 0; i < consts.length; i++) f[4 + i] = consts[i]!;
  // [rows, nvec | n, out, ...[ptr, rowStride, step] per input (zeros for unread ones), consts, mask]
  const params = new Array<number>(4 + 3 * nin + (masked ? 1 : 0)).fill(0);
  params[2] = out;
  params[3 + 3 * nin] = 16;
  ops.forEach((op, k) => {
    const at = 3 + 3 * idx[k]!;
    params[at] = bases[k]!;
    params[at + 1] = op.outer === 0 ? 0 : op.inner === 0 ? 16 : rowBytes;
    params[at + 2] = op.inner === 0 ? 0 : 16;
  });
  const q = out >> 2;
  wasmStats.calls++;
  for (let r0 = 0; r0 < rows; r0 += rb) {
    const nr = Math.min(rb, rows - r0);
    for (let c0 = 0; c0 < n; c0 += cw) {
      const w = Math.min(cw, n - c0);
      ops.forEach((op, k) => {
        const b = bases[k]! >> 2;
        const cr = op.outer === 0 ? 1 : nr;
        const s = op.off + r0 * op.outer + c0 * op.inner;
        if (op.inner === 0) {
          for (let r = 0; r < cr; r++) f.fill(op.data[s + r * op.outer]!, b + 4 * r, b + 4 * r + 4);
        } else if (op.outer === w && (w & 3) === 0) f.set(op.data.subarray(s, s + cr * w), b);
        else for (let r = 0; r < cr; r++) f.set(op.data.subarray(s + r * op.outer, s + r * op.outer + w), b + r * nvec * 4);
      });
      params[0] = nr;
      params[1] = masked ? n : (w + 3) >> 2;
      runKernel(kernel, kind, nin, params);
      if (reduce) o.set(f.subarray(q, q + nr), r0);
      else if ((w & 3) === 0 && w === n) o.set(f.subarray(q, q + nr * w), r0 * n);
      else for (let r = 0; r < nr; r++) o.set(f.subarray(q + r * nvec * 4, q + r * nvec * 4 + w), (r0 + r) * n + c0);
    }
  }
}

/**
 * `js` with a wasm fast path for calls over at least `min` elements, or null when the kernel has no
 * wasm form here (unsupported ops or dtypes, no WebAssembly SIMD, a CSP without 'wasm-unsafe-eval').
 */
export function wasmKernel(signature: string, ir: KernelIR, js: KernelFn, min: number): KernelFn | null {
  if (min === Infinity || !wasmSupports(ir) || !wasmAvailable()) return null;
  const run = instantiate(
    signature,
    () => emitWasm(ir),
    () => opName(ir),
  );
  if (run === null) return null;
  const sig = ir.sig;
  const nin = sig.inputs.length;
  const data = [...Array(nin).keys()].map((i) => argIndex(sig, "data", i));
  const offs = [...Array(nin).keys()].map((i) => argIndex(sig, "offset", i));
  const iOut = argIndex(sig, "out"),
    iC = argIndex(sig, "consts");
  const used = [...ir.body.used].sort((a, b) => a - b);
  if (ir.kind === "elementwise") {
    const iShape = argIndex(sig, "shape");
    const strides = [...Array(nin).keys()].map((i) => argIndex(sig, "strides", i));
    return (...args: unknown[]) => {
      const shape = args[iShape] as number[];
      const nd = shape.length;
      // a 0-d kernel (also every size-1 shape, which collapses to 0-d) is one element: a row of 1
      const n = nd ? shape[nd - 1]! : 1,
        rows = nd === 2 ? shape[0]! : 1;
      if (nd > 2 || rows * n < min) return js(...args);
      const ops: Operand[] = [];
      for (const i of used) {
        const s = args[strides[i]!] as number[];
        const inner = nd ? s[nd - 1]! : 1;
        if (inner !== 0 && inner !== 1) return js(...args);
        ops.push({ data: args[data[i]!] as TypedArray, off: args[offs[i]!] as number, outer: nd === 2 ? s[0]! : 0, inner });
      }
      runChunked(run, nin, rows, n, ops, used, args[iC] as number[], args[iOut] as Float32Array, "elementwise");
    };
  }
  const iK = argIndex(sig, "kshape"),
    iR = argIndex(sig, "rshape");
  const ks = [...Array(nin).keys()].map((i) => argIndex(sig, "kstrides", i));
  const rs = [...Array(nin).keys()].map((i) => argIndex(sig, "rstrides", i));
  return (...args: unknown[]) => {
    const kshape = args[iK] as number[],
      rshape = args[iR] as number[];
    if (kshape.length > 1 || rshape.length > 1) return js(...args);
    const rows = kshape.length ? kshape[0]! : 1,
      n = rshape.length ? rshape[0]! : 1;
    if (rows * n < min) return js(...args);
    const ops: Operand[] = [];
    for (const i of used) {
      const inner = rshape.length ? (args[rs[i]!] as number[])[0]! : 1;
      if (inner !== 0 && inner !== 1) return js(...args);
      const outer = kshape.length ? (args[ks[i]!] as number[])[0]! : 0;
      ops.push({ data: args[data[i]!] as TypedArray, off: args[offs[i]!] as number, outer, inner });
    }
    runChunked(run, nin, rows, n, ops, used, args[iC] as number[], args[iOut] as Float32Array, "reduce");
  };
}

/**
 * A fused row kernel (codegen/wasm/rows.ts) over `rows` rows of `n` elements, row `r` at
 * offset + r * rowStride (unit stride within a row), called as an elementwise kernel over one input
 * (H, out, shape, data, offset, strides, consts); null when wasm is unavailable here.
 */
export function rowKernel(kind: RowKernelKind, rows: number, n: number, rowStride: number): KernelFn | null {
  if (!wasmAvailable()) return null;
  const run = instantiate(
    `rows:${kind}`,
    () => rowModule(kind),
    () => `${kind} rows`,
  );
  if (run === null) return null;
  return (_H: unknown, out: Float32Array, _shape: unknown, data: TypedArray, off: number) =>
    runChunked(run, 1, rows, n, [{ data, off, outer: rowStride, inner: 1 }], [0], [], out, "rows");
}
