// `node bench/threads.mjs`: the break-even of the worker pool on this machine. For growing sizes of
// an elementwise kernel (a*a + exp(a)), a row reduction (softmax over rows of 1024) and a float32
// GEMM, the median time on 1 thread and on every core with splitting forced on (splitMin = 0); the
// break-even is the smallest size where more threads win. The runtime's thresholds
// (codegen/wasm/split.ts: splitMin) are set from these numbers. First, the pool's fixed cost per
// parallel call: a kernel that only counts down, split in 2 equal chunks of ~spinUs µs, against one
// chunk on the caller (the time beyond a perfect halving), and the same call with no work at all.
import { availableParallelism } from "node:os";
import { getThreads, jit, nn, numpy as np, setThreads } from "@numjit/runtime";
import { Code, encodeModule, kernelMemory, runChunks, splitMin, threadsReady } from "@numjit/runtime/internal";

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

/** A kernel run(i, n) that counts n down (no memory access): the pool's own cost, nothing else. */
function spinKernel() {
  const c = new Code(["i32", "i32"]);
  c.block().loop();
  c.get(1).i32op("eqz").brIf(1);
  c.get(1).i32(1).i32op("sub").set(1).br(0);
  c.end().end();
  const module = new WebAssembly.Module(encodeModule([{ name: "run", code: c }]));
  const run = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } }).exports.run;
  return { module, fn: "run", run, op: "spin" };
}

/** Times of `samples` calls of f, in µs, sorted. */
function timesUs(f, samples) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    f();
    times.push((performance.now() - t) * 1000);
  }
  return times.sort((a, b) => a - b);
}
const medianUs = (f, samples) => timesUs(f, samples)[samples >> 1];

function fixedCost(spinUs = 200) {
  const k = spinKernel();
  let n = 1 << 16;
  while (medianUs(() => k.run(0, n), 21) < spinUs) n *= 2;
  const chunks = [
    [0, n],
    [1, n],
  ];
  setThreads(threads);
  for (let i = 0; i < 200; i++) runChunks(k, chunks); // workers instantiate the kernel, tiers settle
  const one = [],
    two = [],
    noop = [];
  for (let r = 0; r < 10; r++) {
    one.push(...timesUs(() => k.run(0, n), 101));
    two.push(...timesUs(() => runChunks(k, chunks), 101));
    noop.push(
      ...timesUs(
        () =>
          runChunks(k, [
            [0, 0],
            [1, 0],
          ]),
        101,
      ),
    );
  }
  const q = (a, f) => a.sort((x, y) => x - y)[Math.floor(f * (a.length - 1))];
  const show = (a) => `median ${q(a, 0.5).toFixed(1)} µs (10th percentile ${q(a, 0.1).toFixed(1)})`;
  console.log(`pool fixed cost (${threads} threads, 10 interleaved rounds of 101 calls):`);
  console.log(`  one chunk on the caller: ${show(one)}`);
  console.log(`  2 such chunks on the pool: ${show(two)}`);
  const beyond = (f) => (q(two, f) - q(one, f)).toFixed(1);
  console.log(`  beyond one chunk: ${beyond(0.5)} µs (10th percentiles ${beyond(0.1)} µs)`);
  console.log(`  2 empty chunks: ${show(noop)}\n`);
}

splitMin.elems = 0;
splitMin.macs = 0;
await threadsReady();
console.log(`cores ${availableParallelism()}, pool ${threads} threads; splitting forced on\n`);
fixedCost();
if (process.argv.includes("--fixed-cost")) process.exit(0);
console.log("| kernel | 1 thread (ms) | %d threads (ms) | speed-up |", threads);
console.log("|---|---:|---:|---:|");
for (const [name, f] of rows) {
  setThreads(1);
  const one = median(f);
  setThreads(threads);
  const many = median(f);
  console.log(`| ${name} | ${one.toFixed(3)} | ${many.toFixed(3)} | ${(one / many).toFixed(2)}x |`);
}
