// Column sums: a float32 reduce_sum over the leading axis of [rows, n] whose kept axis is contiguous
// (the bias gradient of a dense layer, sum(dh, 0), and every reduction over leading axes, the JS
// kernels' mode 1). The row kernel of emit.ts reduces along a contiguous row; here the vectors run
// along the kept axis and accumulate down the rows:
//   run(rows, nvec, out, ...[ptr, rowStride, step] per input, consts)
//     out[4v..4v+3] = sum_{r < rows} body(row r, vector v), lanes widened to float64x2 and added in row
//     order, then rounded to float32: per element the same double additions in the same order as the JS
//     kernel's row accumulator, so an empty body (a plain sum) gives the same bits.
// The caller (runCols) passes operands in the kernels' memory by address and stages the others.
import type { KBody } from "../kir.js";
import type { ParallelKernel } from "../../threads/pool.js";
import type { TypedArray } from "../../dtype.js";
import { Code } from "./encoder.js";
import { addWidened, bindInputs, emitBody, inputParams, loadConsts } from "./emit.js";
import { isResident, kernelMemory, staging } from "./memory.js";
import { runCols as runSplit } from "./split.js";

/** Vectors summed together down the rows: one 64-byte line of each row, eight independent float64x2 chains. */
const BLOCK = 4;

/**
 * The column-sum function of a float32 reduce_sum body. Vectors go in blocks of BLOCK (then one at a
 * time): a block reads one cache line per row of each operand, so a pass down the rows at a stride of a
 * power of two (which maps every row to a few cache sets) is not repeated for each vector of the line.
 */
export function colsCode(b: KBody): Code {
  const n = b.inputs.length;
  const c = new Code(inputParams(n, 1));
  const [rows, nvec, out] = [0, 1, 2];
  const ins = bindInputs(n);
  const consts = loadConsts(c, b, 3 + 3 * n);
  const loads = b.inputs.map(() => c.local("v128"));
  const v = c.local("v128");
  const r = c.local("i32"),
    j = c.local("i32"),
    q = c.local("i32");
  const cur = b.inputs.map(() => c.local("i32"));
  const acc = [...Array(2 * BLOCK)].map(() => c.local("v128"));
  c.get(out).set(q);
  c.i32(0).set(j);
  for (const w of [BLOCK, 1]) {
    c.block().loop();
    c.get(j)
      .i32(w - 1)
      .i32op("add")
      .get(nvec)
      .i32op("ge_u")
      .brIf(1);
    for (const i of b.used) c.get(ins.ptr[i]!).get(j).get(ins.step[i]!).i32op("mul").i32op("add").set(cur[i]!);
    c.f32x4(0);
    for (let t = 0; t < 2 * w; t++) t + 1 < 2 * w ? c.tee(acc[t]!) : c.set(acc[t]!);
    c.i32(0).set(r);
    c.block().loop();
    c.get(r).get(rows).i32op("ge_u").brIf(1);
    for (let t = 0; t < w; t++) {
      // vector t of the block: 16 bytes on from the cursor (data inputs step one vector)
      for (const i of b.used)
        c.get(cur[i]!)
          .mem("v128.load", 16 * t)
          .set(loads[i]!);
      emitBody(c, b, loads, consts);
      c.set(v);
      addWidened(c, v, acc[2 * t]!, acc[2 * t + 1]!);
    }
    for (const i of b.used) c.get(cur[i]!).get(ins.rowStride[i]!).i32op("add").set(cur[i]!);
    c.get(r).i32(1).i32op("add").set(r).br(0);
    c.end().end();
    for (let t = 0; t < w; t++) {
      // [lo0, lo1, hi0, hi1] rounded to float32
      c.get(q);
      c.get(acc[2 * t]!).simd("f32x4.demote_f64x2_zero");
      c.get(acc[2 * t + 1]!).simd("f32x4.demote_f64x2_zero");
      c.simd("i8x16.shuffle", ...[0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
      c.mem("v128.store", 16 * t);
    }
    c.get(q)
      .i32(16 * w)
      .i32op("add")
      .set(q);
    c.get(j).i32(w).i32op("add").set(j).br(0);
    c.end().end();
  }
  return c;
}

/** An operand of a column sum: data[off + r * outer + j] (outer 0: the same row for every r). */
export interface ColOperand {
  data: TypedArray;
  off: number;
  outer: number;
}

const up16 = (n: number) => (n + 15) & ~15;

/**
 * o[j] = sum_r body(operands at [r, j]) for j < n over `rows` rows. Resident float32 operands are read in
 * place (a partial last vector reads up to 12 bytes past a row: lanes discarded); the others are
 * copied into staging as rows padded to whole vectors. A resident `o` is written in place when n is a
 * multiple of 4, else through staging. Returns whether an operand or the output was used in place.
 */
export function runCols(
  kernel: ParallelKernel,
  nin: number,
  rows: number,
  n: number,
  ops: ColOperand[],
  idx: number[],
  consts: readonly number[],
  o: Float32Array,
): boolean {
  const nvec = (n + 3) >> 2,
    rowBytes = nvec * 16;
  const direct = ops.map((op) => op.data instanceof Float32Array && isResident(op.data));
  const outDirect = isResident(o) && (n & 3) === 0;
  let top = up16(4 * consts.length);
  const bases = ops.map((op, k) => {
    if (direct[k]) return -1;
    const b = top;
    top += rowBytes * (op.outer === 0 ? 1 : rows);
    return b;
  });
  const outAt = top;
  const base = staging(top + (outDirect ? 0 : rowBytes));
  const f = new Float32Array(kernelMemory(0).buffer);
  const b0 = base >> 2;
  for (let i = 0; i < consts.length; i++) f[b0 + i] = consts[i]!;
  const params = new Array<number>(4 + 3 * nin).fill(0);
  params[0] = rows;
  params[1] = nvec;
  params[2] = outDirect ? o.byteOffset : base + outAt;
  params[3 + 3 * nin] = base;
  ops.forEach((op, k) => {
    const at = 3 + 3 * idx[k]!;
    params[at + 2] = 16;
    if (direct[k]) {
      params[at] = op.data.byteOffset + 4 * op.off;
      params[at + 1] = 4 * op.outer;
      return;
    }
    const b = (base + bases[k]!) >> 2;
    params[at] = base + bases[k]!;
    params[at + 1] = op.outer === 0 ? 0 : rowBytes;
    for (let r = 0; r < (op.outer === 0 ? 1 : rows); r++) {
      const s = op.off + r * op.outer;
      f.set(op.data.subarray(s, s + n), b + r * nvec * 4);
    }
  });
  runSplit(kernel, nin, rows * n, params);
  if (!outDirect) o.set(f.subarray((base + outAt) >> 2, ((base + outAt) >> 2) + n));
  return outDirect || direct.some((d) => d);
}
