// Fused row kernels for the WebAssembly backend (kernel IR kind "rows", ir/row-fusion.ts): softmax,
// log_softmax and logsumexp over the last axis, one row at a time in cache, where the unfused schedule
// has four to six kernels that each pass over the whole array. Per row (four vectors per iteration
// in the exp loop, their exp computed stage by stage across the four; two in the others): the maximum
// (pmax; a NaN in the row still makes every result NaN, through the sum; taken for row r + 1 in the same
// loop as row r's exp and sum, so its loads from memory overlap arithmetic), then
//   softmax      e = exp(x - max) stored to the output while summed in float64x2 (as the JS reduction
//                accumulates in double; four vectors added in float32 first), then e * (1 / sum)
//                with the sum rounded to float32 first, in the loop of the next row's exp (the last
//                row's in a loop of its own);
//   log_softmax  the float64 sum of exp(x - max), l = log(sum), then (x - max) - l (in the loop of the
//                next row's exp, as softmax's scaling);
//   logsumexp    m = max where finite, else 0; log(sum exp(x - m)) + m, one value per row (the general
//                exp only for a row whose maximum is +Inf, where x - m may be positive).
// The rows are staged by codegen/wasm/call.ts (rows padded to whole vectors, `mask` selecting the n % 4
// valid lanes of the last vector), with the reduce kernels' calling convention for one input:
//   run(rows, n, out, ptr, rowStride, step, consts, mask)
// softmax and log_softmax write rows ceil(n / 4) * 16 bytes apart ("rows" staging), logsumexp one
// float32 per row (the reduce kernels' output).
import type { RowOp } from "../kir.js";
import { Code } from "./encoder.js";
import { emitExp, emitLog, expNonPositive } from "./simd-math.js";

const SWAP_HALVES = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const SWAP_PAIRS = [4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11];

