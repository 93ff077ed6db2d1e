// Precompiled functions ship their wasm kernels: the build writes one wasm module per source module
// (inline base64 here, as the CLI and the tsc transformer do) and the plans call it where the backend
// rules say so. Run on backend "wasm" the module gives eager's numbers with no trace and no wasm module
// generated at run time (wasmStats.compiles unchanged; the shipped module is instantiated once and
// shared by the module's functions); on "js" nothing runs on wasm; on "auto" small calls stay on JS.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getBackend, type NDArray, nn, numpy as np, setBackend } from "@numjit/runtime";
import { isResident, wasmStats } from "@numjit/runtime/internal";
import { expectClose } from "../jit/helpers.js";
import { buildModule, importFresh } from "./helpers.js";

const SOURCE = `import { numpy as np, jit, nn } from "@numjit/runtime";
/** @numjit x: f32[N], y: f32[N] */
export const chain = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
/** @numjit x: f32[B, M] */
export const softmax = jit((x: np.NDArray) => nn.softmax(x, -1));
/** @numjit x: f32[8, 16] */
export const small = jit((x: np.NDArray) => np.exp(np.multiply(x, 0.5)));
/** @numjit a: f32[N, K], b: f32[K, M] */
export const project = jit((a: np.NDArray, b: np.NDArray) => nn.relu(np.matmul(a, b)));
`;

type Jitted = ((...a: NDArray[]) => NDArray) & {
  cacheInfo(): { calls: number; traces: number; runtimeCompiles: number; precompiledCalls: number };
};
type Mod = Record<"chain" | "softmax" | "small" | "project", Jitted>;

const seq = (n: number, s = 1) => np.multiply(np.sin(np.multiply(np.arange(n), 0.37 * s)), 3).astype("float32");
const mat = (m: number, n: number, s = 1) => np.reshape(seq(m * n, s), [m, n]);
const chainEager = (x: NDArray, y: NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1);

const initial = getBackend();
afterEach(() => setBackend(initial));

let file: string;
let emitted: string;
beforeAll(() => {
  const built = buildModule("wasm-ship", SOURCE);
  file = built.file;
  emitted = built.result.code;
});

/** A fresh copy of the module (its functions bind kernels at their first call), counters around `body`. */
/** What importing a fresh instance of the module and running `body` did; `atImport`: instantiations by the import. */
async function under(backend: "wasm" | "js" | "auto", body: (m: Mod) => void) {
  setBackend(backend);
  const before = { ...wasmStats };
  const m = await importFresh<Mod>(file);
  const atImport = wasmStats.shipped - before.shipped;
  body(m);
  return {
    calls: wasmStats.calls - before.calls,
    compiles: wasmStats.compiles - before.compiles,
    shipped: wasmStats.shipped - before.shipped,
    atImport,
  };
}

