// float32x4 fast math for the WebAssembly emitter: exp, log, logistic and tanh as polynomials with range
// reduction (the models: tinygrad's transcendental.py, Cephes' expf, XNNPACK's wasmsimd vexp / vsigmoid
// rr2-p5 kernels (magic-bias rounding, exp(-|x|) for the sigmoid); Eigen's float tanh), each
// within float32 test tolerance (rel err < 2e-7 for exp, < 3e-7 for tanh) and exact at the edges:
// NaN in -> NaN out, exp(+Inf) = Inf, exp(-Inf) = 0, tanh(+-Inf) = +-1, logistic(+-Inf) = 1 / 0.
// Each emitter reads its argument from a local and leaves the result on the stack.
import type { Code } from "./encoder.js";

/** Horner: c[0] + x*(c[1] + x*(...)), x a v128 local; leaves the value on the stack. */
function horner(c: Code, x: number, coef: number[]): void {
  c.f32x4(coef[coef.length - 1]!);
  for (let i = coef.length - 2; i >= 0; i--) c.get(x).simd("f32x4.mul").f32x4(coef[i]!).simd("f32x4.add");
}

/**
 * The same polynomial as two independent Horner chains in x^2 (even and odd coefficients), summed as
 * E(x^2) + x O(x^2): half the dependency chain, so consecutive vectors overlap in the pipeline.
 */
function poly(c: Code, x: number, coef: number[]): void {
  if (coef.length < 4) return horner(c, x, coef);
  const x2 = c.local("v128");
  c.get(x).get(x).simd("f32x4.mul").set(x2);
  horner(
    c,
    x2,
    coef.filter((_, i) => i % 2 === 0),
  );
  horner(
    c,
    x2,
    coef.filter((_, i) => i % 2 === 1),
  );
  c.get(x).simd("f32x4.mul").simd("f32x4.add");
}

/**
 * clamp(x, lo, hi) with pmax/pmin (one native instruction each; max/min's NaN rules cost several):
 * x is the first operand of both, whose NaN they return, so NaN stays NaN.
 */
function clamp(c: Code, x: number, lo: number, hi: number): Code {
  return c.get(x).f32x4(lo).simd("f32x4.pmax").f32x4(hi).simd("f32x4.pmin");
}

/** Fused multiply-add a*b+c where the engine has relaxed SIMD (detected once), else mul + add. */
export function madd(c: Code, fma: boolean): void {
  if (fma) c.simd("f32x4.relaxed_madd");
  else c.simd("f32x4.mul").simd("f32x4.add");
}

/** 1.5 * 2^23: t + MAGIC rounds t to an integer n (ties to even, |n| < 2^22) whose bits are MAGIC's + n. */
const MAGIC = 12582912;

/** Multiplies the value on the stack by 2^k, k an i32x4 local (k + 127 becomes the exponent field). */
function scaleBy(c: Code, k: number): void {
  c.get(k).i32x4(127).simd("i32x4.add").i32(23).simd("i32x4.shl").simd("f32x4.mul");
}

/**
 * exp(x) = 2^n e^r, n = round(x / ln2) by the magic-bias addition (n as a float and, from the sum's bits,
 * as an integer: three adds where f32x4.nearest and i32x4.trunc_sat_f32x4_s lower to ten x64
 * instructions), r = x - n ln2 in two parts (Cephes' C1 + C2), e^r = 1 + r + r^2 P(r) with Cephes'
 * degree-6 expf polynomial. 2^n is applied as two exponent-field scalings 2^h * 2^(n-h), so n from -150
 * to 129 stays representable: overflow gives Inf and underflow 0 (through the subnormals) without a
 * branch. The clamp keeps NaN.
 */