/** The function `run` of a row kernel. */
export function rowCode(kind: RowOp): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [rows, n, out, ptr, rowStride, , , mptr] = [0, 1, 2, 3, 4, 5, 6, 7];
  const mask = c.local("v128"),
    m = c.local("v128"),
    mn = c.local("v128"),
    mn2 = c.local("v128"),
    d = c.local("v128"),
    acc = c.local("v128"),
    acc2 = c.local("v128"),
    dp = c.local("v128"),
    mp = c.local("v128");
  const r = c.local("i32"),
    full = c.local("i32"),
    outRow = c.local("i32"),
    p = c.local("i32"),
    q = c.local("i32"),
    pn = c.local("i32"),
    qp = c.local("i32"),
    pp = c.local("i32"),
    end = c.local("i32");
  c.get(mptr).mem("v128.load").set(mask);
  c.get(n).i32(2).op(0x76).set(full); // i32.shr_u: whole vectors
  c.get(n).i32(3).i32op("add").i32(2).op(0x76).i32(4).i32op("shl").set(outRow);
  const rowStart = () => c.get(ptr).get(r).get(rowStride).i32op("mul").i32op("add");
  const outStart = () => c.get(out).get(r).get(outRow).i32op("mul").i32op("add");
  /**
   * Over `vecs` vectors from p (the pointers `also` advanced alike): `width` (2 or 4) per iteration
   * (`group`, its loads and stores at offsets 0, 16, ...), then `one` for each one left.
   */
  const overVectors = (vecs: () => void, also: number[], width: 2 | 4, group: () => void, one: () => void) => {
    const step = (bytes: number) => {
      for (const at of [p, ...also]) c.get(at).i32(bytes).i32op("add").set(at);
    };
    const lg = width === 2 ? 1 : 2;
    c.get(p);
    vecs();
    c.i32(lg)
      .op(0x76)
      .i32(4 + lg)
      .i32op("shl")
      .i32op("add")
      .set(end); // p + (vecs >> lg) * 16 * width
    c.block().loop();
    c.get(p).get(end).i32op("ge_u").brIf(1);
    group();
    step(16 * width);
    c.br(0);
    c.end().end();
    c.get(p);
    vecs();
    c.i32(width - 1)
      .i32op("and")
      .i32(4)
      .i32op("shl")
      .i32op("add")
      .set(end);
    c.block().loop();
    c.get(p).get(end).i32op("ge_u").brIf(1);
    one();
    step(16);
    c.br(0);
    c.end().end();
  };
  const whole = () => c.get(full);
  const padded = () => c.get(outRow).i32(4).op(0x76); // ceil(n / 4)
  const partial = (body: () => void) => {
    c.get(n).i32(3).i32op("and").if();
    body();
    c.end();
  };
  // The row maximum: pmax is one instruction where f32x4.max's NaN rules cost several, and it skips a
  // NaN; a row with a NaN still comes out NaN (exp(NaN - max) makes the sum NaN, and every output reads
  // it). The partial vector's invalid lanes read as -Inf.
  const maxAt = (at: number, off: number, into: number) => c.get(into).get(at).mem("v128.load", off).simd("f32x4.pmax").set(into);
  const maxPartial = (at: number) =>
    c.get(mn).get(at).mem("v128.load").f32x4(-Infinity).get(mask).simd("v128.bitselect").simd("f32x4.pmax").set(mn);
  /** m = the maximum over the lanes of mn and mn2 (splatted); mn, mn2 back to -Inf */
  const takeMax = () => {
    c.get(mn).get(mn2).simd("f32x4.pmax").set(m);
    for (const sh of [SWAP_HALVES, SWAP_PAIRS])
      c.get(m)
        .get(m)
        .get(m)
        .simd("i8x16.shuffle", ...sh)
        .simd("f32x4.pmax")
        .set(m);
    c.f32x4(-Infinity).tee(mn).set(mn2);
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
  /**
   * exp(x - shift) of the vectors at p + offs (stored at q + off when `store`), their float32 sum (pairwise) on
   * the stack; the non-positive exp over all of them at once (simd-math's expNonPositive: stage by stage).
   */
  const expSum = (shift: number, nonPositive: boolean, store: boolean, offs: number[]) => {
    const xs = offs.map((off) => {
      const v = c.local("v128");
      c.get(p).mem("v128.load", off).get(shift).simd("f32x4.sub").set(v);
      return v;
    });
    const es = nonPositive
      ? expNonPositive(c, xs)
      : xs.map((x) => {
          const e = c.local("v128");
          emitExp(c, x);
          c.set(e);
          return e;
        });
    if (store) es.forEach((e, i) => c.get(q).get(e).mem("v128.store", offs[i]));
    const sum = (from: number, to: number): void => {
      if (to - from === 1) c.get(es[from]!);
      else {
        sum(from, (from + to) >> 1);
        sum((from + to) >> 1, to);
        c.simd("f32x4.add");
      }
    };
    sum(0, es.length);
  };
  /**
   * The previous row's last step at offset `off`, from its output (qp) and input (pp) rows: softmax scales
   * the stored exp by dp (1 / sum), log_softmax stores (x - mp) - dp (its max and log(sum)).
   */
  const prevPtrs = kind === "softmax" ? [qp] : [qp, pp];
  const prevAt = (off: number) =>
    kind === "softmax"
      ? c.get(qp).get(qp).mem("v128.load", off).get(dp).simd("f32x4.mul").mem("v128.store", off)
      : c.get(qp).get(pp).mem("v128.load", off).get(mp).simd("f32x4.sub").get(dp).simd("f32x4.sub").mem("v128.store", off);
  /**
   * sum exp(x - shift) over the row (stored when `store`): four vectors are added in float32 first (two
   * roundings, rel 1.2e-7), then their lanes in float64 as the JS reduction does. The same loop takes the next
   * row's maximum (at pn, into mn and mn2) and, with `prev`, the previous row's last step (prevAt): its
   * loads from memory and its loads and stores overlap this row's arithmetic.
   */
  const sumExp = (shift: number, nonPositive: boolean, store: boolean, prev = false) => {
    c.f32x4(0).tee(acc).set(acc2);
    rowStart().set(p);
    if (store) outStart().set(q);
    overVectors(
      whole,
      [...(store ? [q] : []), pn, ...(prev ? prevPtrs : [])],
      4,
      () => {
        for (const off of [0, 16, 32, 48]) maxAt(pn, off, off & 16 ? mn2 : mn);
        if (prev) for (const off of [0, 16, 32, 48]) prevAt(off);
        expSum(shift, nonPositive, store, [0, 16, 32, 48]);
        c.set(d);
        addWide();
      },
      () => {
        maxAt(pn, 0, mn);
        if (prev) prevAt(0);
        expSum(shift, nonPositive, store, [0]);
        c.set(d);
        addWide();
      },
    );
    partial(() => {
      maxPartial(pn);
      if (prev) prevAt(0);
      expSum(shift, nonPositive, store, [0]);
      c.f32x4(0).get(mask).simd("v128.bitselect").set(d);
      addWide();
    });
  };

  // row 0's maximum (with no rows, of nothing), then per row the rest and the next row's maximum
  c.i32(0).set(r);
  c.f32x4(-Infinity).tee(mn).set(mn2);
  c.get(rows).if();
  rowStart().set(p);
  overVectors(
    whole,
    [],
    2,
    () => {
      maxAt(p, 0, mn);
      maxAt(p, 16, mn2);
    },
    () => maxAt(p, 0, mn),
  );
  partial(() => maxPartial(p));
  c.end();
  takeMax();
  c.block().loop(); // rows
  c.get(r).get(rows).i32op("ge_u").brIf(1);
  // the next row (this one again for the last row, its maximum then unused)
  rowStart().get(rowStride).i32(0).get(r).i32(1).i32op("add").get(rows).i32op("lt_u").op(0x1b).i32op("add").set(pn);
  if (kind === "softmax") {
    // exp(x - max), stored and summed; the previous row scaled in the same loop (from row 1 on)
    c.get(r).i32op("eqz").if();
    sumExp(m, true, true);
    c.else();
    sumExp(m, true, true, true);
    c.end();
    // this row's scale: 1 / sum, the sum rounded to float32 (applied in the next row's loop, or below)
    sumTo(d);
    c.f32x4(1).get(d).simd("f32x4.div").set(dp);
    outStart().set(qp);
  } else if (kind === "log_softmax") {
    // the sum of exp(x - max); the previous row's output written in the same loop (from row 1 on)
    c.get(r).i32op("eqz").if();
    sumExp(m, true, false);
    c.else();
    sumExp(m, true, false, true);
    c.end();
    // this row's output, (x - max) - log(sum), in the next row's loop or below
    sumTo(d);
    emitLog(c, d);
    c.set(dp);
    c.get(m).set(mp);
    rowStart().set(pp);
    outStart().set(qp);
  } else {
    // A row whose maximum is +Inf sums exp(x) by the general exp (+Inf, or NaN with a NaN in the row);
    // else x - m <= 0 (m the maximum where finite, else 0: a row of -Inf sums exp(-Inf) = 0).
    c.get(m).simd("f32x4.extract_lane", 0).f32(Infinity).op(0x5b).if(); // f32.eq
    c.f32x4(0).set(m);
    sumExp(m, false, false);
    c.else();
    c.get(m).f32x4(0).get(m).get(m).simd("f32x4.sub").f32x4(0).simd("f32x4.eq").simd("v128.bitselect").set(m);
    sumExp(m, true, false);
    c.end();
    sumTo(d);
    c.get(out).get(r).i32(2).i32op("shl").i32op("add");
    emitLog(c, d);
    c.get(m).simd("f32x4.add").simd("f32x4.extract_lane", 0);
    c.f32store();
  }
  takeMax();
  c.get(r).i32(1).i32op("add").set(r).br(0);
  c.end().end();
  if (kind !== "logsumexp") {
    // the last row's last step over its padded row (the input's padding is read, the output's written)
    c.get(rows).if();
    c.get(qp).set(p);
    overVectors(
      padded,
      prevPtrs,
      2,
      () => {
        prevAt(0);
        prevAt(16);
      },
      () => prevAt(0),
    );
    c.end();
  }
  return c;
}
