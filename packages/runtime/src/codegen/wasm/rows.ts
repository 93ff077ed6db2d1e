// Fused row kernels for the WebAssembly backend (kernel IR kind "rows", ir/row-fusion.ts): softmax,
// log_softmax and logsumexp over the last axis, one row at a time in cache, where the unfused schedule
// has four to six kernels that each pass over the whole array. Per row: the maximum (pmax, one
// instruction where f32x4.max's NaN rules cost several on the loop-carried chain; a NaN seen anywhere
// makes it NaN, as max propagates it), then
//   softmax      e = exp(x - max) stored to the output while summed in float64x2 (as the JS reduction
//                accumulates in double), then e * (1 / sum) with the sum rounded to float32 first;
//   log_softmax  the float64 sum of exp(x - max), l = log(sum), then (x - max) - l;
//   logsumexp    m = max where finite, else 0; log(sum exp(x - m)) + m, one value per row.
// The rows are staged by codegen/wasm/call.ts (rows padded to whole vectors, `mask` selecting the n % 4
// valid lanes of the last vector), with the reduce kernels' calling convention for one input:
//   run(rows, n, out, ptr, rowStride, step, consts, mask)
// softmax and log_softmax write rows ceil(n / 4) * 16 bytes apart ("rows" staging), logsumexp one
// float32 per row (the reduce kernels' output).
import type { RowOp } from "../kir.js";
import { Code } from "./encoder.js";
import { emitExp, emitExpNonPositive, emitLog } from "./simd-math.js";

const SWAP_HALVES = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const SWAP_PAIRS = [4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11];