describe("wasm kernels shipped by the build", () => {
  it("the emitted module carries one inline wasm module shared by its functions", () => {
    expect(emitted.match(/const __nj_w = \{ bytes: "[A-Za-z0-9+/=]+", kernels: /g)).toHaveLength(1);
    for (const f of ["chain", "softmax", "small"])
      expect(emitted).toMatch(new RegExp(`name: "${f}", kernels: __nj_t\\d, plans: __nj_t\\dp, wasm: __nj_w`));
    // the matmul's dot kernel has no wasm form: its call ships none
    expect(emitted).toMatch(/name: "project", kernels: __nj_t\d, plans: __nj_t\dp \}/);
    expect(emitted).not.toMatch(/\beval\s*\(|new Function|WebAssembly\.(?:Module|compile|instantiate)/);
  });

  it("backend wasm: eager's numbers, no trace, no wasm generated at run time, one instantiation", async () => {
    const x = seq(1003),
      y = seq(1003, 2),
      m = mat(7, 301),
      s = mat(8, 16);
    let got: NDArray[] = [];
    let mod!: Mod;
    const c = await under("wasm", (md) => {
      mod = md;
      got = [md.chain(x, y), md.softmax(m), md.small(s), md.chain(x.slice("2:"), y.slice(":-2"))];
    });
    expectClose(got[0]!, chainEager(x, y), 2e-6, 1e-6, "chain");
    expectClose(got[1]!, nn.softmax(m, -1), 2e-6, 1e-7, "softmax");
    expectClose(got[2]!, np.exp(np.multiply(s, 0.5)), 2e-6, 1e-7, "small");
    expectClose(got[3]!, chainEager(x.slice("2:"), y.slice(":-2")), 2e-6, 1e-6, "chain on offset views");
    // chain, softmax (one fused row kernel, shipped like the others), small, chain
    expect(c.calls, "kernel calls on wasm").toBe(4);
    expect(c.compiles, "wasm modules generated at run time").toBe(0);
    expect(c.shipped, "shipped module instantiated once for the module").toBe(1);
    expect(c.atImport, "instantiated when its functions were defined, not by a call").toBe(1);
    for (const f of ["chain", "softmax", "small"] as const) expect(mod[f].cacheInfo(), f).toMatchObject({ traces: 0, runtimeCompiles: 0 });
  });

  it("each shipped kernel runs once on zeros when the module is instantiated (tier-up), touching no array", async () => {
    const b64 = /const __nj_w = \{ bytes: "([A-Za-z0-9+/=]+)"/.exec(emitted)![1]!;
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(Buffer.from(b64, "base64"))).filter((e) => e.kind === "function");
    const kept = seq(8192),
      before = kept.toTypedArray();
    const warmed = wasmStats.warmed;
    const c = await under("wasm", () => {});
    expect(c.atImport).toBe(1);
    expect(exports.length, "chain, softmax rows, small").toBe(3);
    expect(wasmStats.warmed - warmed, "every kernel export warmed once").toBe(exports.length);
    expect(c.calls, "warm-ups are not kernel calls").toBe(0);
    expect(isResident(kept.data)).toBe(true);
    expect(kept.toTypedArray(), "a resident array is untouched").toEqual(before);
  });

  it("a call no plan serves goes to the runtime jit, which takes the shipped wasm kernel by signature", async () => {
    const x = mat(3, 2000),
      y = mat(3, 2000, 2);
    let got!: NDArray;
    let mod!: Mod;
    const c = await under("wasm", (m) => {
      mod = m;
      got = m.chain(x, y); // the plan is for f32[N]: rank 2 fails its guard
    });
    expectClose(got, chainEager(x, y), 2e-6, 1e-6, "chain, rank 2");
    expect(mod.chain.cacheInfo()).toMatchObject({ traces: 1, runtimeCompiles: 0, precompiledCalls: 0 });
    expect(c).toEqual({ calls: 1, compiles: 0, shipped: 1, atImport: 1 });
  });

  it("backend js: the same numbers, nothing on wasm", async () => {
    const x = seq(5000),
      y = seq(5000, 3);
    let got!: NDArray;
    const c = await under("js", (m) => (got = m.chain(x, y)));
    expectClose(got, chainEager(x, y), 2e-6, 1e-6, "chain on js");
    expect(c).toEqual({ calls: 0, compiles: 0, shipped: 0, atImport: 0 });
  });

  it("backend auto: calls under the size threshold stay on JS, large ones run the shipped kernel", async () => {
    const c1 = await under("auto", (m) => {
      m.chain(seq(100), seq(100, 2));
      m.small(mat(8, 16)); // a plan of 128 elements: its kernel is the JS one, bound at the first call
    });
    expect(c1.calls).toBe(0);
    const big = seq(8192);
    let got!: NDArray;
    const c2 = await under("auto", (m) => (got = m.chain(big, big)));
    expect(c2.calls).toBe(1);
    expect(c2.compiles).toBe(0);
    expectClose(got, chainEager(big, big), 2e-6, 1e-6, "auto, large");
  });

  it("outputs of at least 16 KiB live in the kernels' memory and are written in place; smaller ones stay on the heap", async () => {
    const big = seq(8192),
      tiny = seq(16);
    let out!: NDArray, small!: NDArray;
    const inPlace = wasmStats.inPlace;
    await under("auto", (m) => {
      out = m.chain(big, big);
      small = m.chain(tiny, tiny);
    });
    expect(isResident(out.data), "8192 float32 = 32 KiB: resident").toBe(true);
    expect(wasmStats.inPlace - inPlace, "the wasm kernel ran on its operands in place").toBe(1);
    expect(isResident(small.data), "16 float32: on the JS heap").toBe(false);
    expect(small.data).toBeInstanceOf(Float32Array);
    expectClose(out, chainEager(big, big), 2e-6, 1e-6, "resident output");
    expectClose(small, chainEager(tiny, tiny), 2e-6, 1e-6, "heap output");
  });
});
