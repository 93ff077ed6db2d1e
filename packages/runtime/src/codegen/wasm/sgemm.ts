// float32 GEMM on WebAssembly SIMD, accumulating in float32 (as tfjs, jax-js and XLA do by default;
// setMatmulPrecision("highest") keeps the float64-accumulating kernel in codegen/wasm-gemm.ts).
// sgemm: a register-blocked 2x16 micro-kernel (8 f32x4 accumulators; per k four vector loads of a
// packed 16-column panel of W and two splatted A values) over A packed 2 rows interleaved (packA, from
// any strides: transposed operands cost one packing pass, never a materialized transpose) and W packed
// in panels (pack, for unit-stride rows), in cache blocks of k and rows. axpy and reluGrad are passes
// over a result with a second operand (an SGD update, relu's backward mask: dot epilogues fused).
// igemm is a 4x8 micro-kernel over an indirection buffer (XNNPACK's indirect GEMM, the convolution
// kernel of codegen/wasm-conv.ts): row i's t-th group of C values starts at rows[i] + taps[t] in a
// padded (and dilated) copy of the input, so im2col patches are read where they lie, never materialized.
// Module built with the runtime's own encoder; the caller packs and reads results in wasm memory.
import { Code, encodeModule } from "./encoder.js";
import { emitLogistic, emitTanh } from "./simd-math.js";

/** The activations a GEMM applies in its store (codegen/kernels.ts matches them in a dot's epilogue). */
export const GEMM_ACT = { none: 0, relu: 1, tanh: 2, logistic: 3 } as const;
export type GemmAct = keyof typeof GEMM_ACT;

/** The accumulators of an mr x 4nv tile (row q, vector h at acc[q * nv + h]) and the registers a k step uses. */
interface Tile {
  mr: number;
  nv: number;
  acc: number[];
  b: number[];
  av: number;
  r: number[];
}

function tileLocals(c: Code, mr: number, nv: number): Tile {
  return {
    mr,
    nv,
    acc: [...Array(mr * nv)].map(() => c.local("v128")),
    b: [...Array(nv)].map(() => c.local("v128")),
    av: c.local("v128"),
    r: [...Array(mr)].map(() => c.local("i32")),
  };
}

/** acc[q * nv + h] += av * b[h] for every h: row q's splatted A value times the panel row. */
function madRow(c: Code, t: Tile, q: number, fma: boolean): void {
  t.b.forEach((b, h) => {
    const x = t.acc[q * t.nv + h]!;
    if (fma) c.get(t.av).get(b).get(x).simd("f32x4.relaxed_madd");
    else c.get(x).get(t.av).get(b).simd("f32x4.mul").simd("f32x4.add");
    c.set(x);
  });
}

/** One k step: a packed panel row at `bp` times A value k of rows r[0..mr); advances r and bp. */
function kStep(c: Code, t: Tile, bp: number, fma: boolean): void {
  t.b.forEach((b, h) =>
    c
      .get(bp)
      .mem("v128.load", 16 * h)
      .set(b),
  );
  t.r.forEach((r, q) => {
    c.get(r).mem("v128.load32_splat").set(t.av);
    madRow(c, t, q, fma);
    c.get(r).i32(4).i32op("add").set(r);
  });
  c.get(bp)
    .i32(16 * t.nv)
    .i32op("add")
    .set(bp);
}

/**
 * The epilogue of a tile: + bias[j0..] when `bias` (a byte address, 0: none; the caller pads the bias
 * to whole panels), then the activation GEMM_ACT[act]. relu is f32x4.max(x, 0) (NaN stays NaN, -0
 * becomes +0, as Math.max); tanh and logistic are simd-math's polynomials.
 */
