// `node bench/kernels-alone.mjs`: the wasm kernels of W2 (the tanh chain) and W3 (softmax, and the
// log_softmax / logsumexp row kernels on the same input) called directly on operands already in the
// kernel memory, one thread: what a call costs without staging its operands (codegen/wasm/call.ts
// copies them in and out today), next to the whole jitted call. Both in cache-resident blocks (8192
// elements, as a staged call runs them) and in one pass over the whole array (memory-bound). Rounds are
// interleaved and the min and median over them reported, so load from other processes lands on every row.
// `--yield`: a macrotask between calls, as an app's event loop turns, so finalizers return the outputs'
// blocks to the kernel memory (codegen/wasm/memory.ts); without it the loop never yields, and past
// `memoryLimits.resident` of outputs the jit calls write JS-heap arrays through staging.
import { loadavg } from "node:os";
import { jit, nn, numpy as np, setThreads } from "@numjit/runtime";
import { emitWasm, kernelMemory } from "@numjit/runtime/internal";

setThreads(1);
const E = 1 << 20;
const R = 1024,
  C = 1024;
const mem = kernelMemory(16 + 64 + 3 * 4 * E);
const f = new Float32Array(mem.buffer);
const [MASK, CONSTS, X, Y, OUT] = [0, 16, 80, 80 + 4 * E, 80 + 8 * E];
for (let i = 0; i < E; i++) {
  f[X / 4 + i] = Math.sin(i) * 4;
  f[Y / 4 + i] = Math.cos(i);
}
new Int32Array(mem.buffer, MASK, 4).fill(0); // rows of 1024: no partial vector
const instance = (ir) => new WebAssembly.Instance(new WebAssembly.Module(emitWasm(ir)), { env: { mem } }).exports.run;

const chainF = (x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1);
const x1 = np.array(f.slice(X / 4, X / 4 + E)),
  y1 = np.array(f.slice(Y / 4, Y / 4 + E));
const chainIR = jit(chainF).lower(x1, y1).kernels[0].ir;
chainIR.body.consts.forEach((v, i) => (f[CONSTS / 4 + i] = v));
const chain = instance(chainIR);
const xm = np.reshape(x1, [R, C]);
const rowOps = { softmax: (x) => nn.softmax(x, -1), log_softmax: (x) => nn.logSoftmax(x, -1), logsumexp: (x) => nn.logsumexp(x, -1) };

const block = 8192;
const cases = {
  "W2 chain kernel, 8192-element blocks": [
    () => {
      for (let b = 0; b < E; b += block) chain(1, block / 4, OUT + 4 * b, X + 4 * b, 0, 16, Y + 4 * b, 0, 16, CONSTS);
    },
    "ns/elem",
  ],
  "W2 chain kernel, one pass": [() => chain(1, E / 4, OUT, X, 0, 16, Y, 0, 16, CONSTS), "ns/elem"],
  "W2 jit call (staged)": [
    (
      (j) => () =>
        j(x1, y1)
    )(jit(chainF, { backend: "wasm" })),
    "ns/elem",
  ],
};
for (const [name, op] of Object.entries(rowOps)) {
  const run = instance(jit(op).lower(xm).kernels[0].ir);
  const rows = block / C;
  cases[`W3 ${name} rows kernel, ${rows}-row blocks`] = [
    () => {
      for (let r = 0; r < R; r += rows) run(rows, C, OUT + 4 * r * C, X + 4 * r * C, 4 * C, 16, CONSTS, MASK);
    },
    "ms",
  ];
  if (name === "softmax") cases["W3 softmax rows kernel, one pass"] = [() => run(R, C, OUT, X, 4 * C, 16, CONSTS, MASK), "ms"];
  cases[`W3 ${name} jit call (staged)`] = [
    (
      (j) => () =>
        j(xm)
    )(jit(op, { backend: "wasm" })),
    "ms",
  ];
}

const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const [run] of Object.values(cases)) run();
const yieldEach = process.argv.includes("--yield");
for (let round = 0; round < 40; round++)
  for (const [name, [run]] of Object.entries(cases)) {
    if (yieldEach) await new Promise((resolve) => setImmediate(resolve));
    const t = performance.now();
    run();
    times[name].push(performance.now() - t);
  }
const show = (ms, unit) => (unit === "ms" ? `${ms.toFixed(3)} ms` : `${((ms * 1e6) / E).toFixed(2)} ns/elem`);
for (const [name, t] of Object.entries(times)) {
  t.sort((a, b) => a - b);
  const unit = cases[name][1];
  console.log(`${name.padEnd(44)} min ${show(t[0], unit).padStart(14)}   median ${show(t[t.length >> 1], unit).padStart(14)}`);
}
console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(" ")}`,
);
