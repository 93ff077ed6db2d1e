// How a large wasm kernel call is cut into chunks for the worker pool (threads/pool.ts), from the
// kernels' argument lists alone (the kernel ABI of codegen/wasm/emit.ts and sgemm.ts is unchanged):
//   elementwise (rows, nvec, out, [ptr, rowStride, step] per input, consts): by rows, or by vectors
//     when there is one row;
//   reduce (rows, n, out, [ptr, rowStride, step] per input, consts, mask): by rows — the outer, kept
//     axis (softmax and logsumexp reduce along rows) — never inside a row: each output is one
//     thread's sum in one order;
//   rows (a fused softmax row kernel, codegen/wasm/rows.ts: reduce's arguments, padded rows out): by rows;
//   sgemm (M, N, K, a, panels, c, bias, act) and igemm (M, N, T, C, rows, taps, panels, out, ldc, bias,
//     act): by row blocks of the output (multiples of the 4-row micro-tile);
//   pack (K, N, src, ld, panels), W's panels for sgemm: by ranges of SGEMM_NR-column panels;
//   cols (rows, nvec, out, [ptr, rowStride, step] per input, consts), column sums (cols.ts): by ranges
//     of vectors along the kept axis, each summed down every row by one thread.
// Boundaries are a function of the sizes and the thread count only, and every output element is
// computed by the same instructions in the same order on whichever thread claims its chunk, so
// results are bit-identical to one thread. Calls below the break-even stay on the caller.
import { getThreads, type ParallelKernel, runChunks } from "../../threads/pool.js";
import { SGEMM_NR } from "./sgemm.js";

/**
 * Break-even (bench/threads.mjs --fixed-cost on a 2-core machine under load: a split call costs up to
 * ~0.1 ms beyond a perfect halving), so a call is split only when one thread would take well over twice
 * that: `elems` elements of an elementwise or reduce kernel, or `macs` multiply-adds of a GEMM. Mutable
 * for the bench and tests (internal entry).
 */
export const splitMin = { elems: 1 << 18, macs: 1 << 22 };

/** [start, end) of part `i` of `parts` over [0, total), in multiples of `align` (the last takes the rest). */
function part(total: number, parts: number, i: number, align: number): [number, number] {
  const step = Math.ceil(total / parts / align) * align;
  return [Math.min(total, i * step), Math.min(total, (i + 1) * step)];
}

/**
 * How a split call is cut: into `perThread` chunks per thread, claimed as threads get to them, so a
 * worker that wakes late (or loses its core to another process) leaves more chunks to the caller
 * rather than keeping it waiting. Mutable for the bench.
 */
export const chunking = { perThread: 4 };

/** How many parts a call of `work` units over `units` splittable units gets (1: run it on the caller). */
function parts(work: number, min: number, units: number): number {
  const threads = getThreads();
  return work < min || threads < 2 ? 1 : Math.min(units, threads * chunking.perThread);
}

/** Per input i, the [ptr, rowStride, step] triple starts at argument 3 + 3i. */
function shiftInputs(p: number[], nin: number, by: (rowStride: number, step: number) => number): void {
  for (let i = 0; i < nin; i++) p[3 + 3 * i] = p[3 + 3 * i]! + by(p[4 + 3 * i]!, p[5 + 3 * i]!);
}

function chunks(n: number, make: (i: number) => number[] | null): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = make(i);
    if (c) out.push(c);
  }
  return out;
}

/** elementwise: padded rows out; reduce: one value per row, `n` and a tail mask in; rows: both. */
export type KernelKind = "elementwise" | "reduce" | "rows";

/**
 * How many parts a call gets and whether they are row ranges; `len` per row in the kernel's own unit:
 * vectors (elementwise) or elements (reduce, rows).
 */
function partsOf(kind: KernelKind, rows: number, len: number): { n: number; byRows: boolean } {
  const elems = kind === "elementwise" ? rows * len * 4 : rows * len;
  const byRows = rows > 1 || kind !== "elementwise";
  return { n: parts(elems, splitMin.elems, byRows ? rows : len), byRows };
}

/** Whether a call over `rows` rows of `n` elements would be split across the pool (else it runs here). */
export function splits(kind: KernelKind, rows: number, n: number): boolean {
  return partsOf(kind, rows, kind === "elementwise" ? (n + 3) >> 2 : n).n > 1;
}

