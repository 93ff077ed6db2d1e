// Arrays stored in the wasm kernels' memory (codegen/wasm/memory.ts): large arrays are resident, wasm
// kernels read them in place through any view (offset, reversed rows, broadcast rows) and write resident
// outputs in place, and every result is bit-identical to the same call on JS-heap copies (staged), on 1
// and 2 threads, eager and jit; the chain also matches a float64 reference. Resident arrays survive
// memory.grow; over the resident limit new arrays go to the JS heap and stay correct; without
// SharedArrayBuffer nothing is resident and the same calls give the same bits.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getThreads, jit, type NDArray, nn, numpy as np, setBackend, setThreads } from "@numjit/runtime";
import {
  isResident,
  memoryLimits,
  memoryStats,
  poolStats,
  poolTesting,
  splitMin,
  threadsReady,
  wasmMemoryBytes,
  wasmStats,
} from "@numjit/runtime/internal";
import { expectClose } from "./helpers.js";

const saved = { threads: getThreads(), split: { ...splitMin }, limits: { ...memoryLimits } };
beforeAll(async () => {
  setThreads(2);
  await threadsReady();
});
afterAll(() => {
  setThreads(saved.threads);
  Object.assign(splitMin, saved.split);
  Object.assign(memoryLimits, saved.limits);
  setBackend("auto");
});

const seq = (shape: number[], s = 1) =>
  np.reshape(np.sin(np.multiply(np.arange(shape.reduce((a, b) => a * b, 1)), 0.37 * s)), shape).astype("float32");

/** The same values on the JS heap (staged by every wasm kernel call). */
function onHeap(a: NDArray): NDArray {
  const min = memoryLimits.minBytes;
  memoryLimits.minBytes = Infinity;
  try {
    return np.array(a.toTypedArray()).reshape(a.shape as number[]);
  } finally {
    memoryLimits.minBytes = min;
  }
}

const bits = (a: NDArray) => Array.from(new Uint32Array(new Float32Array(a.toTypedArray() as Float32Array).buffer));

// 96 x 130 (12,480 elements): large enough to be resident and to run on wasm; rows not a multiple of 4
const X = seq([96, 130]);
const Y = seq([96, 130], 2);
const views: [string, (x: NDArray) => NDArray][] = [
  ["whole", (x) => x],
  ["offset rows and columns (odd width)", (x) => x.slice("3:90", "5:")],
  ["offset, multiple-of-4 width", (x) => x.slice("1:", "2:")],
  ["transposed", (x) => x.T],
  ["reversed rows (negative row stride)", (x) => np.flip(x, 0)],
  ["reversed columns", (x) => np.flip(x, 1)],
];
const chain = (x: NDArray, y: NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1);
const fns: [string, (x: NDArray, y: NDArray) => NDArray][] = [
  ["chain tanh(x*1.5+0.3)*y+1", chain],
  // a row of y broadcast over x's rows (read in place with row stride 0), and a column of y (splatted)
  [
    "x * broadcast row of y + broadcast column of y",
    (x, y) => np.add(np.multiply(x, np.broadcastTo(y.slice("0:1"), x.shape)), y.slice(":", "0:1")),
  ],
  ["row sums", (x) => np.sum(x, -1)],
  ["softmax by rows", (x) => nn.softmax(x, -1)],
  ["matmul x @ y.T", (x, y) => np.matmul(x, y.T)],
  ["matmul x.T @ y", (x, y) => np.matmul(x.T, y)],
];

