// `node bench/pmap.mjs` (after `npm run build`): what pmap costs and buys on this machine.
//   round trip: a tiny pmap'd function (one stage, 2 devices) on workers vs sequential devices on the caller
//   psum 0.8 MB: one 200,000-float32 array per device through a stage and a psum
//   MLP step: the 784-256-10 SGD step of examples/data-parallel, batch 128, one process vs pmap over 2 devices
// Prints medians (ms) and checks the data-parallel loss equals the one-process loss at float32 tolerance.
import { lax, numpy as np, pmap } from "@numjit/runtime";
import { train } from "../examples/data-parallel/model.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f, n) {
  f();
  const ts = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

const tiny = np.ones([2, 4]);
const double = (x) => np.multiply(x, 2);
const onWorkers = pmap(double),
  onCaller = pmap(double, { sequential: true });
const rows = [];
rows.push(["round trip, tiny, workers", time(() => onWorkers(tiny), 200)]);
rows.push(["round trip, tiny, sequential on the caller", time(() => onCaller(tiny), 200)]);
const big = np.ones([2, 200_000]);
const psum = pmap((x) => lax.psum(np.multiply(x, 2), "i"), { axisName: "i" });
rows.push(["psum of 0.8 MB per device, workers", time(() => psum(big), 20)]);
const steps = 30;
const one = train({ steps, batch: 128 });
const dp = train({ steps, batch: 128, devices: 2 });
const dpSeq = train({ steps, batch: 128, devices: 2, sequential: true });
rows.push(["MLP step, one process (jit)", median(one.ms.slice(1))]);
rows.push(["MLP step, pmap over 2 devices (workers)", median(dp.ms.slice(1))]);
rows.push(["MLP step, pmap over 2 devices (sequential)", median(dpSeq.ms.slice(1))]);
for (const [what, ms] of rows) console.log(`${what.padEnd(46)} ${ms.toFixed(2).padStart(9)} ms`);
const diff = Math.max(...one.losses.map((l, i) => Math.abs(l - dp.losses[i]) / Math.abs(l)));
console.log(`largest relative loss difference, one process vs pmap: ${diff.toExponential(2)}`);
if (!(diff < 1e-5)) process.exitCode = 1;