/** Runs an emitted elementwise, reduce or rows kernel call (full argument list), split when large. */
export function runKernel(k: ParallelKernel, kind: KernelKind, nin: number, args: number[]): void {
  const rows = args[0]!,
    len = args[1]!; // vectors per row (elementwise) or elements per row (reduce, rows)
  const { n, byRows } = partsOf(kind, rows, len);
  if (n <= 1) return k.run(...args);
  const outRow = kind === "elementwise" ? len * 16 : kind === "rows" ? ((len + 3) >> 2) * 16 : 4;
  runChunks(
    k,
    chunks(n, (i) => {
      const [a, b] = part(byRows ? rows : len, n, i, 1);
      if (a >= b) return null;
      const p = args.slice();
      if (byRows) {
        p[0] = b - a;
        p[2] = args[2]! + a * outRow;
        shiftInputs(p, nin, (rowStride) => a * rowStride);
      } else {
        p[1] = b - a;
        p[2] = args[2]! + a * 16;
        shiftInputs(p, nin, (_, step) => a * step);
      }
      return p;
    }),
  );
}

/** Runs a column-sum call (codegen/wasm/cols.ts) over `elems` elements, split by vector ranges when large. */
export function runCols(k: ParallelKernel, nin: number, elems: number, args: number[]): void {
  const nvec = args[1]!;
  const n = parts(elems, splitMin.elems, nvec);
  if (n <= 1) return k.run(...args);
  runChunks(
    k,
    chunks(n, (i) => {
      const [a, b] = part(nvec, n, i, 1);
      if (a >= b) return null;
      const p = args.slice();
      p[1] = b - a;
      p[2] = args[2]! + a * 16;
      shiftInputs(p, nin, (_, step) => a * step);
      return p;
    }),
  );
}

/**
 * Runs a GEMM-like call over M output rows, split into row ranges that are multiples of the 4-row
 * micro-tile when `macs` is large: `args(r0, r1)` is the argument list for rows [r0, r1).
 */
function runRowBlocks(k: ParallelKernel, M: number, macs: number, args: (r0: number, r1: number) => number[]): void {
  const n = parts(macs, splitMin.macs, Math.ceil(M / 4));
  if (n <= 1) return k.run(...args(0, M));
  runChunks(
    k,
    chunks(n, (i) => {
      const [r0, r1] = part(M, n, i, 4);
      return r0 < r1 ? args(r0, r1) : null;
    }),
  );
}

/** Runs sgemm(M, N, K, a, panels, c, bias, act), split by row blocks when large. */
export function runSgemm(
  k: ParallelKernel,
  M: number,
  N: number,
  K: number,
  a: number,
  panels: number,
  c: number,
  bias = 0,
  act = 0,
): void {
  runRowBlocks(k, M, M * N * K, (r0, r1) => [r1 - r0, N, K, a + 4 * r0 * K, panels, c + 4 * r0 * N, bias, act]);
}

/** Runs pack(K, N, src, ld, panels) (codegen/wasm/sgemm.ts: W[K, N] into SGEMM_NR-column panels), split by panels when large. */
export function runPack(k: ParallelKernel, K: number, N: number, src: number, ld: number, panels: number): void {
  const nr = SGEMM_NR;
  const P = Math.ceil(N / nr);
  const n = parts(K * N, splitMin.elems, P);
  if (n <= 1) return k.run(K, N, src, ld, panels);
  runChunks(
    k,
    chunks(n, (i) => {
      const [p0, p1] = part(P, n, i, 1);
      return p0 < p1 ? [K, Math.min(N, nr * p1) - nr * p0, src + 4 * nr * p0, ld, panels + 4 * nr * p0 * K] : null;
    }),
  );
}

/** Runs igemm(M, N, T, C, rows, taps, panels, out, ldc, bias, act) (codegen/wasm/sgemm.ts), split by row blocks. */
export function runIgemm(
  k: ParallelKernel,
  M: number,
  N: number,
  T: number,
  C: number,
  rows: number,
  taps: number,
  panels: number,
  out: number,
  ldc: number,
  bias = 0,
  act = 0,
): void {
  runRowBlocks(k, M, M * N * T * C, (r0, r1) => [r1 - r0, N, T, C, rows + 4 * r0, taps, panels, out + 4 * r0 * ldc, ldc, bias, act]);
}