/** The function `run` of a row kernel. */
export function rowCode(kind: RowOp): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [rows, n, out, ptr, rowStride, , , mptr] = [0, 1, 2, 3, 4, 5, 6, 7];
  const mask = c.local("v128"),
    m = c.local("v128"),
    v = c.local("v128"),
    d = c.local("v128"),
    acc = c.local("v128"),
    acc2 = c.local("v128"),
    nan = c.local("v128");
  const r = c.local("i32"),
    full = c.local("i32"),
    outRow = c.local("i32"),
    p = c.local("i32"),
    q = c.local("i32"),
    end = c.local("i32");
  c.get(mptr).mem("v128.load").set(mask);
  c.get(n).i32(2).op(0x76).set(full); // i32.shr_u: whole vectors
  c.get(n).i32(3).i32op("add").i32(2).op(0x76).i32(4).i32op("shl").set(outRow);
  // lanes combined pairwise with `op`, the result in every lane
  const horizontal = (x: number, op: "f32x4.pmax" | "v128.or") => {
    for (const sh of [SWAP_HALVES, SWAP_PAIRS])
      c.get(x)
        .get(x)
        .get(x)
        .simd("i8x16.shuffle", ...sh)
        .simd(op)
        .set(x);
  };
  const rowStart = () => c.get(ptr).get(r).get(rowStride).i32op("mul").i32op("add");
  const outStart = () => c.get(out).get(r).get(outRow).i32op("mul").i32op("add");
  /** for each whole vector of the row (p its address, q the output's), then the partial one if any */
  const overRow = (withOut: boolean, each: () => void, partial: () => void) => {
    rowStart().set(p);
    if (withOut) outStart().set(q);
    c.get(p).get(full).i32(4).i32op("shl").i32op("add").set(end);
    c.block().loop();
    c.get(p).get(end).i32op("ge_u").brIf(1);
    each();
    c.get(p).i32(16).i32op("add").set(p);
    if (withOut) c.get(q).i32(16).i32op("add").set(q);
    c.br(0);
    c.end().end();
    c.get(n).i32(3).i32op("and").if();
    partial();
    c.end();
  };
  const maxStep = () => {
    c.get(v).get(v).simd("f32x4.ne").get(nan).simd("v128.or").set(nan);
    c.get(m).get(v).simd("f32x4.pmax").set(m);
  };
  /** acc, acc2 += the four lanes of d, widened to float64x2 */
  const addWide = () => {
    c.get(acc).get(d).simd("f64x2.promote_low_f32x4").simd("f64x2.add").set(acc);
    c.get(acc2)
      .get(d)
      .get(d)
      .simd("i8x16.shuffle", ...SWAP_HALVES);
    c.simd("f64x2.promote_low_f32x4").simd("f64x2.add").set(acc2);
  };
  /** the float64 sum rounded to float32, splatted into local `to` */
  const sumTo = (to: number) => {
    c.get(acc).get(acc2).simd("f64x2.add").set(acc);
    c.get(acc).simd("f64x2.extract_lane", 0).get(acc).simd("f64x2.extract_lane", 1).op(0xa0); // f64.add
    c.op(0xb6).simd("f32x4.splat").set(to); // f32.demote_f64
  };
  /** d = exp(x - shift) at p, then (masked to 0 past n on the partial vector) summed */
  const sumExp = (shift: number, nonPositive: boolean, store: boolean) => {
    const at = (last: boolean) => {
      c.get(p).mem("v128.load").get(shift).simd("f32x4.sub").set(v);
      (nonPositive ? emitExpNonPositive : emitExp)(c, v);
      c.set(d);
      if (store) c.get(q).get(d).mem("v128.store");
      if (last) c.get(d).f32x4(0).get(mask).simd("v128.bitselect").set(d);
      addWide();
    };
    c.f32x4(0).tee(acc).set(acc2);
    overRow(
      store,
      () => at(false),
      () => at(true),
    );
  };

  c.i32(0).set(r);
  c.block().loop(); // rows
  c.get(r).get(rows).i32op("ge_u").brIf(1);
  // row maximum; the partial vector's invalid lanes read as -Inf; a NaN anywhere makes it all ones (a NaN)
  c.f32x4(-Infinity).set(m);
  c.f32x4(0).set(nan);
  overRow(
    false,
    () => {
      c.get(p).mem("v128.load").set(v);
      maxStep();
    },
    () => {
      c.get(p).mem("v128.load").f32x4(-Infinity).get(mask).simd("v128.bitselect").set(v);
      maxStep();
    },
  );
  horizontal(m, "f32x4.pmax");
  horizontal(nan, "v128.or");
  c.get(m).get(nan).simd("v128.or").set(m);
  if (kind === "softmax") {
    sumExp(m, true, true);
    // scale by 1 / sum, the sum rounded to float32
    sumTo(d);
    c.f32x4(1).get(d).simd("f32x4.div").set(d);
    outStart().tee(q);
    c.get(outRow).i32op("add").set(end);
    c.block().loop();
    c.get(q).get(end).i32op("ge_u").brIf(1);
    c.get(q).get(q).mem("v128.load").get(d).simd("f32x4.mul").mem("v128.store");
    c.get(q).i32(16).i32op("add").set(q).br(0);
    c.end().end();
  } else if (kind === "log_softmax") {
    sumExp(m, true, false);
    sumTo(d);
    emitLog(c, d);
    c.set(d);
    const shifted = () => c.get(q).get(p).mem("v128.load").get(m).simd("f32x4.sub").get(d).simd("f32x4.sub").mem("v128.store");
    overRow(true, shifted, shifted);
  } else {
    // m = the max where finite (m - m is 0 only there), else 0
    c.get(m).f32x4(0).get(m).get(m).simd("f32x4.sub").f32x4(0).simd("f32x4.eq").simd("v128.bitselect").set(m);
    sumExp(m, false, false);
    sumTo(d);
    c.get(out).get(r).i32(2).i32op("shl").i32op("add");
    emitLog(c, d);
    c.get(m).simd("f32x4.add").simd("f32x4.extract_lane", 0);
    c.f32store();
  }
  c.get(r).i32(1).i32op("add").set(r).br(0);
  c.end().end();
  return c;
}
