// Calling a wasm kernel behind the JS kernels' calling convention. wrapWasm() wraps a JS kernel in a
// function with the same signature that, for a large enough call whose layout the wasm form covers
// (at most two collapsed dims, unit or broadcast innermost strides), runs the module's `run` export;
// every other call goes to the JS kernel. Operands that live in the kernels' WebAssembly.Memory (large
// arrays, codegen/wasm/memory.ts) are passed by address, views included; the others are staged chunk
// by chunk and a staged result is copied out. Chunks of CHUNK elements per operand keep the copies in
// cache: W2 (1e6 elements) measured 8.4 ns/elem copying whole arrays, where the copies' DRAM traffic was
// as large as the kernel's. A call large enough for the worker pool (codegen/wasm/split.ts) runs as one
// chunk split across the pool's threads instead.
// This module knows argument positions only through a WasmLayout (plain data computed from the kernel
// IR, by the runtime jit or at build time), so precompiled modules use it without the code generator.
import type { TypedArray } from "../../dtype.js";
import type { RowOp } from "../kir.js";
import type { ParallelKernel } from "../../threads/pool.js";
import { isResident, kernelMemory, staging } from "./memory.js";
import { type KernelKind, runKernel, splits } from "./split.js";
import { type ColOperand, runCols } from "./cols.js";

type KernelFn = (...args: any[]) => void;

/**
 * Kernel calls, float32 GEMMs and threefry2x32 hashes that ran on wasm, and modules generated at run time
 * (`compiles`: from kernel IR, or the threefry module when no build shipped it) vs modules shipped by the
 * build (`shipped`: instantiated, never generated), calls that read or wrote an operand in place
 * (`inPlace`), and kernels run once on zeros to tier them up (`warmed`, warmUp). Tests check where calls went.
 */
export const wasmStats = { calls: 0, sgemms: 0, threefry: 0, compiles: 0, shipped: 0, inPlace: 0, warmed: 0 };

/** Where a wasm-capable kernel's arguments are (positions in the JS calling convention), as plain data. */
export type WasmLayout =
  | {
      kind: "elementwise";
      nin: number;
      used: number[];
      out: number;
      consts: number;
      data: number[];
      offset: number[];
      shape: number;
      strides: number[];
    }
  | {
      /** a fused row kernel (codegen/wasm/rows.ts): shape [rows, n], strides [rowStride, step] */
      kind: "rows";
      row: RowOp;
      nin: number;
      used: number[];
      out: number;
      consts: number;
      data: number[];
      offset: number[];
      shape: number;
      strides: number[];
    }
  | {
      kind: "reduce";
      nin: number;
      used: number[];
      out: number;
      consts: number;
      data: number[];
      offset: number[];
      kshape: number;
      rshape: number;
      kstrides: number[];
      rstrides: number[];
    };

/** A reduce_sum kernel's column-sum form (cols.ts) and the position of its reduction-order argument. */
export interface ColsForm {
  mode: number;
  kernel: () => ParallelKernel | null;
}

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

/**
 * Runs a kernel over `rows` rows of `n` elements. Operands in the kernels' memory (resident float32
 * arrays with unit inner stride, codegen/wasm/memory.ts) are read in place (the lanes a row's last
 * vector reads past its end are discarded), and a resident output is written in place when its rows
 * need no padding (a reduction, or n a multiple of 4). Other operands are staged in chunks of whole
 * rows (or, for rows longer than CHUNK in an elementwise kernel, column ranges of one row): copied into
 * wasm memory (rows padded to whole vectors, a broadcast value splatted once per row), the kernel runs,
 * and a staged result is copied to `o` (dense [rows, n], or [rows] for a reduction). A call with
 * nothing large to stage runs as one chunk.
 */
