// Fused row kernels for the WebAssembly backend: softmax over the last axis in one kernel per block of
// rows, where the schedule has four (max, exp(x - max), sum, divide) that each pass over the whole array.
// Per row, in cache: the row maximum (pmax, one instruction where f32x4.max's NaN rules cost several on
// the loop-carried chain; a NaN seen anywhere makes it NaN, as max propagates it), e = exp(x - max) stored to the
// output while summing it in float64x2 (as the JS reduction accumulates in double), then e * (1 / sum)
// with the sum rounded to float32 first, as the unfused kernels store it. The row is staged by
// codegen/wasm/runtime.ts (rows padded to whole vectors, `mask` selecting the n % 4 valid lanes of the
// last vector), with the reduce kernels' calling convention for one input:
//   softmax(rows, n, out, ptr, rowStride, step, consts, mask); output rows are ceil(n / 4) * 16 bytes apart
import { Code, encodeModule } from "./encoder.js";
import { emitExpNonPositive } from "./simd-math.js";

function softmaxCode(): Code {
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
    end = c.local("i32"),
    outEnd = c.local("i32");
  c.get(mptr).mem("v128.load").set(mask);
  c.get(n).i32(2).op(0x76).set(full); // i32.shr_u: whole vectors
  c.get(n).i32(3).i32op("add").i32(2).op(0x76).i32(4).i32op("shl").set(outRow);
  // lanes combined pairwise with `op`, the result in every lane
  const horizontal = (x: number, op: "f32x4.pmax" | "v128.or") => {
    c.get(x)
      .get(x)
      .get(x)
      .simd("i8x16.shuffle", ...[8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7])
      .simd(op)
      .set(x);
    c.get(x)
      .get(x)
      .get(x)
      .simd("i8x16.shuffle", ...[4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11])
      .simd(op)
      .set(x);
  };
  const maxStep = () => {
    c.get(v).get(v).simd("f32x4.ne").get(nan).simd("v128.or").set(nan);
    c.get(m).get(v).simd("f32x4.pmax").set(m);
  };
  const addWide = () => {
    c.get(acc).get(d).simd("f64x2.promote_low_f32x4").simd("f64x2.add").set(acc);
    c.get(acc2)
      .get(d)
      .get(d)
      .simd("i8x16.shuffle", ...[8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]);
    c.simd("f64x2.promote_low_f32x4").simd("f64x2.add").set(acc2);
  };
  c.i32(0).set(r);
  c.block().loop(); // rows
  c.get(r).get(rows).i32op("ge_u").brIf(1);
  // row maximum; the partial vector's invalid lanes read as -Inf
  c.f32x4(-Infinity).set(m);
  c.f32x4(0).set(nan);
  c.get(ptr).get(r).get(rowStride).i32op("mul").i32op("add").tee(p);
  c.get(full).i32(4).i32op("shl").i32op("add").set(end);
  c.block().loop();
  c.get(p).get(end).i32op("ge_u").brIf(1);
  c.get(p).mem("v128.load").set(v);
  maxStep();
  c.get(p).i32(16).i32op("add").set(p).br(0);
  c.end().end();
  c.get(n).i32(3).i32op("and").if();
  c.get(p).mem("v128.load").f32x4(-Infinity).get(mask).simd("v128.bitselect").set(v);
  maxStep();
  c.end();
  horizontal(m, "f32x4.pmax");
  horizontal(nan, "v128.or");
  c.get(m).get(nan).simd("v128.or").set(m); // all ones: a NaN
  // e = exp(x - max) to the output row, summed in float64
  c.f32x4(0).tee(acc).set(acc2);
  c.get(ptr).get(r).get(rowStride).i32op("mul").i32op("add").set(p);
  c.get(out).get(r).get(outRow).i32op("mul").i32op("add").tee(q);
  c.get(full).i32(4).i32op("shl").i32op("add").set(end);
  const expAt = () => {
    c.get(p).mem("v128.load").get(m).simd("f32x4.sub").set(v);
    emitExpNonPositive(c, v);
    c.set(d);
    c.get(q).get(d).mem("v128.store");
  };
  c.block().loop();
  c.get(q).get(end).i32op("ge_u").brIf(1);
  expAt();
  addWide();
  c.get(p).i32(16).i32op("add").set(p);
  c.get(q).i32(16).i32op("add").set(q).br(0);
  c.end().end();
  c.get(n).i32(3).i32op("and").if();
  expAt();
  c.get(d).f32x4(0).get(mask).simd("v128.bitselect").set(d);
  addWide();
  c.end();
  // scale by 1 / sum, the sum rounded to float32
  c.get(acc).get(acc2).simd("f64x2.add").set(acc);
  c.f32(1);
  c.get(acc).simd("f64x2.extract_lane", 0).get(acc).simd("f64x2.extract_lane", 1).op(0xa0); // f64.add
  c.op(0xb6); // f32.demote_f64
  c.op(0x95).simd("f32x4.splat").set(d); // f32.div
  c.get(out).get(r).get(outRow).i32op("mul").i32op("add").tee(q);
  c.get(outRow).i32op("add").set(outEnd);
  c.block().loop();
  c.get(q).get(outEnd).i32op("ge_u").brIf(1);
  c.get(q).get(q).mem("v128.load").get(d).simd("f32x4.mul").mem("v128.store");
  c.get(q).i32(16).i32op("add").set(q).br(0);
  c.end().end();
  c.get(r).i32(1).i32op("add").set(r).br(0);
  c.end().end();
  return c;
}

export type RowKernelKind = "softmax";

/** The module bytes of a fused row kernel (export `run`). */
export function rowModule(kind: RowKernelKind): Uint8Array<ArrayBuffer> {
  if (kind !== "softmax") throw new Error(`internal: no row kernel ${kind as string}`);
  return encodeModule([{ name: "run", code: softmaxCode() }]);
}
