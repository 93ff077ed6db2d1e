// `node bench/random-uniform.mjs` (after `npm run build`): 1e6 float32 uniforms from one key, eager vs jit
// (median of 7 after warm-up), a check that both draw the same bits, and jax-js's jitted uniform for
// comparison (its own device; its streams follow older JAX, so only the time is compared). Wall and CPU
// time are both printed: on a shared machine the CPU time is the steadier of the two.
import { jit, random } from "@numjit/runtime";
import { loadJax } from "./lib/peers.mjs";

const N = 1_000_000;
const key = random.key(0);
const eager = () => random.uniform(key, [N]).toTypedArray();
const jitted = jit((k) => random.uniform(k, [N]));

async function median(f, reps = 7) {
  const ts = [];
  for (let k = 0; k < reps; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    const d = process.cpuUsage(c);
    ts.push([performance.now() - t, (d.user + d.system) / 1000]);
  }
  const mid = (i) => ts.map((x) => x[i]).sort((a, b) => a - b)[Math.floor(ts.length / 2)];
  return `${mid(0).toFixed(1)} ms wall, ${mid(1).toFixed(1)} ms cpu`;
}

const a = eager(),
  b = jitted(key).toTypedArray();
const same = a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
jitted(key);
console.log(`random.uniform, ${N.toLocaleString()} float32: eager and jit ${same ? "identical" : "DIFFERENT"}`);
console.log(`  eager  : ${await median(eager)}`);
console.log(`  jit    : ${await median(() => jitted(key).toTypedArray())}`);
const j = await loadJax();
if (j.device) {
  const { jax } = j;
  const jk = jax.random.key(0);
  const f = jax.jit((k) => jax.random.uniform(k, [N]));
  const run = async () => {
    const r = f(jk.ref);
    await r.data();
  };
  await run();
  console.log(`  jax-js : ${await median(run)} (jit, device ${j.device})`);
} else console.log(`  jax-js : skipped (${j.notes.join("; ")})`);
