// `node bench/wasm-peak.mjs`: the float32 SIMD peak of this engine and core, the bound sgemm's
// micro-kernel (codegen/wasm/sgemm.ts) works under. Register tiles of mr rows by 4nv columns run a
// loop of k steps, acc[q][h] += a[q] * b[h] (f32x4.mul then f32x4.add: no FMA without relaxed SIMD):
// "regs" with no loads (a and b rotate through registers, so nothing is loop-invariant), "loads" with
// the kernel's loads (nv panel vectors and mr splats per step) from a packed A and panel small enough
// for L1. GFLOP/s = 2 * mr * 4nv * steps / time, shapes interleaved.
import { Code, encodeModule, kernelMemory, staging } from "@numjit/runtime/internal";

/** f(steps, a, b): steps k steps of an mr x 4nv tile; `loads`: A and panels from a, b, wrapping every `wrap` steps. */
function tileCode(mr, nv, loads, wrap) {
  const c = new Code(["i32", "i32", "i32"]);
  const [steps, a0, b0] = [0, 1, 2];
  const acc = [...Array(mr * nv)].map(() => c.local("v128"));
  const b = [...Array(nv)].map(() => c.local("v128"));
  const av = [...Array(loads ? 1 : mr)].map(() => c.local("v128"));
  const [k, ap, bp, w] = [c.local("i32"), c.local("i32"), c.local("i32"), c.local("i32")];
  for (const x of acc) c.f32x4(0).set(x);
  b.forEach((x, h) => c.f32x4(1 + h / 64).set(x));
  if (!loads) av.forEach((x, q) => c.f32x4(1 - q / 64).set(x));
  c.i32(0).set(k);
  c.block().loop();
  c.get(k).get(steps).i32op("ge_u").brIf(1);
  c.get(a0).set(ap).get(b0).set(bp).i32(0).set(w);
  c.block().loop();
  c.get(w).i32(wrap).i32op("ge_u").brIf(1);
  if (loads)
    b.forEach((x, h) =>
      c
        .get(bp)
        .mem("v128.load", 16 * h)
        .set(x),
    );
  for (let q = 0; q < mr; q++) {
    const s = loads ? av[0] : av[q];
    if (loads)
      c.get(ap)
        .mem("v128.load32_splat", 4 * q)
        .set(s);
    b.forEach((x, h) => {
      const y = acc[q * nv + h];
      c.get(y).get(s).get(x).simd("f32x4.mul").simd("f32x4.add").set(y);
    });
  }
  if (!loads) {
    // rotate the splats: every product's operands change each step (nothing to hoist), no extra FP work
    const t = av[0];
    for (let q = 0; q + 1 < mr; q++) c.get(av[q + 1]).set(av[q]);
    if (mr > 1) c.get(t).set(av[mr - 1]);
  }
  c.get(ap)
    .i32(4 * mr)
    .i32op("add")
    .set(ap);
  c.get(bp)
    .i32(16 * nv)
    .i32op("add")
    .set(bp);
  c.get(w).i32(1).i32op("add").set(w).br(0);
  c.end().end();
  c.get(k).get(w).i32op("add").set(k).br(0);
  c.end().end();
  // keep the sums alive: their total to a[0..16)
  for (const x of acc.slice(1)) c.get(acc[0]).get(x).simd("f32x4.add").set(acc[0]);
  c.get(a0).get(acc[0]).mem("v128.store");
  return c;
}

const shapes = [
  [2, 4],
  [4, 2],
  [3, 2],
  [3, 3],
  [4, 3],
  [6, 2],
];
const wrap = 256; // 256 steps: a 4x8 tile's panel is 8 KiB, A 4 KiB
const funcs = [];
for (const [mr, nv] of shapes)
  for (const loads of [false, true]) funcs.push({ name: `t${mr}x${4 * nv}${loads ? "l" : "r"}`, mr, nv, loads });
const module = new WebAssembly.Module(encodeModule(funcs.map((f) => ({ name: f.name, code: tileCode(f.mr, f.nv, f.loads, wrap) }))));
const inst = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } });
const at = staging(4 * (6 * wrap + 24 * wrap + 64));
new Float32Array(kernelMemory(0).buffer, at, 30 * wrap).fill(1e-3);
const a = at,
  b = at + 4 * 6 * wrap + 64;

// short samples (~0.5 ms) so that many run without the core being taken by another process; the time
// is wall time and CPU time (process.cpuUsage) of the same call, the median of each and the 90th percentile
// of the CPU-time figures (under load, CPU time still counts time the host takes from this virtual CPU)
const steps = Number(process.argv[2] ?? 3e5),
  rounds = Number(process.argv[3] ?? 100);
const samples = new Map(funcs.map((f) => [f.name, { wall: [], cpu: [] }]));
for (let round = 0; round < rounds + 2; round++)
  for (const f of funcs) {
    const c = process.cpuUsage();
    const t = performance.now();
    inst.exports[f.name](steps, a, b);
    const wall = (performance.now() - t) / 1e3,
      du = process.cpuUsage(c),
      cpu = (du.user + du.system) / 1e6;
    const flop = 2 * f.mr * 4 * f.nv * steps;
    if (round >= 2) {
      samples.get(f.name).wall.push(flop / wall / 1e9);
      samples.get(f.name).cpu.push(flop / Math.max(cpu, 1e-6) / 1e9);
    }
  }
const med = (x) => x.slice().sort((p, q) => p - q)[x.length >> 1];
const p90 = (x) => x.slice().sort((p, q) => p - q)[Math.floor(x.length * 0.9)];
const fmt = (s) => `${med(s.wall).toFixed(1)} / ${med(s.cpu).toFixed(1)} / ${p90(s.cpu).toFixed(1)}`;
console.log(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log("GFLOP/s: median by wall time / median by CPU time / 90th percentile by CPU time");
console.log("tile   | no loads                 | with loads (L1)");
for (const [mr, nv] of shapes)
  console.log(
    `${mr}x${4 * nv}`.padEnd(6),
    `| ${fmt(samples.get(`t${mr}x${4 * nv}r`))}`.padEnd(26),
    `| ${fmt(samples.get(`t${mr}x${4 * nv}l`))}`,
  );
