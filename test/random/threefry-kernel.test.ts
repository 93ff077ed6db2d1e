// The threefry2x32 primitive (eager/threefry-kernel.ts): its WebAssembly SIMD kernel (codegen/wasm/threefry.ts)
// and its JS loop draw the same words (odd sizes: the SIMD tail), JAX 0.10.2's for a committed reference
// either way; jit ≡ eager; vmap over a batch of keys (per-element key words: the JS loop) ≡ a JS loop over the
// keys; the traced program holds one threefry2x32 equation with 0-d key and counter words (no broadcast).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type NDArray, jit, makeJaxpr, random, vmap } from "@numjit/runtime";
import { setWasmEnabled } from "@numjit/runtime/internal";

const words = (x: NDArray) => Array.from(x.toTypedArray() as Uint32Array);
const both = <T>(f: () => T): [T, T] => {
  const simd = f();
  setWasmEnabled(false);
  try {
    return [simd, f()];
  } finally {
    setWasmEnabled(true);
  }
};

afterEach(() => setWasmEnabled(true));

describe("threefry2x32 kernels", () => {
  it("SIMD and JS draw the same bits, eager and under jit, for sizes around the SIMD threshold and odd tails", () => {
    const bitsJ = jit((k: NDArray, n: number) => random.bits(k, [n]), { staticArgnums: [1] });
    for (const n of [255, 256, 257, 1001, 100_003])
      for (const seed of [0, 42]) {
        const k = random.key(seed);
        const [simd, js] = both(() => words(random.bits(k, [n])));
        expect(simd, `n=${n} seed=${seed}`).toEqual(js);
        expect(words(bitsJ(k, n))).toEqual(js);
        const [s0, j0] = both(() => random.split(k, n).toTypedArray());
        expect(Array.from(s0)).toEqual(Array.from(j0));
      }
  });

  it("both equal JAX 0.10.2 on its 1000-element streams", () => {
    const refs = JSON.parse(readFileSync(join(__dirname, "refs", "bits.json"), "utf8")) as {
      cases: { seed: number; expected: { shape: number[]; data: (number | string)[] } }[];
    };
    const big = refs.cases.filter((c) => c.expected.shape[0] === 1000 && c.expected.shape.length === 1);
    expect(big.length).toBeGreaterThanOrEqual(3);
    for (const c of big) {
      const [simd, js] = both(() => words(random.bits(random.key(c.seed), [1000])));
      expect(simd).toEqual(c.expected.data.map(Number));
      expect(js).toEqual(c.expected.data.map(Number));
    }
  });

  it("vmap over a batch of keys equals a JS loop over the keys (bits, uniform, split)", () => {
    const keys = random.split(random.key(7), 5);
    const perKey = (f: (k: NDArray) => NDArray) => [...keys].flatMap((k) => Array.from(f(k as NDArray).toTypedArray()));
    for (const f of [
      (k: NDArray) => random.bits(k, [300]),
      (k: NDArray) => random.uniform(k, [2, 3]),
      (k: NDArray) => random.split(k, 3),
      (k: NDArray) => random.bits(random.foldIn(k, 3), []),
    ]) {
      expect(Array.from(vmap(f)(keys).toTypedArray())).toEqual(perKey(f));
      expect(Array.from(jit(vmap(f))(keys).toTypedArray())).toEqual(perKey(f));
    }
  });

  it("one equation per draw, the key and high counter words 0-d", () => {
    const text = makeJaxpr((k: NDArray) => random.uniform(k, [1000]))(random.key(0)).toString();
    const eq = text.split("\n").filter((l) => l.includes("threefry2x32"));
    expect(eq).toHaveLength(1);
    // key words c, e: 0-d slices of the key; the high counter a 0-d literal; the low one the iota
    expect(eq[0]).toMatch(/^\s+(\w+):u32\[1000\] = threefry2x32\[part=xor\] (\w+) (\w+) 0:u32 (\w+)$/);
    const [, k0, k1, lo] = eq[0]!.match(/= threefry2x32\[part=xor\] (\w+) (\w+) 0:u32 (\w+)$/)!;
    expect(text).toMatch(new RegExp(`${k0}:u32\\[\\] = reshape`));
    expect(text).toMatch(new RegExp(`${k1}:u32\\[\\] = reshape`));
    expect(text).toMatch(new RegExp(`${lo}:u32\\[1000\\] = iota`));
  });
});
