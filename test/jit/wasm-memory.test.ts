// No growth over 10,000 training steps: a child `node --expose-gc` trains a small MLP (the MLP example's
// model and SGD step, 64-32-10, batch 32) with every kernel that has a wasm form on wasm
// (NUMJIT_BACKEND=wasm), and reports the JS heap and the wasm kernel memory after steps 1,000 and 10,000.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("memory over 10,000 MLP steps on the wasm backend", () => {
  it("the heap and the wasm memory stay flat", () => {
    const dist = (f: string) => JSON.stringify(fileURLToPath(new URL(`../../packages/runtime/dist/${f}`, import.meta.url)));
    const dir = mkdtempSync(join(tmpdir(), "numjit-wasm-mem-"));
    const script = join(dir, "mlp.mjs");
    writeFileSync(
      script,
      `
      const { jit, nn, numpy: np, optim, valueAndGrad } = await import(${dist("index.js")});
      const { wasmMemoryBytes, wasmStats } = await import(${dist("internal.js")});
      const [IN, HID, OUT, B] = [64, 32, 10, 32];
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
      console.log(JSON.stringify({ marks, wasmCalls: wasmStats.calls, loss: l.item() }));
    `,
    );
    const r = spawnSync(process.execPath, ["--expose-gc", script], { encoding: "utf8", env: { ...process.env, NUMJIT_BACKEND: "wasm" } });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout.trim()) as { marks: Record<string, { heap: number; wasm: number }>; wasmCalls: number; loss: number };
    expect(out.wasmCalls).toBeGreaterThan(10000); // the kernels really ran on wasm
    expect(out.loss).toBeLessThan(2); // and trained (the loss starts at ln 10 = 2.30)
    const [a, b] = [out.marks["1000"]!, out.marks["10000"]!];
    expect(b.wasm).toBe(a.wasm);
    expect(b.heap - a.heap).toBeLessThan(4 * 2 ** 20);
  }, 600_000);
});