describe("resident arrays", () => {
  it("large arrays and kernel outputs live in the kernels' memory; small ones on the JS heap", () => {
    expect(isResident(X.data)).toBe(true);
    expect(isResident(np.flip(X, 0).data)).toBe(true); // a view shares its base's block
    expect(isResident(seq([100]).data)).toBe(false);
    expect(isResident(onHeap(X).data)).toBe(false);
    const out = jit(chain)(X, Y);
    expect(isResident(out.data)).toBe(true);
  });

  for (const [vname, view] of views)
    for (const [fname, f] of fns)
      it(`${fname} on ${vname}: resident = JS heap, eager and jit, 1 and 2 threads`, () => {
        const g = jit(f);
        const run = (x: NDArray, y: NDArray) => [f(view(x), view(y)), g(view(x), view(y))];
        const results: NDArray[][] = [];
        Object.assign(splitMin, { elems: 0, macs: 0 }); // every wasm call splits on 2 threads
        try {
          for (const threads of [1, 2]) {
            setThreads(threads);
            poolTesting.workerFirst = threads > 1;
            const inPlace = wasmStats.inPlace;
            results.push(run(X, Y));
            // in place: every unit-stride view (a GEMM: A with dense rows, or W with unit-stride rows)
            const dense = vname === "whole" || (fname.includes("x.T") && vname !== "reversed columns");
            if (fname.startsWith("matmul") ? dense : !["transposed", "reversed columns"].includes(vname))
              expect(wasmStats.inPlace).toBeGreaterThan(inPlace);
            results.push(run(onHeap(X), onHeap(Y)));
          }
        } finally {
          poolTesting.workerFirst = false;
          Object.assign(splitMin, saved.split);
        }
        // eager and jit each give the same bits whatever the storage and threads; jit is close to eager
        const [eager, jitted] = results[0]!;
        for (const [e, j] of results) {
          expect(bits(e!)).toEqual(bits(eager!));
          expect(bits(j!)).toEqual(bits(jitted!));
        }
        expectClose(jitted!, eager!, 2e-5, 2e-5);
        if (fname.startsWith("chain")) {
          const xs = view(X).toTypedArray(),
            ys = view(Y).toTypedArray();
          const ref = np.array(Float64Array.from(xs, (x, i) => Math.tanh(x * 1.5 + 0.3) * ys[i]! + 1));
          expectClose(results[0]![1]!.reshape([-1]), ref.astype("float32"), 2e-5, 1e-6);
        }
      }, 60_000);

  it("a worker took part with resident operands", () => {
    setThreads(2);
    Object.assign(splitMin, { elems: 0, macs: 0 });
    poolTesting.workerFirst = true;
    const before = poolStats.workerChunks;
    try {
      jit(chain)(X, Y);
    } finally {
      poolTesting.workerFirst = false;
      Object.assign(splitMin, saved.split);
    }
    expect(poolStats.workerChunks).toBeGreaterThan(before);
  });

  it("survive memory.grow: views stay valid and kernels read them", () => {
    const a = seq([5000]);
    const before = Array.from(a.toTypedArray());
    const bytes = wasmMemoryBytes();
    const huge = np.zeros([bytes / 2]); // twice the memory's size in bytes: it must grow
    expect(isResident(huge.data)).toBe(true);
    expect(wasmMemoryBytes()).toBeGreaterThan(bytes);
    expect(Array.from(a.toTypedArray())).toEqual(before);
    const got = jit((x: NDArray) => np.multiply(x, 2))(a);
    expect(Array.from(got.toTypedArray())).toEqual(before.map((v) => Math.fround(v * 2)));
    expect(huge.toTypedArray().every((v) => v === 0)).toBe(true);
  });

  it("past the resident limit new arrays go to the JS heap, and kernels still give the same bits", () => {
    const want = bits(jit(chain)(X, Y));
    memoryLimits.resident = 0;
    const fallbacks = memoryStats.fallbacks;
    try {
      const n = 3_000_017; // a size class nothing freed yet
      expect(isResident(np.zeros([n]).data)).toBe(false);
      expect(memoryStats.fallbacks).toBeGreaterThan(fallbacks);
      const x = np.add(np.zeros([n]), 1);
      expect(isResident(x.data)).toBe(false);
      expect(np.sum(x).item()).toBe(n);
      // a jit output on the JS heap is not cleared first (the kernel writes all of it): every element set
      const t = jit((v: NDArray) => np.tanh(np.multiply(v, 0.5)))(x);
      expect(isResident(t.data)).toBe(false);
      const half = np.tanh(np.array([0.5], { dtype: "float32" })).toTypedArray()[0]!;
      expect(t.toTypedArray().every((v) => Math.abs(v - half) <= 1e-6)).toBe(true);
    } finally {
      memoryLimits.resident = saved.limits.resident;
    }
    expect(bits(jit(chain)(X, Y))).toEqual(want);
  });

  it("backend js: resident arrays run on the JS kernels with the same values", () => {
    const want = jit(chain)(X, Y);
    setBackend("js");
    try {
      expectClose(jit(chain)(X, Y), want, 2e-5, 1e-6);
    } finally {
      setBackend("auto");
    }
  });

  it("without SharedArrayBuffer arrays stay on the JS heap and kernels give the same bits", () => {
    const dist = (f: string) => JSON.stringify(fileURLToPath(new URL(`../../packages/runtime/dist/${f}`, import.meta.url)));
    const script = `
      delete globalThis.SharedArrayBuffer;
      const { jit, numpy: np } = await import(${dist("index.js")});
      const { isResident, wasmStats } = await import(${dist("internal.js")});
      const seq = (shape, s) => np.reshape(np.sin(np.multiply(np.arange(shape[0] * shape[1]), 0.37 * s)), shape).astype("float32");
      const [x, y] = [seq([96, 130], 1), seq([96, 130], 2)];
      const out = jit((x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1))(x, y);
      const bits = Array.from(new Uint32Array(new Float32Array(out.toTypedArray()).buffer));
      console.log(JSON.stringify({ resident: isResident(x.data) || isResident(out.data), calls: wasmStats.calls, bits }));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    const got = JSON.parse(r.stdout.trim()) as { resident: boolean; calls: number; bits: number[] };
    expect(got.resident).toBe(false);
    expect(got.calls).toBe(1); // the wasm kernel ran, on staged operands
    expect(got.bits).toEqual(bits(jit(chain)(X, Y)));
  }, 60_000);
});