export function runChunked(
  kernel: ParallelKernel,
  nin: number,
  rows: number,
  n: number,
  ops: Operand[],
  idx: number[],
  consts: readonly number[],
  o: Float32Array,
  kind: KernelKind,
): void {
  const reduce = kind === "reduce",
    masked = kind !== "elementwise";
  const direct = ops.map((op) => op.inner === 1 && op.data instanceof Float32Array && isResident(op.data));
  const outDirect = isResident(o) && (reduce || (n & 3) === 0);
  // one chunk: split across the pool's threads, or nothing to stage but broadcast values
  const whole = splits(kind, rows, n) || (outDirect && ops.every((op, k) => direct[k] || op.inner === 0));
  const split = !whole && !masked && n > CHUNK;
  const cw = split ? CHUNK : n;
  const rb = split ? 1 : whole ? rows : Math.max(1, Math.min(rows, Math.floor(CHUNK / Math.max(n, 1))));
  const nvec = (cw + 3) >> 2,
    rowBytes = nvec * 16;
  // staging block: [mask][consts][staged operands][staged output]
  let top = 16 + up16(4 * consts.length);
  const bases = ops.map((op, k) => {
    if (direct[k]) return -1;
    const b = top;
    top += up16((op.inner === 0 ? 16 : rowBytes) * (op.outer === 0 ? 1 : rb));
    return b;
  });
  const outAt = top;
  const base = staging(top + (outDirect ? 0 : reduce ? up16(4 * rb) : rb * rowBytes));
  const f = new Float32Array(kernelMemory(0).buffer);
  if (masked) {
    const u = new Int32Array(f.buffer, base, 4);
    for (let l = 0; l < 4; l++) u[l] = l < (n & 3) ? -1 : 0;
  }
  const b0 = base >> 2;
  for (let i = 0; i < consts.length; i++) f[b0 + 4 + i] = consts[i]!;
  // [rows, nvec | n, out, ...[ptr, rowStride, step] per input (zeros for unread ones), consts, mask]
  const params = new Array<number>(4 + 3 * nin + (masked ? 1 : 0)).fill(0);
  params[3 + 3 * nin] = base + 16;
  if (masked) params[4 + 3 * nin] = base;
  ops.forEach((op, k) => {
    const at = 3 + 3 * idx[k]!;
    params[at + 1] = op.outer === 0 ? 0 : direct[k] ? 4 * op.outer : op.inner === 0 ? 16 : rowBytes;
    params[at + 2] = op.inner === 0 ? 0 : 16;
  });
  const q = (base + outAt) >> 2;
  wasmStats.calls++;
  if (direct.some((d) => d) || outDirect) wasmStats.inPlace++;
  for (let r0 = 0; r0 < rows; r0 += rb) {
    const nr = Math.min(rb, rows - r0);
    for (let c0 = 0; c0 < n; c0 += cw) {
      const w = Math.min(cw, n - c0);
      ops.forEach((op, k) => {
        const s = op.off + r0 * op.outer + c0 * op.inner;
        if (direct[k]) {
          params[3 + 3 * idx[k]!] = op.data.byteOffset + 4 * s;
          return;
        }
        const b = (base + bases[k]!) >> 2;
        params[3 + 3 * idx[k]!] = base + bases[k]!;
        const cr = op.outer === 0 ? 1 : nr;
        if (op.inner === 0) {
          for (let r = 0; r < cr; r++) f.fill(op.data[s + r * op.outer]!, b + 4 * r, b + 4 * r + 4);
        } else if (op.outer === w && (w & 3) === 0) f.set(op.data.subarray(s, s + cr * w), b);
        else for (let r = 0; r < cr; r++) f.set(op.data.subarray(s + r * op.outer, s + r * op.outer + w), b + r * nvec * 4);
      });
      params[0] = nr;
      params[1] = masked ? n : (w + 3) >> 2;
      params[2] = outDirect ? o.byteOffset + 4 * (reduce ? r0 : r0 * n + c0) : base + outAt;
      runKernel(kernel, kind, nin, params);
      if (outDirect) continue;
      if (reduce) o.set(f.subarray(q, q + nr), r0);
      else if ((w & 3) === 0 && w === n) o.set(f.subarray(q, q + nr * w), r0 * n);
      else for (let r = 0; r < nr; r++) o.set(f.subarray(q + r * nvec * 4, q + r * nvec * 4 + w), (r0 + r) * n + c0);
    }
  }
}

/**
 * Elements of warmUp's synthetic call. V8 (dynamic tiering, Node 20 / Chrome) runs a new wasm function
 * in its baseline compiler (Liftoff) and compiles it with TurboFan in the background once it has run
 * ~1.8 MB of wasm code (`--wasm-tiering-budget`); a running call never switches code (wasm has no OSR),
 * so the first large call of a module ran wholly in Liftoff: W2's 1e6-element chain ~10 ms vs ~2 ms.
 * Measured with `%IsTurboFanFunction`: 2^15 elements tier the W2 chain and the softmax rows kernel
 * up, not an add (a short loop body); 2^17 tier every kernel up, at ~0.3-1 ms in Liftoff each.
 */
const WARM_ELEMS = 1 << 17;
const ROW = 1024;

/**
 * Runs kernel `run` once over WARM_ELEMS elements of zeros in the staging block, so that the engine
 * compiles its optimized code in the background before a real call needs it (precompiled modules are
 * warmed when the function is defined, codegen/wasm/shipped.ts). Inputs are broadcast zeros (a row of
 * them for a row kernel), the output lands in the staging block: no array is read or written, and
 * wasmStats counts it as `warmed`, not as a call. Never split across the pool: the workers' instances
 * share the module's compiled code, so its optimized code serves them too.
 */
export function warmUp(run: ParallelKernel["run"], lay: WasmLayout): void {
  const rowsKind = lay.kind !== "elementwise";
  const rows = rowsKind ? WARM_ELEMS / ROW : 1;
  // [mask][consts: 16 floats (zeros)][one zero row][output]
  const outAt = 16 + 64 + 4 * ROW;
  const base = staging(outAt + 4 * (lay.kind === "reduce" ? rows : WARM_ELEMS));
  new Uint8Array(kernelMemory(0).buffer, base, outAt).fill(0);
  const params = [rows, rowsKind ? ROW : WARM_ELEMS / 4, base + outAt];
  for (let i = 0; i < lay.nin; i++) params.push(base + 80, 0, lay.kind === "rows" ? 16 : 0);
  params.push(base + 16);
  if (rowsKind) params.push(base);
  run(...params);
  wasmStats.warmed++;
}

