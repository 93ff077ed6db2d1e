// The worker pool under the wasm kernels: large jit kernels (elementwise over one row and over rows,
// row reductions, softmax, log_softmax, logsumexp) and float32 GEMMs give bit-identical results on 1 and 2 threads,
// over offset / transposed / reversed / broadcast views, and agree with the JS kernels; the chunks
// really ran on workers; setThreads / NUMJIT_THREADS are validated. Faults: a trapping kernel is a
// ThreadError naming the op and the pool stays usable; a terminated worker is replaced; a script
// using threads exits by itself. Every test has a timeout, so a deadlock fails instead of hanging.
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ArgumentError,
  getThreads,
  grad,
  jit,
  lax,
  type NDArray,
  nn,
  numpy as np,
  setBackend,
  setThreads,
  ThreadError,
} from "@numjit/runtime";
import {
  Code,
  encodeModule,
  poolStats,
  poolTesting,
  poolWorkers,
  runChunks,
  setWasmEnabled,
  splitMin,
  threadsReady,
} from "@numjit/runtime/internal";
import { expectClose } from "./helpers.js";

const initialThreads = getThreads();
afterAll(() => {
  setThreads(initialThreads);
  setBackend("auto");
  setWasmEnabled(true);
});

const seq = (shape: number[], s = 1) =>
  np.reshape(np.sin(np.multiply(np.arange(shape.reduce((a, b) => a * b, 1)), 0.37 * s)), shape).astype("float32");

const bits = (a: NDArray) => new Uint32Array(new Float32Array(a.toTypedArray() as Float32Array).buffer);

