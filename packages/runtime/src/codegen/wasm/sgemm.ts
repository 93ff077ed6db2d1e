// float32 GEMM on WebAssembly SIMD, accumulating in float32 (as tfjs, jax-js and XLA do by default;
// setMatmulPrecision("highest") keeps the float64-accumulating kernel in codegen/wasm-gemm.ts).
// Register-blocked 4x8 micro-kernel: 8 f32x4 accumulators, per k two vector loads of a packed
// 8-column panel of W and four splatted A values (A rows dense, any original layout packed by the
// caller), so transposed operands cost one packing pass, never a materialized transpose. Row-major W
// is packed in wasm (pack); unrolling k measured slower (V8 spills the accumulators).
// igemm is the same micro-kernel over an indirection buffer (XNNPACK's indirect GEMM, the convolution
// kernel of codegen/wasm-conv.ts): row i's t-th group of C values starts at rows[i] + taps[t] in a
// padded (and dilated) copy of the input, so im2col patches are read where they lie, never materialized.
// Module built with the runtime's own encoder; the caller packs and reads results in wasm memory.
import { Code, encodeModule } from "./encoder.js";
import { emitLogistic, emitTanh } from "./simd-math.js";

/** The activations a GEMM applies in its store (codegen/kernels.ts matches them in a dot's epilogue). */
export const GEMM_ACT = { none: 0, relu: 1, tanh: 2, logistic: 3 } as const;
export type GemmAct = keyof typeof GEMM_ACT;

/** The 8 accumulators of a 4x8 tile and the registers one k step uses. */
interface Tile {
  acc: number[];
  b0: number;
  b1: number;
  av: number;
  r: number[];
}

function tileLocals(c: Code): Tile {
  return {
    acc: [...Array(8)].map(() => c.local("v128")),
    b0: c.local("v128"),
    b1: c.local("v128"),
    av: c.local("v128"),
    r: [...Array(4)].map(() => c.local("i32")),
  };
}

/** One k step: a packed panel row at `bp` (8 values) times A value k of rows r[0..3]; advances r and bp. */
function kStep(c: Code, t: Tile, bp: number, fma: boolean): void {
  c.get(bp).mem("v128.load").set(t.b0);
  c.get(bp).mem("v128.load", 16).set(t.b1);
  for (let q = 0; q < 4; q++) {
    c.get(t.r[q]!).mem("v128.load32_splat").set(t.av);
    for (const [h, b] of [
      [0, t.b0],
      [1, t.b1],
    ] as const) {
      const x = t.acc[2 * q + h]!;
      if (fma) c.get(t.av).get(b).get(x).simd("f32x4.relaxed_madd");
      else c.get(x).get(t.av).get(b).simd("f32x4.mul").simd("f32x4.add");
      c.set(x);
    }
    c.get(t.r[q]!).i32(4).i32op("add").set(t.r[q]!);
  }
  c.get(bp).i32(32).i32op("add").set(bp);
}

/**
 * The epilogue of a tile: + bias[j0..j0+8] when `bias` (a byte address, 0: none; the caller pads the
 * bias to whole panels), then the activation GEMM_ACT[act]. relu is f32x4.max(x, 0) (NaN stays NaN,
 * -0 becomes +0, as Math.max); tanh and logistic are simd-math's polynomials.
 */
function epilogue(c: Code, t: Tile, j0: number, bias: number, act: number): void {
  c.get(bias).if();
  c.get(bias).get(j0).i32(2).i32op("shl").i32op("add").set(bias);
  for (let h = 0; h < 2; h++) {
    c.get(bias)
      .mem("v128.load", 16 * h)
      .set(t.b0);
    for (let q = 0; q < 4; q++)
      c.get(t.acc[2 * q + h]!)
        .get(t.b0)
        .simd("f32x4.add")
        .set(t.acc[2 * q + h]!);
  }
  c.get(bias).get(j0).i32(2).i32op("shl").i32op("sub").set(bias);
  c.end();
  const acts: [number, (x: number) => void][] = [
    [GEMM_ACT.relu, (x) => c.get(x).f32x4(0).simd("f32x4.max")],
    [GEMM_ACT.tanh, (x) => emitTanh(c, x)],
    [GEMM_ACT.logistic, (x) => emitLogistic(c, x)],
  ];
  for (const [code, f] of acts) {
    c.get(act).i32(code).op(0x46).if(); // i32.eq
    for (const x of t.acc) {
      f(x);
      c.set(x);
    }
    c.end();
  }
}

