// `node bench/threads.mjs`: the break-even of the worker pool on this machine. For growing sizes of
// an elementwise kernel (a*a + exp(a)), a row reduction (softmax over rows of 1024) and a float32
// GEMM, the median time on 1 thread and on every core with splitting forced on (splitMin = 0); the
// break-even is the smallest size where more threads win. The runtime's thresholds
// (codegen/wasm/split.ts: splitMin) are set from these numbers.
import { availableParallelism } from "node:os";
import { getThreads, jit, nn, numpy as np, setThreads } from "@numjit/runtime";
import { splitMin, threadsReady } from "@numjit/runtime/internal";

const seq = (n) => np.sin(np.multiply(np.arange(n), 0.37)).astype("float32");
const threads = getThreads();

function median(f, minMs = 200) {
  f();
  const times = [];
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || times.length < 5) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const elementwise = jit((a) => np.add(np.multiply(a, a), np.exp(a)));
const softmax = jit((a) => nn.softmax(a, -1));
const rows = [
  ...[12, 14, 16, 18, 20, 22].map((p) => {
    const a = seq(2 ** p);
    return [`elementwise 2^${p} elements`, () => elementwise(a)];
  }),
  ...[4, 16, 64, 256, 1024].map((r) => {
    const a = np.reshape(seq(r * 1024), [r, 1024]);
    return [`softmax [${r}, 1024]`, () => softmax(a)];
  }),
  ...[32, 64, 128, 256, 512, 1024].map((n) => {
    const a = np.reshape(seq(n * n), [n, n]);
    return [`matmul ${n}³ (2^${Math.log2(n ** 3)} MACs)`, () => np.matmul(a, a)];
  }),
];

splitMin.elems = 0;
splitMin.macs = 0;
await threadsReady();
console.log(`cores ${availableParallelism()}, pool ${threads} threads; splitting forced on\n`);
console.log("| kernel | 1 thread (ms) | %d threads (ms) | speed-up |", threads);
console.log("|---|---:|---:|---:|");
for (const [name, f] of rows) {
  setThreads(1);
  const one = median(f);
  setThreads(threads);
  const many = median(f);
  console.log(`| ${name} | ${one.toFixed(3)} | ${many.toFixed(3)} | ${(one / many).toFixed(2)}x |`);
}
