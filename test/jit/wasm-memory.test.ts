// No growth over 10,000 training steps: a child `node --expose-gc` trains an MLP (the MLP example's model
// and SGD step) and reports the JS heap and the wasm kernel memory after steps 1,000 and 10,000.
//   - 64-32-10, batch 32, every kernel with a wasm form on wasm (NUMJIT_BACKEND=wasm): arrays are too
//     small to be resident, so calls stage their operands; the memory stops at the largest call.
//   - 256-128-10, batch 64, default backend and threads: parameters, batch and large outputs are
//     resident (codegen/wasm/memory.ts). The example's loop never yields, so finalizers run only at the
//     two marks: arrays fill the resident limit (16 MiB here), then go to the JS heap, and the blocks
//     come back at the mark. The memory stays under the limit plus staging.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

interface Run {
  marks: Record<string, { heap: number; wasm: number }>;
  wasmCalls: number;
  inPlace: number;
  resident: number;
  fallbacks: number;
  loss: number;
}

/** Trains [inp, hid, 10] with batch b (`sizes`: inp, hid, b) for 10,000 steps in a child. */
function train(sizes: [number, number, number], env: Record<string, string>): Run {
  const dist = (f: string) => JSON.stringify(fileURLToPath(new URL(`../../packages/runtime/dist/${f}`, import.meta.url)));
  const dir = mkdtempSync(join(tmpdir(), "numjit-wasm-mem-"));
  const script = join(dir, "mlp.mjs");
  writeFileSync(
    script,
    `
      const { jit, nn, numpy: np, optim, valueAndGrad } = await import(${dist("index.js")});
      const { wasmMemoryBytes, wasmStats, memoryLimits, memoryStats } = await import(${dist("internal.js")});
      memoryLimits.resident = 16 * 2 ** 20;
      const [IN, HID, B] = ${JSON.stringify(sizes)}, OUT = 10;
      const r = (shape, s) => np.multiply(np.sin(np.multiply(np.arange(shape.reduce((a, b) => a * b, 1)), s)), 0.1).reshape(shape);
      let p = { w1: r([IN, HID], 0.37), b1: np.zeros([HID]), w2: r([HID, OUT], 0.71), b2: np.zeros([OUT]) };
      const x = r([B, IN], 1.3), y = np.array(Array.from({ length: B }, (_, i) => i % OUT), { dtype: "int32" });
      const predict = (p, x) => np.add(np.matmul(nn.relu(np.add(np.matmul(x, p.w1), p.b1)), p.w2), p.b2);
      const loss = (p, x, y) => np.negative(np.mean(np.sum(np.multiply(nn.oneHot(y, OUT), nn.logSoftmax(predict(p, x))), -1)));
      const opt = optim.sgd(0.05);
      let s = opt.init(p);
      const step = jit((p, s, x, y) => {
        const [l, g] = valueAndGrad(loss)(p, x, y);
        const [p2, s2] = opt.update(g, s, p);
        return [p2, s2, l];
      });
      const settle = async () => { for (let i = 0; i < 4; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 0)); } };
      const marks = {};
      let l;
      for (let i = 1; i <= 10000; i++) {
        [p, s, l] = step(p, s, x, y);
        if (i === 1000 || i === 10000) {
          await settle();
          marks[i] = { heap: process.memoryUsage().heapUsed, wasm: wasmMemoryBytes() };
        }
      }
      const { calls: wasmCalls, inPlace } = wasmStats, { resident, fallbacks } = memoryStats;
      console.log(JSON.stringify({ marks, wasmCalls, inPlace, resident, fallbacks, loss: l.item() }));
    `,
  );
  const r = spawnSync(process.execPath, ["--expose-gc", script], { encoding: "utf8", env: { ...process.env, ...env } });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout.trim()) as Run;
}

/** Trained (the loss starts at ln 10 = 2.30); heap and wasm memory flat between steps 1,000 and 10,000. */
function expectFlat(out: Run, maxWasm: number): void {
  expect(out.loss).toBeLessThan(2);
  const [a, b] = [out.marks["1000"]!, out.marks["10000"]!];
  expect(b.heap - a.heap).toBeLessThan(4 * 2 ** 20);
  expect(b.wasm).toBeLessThanOrEqual(maxWasm);
  expect(b.wasm - a.wasm).toBeLessThanOrEqual(maxWasm / 4);
}

describe("memory over 10,000 MLP steps", () => {
  it("staged (small arrays, wasm backend): the heap and the wasm memory stay flat", () => {
    const out = train([64, 32, 32], { NUMJIT_BACKEND: "wasm" });
    expect(out.wasmCalls).toBeGreaterThan(10000); // the kernels really ran on wasm
    expectFlat(out, 8 * 2 ** 20);
    expect(out.marks["10000"]!.wasm).toBe(out.marks["1000"]!.wasm);
  }, 600_000);

  it("resident arrays, a loop that never yields: bounded by the resident limit", () => {
    const out = train([256, 128, 64], {});
    // arrays really lived in the kernels' memory, past the limit's worth (blocks came back at the first
    // mark), and kernels read them in place; between marks the limit sent new arrays to the JS heap
    expect(out.resident).toBeGreaterThan(100);
    expect(out.inPlace).toBeGreaterThan(10000);
    expect(out.fallbacks).toBeGreaterThan(0);
    expectFlat(out, 32 * 2 ** 20); // the 16 MiB limit, staging and the first pages
  }, 600_000);
});
