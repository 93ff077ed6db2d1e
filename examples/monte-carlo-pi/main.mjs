// Monte Carlo π: `npm start -w examples/monte-carlo-pi [-- --batches 20 --n 1000000]`.
// Prints the estimate, its error against Math.PI and the binomial standard error, and the time per batch.
import { estimatePi, estimatePiLoop } from "./pi.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const batches = arg("batches", 10),
  n = arg("n", 1_000_000);

estimatePi(0, 1, n); // compile once
const t0 = performance.now();
const { inside, total, pi } = estimatePi(0, batches, n);
const ms = performance.now() - t0;
const p = inside / total;
console.log(`${total.toLocaleString()} points, ${inside.toLocaleString()} inside: π ≈ ${pi.toFixed(6)}`);
console.log(`error ${(pi - Math.PI).toExponential(2)} (standard error ${(4 * Math.sqrt((p * (1 - p)) / total)).toExponential(2)})`);
console.log(`${(ms / batches).toFixed(1)} ms per batch of ${n.toLocaleString()} (jit, float32)`);
estimatePiLoop(0, batches, n); // compile once
const t1 = performance.now();
const loop = estimatePiLoop(0, batches, n);
const msLoop = (performance.now() - t1) / batches;
const same = loop.inside === inside ? "same count" : "DIFFERENT count";
console.log(`one jitted lax.foriLoop over the batches: ${same}, ${msLoop.toFixed(1)} ms per batch`);