/** Stores the tile at rows i0.. (< M) and columns j0.. (< N) of C (row stride ldc elements). */
function storeTile(c: Code, t: Tile, i0: number, j0: number, M: number, N: number, out: number, ldc: number, cp: number): void {
  // whole vectors when the panel is complete, else lane by lane
  for (let q = 0; q < 4; q++) {
    c.get(i0).i32(q).i32op("add").get(M).i32op("lt_u").if();
    c.get(out).get(i0).i32(q).i32op("add").get(ldc).i32op("mul").get(j0).i32op("add").i32(2).i32op("shl").i32op("add").set(cp);
    c.get(j0).i32(8).i32op("add").get(N).op(0x4d).if(); // i32.le_u
    c.get(cp)
      .get(t.acc[2 * q]!)
      .mem("v128.store");
    c.get(cp)
      .get(t.acc[2 * q + 1]!)
      .mem("v128.store", 16);
    c.else();
    for (let l = 0; l < 8; l++) {
      c.get(j0).i32(l).i32op("add").get(N).i32op("lt_u").if();
      c.get(cp)
        .get(t.acc[2 * q + (l >> 2)]!)
        .simd("f32x4.extract_lane", l & 3)
        .f32store(4 * l);
      c.end();
    }
    c.end();
    c.end();
  }
}

/** Loads the tile of C at rows i0.. (< M), columns j0.. (< N) into the zeroed accumulators (an earlier k block's sums). */
function loadTile(c: Code, t: Tile, i0: number, j0: number, M: number, N: number, out: number, ldc: number, cp: number): void {
  for (let q = 0; q < 4; q++) {
    c.get(i0).i32(q).i32op("add").get(M).i32op("lt_u").if();
    c.get(out).get(i0).i32(q).i32op("add").get(ldc).i32op("mul").get(j0).i32op("add").i32(2).i32op("shl").i32op("add").set(cp);
    c.get(j0).i32(8).i32op("add").get(N).op(0x4d).if(); // i32.le_u
    c.get(cp).mem("v128.load").set(t.acc[2 * q]!);
    c.get(cp).mem("v128.load", 16).set(t.acc[2 * q + 1]!);
    c.else();
    for (let l = 0; l < 8; l++) {
      const x = t.acc[2 * q + (l >> 2)]!;
      c.get(j0).i32(l).i32op("add").get(N).i32op("lt_u").if();
      c.get(x)
        .get(cp)
        .f32load(4 * l)
        .simd("f32x4.replace_lane", l & 3)
        .set(x);
      c.end();
    }
    c.end();
    c.end();
  }
}

/** One k step of packed operands: 8 panel values at bp + 32u times 4 interleaved rows of A at ap + 16u. */
function packedStep(c: Code, t: Tile, ap: number, bp: number, u: number, fma: boolean): void {
  c.get(bp).mem("v128.load", 32 * u).set(t.b0);
  c.get(bp).mem("v128.load", 32 * u + 16).set(t.b1);
  for (let q = 0; q < 4; q++) {
    c.get(ap).mem("v128.load32_splat", 16 * u + 4 * q).set(t.av);
    for (const [h, b] of [
      [0, t.b0],
      [1, t.b1],
    ] as const) {
      const x = t.acc[2 * q + h]!;
      if (fma) c.get(t.av).get(b).get(x).simd("f32x4.relaxed_madd");
      else c.get(x).get(t.av).get(b).simd("f32x4.mul").simd("f32x4.add");
      c.set(x);
    }
  }
}

/**
 * Cache blocks of sgemm: a KC-deep slice of one W panel (8 KiB) and of 4 packed rows of A (4 KiB) stay
 * in L1 across a tile; MC rows of A (128 KiB) stay in L2 while every panel passes over them.
 */
const KC = 256,
  MC = 128;
/** k steps per iteration of the inner loop (constant offsets from two pointers, no per-row address math). */
const UNROLL = 4;

/** dst = min(dst, bound) (unsigned) */
function minInto(c: Code, dst: number, bound: number): void {
  c.get(dst).get(bound).get(dst).get(bound).i32op("lt_u").op(0x1b).set(dst);
}

/**
 * sgemm(M, N, K, a, panels, c, bias, act): C[M, N] (row stride N) = act(A[M, K] @ W + bias), A packed by
 * packA as ceil(M / 4) blocks of [K][4] (4 rows interleaved, zero rows past M), W as ceil(N / 8) panels
 * of [K][8] (zero-padded columns), bias 0 for none. Byte addresses. Blocked over k (KC) and rows (MC):
 * a k block after the first adds to the partial sums stored in C; the last one applies the epilogue.
 */
