// Shared by the JAX reference tests (streams.test.ts, distributions.test.ts): loading test/random/refs/<area>.json
// (written by scripts/gen_jax_random_refs.py) and comparing a result with JAX's, floats within a tolerance in
// ulps or in eps relative to max(1, |JAX|), with counts of exact matches so that a drift shows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { NDArray } from "@numjit/runtime";

export interface Expected {
  dtype: string;
  shape: number[];
  data: (number | string)[];
}
export interface Case {
  name: string;
  seed: number;
  fn: string;
  expected: Expected;
  /** An O(n^2) traced sort: vmap (eager over a batch) is skipped. */
  heavy?: boolean;
}

const REFS = join(__dirname, "refs");

/** The cases of one area; a missing reference file fails here (regenerate with python3 scripts/gen_jax_random_refs.py). */
export function load(area: string): Case[] {
  return JSON.parse(readFileSync(join(REFS, `${area}.json`), "utf8")).cases as Case[];
}

const num = (v: number | string) => (typeof v === "number" ? v : Number(v));

const f32 = new Float32Array(1),
  i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1),
  i64 = new BigInt64Array(f64.buffer);
/** Distance in units in the last place (NaN == NaN is 0; a sign change counts through zero). */
export function ulps(a: number, b: number, dtype: string): number {
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

export interface Stats {
  values: number;
  exact: number;
  maxUlps: number;
}

export const EPS = { float32: 2 ** -23, float64: 2 ** -52 };
export type Tol = { ulps: number } | { eps: number };
export type Tols = Record<"float32" | "float64", Tol>;

/** got against JAX's values: dtype and shape exactly, integers and bools exactly, floats within `tols` (default exact). */
export function compare(got: NDArray, exp: Expected, stats: Stats, tols: Tols | undefined): void {
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
