// `node --expose-gc bench/memory.mjs`: what storing arrays in the wasm kernels' memory gives (runtime
// README, "Memory"). W2 (tanh chain over 1e6 float32), W3 (softmax [1024, 1024]) and W5 (an MLP
// 784-256-10 SGD step, batch 128) under jit on every core, each timed with inputs and outputs resident
// (read and written in place) and with every array on the JS heap (memoryLimits.minBytes = Infinity:
// staged in and copied out, the code path before resident storage), in interleaved rounds in one process
// so load from other processes hits both alike; medians and resident / JS-heap ratios.
import { loadavg } from "node:os";
import { getThreads, jit, nn, numpy as np, valueAndGrad } from "@numjit/runtime";
import { memoryLimits, threadsReady } from "@numjit/runtime/internal";

await threadsReady();
const minBytes = memoryLimits.minBytes;
/** Deterministic values in [-1, 1). */
function values(n, seed) {
  const a = new Float32Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    a[i] = (x / 2147483648) * 2 - 1;
  }
  return a;
}
const N = 1_000_000;
const [D, H, K, B] = [784, 256, 10, 128];
const X = values(N, 21),
  Y = values(N, 22),
  S = values(1024 * 1024, 3),
  W1 = values(D * H, 4).map((v) => v * 0.05),
  W2 = values(H * K, 5).map((v) => v * 0.06),
  XB = values(B * D, 6);
const YB = new Float32Array(B * K);
for (let i = 0; i < B; i++) YB[i * K + (i % K)] = 1;

const chain = jit((x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
const softmax = jit((x) => nn.softmax(x, -1));
const predict = (p, x) => np.add(np.matmul(nn.relu(np.add(np.matmul(x, p.W1), p.b1)), p.W2), p.b2);
const vg = valueAndGrad((p, x, y) => np.mean(np.negative(np.sum(np.multiply(y, nn.logSoftmax(predict(p, x), -1)), -1))));
const step = jit((p, x, y) => {
  const [loss, g] = vg(p, x, y);
  const params = {};
  for (const k of Object.keys(p)) params[k] = np.subtract(p[k], np.multiply(0.1, g[k]));
  return { loss, params };
});
const cases = [
  { name: "W2 chain 1e6", unit: "ns/elem", scale: 1e6 / N, f: chain, inputs: () => [np.array(X), np.array(Y)] },
  { name: "W3 softmax [1024, 1024]", unit: "ms", scale: 1, f: softmax, inputs: () => [np.reshape(np.array(S), [1024, 1024])] },
  {
    name: "W5 MLP step",
    unit: "ms",
    scale: 1,
    f: step,
    inputs: () => [
      { W1: np.reshape(np.array(W1), [D, H]), b1: np.zeros([H]), W2: np.reshape(np.array(W2), [H, K]), b2: np.zeros([K]) },
      np.reshape(np.array(XB), [B, D]),
      np.reshape(np.array(YB), [B, K]),
    ],
  },
];

const times = new Map(cases.map((c) => [c, { resident: [], heap: [] }]));
for (let round = 0; round < 6; round++)
  for (const c of cases)
    for (const mode of round % 2 ? ["resident", "heap"] : ["heap", "resident"]) {
      memoryLimits.minBytes = mode === "heap" ? Infinity : minBytes;
      const args = c.inputs();
      c.f(...args);
      globalThis.gc?.();
      await new Promise((r) => setTimeout(r, 5)); // finalizers return the previous round's blocks
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        c.f(...args);
        times.get(c)[mode].push((performance.now() - t) * c.scale);
      }
    }
memoryLimits.minBytes = minBytes;
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
console.log(
  `threads ${getThreads()}, load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(" ")}`,
);
for (const c of cases) {
  const { resident, heap } = times.get(c);
  const [r, h] = [median(resident), median(heap)];
  console.log(`${c.name}: JS heap ${h.toFixed(3)} ${c.unit}, resident ${r.toFixed(3)} ${c.unit}, ratio ${(r / h).toFixed(2)}`);
}
