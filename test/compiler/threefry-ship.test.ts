// A precompiled function that draws random numbers ships the threefry2x32 wasm function (codegen/wasm/
// threefry.ts) in its module's shipped wasm, like its kernels: at run time the module is only instantiated
// (wasmStats.shipped), nothing is generated (wasmStats.compiles unchanged, which counts the threefry module
// the runtime would otherwise encode), the hashes run on wasm (wasmStats.threefry), and the draws equal
// JAX 0.10.2's committed references (bits and uniform bit for bit, normal to float32 rounding). A module
// without random draws ships no threefry.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type NDArray, random } from "@numjit/runtime";
import { wasmAvailable, wasmStats } from "@numjit/runtime/internal";
import { buildModule, importFresh } from "./helpers.js";

const SOURCE = `import { numpy as np, jit, random } from "@numjit/runtime";
/** @numjit k: u32[2] */
export const bits = jit((k: np.NDArray) => random.bits(k, [1000]));
/** @numjit k: u32[2] */
export const uniform = jit((k: np.NDArray) => random.uniform(k, [257], { dtype: "float32" }));
/** @numjit k: u32[2] */
export const normal = jit((k: np.NDArray) => random.normal(k, [257], { dtype: "float32" }));
`;
const NO_RANDOM = `import { numpy as np, jit } from "@numjit/runtime";
/** @numjit x: f32[N] */
export const f = jit((x: np.NDArray) => np.exp(np.multiply(x, 2)));
`;

type Ref = { name: string; seed: number; expected: { dtype: string; shape: number[]; data: (number | string)[] } };
const REFS = path.join(path.dirname(fileURLToPath(import.meta.url)), "../random/refs");
const refs = (area: string, name: RegExp): Ref[] => {
  const all = (JSON.parse(fs.readFileSync(path.join(REFS, `${area}.json`), "utf8")) as { cases: Ref[] }).cases;
  return all.filter((c) => name.test(c.name));
};
type Jitted = ((k: NDArray) => NDArray) & { cacheInfo(): { traces: number; runtimeCompiles: number; precompiledCalls: number } };

let emitted: string;
let file: string;
beforeAll(() => {
  const built = buildModule("threefry-ship", SOURCE);
  emitted = built.result.code;
  file = built.file;
});

describe("the threefry2x32 wasm function ships with a build that draws random numbers", () => {
  it("the module's shipped wasm exports it; a module without random draws ships none", () => {
    expect(emitted.match(/const __nj_w = \{ bytes: "[A-Za-z0-9+/=]+", kernels: \{.*\}, threefry: "threefry" \};/g)).toHaveLength(1);
    for (const f of ["bits", "uniform", "normal"])
      expect(emitted).toMatch(new RegExp(`name: "${f}", kernels: __nj_t\\d+, plans: __nj_t\\d+p, wasm: __nj_w`));
    expect(buildModule("threefry-ship-none", NO_RANDOM).result.code).not.toContain("threefry");
  });

  it("precompiled draws equal JAX's, on the shipped module: nothing generated at run time", async () => {
    expect(wasmAvailable()).toBe(true);
    // this file's first wasm use: before the fix the runtime encoded the threefry module here (compiles + 1)
    const before = { ...wasmStats };
    const m = await importFresh<Record<"bits" | "uniform" | "normal", Jitted>>(file);
    const cases: [Jitted, Ref][] = [
      ...refs("bits", /^bits \[1000\] seed=/).map((c): [Jitted, Ref] => [m.bits, c]),
      ...refs("uniform", /^uniform \[257\] float32 seed=/).map((c): [Jitted, Ref] => [m.uniform, c]),
      ...refs("normal", /^normal \[257\] float32 seed=/).map((c): [Jitted, Ref] => [m.normal, c]),
    ];
    expect(cases.length).toBeGreaterThanOrEqual(9);
    for (const [f, c] of cases) {
      const got = f(random.key(c.seed));
      expect(got.dtype, c.name).toBe(c.expected.dtype);
      expect(got.shape, c.name).toEqual(c.expected.shape);
      const want = c.expected.data.map(Number);
      if (f !== m.normal) expect(Array.from(got.toTypedArray() as ArrayLike<number>), c.name).toEqual(want);
      // normal's erfinv is a fused float32 chain computed in double, rounded once (FEATURES.md): ulps from XLA's
      else
        (got.toTypedArray() as Float32Array).forEach((v, i) =>
          expect(Math.abs(v - want[i]!), `${c.name}[${i}]`).toBeLessThan(2e-6 * Math.max(1, Math.abs(want[i]!))),
        );
    }
    expect(wasmStats.compiles - before.compiles).toBe(0);
    expect(wasmStats.shipped - before.shipped).toBe(1);
    // every draw hashes at least 257 counters under a scalar key: the wasm path (one or two hashes per draw)
    expect(wasmStats.threefry - before.threefry).toBeGreaterThanOrEqual(cases.length);
    for (const f of [m.bits, m.uniform, m.normal]) expect(f.cacheInfo()).toMatchObject({ traces: 0, runtimeCompiles: 0 });
    // eager draws now use the shipped function too
    const eager = random.bits(random.key(0), [1000]);
    expect(Array.from(eager.toTypedArray() as Uint32Array)).toEqual(refs("bits", /^bits \[1000\] seed=0$/)[0]!.expected.data.map(Number));
    expect(wasmStats.compiles - before.compiles).toBe(0);
  });
});
