// Issue 11, first calls: defining a precompiled function whose module ships wasm kernels starts the worker
// pool and hands the workers the module, so its first large call neither spawns workers nor sends them the
// module. Checked on the pool's state (poolWorkers, poolStats), never on time. Its own file: the pool of
// this test process must not have been started by another test before the import.
import { afterAll, describe, expect, it } from "vitest";
import { getThreads, type NDArray, numpy as np, setBackend, setThreads } from "@numjit/runtime";
import { poolStats, poolTesting, poolWorkers, splitMin } from "@numjit/runtime/internal";
import { expectClose } from "../jit/helpers.js";
import { buildModule, importFresh } from "./helpers.js";

const SOURCE = `import { numpy as np, jit } from "@numjit/runtime";
/** @numjit x: f32[N], y: f32[N] */
export const chain = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
`;

const initialThreads = getThreads();
afterAll(() => {
  setThreads(initialThreads);
  setBackend("auto");
  poolTesting.workerFirst = false;
});

describe("the worker pool starts when a precompiled module is defined", () => {
  it("workers are up and hold the module before the first large call, which they then share", async () => {
    setThreads(2);
    setBackend("auto");
    expect(poolWorkers(), "no worker before the import").toHaveLength(0);
    const m = await importFresh<{ chain: (x: NDArray, y: NDArray) => NDArray }>(buildModule("pool-warm", SOURCE).file);
    expect(poolWorkers(), "the import started the pool").toHaveLength(1);
    // the worker instantiates the module ahead of any job: a worker that went on waiting for jobs after
    // its first message read the module only when a job came (bounded wait: an ordering, not a timing)
    for (let t0 = Date.now(); poolStats.workerInstances === 0 && Date.now() - t0 < 20_000; ) await new Promise((r) => setTimeout(r, 5));
    expect(poolStats.workerInstances, "module instantiated by the worker before any job").toBeGreaterThan(0);
    expect(poolStats.jobs, "no job ran yet").toBe(0);
    // a call over the split threshold: its chunks go to the worker, whose run messages no longer carry the
    // module (it was handed over at definition): a worker that never loaded it would claim no chunk
    const n = splitMin.elems + 4096;
    const x = np.multiply(np.sin(np.arange(n)), 2).astype("float32");
    const y = np.cos(np.arange(n)).astype("float32");
    poolTesting.workerFirst = true;
    const before = poolStats.workerChunks;
    const got = m.chain(x, y);
    expect(poolStats.workerChunks - before, "chunks run by the worker").toBeGreaterThan(0);
    expectClose(got, np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1), 2e-6, 1e-6);
  }, 60_000);
});