export function emitExp(c: Code, x: number): void {
  const t = c.local("v128"),
    nb = c.local("v128"),
    n = c.local("v128"),
    r = c.local("v128"),
    ni = c.local("v128"),
    h = c.local("v128");
  clamp(c, x, -104, 89).tee(t);
  c.f32x4(Math.LOG2E).simd("f32x4.mul").f32x4(MAGIC).simd("f32x4.add").tee(nb);
  c.f32x4(MAGIC).simd("f32x4.sub").set(n);
  c.get(t).get(n).f32x4(0.693359375).simd("f32x4.mul").simd("f32x4.sub");
  c.get(n).f32x4(-2.1219444e-4).simd("f32x4.mul").simd("f32x4.sub").set(r);
  poly(c, r, [5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2, 8.3334519073e-3, 1.3981999507e-3, 1.98756915e-4]);
  c.get(r).get(r).simd("f32x4.mul").simd("f32x4.mul").get(r).simd("f32x4.add").f32x4(1).simd("f32x4.add");
  c.get(nb).i32x4(0x4b400000).simd("i32x4.sub").tee(ni).i32(1).simd("i32x4.shr_s").set(h);
  scaleBy(c, h);
  c.get(ni).get(h).simd("i32x4.sub").set(h);
  scaleBy(c, h);
}

/** 1.5 * 2^23 + 127: t + EXP_BIAS rounds t to an integer n whose low mantissa bits are n + 127. */
const EXP_BIAS = 12583039;
/** -127 ln2, the clamp: 2^n's bits there are 0. */
const EXP_MIN = -127 * Math.LN2;
/** -ln2 in two parts (XNNPACK's rr2): n * EXP_LN2_HI is exact for |n| < 2^8. */
const EXP_LN2_HI = -0.693145751953125,
  EXP_LN2_LO = -1.428606765330187e-6;
/** e^r = 1 + r P(r) on [-ln2 / 2, ln2 / 2], P of degree 4 (XNNPACK's p5 minimax coefficients). */
const EXP_P = [0.9999997019767761, 0.4999915063381195, 0.16667652130126953, 0.04189782217144966, 0.008289290592074394];

/**
 * exp(x) for x <= 0 or NaN (the row kernels' x - max, the logistic's -|x|), the cheap way (XNNPACK's
 * rr2-p5), of each v128 local in `xs`; returns the locals holding the results. n = round(x / ln2) by the
 * magic-bias addition, whose low mantissa bits are then n + 127, so 2^n is those bits shifted into the
 * exponent field; r = x - n ln2 in two parts; exp(x) = 2^n + (r 2^n) P(r) (rel err < 2e-7;
 * test/jit/wasm-exp.test.ts sweeps [-87.3, 0]). x is clamped at -127 ln2, where 2^n's bit pattern is 0:
 * exp(-Inf) = 0 exactly, and 0 from x < -126.5 ln2 (-87.68; above it down to 2^-126 a subnormal; the JS
 * kernels give subnormals down to -103.3).
 * A NaN stays NaN (the clamp keeps it; its shifted bits are 0, times a NaN polynomial). No overflow path:
 * 20 operations per vector (no FMA: 9 multiplies, 9 adds, a max and a shift; degree 4 would miss 1e-6).
 * XNNPACK's rr2-lut64-p2 (a 64-entry table, degree 2: 6 multiplies) needs four lane extracts and lane
 * loads per vector: measured no faster in the softmax kernel.
 * Several vectors are emitted stage by stage, P by Horner (the fewest multiplies): V8 keeps wasm's
 * instruction order, and independent vectors in each stage keep the multiply and add pipes busy where one
 * vector's chain of dependent operations would wait on their latency (4 vectors: ~15% faster than one
 * after another). One vector (an elementwise logistic) takes P as two shorter chains (poly: ~4% faster).
 */