function sgemmCode(fma: boolean): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [M, N, K, a, panels, out, bias, act] = [0, 1, 2, 3, 4, 5, 6, 7];
  const t = tileLocals(c);
  const i32 = () => c.local("i32");
  const [k0, kc, biasE, actE, i1, iEnd, j0, panel] = [i32(), i32(), i32(), i32(), i32(), i32(), i32(), i32()];
  const [i0, ap, apEnd, apTail, bp, cp] = [i32(), i32(), i32(), i32(), i32(), i32()];
  c.i32(0).set(k0);
  c.block().loop(); // k blocks
  c.get(k0).get(K).i32op("ge_u").brIf(1);
  c.get(K).get(k0).i32op("sub").set(kc);
  c.i32(KC).set(biasE);
  minInto(c, kc, biasE);
  // the epilogue on the last k block only
  c.get(k0).get(kc).i32op("add").get(K).i32op("ge_u").set(actE);
  c.get(bias).i32(0).get(actE).op(0x1b).set(biasE);
  c.get(act).i32(0).get(actE).op(0x1b).set(actE);
  c.i32(0).set(i1);
  c.block().loop(); // MC row blocks
  c.get(i1).get(M).i32op("ge_u").brIf(1);
  c.get(i1).i32(MC).i32op("add").set(iEnd);
  minInto(c, iEnd, M);
  c.i32(0).set(j0);
  c.get(panels).get(k0).i32(5).i32op("shl").i32op("add").set(panel);
  c.block().loop(); // panels
  c.get(j0).get(N).i32op("ge_u").brIf(1);
  c.get(i1).set(i0);
  c.block().loop(); // 4-row tiles
  c.get(i0).get(iEnd).i32op("ge_u").brIf(1);
  c.get(a).get(i0).get(K).i32op("mul").i32(2).i32op("shl").i32op("add").get(k0).i32(4).i32op("shl").i32op("add").tee(ap);
  c.get(kc).i32(-UNROLL).i32op("and").i32(4).i32op("shl").i32op("add").set(apEnd);
  c.get(ap).get(kc).i32(4).i32op("shl").i32op("add").set(apTail);
  c.get(panel).set(bp);
  for (const x of t.acc) c.f32x4(0).set(x);
  c.get(k0).if();
  loadTile(c, t, i0, j0, M, N, out, N, cp);
  c.end();
  c.block().loop(); // k, UNROLL steps at a time
  c.get(ap).get(apEnd).i32op("ge_u").brIf(1);
  for (let u = 0; u < UNROLL; u++) packedStep(c, t, ap, bp, u, fma);
  c.get(ap)
    .i32(16 * UNROLL)
    .i32op("add")
    .set(ap);
  c.get(bp)
    .i32(32 * UNROLL)
    .i32op("add")
    .set(bp);
  c.br(0);
  c.end().end();
  c.block().loop(); // the last kc % UNROLL steps
  c.get(ap).get(apTail).i32op("ge_u").brIf(1);
  packedStep(c, t, ap, bp, 0, fma);
  c.get(ap).i32(16).i32op("add").set(ap);
  c.get(bp).i32(32).i32op("add").set(bp);
  c.br(0);
  c.end().end();
  epilogue(c, t, j0, biasE, actE);
  storeTile(c, t, i0, j0, M, N, out, N, cp);
  c.get(i0).i32(4).i32op("add").set(i0).br(0);
  c.end().end();
  c.get(panel).get(K).i32(5).i32op("shl").i32op("add").set(panel);
  c.get(j0).i32(8).i32op("add").set(j0).br(0);
  c.end().end();
  c.get(i1).i32(MC).i32op("add").set(i1).br(0);
  c.end().end();
  c.get(k0).i32(KC).i32op("add").set(k0).br(0);
  c.end().end();
  return c;
}

/** i8x16.shuffle immediates picking f32 lanes (0-3 of the first operand, 4-7 of the second). */
const lanes = (...l: number[]) => l.flatMap((x) => [4 * x, 4 * x + 1, 4 * x + 2, 4 * x + 3]);

