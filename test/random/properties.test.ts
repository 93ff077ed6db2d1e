// random beyond the reference streams: distribution checks on large samples (moments and a
// Kolmogorov-Smirnov test against the exact CDF), keys as values (split destructures, same key -> same
// numbers in eager, jit and vmap), gradients through erf_inv, and bad input as typed errors.
import { describe, expect, it } from "vitest";
import { ArgumentError, DTypeError, type NDArray, grad, jit, makeJaxpr, numpy as np, random, vmap } from "@numjit/runtime";

const N = 200_000;
const data = (x: NDArray) => Array.from(x.toTypedArray(), Number);

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length };
}

/** The Kolmogorov-Smirnov statistic sup |F_n - F|. */
function ks(xs: number[], cdf: (x: number) => number): number {
  const s = xs.slice().sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs((i + 1) / s.length - f), Math.abs(f - i / s.length));
  });
  return d;
}
// the 0.1% critical value of the KS statistic: 1.95 / sqrt(n)
const KS_CRIT = 1.95 / Math.sqrt(N);

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26 is 1.5e-7 accurate: ample next to KS_CRIT (4e-3)
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return Math.sign(x) * y;
}
const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

describe("distributions (n = 200000, KS at the 0.1% level)", () => {
  const key = random.key(2024);
  it.each(["float32", "float64"] as const)("uniform %s: mean 1/2, variance 1/12, KS", (dtype) => {
    const xs = data(random.uniform(key, [N], { dtype }));
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0);
    expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThan(1);
    expect(ks(xs, (x) => Math.min(Math.max(x, 0), 1))).toBeLessThan(KS_CRIT);
  });
  it.each(["float32", "float64"] as const)("normal %s: mean 0, variance 1, KS", (dtype) => {
    const xs = data(random.normal(key, [N], { dtype }));
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
    expect(ks(xs, normalCdf)).toBeLessThan(KS_CRIT);
  });
  it("truncatedNormal stays in (lower, upper) and follows the truncated CDF", () => {
    const xs = data(random.truncatedNormal(key, -1, 2, [N]));
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThan(-1);
    expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThan(2);
    const [a, b] = [normalCdf(-1), normalCdf(2)];
    expect(ks(xs, (x) => (normalCdf(x) - a) / (b - a))).toBeLessThan(KS_CRIT);
  });
  it("exponential: mean 1, KS", () => {
    const xs = data(random.exponential(key, [N]));
    expect(Math.abs(moments(xs).mean - 1)).toBeLessThan(4 / Math.sqrt(N));
    expect(ks(xs, (x) => 1 - Math.exp(-x))).toBeLessThan(KS_CRIT);
  });
  it("gumbel: mean Euler's gamma, KS", () => {
    const xs = data(random.gumbel(key, [N]));
    expect(Math.abs(moments(xs).mean - 0.5772156649)).toBeLessThan((4 * (Math.PI / Math.sqrt(6))) / Math.sqrt(N));
    expect(ks(xs, (x) => Math.exp(-Math.exp(-x)))).toBeLessThan(KS_CRIT);
  });
  it("bernoulli(0.3): frequency", () => {
    const xs = data(random.bernoulli(key, 0.3, [N]));
    expect(Math.abs(moments(xs).mean - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / N));
  });
  it("randint(-3, 5): every value equally often (chi-square, 7 dof, 0.1% level)", () => {
    const xs = data(random.randint(key, [N], -3, 5));
    const counts = new Array(8).fill(0);
    for (const x of xs) counts[x + 3]++;
    const chi2 = counts.reduce((a, c) => a + (c - N / 8) ** 2 / (N / 8), 0);
    expect(chi2).toBeLessThan(24.32);
  });
  it("categorical: frequencies follow softmax(logits)", () => {
    const logits = np.array([0, 1, 2], { dtype: "float32" });
    const xs = data(random.categorical(key, logits, { shape: [N] }));
    const p = [1, Math.E, Math.E ** 2].map((v) => v / (1 + Math.E + Math.E ** 2));
    for (let c = 0; c < 3; c++) {
      const f = xs.filter((x) => x === c).length / N;
      expect(Math.abs(f - p[c]!)).toBeLessThan(4 * Math.sqrt((p[c]! * (1 - p[c]!)) / N));
    }
  });
  it("bits: every bit is set half the time", () => {
    const xs = data(random.bits(key, [N]));
    for (let b = 0; b < 32; b++) {
      const f = xs.filter((x) => (x >>> b) & 1).length / N;
      expect(Math.abs(f - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / N));
    }
  });
  it("permutation is a permutation; choice without replacement draws distinct values", () => {
    const p = data(random.permutation(key, 1000));
    expect(p.slice().sort((a, b) => a - b)).toEqual([...Array(1000).keys()]);
    const c = data(random.choice(key, 50, [50], { replace: false }));
    expect(new Set(c).size).toBe(50);
  });
});