export function expNonPositive(c: Code, xs: number[]): number[] {
  const each = (f: (i: number) => void) => xs.forEach((_, i) => f(i));
  const locals = () => xs.map(() => c.local("v128"));
  const t = locals(),
    n = locals(),
    s = locals(),
    r = locals(),
    p = locals();
  each((i) => c.get(xs[i]!).f32x4(EXP_MIN).simd("f32x4.pmax").set(t[i]!));
  each((i) => c.get(t[i]!).f32x4(Math.LOG2E).simd("f32x4.mul").f32x4(EXP_BIAS).simd("f32x4.add").set(n[i]!));
  each((i) => c.get(n[i]!).i32(23).simd("i32x4.shl").set(s[i]!));
  each((i) => c.get(n[i]!).f32x4(EXP_BIAS).simd("f32x4.sub").set(n[i]!));
  each((i) => c.get(n[i]!).f32x4(EXP_LN2_HI).simd("f32x4.mul").get(t[i]!).simd("f32x4.add").set(r[i]!));
  each((i) => c.get(n[i]!).f32x4(EXP_LN2_LO).simd("f32x4.mul").get(r[i]!).simd("f32x4.add").set(r[i]!));
  if (xs.length === 1) {
    poly(c, r[0]!, EXP_P);
    c.set(p[0]!);
  } else {
    each((i) => c.f32x4(EXP_P[4]!).get(r[i]!).simd("f32x4.mul").f32x4(EXP_P[3]!).simd("f32x4.add").set(p[i]!));
    for (const k of [2, 1, 0]) each((i) => c.get(p[i]!).get(r[i]!).simd("f32x4.mul").f32x4(EXP_P[k]!).simd("f32x4.add").set(p[i]!));
  }
  each((i) => c.get(r[i]!).get(s[i]!).simd("f32x4.mul").set(r[i]!));
  each((i) => c.get(r[i]!).get(p[i]!).simd("f32x4.mul").get(s[i]!).simd("f32x4.add").set(p[i]!));
  return p;
}

/** expNonPositive of one v128 local, left on the stack. */
export function emitExpNonPositive(c: Code, x: number): void {
  c.get(expNonPositive(c, [x])[0]!);
}

/**
 * logistic(x) as XNNPACK's sigmoid: e = exp(-|x|) (the non-positive exp: no overflow path), f = e / (1 + e),
 * then 1 - f where x > 0. +Inf -> 1, -Inf -> 0, NaN -> NaN; 0 for x < -87.68 (expNonPositive).
 */
export function emitLogistic(c: Code, x: number): void {
  const z = c.local("v128"),
    e = c.local("v128"),
    f = c.local("v128");
  c.get(x).f32x4(-0).simd("v128.or").set(z); // -|x|, NaN kept
  emitExpNonPositive(c, z);
  c.tee(e).get(e).f32x4(1).simd("f32x4.add").simd("f32x4.div").set(f);
  // bitselect(a, b, mask): 1 - f where x > 0, else f
  c.f32x4(1).get(f).simd("f32x4.sub").get(f).get(x).f32x4(0).simd("f32x4.gt").simd("v128.bitselect");
}

const TANH_P = [
  4.89352455891786e-3, 6.37261928875436e-4, 1.48572235717979e-5, 5.12229709037114e-8, -8.60467152213735e-11, 2.00018790482477e-13,
  -2.76076847742355e-16,
];
const TANH_Q = [4.89352518554385e-3, 2.268434632439e-3, 1.18534705686654e-4, 1.19825839466702e-6];
const TANH_CLAMP = 7.90531110763549805;

/**
 * tanh(x): Eigen's odd rational form on [-7.9, 7.9]; beyond it exactly +-1 (copysign), so that
 * 1 + tanh(-Inf) is 0 as in NumPy (the rational form stalls at 1 - 2.4e-7 there).
 */
export function emitTanh(c: Code, x: number): void {
  const t = c.local("v128"),
    x2 = c.local("v128");
  clamp(c, x, -TANH_CLAMP, TANH_CLAMP).tee(t);
  c.get(t).simd("f32x4.mul").set(x2);
  // bitselect(a, b, mask) takes a's bits where mask is 1: copysign(1, x) = bitselect(1.0, x, 0x7fffffff)
  c.f32x4(1).get(x).i32x4(0x7fffffff).simd("v128.bitselect");
  c.get(t);
  poly(c, x2, TANH_P);
  c.simd("f32x4.mul");
  horner(c, x2, TANH_Q);
  c.simd("f32x4.div");
  c.get(x).simd("f32x4.abs").f32x4(TANH_CLAMP).simd("f32x4.gt").simd("v128.bitselect");
}

