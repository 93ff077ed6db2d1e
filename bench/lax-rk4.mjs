// `node bench/lax-rk4.mjs` (after `npm run build`): 1,000 RK4 steps of a planar 3-body problem, float64,
//   loop: one jitted foriLoop over all steps (lax.foriLoop under jit: one compiled body, run as a loop)
//   js:   a JS for-loop calling a jitted RK4 step 1,000 times
// Prints the median time of each and their ratio (issue 13 targets >= 20x), and checks both agree.
import { jit, lax, numpy as np } from "@numjit/runtime";

const STEPS = 1000,
  DT = 1e-3,
  G = 1,
  EPS2 = 1e-6;
const m = np.array([1, 1, 1], { dtype: "float64" });

/** Accelerations of the bodies at positions r [3, 2]. */
function accel(r) {
  const diff = np.subtract(np.expandDims(r, 0), np.expandDims(r, 1)); // [i, j, :] = r_j - r_i
  const d2 = np.add(np.sum(np.square(diff), -1), EPS2);
  const w = np.divide(np.multiply(m, G), np.multiply(d2, np.sqrt(d2))); // [i, j]: G m_j / |r_j - r_i|^3
  return np.sum(np.multiply(diff, np.expandDims(w, -1)), 1);
}
/** One RK4 step of (r, v). */
function rk4([r, v]) {
  const k1r = v,
    k1v = accel(r);
  const k2r = np.add(v, np.multiply(k1v, DT / 2)),
    k2v = accel(np.add(r, np.multiply(k1r, DT / 2)));
  const k3r = np.add(v, np.multiply(k2v, DT / 2)),
    k3v = accel(np.add(r, np.multiply(k2r, DT / 2)));
  const k4r = np.add(v, np.multiply(k3v, DT)),
    k4v = accel(np.add(r, np.multiply(k3r, DT)));
  const comb = (a, b, c, d) => np.multiply(np.add(np.add(a, np.multiply(np.add(b, c), 2)), d), DT / 6);
  return [np.add(r, comb(k1r, k2r, k3r, k4r)), np.add(v, comb(k1v, k2v, k3v, k4v))];
}

const step = jit((r, v) => rk4([r, v]));
const loop = jit((r, v) => lax.foriLoop(0, STEPS, (_i, s) => rk4(s), [r, v]));
const r0 = np.array(
  [
    [0.97000436, -0.24308753],
    [-0.97000436, 0.24308753],
    [0, 0],
  ],
  { dtype: "float64" },
);
const v0 = np.array(
  [
    [0.466203685, 0.43236573],
    [0.466203685, 0.43236573],
    [-0.93240737, -0.86473146],
  ],
  { dtype: "float64" },
);

function jsLoop() {
  let s = [r0, v0];
  for (let i = 0; i < STEPS; i++) s = step(s[0], s[1]);
  return s;
}
const fused = () => loop(r0, v0);

function median(f, reps) {
  const ts = [];
  for (let k = 0; k < reps; k++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

const a = jsLoop(),
  b = fused();
const err = Math.max(...[0, 1].flatMap((k) => Array.from(np.abs(np.subtract(a[k], b[k])).toTypedArray())));
for (let i = 0; i < 3; i++) {
  jsLoop();
  fused();
}
const tJs = median(jsLoop, 15),
  tLoop = median(fused, 15);
console.log(`RK4 3-body, ${STEPS} steps (float64): max |difference| ${err.toExponential(2)}`);
console.log(`  JS loop over a jitted step : ${tJs.toFixed(2)} ms`);
console.log(`  one jitted lax.foriLoop    : ${tLoop.toFixed(2)} ms`);
console.log(`  ratio                      : ${(tJs / tLoop).toFixed(2)}x`);