describe("keys are values", () => {
  it("split destructures and iterates over axis 0", () => {
    const key = random.key(0);
    const [k1, k2] = random.split(key);
    expect(k1!.shape).toEqual([2]);
    expect(k1!.dtype).toBe("uint32");
    const all = random.split(key);
    expect(data(k1!)).toEqual(data(all).slice(0, 2));
    expect(data(k2!)).toEqual(data(all).slice(2, 4));
    expect([...random.split(key, 5)].length).toBe(5);
    expect(() => [...np.array(1)]).toThrow(ArgumentError);
  });
  it("the same key gives the same numbers eagerly, under jit, vmap and jit(vmap)", () => {
    // each sampler's output as it is (arithmetic after it may fuse differently under jit, as any float32 chain)
    const f = (k: NDArray) => [
      random.normal(k, [4, 3]),
      random.uniform(random.foldIn(k, 3), [4, 3], { minval: -2, maxval: 5 }),
      random.randint(k, [5], 0, 100),
      random.permutation(k, 6),
      random.gumbel(k, [2], { dtype: "float64" }),
    ];
    const keys = random.split(random.key(7), 5);
    const eager = [...keys].map((k) => f(k).map(data));
    const jf = jit(f);
    for (const [i, k] of [...keys].entries()) expect(jf(k).map(data)).toEqual(eager[i]);
    for (const g of [vmap(f), jit(vmap(f))]) {
      const outs = g(keys);
      for (let i = 0; i < 5; i++) expect(outs.map((o) => data([...o][i]!))).toEqual(eager[i]);
    }
  });
  it("keys print and trace as uint32", () => {
    expect(random.key(42).toString()).toBe("array([ 0, 42], dtype=uint32)");
    const text = makeJaxpr((k: NDArray) => random.bits(k, [3]))(random.key(0)).toString();
    expect(text).toMatch(/u32\[2\]/);
    // the hash is one primitive (eager/threefry-kernel.ts): one equation, not ~100 uint32 ops
    expect(text.match(/threefry2x32\[part=xor\]/g)).toHaveLength(1);
    expect(text).not.toContain("shift_left");
  });
  it("a traced seed: random.key inside jit", () => {
    const f = jit((s: NDArray) => random.uniform(random.key(s), [3]));
    expect(data(f(np.array(5, { dtype: "int32" })))).toEqual(data(random.uniform(random.key(5), [3])));
  });
  it("different keys, different numbers; split keys are independent of the parent", () => {
    const k = random.key(1);
    const [a, b] = random.split(k);
    const xs = [k, a!, b!].map((key) => data(random.bits(key, [8])).join(","));
    expect(new Set(xs).size).toBe(3);
  });
});

describe("erf_inv gradient", () => {
  it("grad(erf_inv) = sqrt(pi)/2 exp(erfinv(x)^2), against central differences", () => {
    // normal(key) is sqrt(2) erfinv(u); its derivative in a location-scale use goes through erf_inv
    const u = random.uniform(random.key(3), [6], { dtype: "float64", minval: -0.9, maxval: 0.9 });
    const f = (x: NDArray) => np.sum(np.multiply(random.truncatedNormal(random.key(0), -1, 1, [6], { dtype: "float64" }), np.square(x)));
    const g = grad(f)(u);
    const h = 1e-6;
    const base = data(u);
    base.forEach((_, i) => {
      const plus = base.slice(),
        minus = base.slice();
      plus[i]! += h;
      minus[i]! -= h;
      const fd = (Number(f(np.array(plus, { dtype: "float64" }))) - Number(f(np.array(minus, { dtype: "float64" })))) / (2 * h);
      expect(Number(data(g)[i])).toBeCloseTo(fd, 5);
    });
  });
});

describe("uniform's bounds are differentiable", () => {
  it("d/dminval sum(uniform(key, minval, maxval)) = sum(1 - u)", () => {
    const key = random.key(0);
    const f = (lo: NDArray) => np.sum(random.uniform(key, [50], { minval: lo, maxval: 3, dtype: "float64" }));
    const u = random.uniform(key, [50], { dtype: "float64" });
    expect(Number(grad(f)(np.array(-1, { dtype: "float64" })))).toBeCloseTo(Number(np.sum(np.subtract(1, u))), 10);
  });
});

describe("bad input: typed errors", () => {
  const key = random.key(0);
  const cases: [string, () => unknown, typeof ArgumentError | typeof DTypeError, string][] = [
    ["a float array as key", () => random.normal(np.array([1, 2]), [3]), ArgumentError, "NJ308"],
    ["a key of the wrong shape", () => random.uniform(np.array([1, 2, 3], { dtype: "uint32" }), [3]), ArgumentError, "NJ308"],
    ["a batch of keys", () => random.bits(random.split(key, 3), [2]), ArgumentError, "NJ308"],
    ["a number as key", () => random.bits(3 as unknown as NDArray, [2]), ArgumentError, "NJ308"],
    ["a negative shape", () => random.uniform(key, [-1]), ArgumentError, "NJ301"],
    ["a fractional shape", () => random.normal(key, [2.5]), ArgumentError, "NJ301"],
    ["an int dtype for uniform", () => random.uniform(key, [2], { dtype: "int32" }), DTypeError, "NJ202"],
    ["a float dtype for randint", () => random.randint(key, [2], 0, 5, { dtype: "float32" }), DTypeError, "NJ202"],
    ["an unknown dtype", () => random.normal(key, [2], { dtype: "float16" as "float32" }), DTypeError, "NJ201"],
    ["a fractional seed", () => random.key(1.5), ArgumentError, "NJ301"],
    ["a float foldIn datum", () => random.foldIn(key, 0.5), ArgumentError, "NJ301"],
    ["choice larger than the population", () => random.choice(key, 3, [5], { replace: false }), ArgumentError, "NJ301"],
    ["categorical axis out of range", () => random.categorical(key, np.array([1, 2]), { axis: 2 }), ArgumentError, "NJ301"],
    ["bernoulli with int p", () => random.bernoulli(key, np.array([1], { dtype: "int32" })), DTypeError, "NJ202"],
  ];
  it.each(cases)("%s", (_, f, cls, code) => {
    let err: unknown;
    try {
      f();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(cls);
    expect((err as { code: string }).code).toBe(code);
  });
  it("the key error names the function and what it got", () => {
    expect(() => random.normal(np.array([1, 2]), [3])).toThrow(/random\.normal: expected a PRNG key .* got float32\[2\]/);
  });
});