/**
 * packA(M, K, src, sam, sak, dst): A[i, k] at src + i * sam + k * sak (byte strides, any sign) into
 * ceil(M / 4) blocks of [K][4] at dst (row i of a block in lane i % 4; rows past M zero), sgemm's A.
 * Whole blocks of a transposed A (sam = 4) copy a vector per k; of row-major A (sak = 4) transpose 4x4
 * tiles; anything else (and the tail) element by element.
 */
function packACode(): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32"]);
  const [M, K, src, sam, sak, dst] = [0, 1, 2, 3, 4, 5];
  const i32 = () => c.local("i32");
  const [i0, s, d, end, k, full] = [i32(), i32(), i32(), i32(), i32(), i32()];
  const r = [...Array(4)].map(() => c.local("i32"));
  const v = [...Array(4)].map(() => c.local("v128"));
  const w = [...Array(4)].map(() => c.local("v128"));
  c.i32(0).set(i0);
  c.block().loop(); // 4-row blocks
  c.get(i0).get(M).i32op("ge_u").brIf(1);
  c.get(src).get(i0).get(sam).i32op("mul").i32op("add").set(s);
  c.get(dst).get(K).i32(4).i32op("shl").i32op("add").set(end);
  c.get(i0).i32(4).i32op("add").get(M).op(0x4d).set(full); // i32.le_u
  c.get(dst).set(d);
  c.i32(0).set(k);
  c.get(full).get(sam).i32(4).op(0x46).i32op("and").if(); // i32.eq: 4 rows adjacent at every k
  c.block().loop();
  c.get(d).get(end).i32op("ge_u").brIf(1);
  c.get(d).get(s).mem("v128.load").mem("v128.store");
  c.get(s).get(sak).i32op("add").set(s);
  c.get(d).i32(16).i32op("add").set(d);
  c.br(0);
  c.end().end();
  c.get(K).set(k);
  c.end();
  c.get(full).get(sak).i32(4).op(0x46).i32op("and").if(); // rows contiguous: 4x4 transposes
  for (let q = 0; q < 4; q++) c.get(s).get(sam).i32(q).i32op("mul").i32op("add").set(r[q]!);
  c.block().loop();
  c.get(k).i32(4).i32op("add").get(K).op(0x4b).brIf(1); // i32.gt_u
  for (let q = 0; q < 4; q++) c.get(r[q]!).get(k).i32(2).i32op("shl").i32op("add").mem("v128.load").set(v[q]!);
  c.get(v[0]!).get(v[1]!).simd("i8x16.shuffle", ...lanes(0, 4, 1, 5)).set(w[0]!);
  c.get(v[0]!).get(v[1]!).simd("i8x16.shuffle", ...lanes(2, 6, 3, 7)).set(w[1]!);
  c.get(v[2]!).get(v[3]!).simd("i8x16.shuffle", ...lanes(0, 4, 1, 5)).set(w[2]!);
  c.get(v[2]!).get(v[3]!).simd("i8x16.shuffle", ...lanes(2, 6, 3, 7)).set(w[3]!);
  const outs: [number, number, number[]][] = [
    [0, 2, [0, 1, 4, 5]],
    [0, 2, [2, 3, 6, 7]],
    [1, 3, [0, 1, 4, 5]],
    [1, 3, [2, 3, 6, 7]],
  ];
  outs.forEach(([x, y, l], q) => {
    c.get(d)
      .get(w[x]!)
      .get(w[y]!)
      .simd("i8x16.shuffle", ...lanes(...l))
      .mem("v128.store", 16 * q);
  });
  c.get(d).i32(64).i32op("add").set(d);
  c.get(k).i32(4).i32op("add").set(k);
  c.br(0);
  c.end().end();
  c.end();
  c.get(s).get(k).get(sak).i32op("mul").i32op("add").set(s);
  c.block().loop(); // element by element: the remaining k of this block
  c.get(k).get(K).i32op("ge_u").brIf(1);
  for (let q = 0; q < 4; q++) {
    c.get(i0).i32(q).i32op("add").get(M).i32op("lt_u").if();
    c.get(d).get(s).get(sam).i32(q).i32op("mul").i32op("add").f32load().f32store(4 * q);
    c.else();
    c.get(d).f32(0).f32store(4 * q);
    c.end();
  }
  c.get(s).get(sak).i32op("add").set(s);
  c.get(d).i32(16).i32op("add").set(d);
  c.get(k).i32(1).i32op("add").set(k);
  c.br(0);
  c.end().end();
  c.get(end).set(dst);
  c.get(i0).i32(4).i32op("add").set(i0).br(0);
  c.end().end();
  return c;
}

