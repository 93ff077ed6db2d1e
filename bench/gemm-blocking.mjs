// `node bench/gemm-blocking.mjs [n] [rounds] [kc:mc ...]`: sgemm's cache blocking (codegen/wasm/sgemm.ts,
// sgemmBlocking) measured A/B in one process on one thread: a module per KC:MC pair, the same packed
// operands of an n x n x n product at fixed page-aligned addresses, the variants interleaved round by
// round. Prints GFLOP/s by CPU time per variant (median, 90th percentile and best of the rounds: under
// load, CPU time still counts time the host takes from this virtual CPU, so the upper percentiles are the
// kernel's own speed), the load average, and the packing passes' time (packA and pack) for scale. Run
// with `node --experimental-wasm-relaxed-simd` for the FMA kernel the runtime picks where the engine has it.
import { loadavg } from "node:os";
import { kernelMemory, sgemmModule, staging } from "@numjit/runtime/internal";

const n = Number(process.argv[2] ?? 1024),
  rounds = Number(process.argv[3] ?? 15);
const pairs = (process.argv.length > 4 ? process.argv.slice(4) : ["1024:128", "256:128", "512:128", "1024:64"]).map((p) =>
  p.split(":").map(Number),
);
const mem = kernelMemory(0);
// under `node --experimental-wasm-relaxed-simd` the f32x4.relaxed_madd (FMA) kernel, as the runtime picks it
const fma = WebAssembly.validate(sgemmModule(true));
const mods = pairs.map(([kc, mc]) => {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(sgemmModule(fma, { kc, mc })), { env: { mem } });
  return { name: `KC ${kc}, MC ${mc}${fma ? ", FMA" : ""}`, ex: inst.exports, gf: [] };
});
const page = 4096,
  bytes = 4 * n * n;
const base = (staging(5 * (bytes + page) + page) + page - 1) & ~(page - 1);
const [a, w, ap, panels, c] = [0, 1, 2, 3, 4].map((i) => base + i * (bytes + page));
const f = new Float32Array(mem.buffer);
for (let i = 0; i < n * n; i++) {
  f[(a >> 2) + i] = Math.sin(i * 0.37);
  f[(w >> 2) + i] = Math.cos(i * 0.11);
}
/** CPU time of f in ms (this process; other processes' load does not count, their cache pollution does) */
function cpuMs(f) {
  const u = process.cpuUsage();
  f();
  const d = process.cpuUsage(u);
  return (d.user + d.system) / 1e3;
}
const quantile = (x, q) => x.slice().sort((p, r) => p - r)[Math.min(x.length - 1, Math.floor(x.length * q))];
const { packA, pack } = mods[0].ex;
const tA = [],
  tW = [];
for (let r = 0; r < 10; r++) {
  tA.push(cpuMs(() => packA(n, n, a, 4 * n, 4, ap)));
  tW.push(cpuMs(() => pack(n, n, w, 4 * n, panels)));
}
for (let r = 0; r < rounds + 1; r++)
  for (const m of r % 2 ? mods : mods.slice().reverse()) {
    const ms = cpuMs(() => m.ex.sgemm(n, n, n, ap, panels, c, 0, 0));
    if (r > 0) m.gf.push((2 * n ** 3) / ms / 1e6);
  }
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(" ");
console.log(
  `n ${n}, ${rounds} rounds, load average ${load}; ` +
    `packA ${quantile(tA, 0.5).toFixed(2)} ms, pack ${quantile(tW, 0.5).toFixed(2)} ms (CPU time, median)`,
);
for (const m of mods) {
  const p = (q) => quantile(m.gf, q).toFixed(1);
  console.log(`${m.name.padEnd(16)} median ${p(0.5)}  p90 ${p(0.9)}  best ${p(1)} GFLOP/s`);
}
