// The pool's shared-memory protocol (threads/pool.ts, threads/worker.ts): a job's arguments travel in
// shared memory, and what a worker lacks (a kernel's module, a larger argument buffer) reaches it by
// message before the wake-up that needs it. Every test lets a worker claim the first chunk
// (poolTesting.workerFirst), so "a worker ran it" does not depend on scheduling; each has a timeout,
// so a deadlock fails instead of hanging.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getThreads, setThreads } from "@numjit/runtime";
import { Code, encodeModule, kernelMemory, poolStats, poolTesting, runChunks, staging, threadsReady } from "@numjit/runtime/internal";

const initialThreads = getThreads();
beforeAll(async () => {
  setThreads(2);
  await threadsReady();
});
afterAll(() => setThreads(initialThreads));

/**
 * A kernel run(out, i, v0 … v{n-3}) storing v0 + v_last + i at out + 4i (i32), so every chunk's first,
 * last and index arguments are checked; a fresh module each call (a kernel no worker has seen).
 */
function kernel(params: number) {
  const c = new Code(Array(params).fill("i32"));
  c.get(0).get(1).i32(2).i32op("shl").i32op("add");
  c.get(2)
    .get(params - 1)
    .i32op("add")
    .get(1)
    .i32op("add");
  c.op(0x36, 2, 0); // i32.store align=4 offset=0
  const module = new WebAssembly.Module(encodeModule([{ name: "run", code: c }]));
  const run = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } }).exports.run as (...a: number[]) => void;
  return { module, fn: "run", run, op: "test_store" };
}

/** Runs `chunks` chunks of a `params`-argument kernel with a worker claiming first; checks every store. */
function runAndCheck(params: number, chunks: number): void {
  const k = kernel(params);
  const out = staging(4 * chunks);
  const list = Array.from({ length: chunks }, (_, i) => [out, i, 3 * i, ...Array(params - 4).fill(7), 100_000 + i]);
  const before = poolStats.workerChunks;
  poolTesting.workerFirst = true;
  try {
    runChunks(k, list);
  } finally {
    poolTesting.workerFirst = false;
  }
  expect(poolStats.workerChunks).toBeGreaterThan(before);
  const got = new Int32Array(kernelMemory(0).buffer, out, chunks);
  expect(Array.from(got)).toEqual(Array.from({ length: chunks }, (_, i) => 3 * i + 100_000 + i + i));
}

describe("jobs described in shared memory", () => {
  it("a new kernel reaches a sleeping worker before its wake-up; arguments arrive exactly", () => {
    runAndCheck(4, 2);
    runAndCheck(6, 9);
  }, 60_000);

  it("a job with more arguments than the buffer holds grows it, and workers switch to the new one", () => {
    runAndCheck(24, 300); // 7,200 arguments: past any earlier job's
    runAndCheck(5, 3); // and back to small jobs on the grown buffer
  }, 60_000);

  it("negative and large i32 arguments keep their value through the Float64 buffer", () => {
    const k = kernel(4);
    const out = staging(16);
    poolTesting.workerFirst = true;
    try {
      runChunks(k, [
        [out, 0, -5, 2 ** 31 - 1],
        [out, 1, -(2 ** 31), 3],
      ]);
    } finally {
      poolTesting.workerFirst = false;
    }
    expect(Array.from(new Int32Array(kernelMemory(0).buffer, out, 2))).toEqual([2 ** 31 - 6, -(2 ** 31) + 4]);
  }, 60_000);
});