/**
 * igemm(M, N, T, C, rows, taps, panels, out, ldc, bias, act): C[M, N] (row stride ldc) = act(sum over
 * t < T, k < C of A(i, t)[k] * W[t * C + k] + bias), where A(i, t) is the float32 vector at byte address
 * rows[i] + taps[t] (i32 arrays); W packed as in sgemm with K = T * C, bias as in sgemm. `rows` holds
 * ceil(M / 4) * 4 entries (the caller pads the last block with a valid address: those rows are computed
 * but not stored).
 */
function igemmCode(fma: boolean): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [M, N, T, C, rows, taps, panels, out, ldc, bias, act] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const t = tileLocals(c);
  const j0 = c.local("i32"),
    i0 = c.local("i32"),
    tp = c.local("i32"),
    tEnd = c.local("i32"),
    tv = c.local("i32"),
    k = c.local("i32"),
    rp = c.local("i32"),
    bp = c.local("i32"),
    panel = c.local("i32"),
    cp = c.local("i32");
  c.get(taps).get(T).i32(2).i32op("shl").i32op("add").set(tEnd);
  c.get(panels).set(panel);
  c.i32(0).set(j0);
  c.block().loop(); // panels
  c.get(j0).get(N).i32op("ge_u").brIf(1);
  c.i32(0).set(i0);
  c.get(rows).set(rp);
  c.block().loop(); // row blocks
  c.get(i0).get(M).i32op("ge_u").brIf(1);
  for (const x of t.acc) c.f32x4(0).set(x);
  c.get(panel).set(bp);
  c.get(taps).set(tp);
  c.block().loop(); // taps
  c.get(tp).get(tEnd).i32op("ge_u").brIf(1);
  c.get(tp).i32load().set(tv);
  for (let q = 0; q < 4; q++)
    c.get(rp)
      .i32load(4 * q)
      .get(tv)
      .i32op("add")
      .set(t.r[q]!);
  c.i32(0).set(k);
  c.block().loop(); // k within the tap
  c.get(k).get(C).i32op("ge_u").brIf(1);
  kStep(c, t, bp, fma);
  c.get(k).i32(1).i32op("add").set(k).br(0);
  c.end().end();
  c.get(tp).i32(4).i32op("add").set(tp).br(0);
  c.end().end();
  epilogue(c, t, j0, bias, act);
  storeTile(c, t, i0, j0, M, N, out, ldc, cp);
  c.get(rp).i32(16).i32op("add").set(rp);
  c.get(i0).i32(4).i32op("add").set(i0).br(0);
  c.end().end();
  c.get(panel).get(T).get(C).i32op("mul").i32(5).i32op("shl").i32op("add").set(panel);
  c.get(j0).i32(8).i32op("add").set(j0).br(0);
  c.end().end();
  return c;
}

/**
 * pack(K, N, src, ld, panels): W[K, N] at src (row k at src + k * ld bytes) into ceil(N / 8) panels of
 * [K][8], two vector copies per row. The last panel's columns past N take whatever follows the row
 * (the caller leaves 32 bytes after W): the kernel computes those columns but never stores them.
 */
function packCode(): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32"]);
  const [K, N, src, ld, dst] = [0, 1, 2, 3, 4];
  const j0 = c.local("i32"),
    s = c.local("i32"),
    end = c.local("i32");
  c.i32(0).set(j0);
  c.block().loop();
  c.get(j0).get(N).i32op("ge_u").brIf(1);
  c.get(src).get(j0).i32(2).i32op("shl").i32op("add").tee(s);
  c.get(K).get(ld).i32op("mul").i32op("add").set(end);
  c.block().loop();
  c.get(s).get(end).i32op("ge_u").brIf(1);
  c.get(dst).get(s).mem("v128.load").mem("v128.store");
  c.get(dst).get(s).mem("v128.load", 16).mem("v128.store", 16);
  c.get(dst).i32(32).i32op("add").set(dst);
  c.get(s).get(ld).i32op("add").set(s).br(0);
  c.end().end();
  c.get(j0).i32(8).i32op("add").set(j0).br(0);
  c.end().end();
  return c;
}

export function sgemmModule(fma: boolean): Uint8Array<ArrayBuffer> {
  return encodeModule([
    { name: "sgemm", code: sgemmCode(fma) },
    { name: "pack", code: packCode() },
    { name: "packA", code: packACode() },
    { name: "igemm", code: igemmCode(fma) },
  ]);
}