/** The first index where the float32 bit patterns differ (-1: none); cheaper than toEqual on 10^5 elements. */
function firstDiff(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Runs `f` on `threads` threads; on more than one, the caller lets a worker claim the first chunk. */
function onThreads(threads: number, f: () => NDArray): NDArray {
  setThreads(threads);
  const before = poolStats.workerChunks;
  poolTesting.workerFirst = threads > 1;
  try {
    const r = f();
    if (threads > 1) expect(poolStats.workerChunks).toBeGreaterThan(before);
    return r;
  } finally {
    poolTesting.workerFirst = false;
  }
}

// just above the split threshold, lengths that are not multiples of the 4-lane vectors
const N = splitMin.elems + 4003;
const big = seq([N]);
const rowsA = seq([257, 1027], 2);
const square = jit((a: NDArray) => np.add(np.multiply(a, a), np.exp(a)));
const shifted = jit((a: NDArray) => np.tanh(np.subtract(a, 0.5)));
const addRelu = jit((a: NDArray, b: NDArray) => np.maximum(np.add(a, b), 0));
const mul = jit((a: NDArray, b: NDArray) => np.multiply(a, b));
const rowSum = jit((a: NDArray) => np.sum(a, -1));
const rowMax = jit((a: NDArray) => np.max(a, -1));
const colSum = jit((a: NDArray) => np.sum(a, 0));
const colSumFlipped = jit((a: NDArray) => np.sum(np.flip(a, 0).slice(":", "1:"), 0));
const softmax = jit((a: NDArray) => nn.softmax(a, -1));
const logsumexp = jit((a: NDArray) => nn.logsumexp(a, -1));
const logSoftmax = jit((a: NDArray) => nn.logSoftmax(a, -1));
// convolutions on the indirect GEMM: forward, and both gradients (themselves convolutions: the input's
// with lhs dilation 2 from the stride, the kernel's with the batch as its channels)
const NHWC = { dimensionNumbers: ["NHWC", "HWIO", "NHWC"] as [string, string, string] };
const convX = seq([8, 32, 32, 16]),
  convW = seq([3, 3, 16, 16], 2);
const convLoss = (x: NDArray, w: NDArray) =>
  np.sum(np.multiply(lax.convGeneralDilated(x, w, [2, 2], "SAME", NHWC), seq([8, 16, 16, 16], 3)));
const cases: [string, () => NDArray][] = [
  ["conv 3x3 SAME NHWC [8, 32, 32, 16] -> 16", () => lax.convGeneralDilated(convX, convW, [1, 1], "SAME", NHWC)],
  [
    "conv NCHW view, 2 groups, rhs dilation",
    () =>
      lax.convGeneralDilated(convX.transpose([0, 3, 1, 2]), seq([48, 8, 3, 3]), [1, 1], "VALID", {
        featureGroupCount: 2,
        rhsDilation: [2, 1],
      }),
  ],
  ["conv stride 2: input gradient", () => grad(convLoss)(convX, convW)],
  ["conv stride 2: kernel gradient", () => grad(convLoss, { argnums: 1 })(convX, convW)],
  ["elementwise over one row", () => square(big)],
  ["elementwise, offset and reversed view", () => shifted(np.flip(big).slice(`3:${N - 1}`))],
  ["elementwise over rows with a broadcast row", () => addRelu(rowsA, seq([1027], 3))],
  ["elementwise over rows with a broadcast column", () => mul(rowsA, seq([257, 1], 4))],
  ["row sums", () => rowSum(rowsA)],
  ["row maxima of a row-reversed, offset view", () => rowMax(np.flip(rowsA, 0).slice("1:"))],
  ["column sums (a bias gradient), split by vectors", () => colSum(rowsA)],
  ["column sums of a row-reversed, column-offset view", () => colSumFlipped(rowsA)],
  ["softmax by rows", () => softmax(rowsA)],
  ["logsumexp by rows", () => logsumexp(rowsA)],
  ["log_softmax by rows", () => logSoftmax(rowsA)],
  ["matmul 256x512 @ 512x384", () => np.matmul(seq([256, 512]), seq([512, 384], 2))],
  // W's packing split by panels too (K * N past the elementwise threshold), 65 panels, the last partial
  ["matmul 96x600 @ 600x517: packing split", () => np.matmul(seq([96, 600]), seq([600, 517], 2))],
  ["matmul with transposed operands, odd sizes", () => np.matmul(seq([301, 257]).T, seq([129, 301], 2).T)],
];

describe("kernels split across the pool", () => {
  beforeAll(async () => {
    setThreads(2);
    await threadsReady();
  });
  for (const [name, f] of cases) {
    it(`${name}: bit-identical on 1 and 2 threads, close to the JS kernels`, () => {
      const one = onThreads(1, f);
      const two = onThreads(2, f);
      expect(two.shape).toEqual(one.shape);
      expect(firstDiff(bits(two), bits(one))).toBe(-1);
      setBackend("js");
      setWasmEnabled(false);
      const ref = f();
      setBackend("auto");
      setWasmEnabled(true);
      // float32 GEMM accumulation against the JS kernels' float64: ~sqrt(K) * 6e-8 per unit, with margin
      expectClose(two, ref, 2e-6 * Math.sqrt(512), 2e-6 * Math.sqrt(512));
    }, 60_000);
  }
});

describe("chunk boundaries, splitting forced on for every size", () => {
  const saved = { ...splitMin };
  beforeAll(() => {
    Object.assign(splitMin, { elems: 0, macs: 0 });
    setBackend("wasm");
  });
  afterAll(() => {
    Object.assign(splitMin, saved);
    setBackend("auto");
  });
  // fewer rows or vectors than threads, partial vectors, empty parts, broadcast rows and columns
  const shapes = [[1], [3], [5], [9], [17], [1, 7], [2, 3], [3, 5], [5, 1], [7, 9], [4, 12]];
  const f = jit((a: NDArray, b: NDArray, c: NDArray) => np.add(np.multiply(a, b), np.exp(c)));
  for (const shape of shapes)
    it(`elementwise, row and column sums, softmax and matmul on ${JSON.stringify(shape)}: bit-identical on 1 and 3 threads`, () => {
      const a = seq(shape),
        row = seq([shape[shape.length - 1]!], 2),
        col = shape.length === 2 ? seq([shape[0]!, 1], 3) : seq([1], 3);
      const run = () =>
        [f(a, row, col), rowSum(a), colSum(a), softmax(a), np.matmul(np.reshape(a, [-1, 1]), np.reshape(row, [1, -1]))] as NDArray[];
      setThreads(1);
      const one = run();
      setThreads(3);
      const three = run();
      setBackend("js");
      setWasmEnabled(false);
      const ref = run();
      setBackend("wasm");
      setWasmEnabled(true);
      for (let i = 0; i < one.length; i++) {
        expect(firstDiff(bits(three[i]!), bits(one[i]!))).toBe(-1);
        expectClose(three[i]!, ref[i]!, 1e-5, 1e-6);
      }
    }, 30_000);
});

describe("thread count", () => {
  it("defaults to the core count; setThreads validates", () => {
    expect(initialThreads).toBe(Number(process.env.NUMJIT_THREADS || availableParallelism()));
    for (const bad of [0, 1.5, -2, Number.NaN, 1000]) {
      const e = (() => {
        try {
          setThreads(bad);
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(ArgumentError);
      expect((e as ArgumentError).code).toBe("NJ301");
    }
    setThreads(3);
    expect(getThreads()).toBe(3);
  });

  it("is 1, said once, where the pool cannot run (no SharedArrayBuffer); kernels still run", () => {
    const dist = JSON.stringify(fileURLToPath(new URL("../../packages/runtime/dist/index.js", import.meta.url)));
    const script = `
      delete globalThis.SharedArrayBuffer;
      const { numpy: np, setThreads, getThreads } = await import(${dist});
      setThreads(4);
      setThreads(2);
      const a = np.reshape(np.arange(512 * 512), [512, 512]).astype("float32");
      console.log(getThreads(), np.matmul(a, np.eye(512)).toTypedArray()[1000]);
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(r.stdout.trim()).toBe("1 1000");
    const warnings = r.stderr.trim().split("\n");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("SharedArrayBuffer");
    expect(r.status).toBe(0);
  }, 60_000);
});

describe("faults", () => {
  beforeAll(async () => {
    setThreads(2);
    await threadsReady();
  });

  /**
   * A kernel `run(i, spin)`: counts down `spin` iterations (the worker, which claims the first
   * chunk, is busy while the caller runs the rest), then traps when i is odd and stores i at 4i otherwise.
   */
  function trapOnOdd(): WebAssembly.Module {
    const c = new Code(["i32", "i32"]);
    c.block().loop();
    c.get(1).i32op("eqz").brIf(1);
    c.get(1).i32(1).i32op("sub").set(1).br(0);
    c.end().end();
    c.get(0).i32(1).i32op("and").if().op(0x00).end(); // unreachable
    c.get(0).i32(2).i32op("shl").get(0).op(0x36, 2, 0); // i32.store align=4 offset=0
    return new WebAssembly.Module(encodeModule([{ name: "run", code: c }]));
  }

  it("a kernel that traps in a worker is a ThreadError naming the op; the pool stays usable", async () => {
    const { kernelMemory } = await import("@numjit/runtime/internal");
    const module = trapOnOdd();
    const inst = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } });
    const k = { module, fn: "run", run: inst.exports.run as (...a: number[]) => void, op: "test_trap" };
    const before = poolStats.workerChunks;
    let err: unknown;
    poolTesting.workerFirst = true;
    try {
      runChunks(k, [
        [0, 3e7],
        [1, 0],
        [2, 0],
        [3, 0],
      ]);
    } catch (e) {
      err = e;
    } finally {
      poolTesting.workerFirst = false;
    }
    expect(poolStats.workerChunks).toBeGreaterThan(before);
    expect(err).toBeInstanceOf(ThreadError);
    expect((err as ThreadError).code).toBe("NJ901");
    expect((err as ThreadError).data.op).toBe("test_trap");
    expect(String((err as ThreadError).data.detail)).toMatch(/unreachable/);
    // chunks that do not trap ran, and the next jobs run normally
    runChunks(k, [
      [2, 3e7],
      [4, 0],
      [6, 0],
    ]);
    const f = () => square(big);
    expect(firstDiff(bits(onThreads(2, f)), bits(onThreads(1, f)))).toBe(-1);
  }, 60_000);

  it("a worker that dies is replaced and its chunks run elsewhere", async () => {
    setThreads(2);
    await threadsReady();
    const f = () => np.matmul(seq([256, 512]), seq([512, 384], 2));
    const want = bits(onThreads(1, f));
    setThreads(2);
    const live = poolWorkers().length;
    const [w] = poolWorkers();
    expect(w).toBeDefined();
    w!.terminate(); // dies while the next job is posted to it
    expect(firstDiff(bits(f()), want)).toBe(-1);
    await new Promise((r) => setTimeout(r, 100)); // its exit event
    expect(poolWorkers()).not.toContain(w);
    expect(firstDiff(bits(onThreads(2, f)), want)).toBe(-1); // a new worker took part
    expect(poolWorkers()).toHaveLength(live);
  }, 60_000);

  it("a Node script using threads exits by itself", () => {
    const dist = JSON.stringify(fileURLToPath(new URL("../../packages/runtime/dist/index.js", import.meta.url)));
    const script = `
      const { numpy: np, setThreads, getThreads } = await import(${dist});
      setThreads(2);
      const a = np.reshape(np.sin(np.arange(512 * 512)), [512, 512]).astype("float32");
      let s = 0;
      for (let i = 0; i < 20; i++) s += np.sum(np.matmul(a, a)).item();
      console.log(getThreads(), Number.isFinite(s));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(r.signal).toBe(null); // not killed by the timeout
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("2 true");
    expect(r.status).toBe(0);
  }, 60_000);
});
