// The inverse error function as XLA computes it on CPU (xla/client/lib/math.cc ErfInv32 / ErfInv64, Giles'
// "Approximating the erfinv function"), step for step: float32 rounds after every operation, so that
// random.normal = sqrt(2) * erfinv(u) reproduces JAX's samples (up to XLA's own float32 log1p, which differs
// from the correctly rounded one used here in about 1 value in 100, by 1 ulp).
const f = Math.fround;

const W_LT_5 = [
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941,
].map(f);
const W_GE_5 = [
  -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682,
].map(f);

export function erfinv32(x: number): number {
  const w0 = -f(Math.log1p(-f(x * x)));
  const lt = w0 < 5;
  const c = lt ? W_LT_5 : W_GE_5;
  const w = lt ? f(w0 - 2.5) : f(f(Math.sqrt(w0)) - 3);
  let p = c[0]!;
  // XLA on CPU contracts c + p * w into one fused multiply-add: the float32 product is exact in a double
  for (let i = 1; i < 9; i++) p = f(c[i]! + p * w);
  return Math.abs(x) === 1 ? x * Infinity : f(p * x);
}

const W_LT_6_25 = [
  -3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18, 1.115787767802518096e-17, -1.333171662854620906e-16,
  2.0972767875968561637e-17, 6.6376381343583238325e-15, -4.0545662729752068639e-14, -8.1519341976054721522e-14, 2.6335093153082322977e-12,
  -1.2975133253453532498e-11, -5.4154120542946279317e-11, 1.051212273321532285e-9, -4.1126339803469836976e-9, -2.9070369957882005086e-8,
  4.2347877827932403518e-7, -1.3654692000834678645e-6, -1.3882523362786468719e-5, 0.0001867342080340571352, -0.00074070253416626697512,
  -0.0060336708714301490533, 0.24015818242558961693, 1.6536545626831027356,
];
const W_LT_16 = [
  2.2137376921775787049e-9, 9.0756561938885390979e-8, -2.7517406297064545428e-7, 1.8239629214389227755e-8, 1.5027403968909827627e-6,
  -4.013867526981545969e-6, 2.9234449089955446044e-6, 1.2475304481671778723e-5, -4.7318229009055733981e-5, 6.8284851459573175448e-5,
  2.4031110387097893999e-5, -0.0003550375203628474796, 0.00095328937973738049703, -0.0016882755560235047313, 0.0024914420961078508066,
  -0.0037512085075692412107, 0.005370914553590063617, 1.0052589676941592334, 3.0838856104922207635,
];
const W_GE_16 = [
  -2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-9, -3.7894654401267369937e-9, 7.6157012080783393804e-9,
  -1.4960026627149240478e-8, 2.9147953450901080826e-8, -6.7711997758452339498e-8, 2.2900482228026654717e-7, -9.9298272942317002539e-7,
  4.5260625972231537039e-6, -1.9681778105531670567e-5, 7.5995277030017761139e-5, -0.00021503011930044477347, -0.00013871931833623122026,
  1.0103004648645343977, 4.8499064014085844221,
];

export function erfinv64(x: number): number {
  const w0 = -Math.log1p(-x * x);
  const c = w0 < 6.25 ? W_LT_6_25 : w0 < 16 ? W_LT_16 : W_GE_16;
  const w = w0 < 6.25 ? w0 - 3.125 : Math.sqrt(w0) - (w0 < 16 ? 3.25 : 5);
  let p = c[0]!;
  for (let i = 1; i < c.length; i++) p = fma(p, w, c[i]!);
  return Math.abs(x) === 1 ? x * Infinity : p * x;
}

/** a * b + c with one rounding, as XLA's contracted multiply-add (error-free product and sum; rare double roundings aside). */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  // Dekker's product error: a * b = p + e exactly
  const SPLIT = 134217729; // 2^27 + 1
  const ta = SPLIT * a,
    ah = ta - (ta - a),
    al = a - ah;
  const tb = SPLIT * b,
    bh = tb - (tb - b),
    bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  // Knuth's two-sum: p + c = s + t exactly
  const s = p + c;
  const bv = s - p;
  const t = p - (s - bv) + (c - bv);
  return s + (t + e);
}