function epilogue(c: Code, t: Tile, j0: number, bias: number, act: number): void {
  c.get(bias).if();
  c.get(bias).get(j0).i32(2).i32op("shl").i32op("add").set(bias);
  for (let h = 0; h < t.nv; h++) {
    c.get(bias)
      .mem("v128.load", 16 * h)
      .set(t.b[0]!);
    for (let q = 0; q < t.mr; q++)
      c.get(t.acc[q * t.nv + h]!)
        .get(t.b[0]!)
        .simd("f32x4.add")
        .set(t.acc[q * t.nv + h]!);
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

/**
 * For each row q of the tile at rows i0.. (< M) of C (row stride ldc elements): cp = the address of
 * (i0 + q, j0), then `whole` when the tile's 4nv columns are all < N, else `lane(l)` for each column
 * j0 + l < N.
 */
function eachRow(
  c: Code,
  t: Tile,
  at: { i0: number; j0: number; M: number; N: number; out: number; ldc: number; cp: number },
  whole: (q: number) => void,
  lane: (q: number, l: number) => void,
): void {
  const { i0, j0, M, N, out, ldc, cp } = at;
  for (let q = 0; q < t.mr; q++) {
    c.get(i0).i32(q).i32op("add").get(M).i32op("lt_u").if();
    c.get(out).get(i0).i32(q).i32op("add").get(ldc).i32op("mul").get(j0).i32op("add").i32(2).i32op("shl").i32op("add").set(cp);
    c.get(j0)
      .i32(4 * t.nv)
      .i32op("add")
      .get(N)
      .op(0x4d)
      .if(); // i32.le_u
    whole(q);
    c.else();
    for (let l = 0; l < 4 * t.nv; l++) {
      c.get(j0).i32(l).i32op("add").get(N).i32op("lt_u").if();
      lane(q, l);
      c.end();
    }
    c.end();
    c.end();
  }
}

type TileAt = Parameters<typeof eachRow>[2];

/** Stores the tile at rows i0.. (< M) and columns j0.. (< N) of C: whole vectors, else lane by lane. */
function storeTile(c: Code, t: Tile, at: TileAt): void {
  const x = (q: number, h: number) => t.acc[q * t.nv + h]!;
  eachRow(
    c,
    t,
    at,
    (q) => {
      for (let h = 0; h < t.nv; h++)
        c.get(at.cp)
          .get(x(q, h))
          .mem("v128.store", 16 * h);
    },
    (q, l) =>
      c
        .get(at.cp)
        .get(x(q, l >> 2))
        .simd("f32x4.extract_lane", l & 3)
        .f32store(4 * l),
  );
}

/** Loads the tile of C at rows i0.. (< M), columns j0.. (< N) into the zeroed accumulators (an earlier k block's sums). */
function loadTile(c: Code, t: Tile, at: TileAt): void {
  const x = (q: number, h: number) => t.acc[q * t.nv + h]!;
  eachRow(
    c,
    t,
    at,
    (q) => {
      for (let h = 0; h < t.nv; h++)
        c.get(at.cp)
          .mem("v128.load", 16 * h)
          .set(x(q, h));
    },
    (q, l) =>
      c
        .get(x(q, l >> 2))
        .get(at.cp)
        .f32load(4 * l)
        .simd("f32x4.replace_lane", l & 3)
        .set(x(q, l >> 2)),
  );
}

/** One k step of packed operands: a panel row at bp + 16nv·u times mr interleaved rows of A at ap + 4mr·u. */
function packedStep(c: Code, t: Tile, ap: number, bp: number, u: number, fma: boolean): void {
  t.b.forEach((b, h) =>
    c
      .get(bp)
      .mem("v128.load", 16 * (t.nv * u + h))
      .set(b),
  );
  for (let q = 0; q < t.mr; q++) {
    c.get(ap)
      .mem("v128.load32_splat", 4 * (t.mr * u + q))
      .set(t.av);
    madRow(c, t, q, fma);
  }
}

/**
 * sgemm's register tile: SGEMM_MR rows by SGEMM_NR columns. Per k step: SGEMM_NR / 4 panel loads,
 * SGEMM_MR splats, 2·MR·NR/4 mul/add: 2x16 holds 8 accumulators, 4 panel vectors and a splat (V8 on
 * x64 has 15 vector registers and schedules a step's loads first), with fewer splats per product than
 * 4x8, which matters where a broadcast takes an FP pipe.
 */
export const SGEMM_MR = 2,
  SGEMM_NR = 16;
/**
 * Cache blocks of sgemm: MC rows of A (KC·MC·4 bytes, ≤ 512 KiB) stay in L2 while every panel passes
 * over them, and a KC-deep panel slice (≤ 64 KiB) in L2 across the block's tiles. Measured A/B on a
 * 2-core EPYC (bench/gemm-blocking.mjs, bench/README.md): blocks of k below 1024 (a panel slice in L1)
 * lose more to re-reading C than they gain, and MC 32-256 are within noise of 128. Mutable for that
 * bench only (a module is built with the values current when it is encoded).
 */
export const sgemmBlocking = { kc: 1024, mc: 128 };

/** dst = min(dst, bound) (unsigned) */
function minInto(c: Code, dst: number, bound: number): void {
  c.get(dst).get(bound).get(dst).get(bound).i32op("lt_u").op(0x1b).set(dst);
}

/**
 * sgemm(M, N, K, a, panels, c, bias, act): C[M, N] (row stride N) = act(A[M, K] @ W + bias), A packed by
 * packA as ceil(M / MR) blocks of [K][MR] (MR rows interleaved, zero rows past M), W as ceil(N / NR)
 * panels of [K][NR] (padded columns), bias 0 for none. Byte addresses. Blocked over k (KC) and rows
 * (MC): a k block after the first adds to the partial sums stored in C; the last applies the epilogue.
 * One k step per loop iteration: V8 unrolls the loop by 2 itself, and a body unrolled here (2 or 4
 * steps) has all its loads hoisted ahead of the products and spilled (measured 18 and 15 GFLOP/s
 * against 28 at 1024², bench/gemm-blocking.mjs).
 */
function sgemmCode(fma: boolean, { kc: KC, mc: MC }: typeof sgemmBlocking): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [M, N, K, a, panels, out, bias, act] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [mr, nr] = [SGEMM_MR, SGEMM_NR];
  const t = tileLocals(c, mr, nr / 4);
  const i32 = () => c.local("i32");
  const [k0, kc, biasE, actE, i1, iEnd, j0, panel] = [i32(), i32(), i32(), i32(), i32(), i32(), i32(), i32()];
  const [i0, ap, apEnd, bp, cp] = [i32(), i32(), i32(), i32(), i32()];
  const at = { i0, j0, M, N, out, ldc: N, cp };
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
  c.get(panels)
    .get(k0)
    .i32(4 * nr)
    .i32op("mul")
    .i32op("add")
    .set(panel);
  c.block().loop(); // panels
  c.get(j0).get(N).i32op("ge_u").brIf(1);
  c.get(i1).set(i0);
  c.block().loop(); // tiles
  c.get(i0).get(iEnd).i32op("ge_u").brIf(1);
  // block i0 / mr of A at a + i0 * K * 4, its k0-th step 4mr·k0 further
  c.get(a).get(i0).get(K).i32op("mul").get(k0).i32(mr).i32op("mul").i32op("add").i32(2).i32op("shl").i32op("add").tee(ap);
  c.get(kc)
    .i32(4 * mr)
    .i32op("mul")
    .i32op("add")
    .set(apEnd);
  c.get(panel).set(bp);
  for (const x of t.acc) c.f32x4(0).set(x);
  c.get(k0).if();
  loadTile(c, t, at);
  c.end();
  c.block().loop(); // k
  c.get(ap).get(apEnd).i32op("ge_u").brIf(1);
  packedStep(c, t, ap, bp, 0, fma);
  c.get(ap)
    .i32(4 * mr)
    .i32op("add")
    .set(ap);
  c.get(bp)
    .i32(4 * nr)
    .i32op("add")
    .set(bp);
  c.br(0);
  c.end().end();
  epilogue(c, t, j0, biasE, actE);
  storeTile(c, t, at);
  c.get(i0).i32(mr).i32op("add").set(i0).br(0);
  c.end().end();
  c.get(panel)
    .get(K)
    .i32(4 * nr)
    .i32op("mul")
    .i32op("add")
    .set(panel);
  c.get(j0).i32(nr).i32op("add").set(j0).br(0);
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
 * ceil(M / MR) blocks of [K][MR] at dst (row i of a block in lane i % MR; rows past M zero), sgemm's A.
 * Whole blocks of a transposed A (sam = 4, the block's rows adjacent) copy 8 bytes per k; of row-major
 * A (sak = 4) interleave 4 k of both rows with two shuffles; anything else (and the tail) element by element.
 */
function packACode(): Code {
  const mr = SGEMM_MR;
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32"]);
  const [M, K, src, sam, sak, dst] = [0, 1, 2, 3, 4, 5];
  const i32 = () => c.local("i32");
  const [i0, s, d, end, k, full, r1] = [i32(), i32(), i32(), i32(), i32(), i32(), i32()];
  const [v0, v1] = [c.local("v128"), c.local("v128")];
  c.i32(0).set(i0);
  c.block().loop(); // blocks of mr rows
  c.get(i0).get(M).i32op("ge_u").brIf(1);
  c.get(src).get(i0).get(sam).i32op("mul").i32op("add").set(s);
  c.get(dst)
    .get(K)
    .i32(4 * mr)
    .i32op("mul")
    .i32op("add")
    .set(end);
  c.get(i0).i32(mr).i32op("add").get(M).op(0x4d).set(full); // i32.le_u
  c.get(dst).set(d);
  c.i32(0).set(k);
  c.get(full).get(sam).i32(4).op(0x46).i32op("and").if(); // i32.eq: the rows adjacent at every k
  c.block().loop();
  c.get(d).get(end).i32op("ge_u").brIf(1);
  c.get(d).get(s).f64load().f64store(); // 8 bytes, bit for bit
  c.get(s).get(sak).i32op("add").set(s);
  c.get(d).i32(8).i32op("add").set(d);
  c.br(0);
  c.end().end();
  c.get(K).set(k);
  c.end();
  c.get(full).get(sak).i32(4).op(0x46).i32op("and").if(); // rows contiguous: interleave 4 k at a time
  c.get(s).get(sam).i32op("add").set(r1);
  c.block().loop();
  c.get(k).i32(4).i32op("add").get(K).op(0x4b).brIf(1); // i32.gt_u
  c.get(s).get(k).i32(2).i32op("shl").i32op("add").mem("v128.load").set(v0);
  c.get(r1).get(k).i32(2).i32op("shl").i32op("add").mem("v128.load").set(v1);
  c.get(d)
    .get(v0)
    .get(v1)
    .simd("i8x16.shuffle", ...lanes(0, 4, 1, 5))
    .mem("v128.store");
  c.get(d)
    .get(v0)
    .get(v1)
    .simd("i8x16.shuffle", ...lanes(2, 6, 3, 7))
    .mem("v128.store", 16);
  c.get(d).i32(32).i32op("add").set(d);
  c.get(k).i32(4).i32op("add").set(k);
  c.br(0);
  c.end().end();
  c.end();
  c.get(s).get(k).get(sak).i32op("mul").i32op("add").set(s);
  c.block().loop(); // element by element: the remaining k of this block
  c.get(k).get(K).i32op("ge_u").brIf(1);
  for (let q = 0; q < mr; q++) {
    c.get(i0).i32(q).i32op("add").get(M).i32op("lt_u").if();
    c.get(d)
      .get(s)
      .get(sam)
      .i32(q)
      .i32op("mul")
      .i32op("add")
      .f32load()
      .f32store(4 * q);
    c.else();
    c.get(d)
      .f32(0)
      .f32store(4 * q);
    c.end();
  }
  c.get(s).get(sak).i32op("add").set(s);
  c.get(d)
    .i32(4 * mr)
    .i32op("add")
    .set(d);
  c.get(k).i32(1).i32op("add").set(k);
  c.br(0);
  c.end().end();
  c.get(end).set(dst);
  c.get(i0).i32(mr).i32op("add").set(i0).br(0);
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
  const t = tileLocals(c, 4, 2);
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
  storeTile(c, t, { i0, j0, M, N, out, ldc, cp });
  c.get(rp).i32(16).i32op("add").set(rp);
  c.get(i0).i32(4).i32op("add").set(i0).br(0);
  c.end().end();
  c.get(panel).get(T).get(C).i32op("mul").i32(5).i32op("shl").i32op("add").set(panel);
  c.get(j0).i32(8).i32op("add").set(j0).br(0);
  c.end().end();
  return c;
}

/**
 * pack(K, N, src, ld, panels): W[K, N] at src (row k at src + k * ld bytes) into ceil(N / nr) panels of
 * [K][nr], nr / 4 vector copies per row. The last panel's columns past N take whatever follows the row
 * (the caller leaves 4nr bytes after W): the kernel computes those columns but never stores them.
 */
function packCode(nr: number): Code {
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
  for (let h = 0; h < nr / 4; h++)
    c.get(dst)
      .get(s)
      .mem("v128.load", 16 * h)
      .mem("v128.store", 16 * h);
  c.get(dst)
    .i32(4 * nr)
    .i32op("add")
    .set(dst);
  c.get(s).get(ld).i32op("add").set(s).br(0);
  c.end().end();
  c.get(j0).i32(nr).i32op("add").set(j0).br(0);
  c.end().end();
  return c;
}

/**
 * axpy(n, c, x, alpha, beta, out): out[i] = float32(alpha * c[i] + beta * x[i]) over n float32 values,
 * computed in float64 as the JS epilogue `x ± L * acc` computes it (beta = ±1 is exact, so this is the
 * same double sum, rounded once at the store): bit-identical to the dot kernel's JS store loop. `out`
 * may be `c` or `x`.
 */
function axpyCode(): Code {
  const c = new Code(["i32", "i32", "i32", "f64", "f64", "i32"]);
  const [n, cp, xp, alpha, beta, out] = [0, 1, 2, 3, 4, 5];
  const [end, tail] = [c.local("i32"), c.local("i32")];
  const [va, vb, cv, xv, lo] = [c.local("v128"), c.local("v128"), c.local("v128"), c.local("v128"), c.local("v128")];
  c.get(alpha).simd("f64x2.splat").set(va);
  c.get(beta).simd("f64x2.splat").set(vb);
  c.get(cp).get(n).i32(2).i32op("shl").i32op("add").set(end);
  c.get(cp).get(n).i32(-4).i32op("and").i32(2).i32op("shl").i32op("add").set(tail);
  /** alpha * c + beta * x of the f64 pair promoted from lanes `l` of cv and xv, demoted to f32 lanes 0-1 */
  const half = (l: number[]) => {
    for (const [v, s] of [
      [cv, va],
      [xv, vb],
    ] as const)
      c.get(v)
        .get(v)
        .simd("i8x16.shuffle", ...lanes(...l, ...l))
        .simd("f64x2.promote_low_f32x4")
        .get(s)
        .simd("f64x2.mul");
    c.simd("f64x2.add").simd("f32x4.demote_f64x2_zero");
  };
  c.block().loop();
  c.get(cp).get(tail).i32op("ge_u").brIf(1);
  c.get(cp).mem("v128.load").set(cv);
  c.get(xp).mem("v128.load").set(xv);
  half([0, 1]);
  c.set(lo);
  c.get(out).get(lo);
  half([2, 3]);
  c.simd("i8x16.shuffle", ...lanes(0, 1, 4, 5)).mem("v128.store");
  for (const p of [cp, xp, out]) c.get(p).i32(16).i32op("add").set(p);
  c.br(0);
  c.end().end();
  c.block().loop(); // the last n % 4 values
  c.get(cp).get(end).i32op("ge_u").brIf(1);
  c.get(out);
  c.get(cp).f32load().op(0xbb).get(alpha).op(0xa2); // f64.promote_f32, f64.mul
  c.get(xp).f32load().op(0xbb).get(beta).op(0xa2);
  c.op(0xa0, 0xb6).f32store(); // f64.add, f32.demote_f64
  for (const p of [cp, xp, out]) c.get(p).i32(4).i32op("add").set(p);
  c.br(0);
  c.end().end();
  return c;
}

/**
 * reluGrad(n, c, x, out): out[i] = x[i] > 0 ? c[i] : 0 over n float32 values (relu's backward pass:
 * the mask of x > 0, false for NaN, over the GEMM's result; the JS select yields the same bits, +0
 * where masked). `out` may be `c` or `x`.
 */
function reluGradCode(): Code {
  const c = new Code(["i32", "i32", "i32", "i32"]);
  const [n, cp, xp, out] = [0, 1, 2, 3];
  const [end, tail] = [c.local("i32"), c.local("i32")];
  c.get(cp).get(n).i32(2).i32op("shl").i32op("add").set(end);
  c.get(cp).get(n).i32(-4).i32op("and").i32(2).i32op("shl").i32op("add").set(tail);
  c.block().loop();
  c.get(cp).get(tail).i32op("ge_u").brIf(1);
  c.get(out).get(xp).mem("v128.load").f32x4(0).simd("f32x4.gt").get(cp).mem("v128.load").simd("v128.and").mem("v128.store");
  for (const p of [cp, xp, out]) c.get(p).i32(16).i32op("add").set(p);
  c.br(0);
  c.end().end();
  c.block().loop(); // the last n % 4 values, one lane at a time
  c.get(cp).get(end).i32op("ge_u").brIf(1);
  c.get(out)
    .get(xp)
    .f32load()
    .simd("f32x4.splat")
    .f32x4(0)
    .simd("f32x4.gt")
    .get(cp)
    .f32load()
    .simd("f32x4.splat")
    .simd("v128.and")
    .simd("f32x4.extract_lane", 0)
    .f32store();
  for (const p of [cp, xp, out]) c.get(p).i32(4).i32op("add").set(p);
  c.br(0);
  c.end().end();
  return c;
}

export function sgemmModule(fma: boolean, blocking = sgemmBlocking): Uint8Array<ArrayBuffer> {
  return encodeModule([
    { name: "sgemm", code: sgemmCode(fma, blocking) },
    { name: "pack", code: packCode(SGEMM_NR) },
    { name: "packA", code: packACode() },
    { name: "axpy", code: axpyCode() },
    { name: "reluGrad", code: reluGradCode() },
    { name: "igemm", code: igemmCode(fma) },
  ]);
}