// Cephes logf: log(1 + f) = f - f^2/2 + f^3 P(f) for f in [sqrt(1/2) - 1, sqrt(2) - 1]
const LOG_P = [
  3.3333331174e-1, -2.4999993993e-1, 2.0000714765e-1, -1.6668057665e-1, 1.4249322787e-1, -1.2420140846e-1, 1.167699874e-1, -1.151461031e-1,
  7.0376836292e-2,
];

/**
 * log(x) = e ln2 + log(m), x = m 2^e with m in [sqrt(1/2), sqrt(2)) read from the bits (subnormals scaled
 * by 2^23 first), ln2 in two parts (Cephes' C1 + C2). Edges as Math.log: log(+-0) = -Inf, log(x < 0) and
 * log(NaN) = NaN, log(+Inf) = +Inf.
 */
export function emitLog(c: Code, x: number): void {
  const xs = c.local("v128"),
    tiny = c.local("v128"),
    e = c.local("v128"),
    m = c.local("v128"),
    lo = c.local("v128"),
    f = c.local("v128"),
    z = c.local("v128");
  // subnormals (and 0) times 2^23, their exponent lowered by 23
  c.get(x).f32x4(1.17549435e-38).simd("f32x4.lt").set(tiny);
  c.get(x).f32x4(8388608).simd("f32x4.mul").get(x).get(tiny).simd("v128.bitselect").tee(xs);
  // e = biased exponent - 126 (m in [0.5, 1)), m = the mantissa with exponent -1
  c.i32(23).simd("i32x4.shr_s").i32x4(0xff).simd("v128.and").i32x4(126).simd("i32x4.sub");
  c.get(tiny).i32x4(23).simd("v128.and").simd("i32x4.sub").simd("f32x4.convert_i32x4_s").set(e);
  c.get(xs).i32x4(0x007fffff).simd("v128.and").i32x4(0x3f000000).simd("v128.or").set(m);
  // m < sqrt(1/2): f = 2m - 1 and e - 1, else f = m - 1 (exact in float32 either way)
  c.get(m).f32x4(Math.SQRT1_2).simd("f32x4.lt").set(lo);
  c.get(e).f32x4(1).get(lo).simd("v128.and").simd("f32x4.sub").set(e);
  c.get(m).get(m).get(lo).simd("v128.and").simd("f32x4.add").f32x4(1).simd("f32x4.sub").set(f);
  c.get(f).get(f).simd("f32x4.mul").set(z);
  // f^3 P(f) + e C2 - f^2 / 2 + f + e C1
  poly(c, f, LOG_P);
  c.get(z).simd("f32x4.mul").get(f).simd("f32x4.mul");
  c.get(e).f32x4(-2.1219444e-4).simd("f32x4.mul").simd("f32x4.add");
  c.get(z).f32x4(0.5).simd("f32x4.mul").simd("f32x4.sub");
  c.get(f).simd("f32x4.add");
  c.get(e).f32x4(0.693359375).simd("f32x4.mul").simd("f32x4.add");
  // edges: +-0 -> -Inf, +Inf -> +Inf, negative or NaN -> NaN (x >= 0 fails for both)
  c.set(z);
  c.f32x4(-Infinity).get(z).get(x).f32x4(0).simd("f32x4.eq").simd("v128.bitselect").set(z);
  c.f32x4(Infinity).get(z).get(x).f32x4(Infinity).simd("f32x4.eq").simd("v128.bitselect").set(z);
  c.get(z).f32x4(Number.NaN).get(x).f32x4(0).simd("f32x4.ge").simd("v128.bitselect");
}
