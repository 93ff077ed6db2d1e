// `node bench/call-overhead.mjs`: where a large one-thread jit call's time goes besides its kernel, for W2
// (the tanh chain over 2^20 float32) and W3 (softmax [1024, 1024]). Inputs are resident (np.array copies
// into the kernels' memory, codegen/wasm/memory.ts), so they are never staged; what differs is where the
// output lands. Five ways, in interleaved rounds (load from other processes lands on each alike):
//   kernel      the wasm kernel alone on resident operands, a fixed resident output (no allocation)
//   reused      the jit call with a macrotask before it, as an app's event loop turns: finalizers have
//               returned earlier outputs' blocks, so the output reuses one (no page faults)
//   fresh       the jit call while every earlier output is kept: its block is carved from fresh memory,
//               whose first touch page-faults (a loop that has not yet been through its first GC)
//   heap        the jit call past `memoryLimits.resident` with no block free: a loop that never yields
//               (a mitata round once the blocks free at its start are used) — the output is a JS-heap array, the kernel writes
//               cache-sized chunks to the staging block and each is copied out
// Columns: median wall and CPU time (the process's, all threads: GC threads included) and minor page
// faults per call. Prints a table; `--rounds N` (default 10).
import { loadavg } from "node:os";
import { jit, nn, numpy as np, setThreads } from "@numjit/runtime";
import { emitWasm, kernelMemory, memoryLimits, memoryStats, threadsReady } from "@numjit/runtime/internal";

await threadsReady();
setThreads(1);
const E = 1 << 20;
const arg = process.argv.indexOf("--rounds");
const ROUNDS = arg > 0 ? Number(process.argv[arg + 1]) : 10;
const x = np.array(Float32Array.from({ length: E }, (_, i) => Math.sin(i) * 2));
const y = np.array(Float32Array.from({ length: E }, (_, i) => Math.cos(i)));
const xm = np.reshape(x, [1024, 1024]);
const chainF = (a, b) => np.add(np.multiply(np.tanh(np.add(np.multiply(a, 1.5), 0.3)), b), 1);
const softmaxF = (a) => nn.softmax(a, -1);

const mem = kernelMemory(0);
const out = np.zeros([E]).data; // resident: the kernel-alone rows' output
const scratch = np.zeros([4096]).data; // resident: [mask][consts]
const instance = (ir) => new WebAssembly.Instance(new WebAssembly.Module(emitWasm(ir)), { env: { mem } }).exports.run;
const constsAt = (ir) => {
  ir.body.consts.forEach((v, i) => (scratch[4 + i] = v));
  return scratch.byteOffset + 16;
};
const workloads = {
  W2: (() => {
    const ir = jit(chainF).lower(x, y).kernels[0].ir;
    const run = instance(ir);
    const f = jit(chainF);
    return {
      kernel: () => run(1, E / 4, out.byteOffset, x.data.byteOffset, 0, 16, y.data.byteOffset, 0, 16, constsAt(ir)),
      call: () => f(x, y),
    };
  })(),
  W3: (() => {
    const ir = jit(softmaxF).lower(xm).kernels[0].ir;
    const run = instance(ir);
    const f = jit(softmaxF);
    return {
      kernel: () => run(1024, 1024, out.byteOffset, x.data.byteOffset, 4096, 16, constsAt(ir), scratch.byteOffset),
      call: () => f(xm),
    };
  })(),
};

const kept = []; // outputs of `fresh` calls, never released: each carves a new block
const tick = () => new Promise((resolve) => setImmediate(resolve));
const ways = {
  kernel: { run: (w) => w.kernel() },
  reused: { run: (w) => w.call(), yield: true },
  fresh: { run: (w) => kept.push(w.call()), limit: Infinity },
  heap: { run: (w) => w.call(), limit: 0, onlyIf: "fallback" },
};
const res = {};
for (let round = 0; round < ROUNDS; round++)
  for (const [wname, w] of Object.entries(workloads))
    for (const [name, way] of Object.entries(ways)) {
      const r = (res[`${wname} ${name}`] ??= { wall: [], cpu: [], faults: [] });
      const resident = memoryLimits.resident;
      if (way.limit !== undefined) memoryLimits.resident = way.limit;
      // `heap`: hold this round's outputs so the free list drains and later calls fall back
      const held = [];
      for (let i = 0; i < (way.onlyIf ? 80 : 5); i++) {
        if (way.yield) await tick();
        const fallbacks = memoryStats.fallbacks;
        const f0 = process.resourceUsage().minorPageFault,
          c0 = process.cpuUsage(),
          t0 = performance.now();
        const o = way.run(w);
        const wall = performance.now() - t0,
          c = process.cpuUsage(c0),
          faults = process.resourceUsage().minorPageFault - f0;
        if (way.onlyIf) held.push(o);
        if (round === 0 || (way.onlyIf && memoryStats.fallbacks === fallbacks)) continue; // warm-up; not yet past the limit
        r.wall.push(wall);
        r.cpu.push((c.user + c.system) / 1e3);
        r.faults.push(faults);
      }
      memoryLimits.resident = resident;
      await tick();
    }

const med = (a) => a.slice().sort((p, q) => p - q)[a.length >> 1];
console.log("| workload | output | wall ms (median) | CPU ms (median) | page faults / call | calls |");
console.log("| --- | --- | ---: | ---: | ---: | ---: |");
for (const [k, r] of Object.entries(res)) {
  const [wname, way] = k.split(" ");
  console.log(`| ${wname} | ${way} | ${med(r.wall).toFixed(2)} | ${med(r.cpu).toFixed(2)} | ${med(r.faults)} | ${r.wall.length} |`);
}
console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(" ")}; resident blocks kept by 'fresh': ${kept.length}`,
);