/**
 * `js` with a wasm fast path for calls over at least `min` elements. `getKernel` gives the module's
 * kernel, or null while it is not (yet) available (a shipped module still compiling): then the JS
 * kernel runs.
 */
/**
 * `cols`: a sum's column-sum form (cols.ts), for reductions over the leading axis of [rows, n] with the
 * kept axis contiguous (mode 1), where the row kernel would read every row with a stride.
 */
export function wrapWasm(getKernel: () => ParallelKernel | null, lay: WasmLayout, js: KernelFn, min: number, cols?: ColsForm): KernelFn {
  const { used, nin } = lay;
  if (lay.kind === "rows") {
    const kind = lay.row === "logsumexp" ? "reduce" : "rows";
    return (...args: unknown[]) => {
      const [rows, n] = args[lay.shape] as [number, number];
      const [outer, inner] = args[lay.strides[0]!] as [number, number];
      const kernel = (inner !== 1 && n > 1) || rows * n < min ? null : getKernel();
      if (kernel === null) return js(...args);
      const op = { data: args[lay.data[0]!] as TypedArray, off: args[lay.offset[0]!] as number, outer, inner: 1 };
      runChunked(kernel, 1, rows, n, [op], [0], [], args[lay.out] as Float32Array, kind);
    };
  }
  if (lay.kind === "elementwise") {
    // `arguments`, not rest parameters and a spread: a call below `min` (every tiny call) allocates nothing
    return function (this: unknown) {
      // biome-ignore lint/complexity/noArguments: see above
      const args = arguments;
      const shape = args[lay.shape] as number[];
      const nd = shape.length;
      // a 0-d kernel (also every size-1 shape, which collapses to 0-d) is one element: a row of 1
      const n = nd ? shape[nd - 1]! : 1,
        rows = nd === 2 ? shape[0]! : 1;
      const kernel = nd > 2 || rows * n < min ? null : getKernel();
      if (kernel === null) return js.apply(this, args as never);
      const ops: Operand[] = [];
      for (const i of used) {
        const s = args[lay.strides[i]!] as number[];
        const inner = nd ? s[nd - 1]! : 1;
        if (inner !== 0 && inner !== 1) return js.apply(this, args as never);
        ops.push({ data: args[lay.data[i]!] as TypedArray, off: args[lay.offset[i]!] as number, outer: nd === 2 ? s[0]! : 0, inner });
      }
      runChunked(kernel, nin, rows, n, ops, used, args[lay.consts] as number[], args[lay.out] as Float32Array, "elementwise");
    };
  }
  return function (this: unknown) {
    // biome-ignore lint/complexity/noArguments: as above
    const args = arguments;
    const kshape = args[lay.kshape] as number[],
      rshape = args[lay.rshape] as number[];
    if (kshape.length > 1 || rshape.length > 1) return js.apply(this, args as never);
    const rows = kshape.length ? kshape[0]! : 1,
      n = rshape.length ? rshape[0]! : 1;
    if (cols && args[cols.mode] === 1 && kshape.length === 1 && rows * n >= min) {
      const k = cols.kernel();
      if (k !== null && colSum(k, lay, args, used, nin, n, rows)) return;
    }
    const kernel = rows * n < min ? null : getKernel();
    if (kernel === null) return js.apply(this, args as never);
    const ops: Operand[] = [];
    for (const i of used) {
      const inner = rshape.length ? (args[lay.rstrides[i]!] as number[])[0]! : 1;
      if (inner !== 0 && inner !== 1) return js.apply(this, args as never);
      const outer = kshape.length ? (args[lay.kstrides[i]!] as number[])[0]! : 0;
      ops.push({ data: args[lay.data[i]!] as TypedArray, off: args[lay.offset[i]!] as number, outer, inner });
    }
    runChunked(kernel, nin, rows, n, ops, used, args[lay.consts] as number[], args[lay.out] as Float32Array, "reduce");
  };
}

/**
 * A mode-1 reduction (reduced dims outermost) as a column sum over `reduced` rows of `kept` elements,
 * when every read operand is contiguous along the kept axis; false: the call is left to the others.
 */
function colSum(
  k: ParallelKernel,
  lay: Extract<WasmLayout, { kind: "reduce" }>,
  args: IArguments,
  used: number[],
  nin: number,
  reduced: number,
  kept: number,
): boolean {
  const ops: ColOperand[] = [];
  for (const i of used) {
    if ((args[lay.kstrides[i]!] as number[])[0] !== 1) return false;
    const outer = (args[lay.rstrides[i]!] as number[])[0] ?? 0;
    ops.push({ data: args[lay.data[i]!] as TypedArray, off: args[lay.offset[i]!] as number, outer });
  }
  wasmStats.calls++;
  if (runCols(k, nin, reduced, kept, ops, used, args[lay.consts] as number[], args[lay.out] as Float32Array)) wasmStats.inPlace++;
  return true;
}
