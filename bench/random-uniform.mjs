// `node bench/random-uniform.mjs` (after `npm run build`): 1e6 float32 uniforms from one key, eager vs jit
// (median of 7 after warm-up), and a check that both draw the same bits.
import { jit, random } from "@numjit/runtime";

const N = 1_000_000;
const key = random.key(0);
const eager = () => random.uniform(key, [N]);
const jitted = jit((k) => random.uniform(k, [N]));

function median(f, reps = 7) {
  const ts = [];
  for (let k = 0; k < reps; k++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

const a = eager().toTypedArray(),
  b = jitted(key).toTypedArray();
const same = a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
jitted(key);
const tEager = median(eager),
  tJit = median(() => jitted(key));
console.log(`random.uniform, ${N.toLocaleString()} float32: eager and jit ${same ? "identical" : "DIFFERENT"}`);
console.log(`  eager : ${tEager.toFixed(1)} ms`);
console.log(`  jit   : ${tJit.toFixed(1)} ms`);
