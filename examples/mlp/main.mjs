// Train a 784-256-10 MLP on synthetic data with jit(valueAndGrad(loss)) and optim.sgd / optim.adam.
//   npm run train -w examples/mlp              SGD, a few epochs, loss and per-step time
//   npm run train -w examples/mlp -- --adam    Adam instead of SGD
//   npm run bench -w examples/mlp              time one SGD step (batch 128, float32): first call and steady state
import { jit, nn, numpy as np, optim, valueAndGrad } from "@numjit/runtime";

const args = process.argv.slice(2);
const BENCH = args.includes("--bench");
const USE_ADAM = args.includes("--adam");
const [IN, HIDDEN, OUT, BATCH] = [784, 256, 10, 128];

// ---- data: 10 Gaussian clusters in 784-d, unit noise (a seeded, MNIST-sized toy task)
function rng(seed) {
  let s = seed >>> 0;
  const u = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
const normal = rng(1234);
const randn = (shape, scale = 1) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = normal() * scale;
  return np.array(d).reshape(shape);
};

function makeData(n, protos) {
  const x = new Float32Array(n * IN),
    y = new Int32Array(n);
  const p = protos.toTypedArray();
  for (let i = 0; i < n; i++) {
    const c = i % OUT;
    y[i] = c;
    for (let j = 0; j < IN; j++) x[i * IN + j] = p[c * IN + j] + normal();
  }
  return { x: np.array(x).reshape([n, IN]), y: np.array(y, { dtype: "int32" }) };
}

const protos = randn([OUT, IN], 0.15);
const train = makeData(BENCH ? BATCH : 4096, protos);
const test = makeData(1024, protos);

// ---- model
const init = () => ({
  w1: randn([IN, HIDDEN], Math.sqrt(2 / IN)),
  b1: np.zeros([HIDDEN]),
  w2: randn([HIDDEN, OUT], Math.sqrt(2 / HIDDEN)),
  b2: np.zeros([OUT]),
});
const predict = (p, x) => np.add(np.matmul(nn.relu(np.add(np.matmul(x, p.w1), p.b1)), p.w2), p.b2);
/** Mean softmax cross-entropy. */
const loss = (p, x, y) => np.negative(np.mean(np.sum(np.multiply(nn.oneHot(y, OUT), nn.logSoftmax(predict(p, x))), -1)));
/** @numjit p: { w1: f32[I, H], b1: f32[H], w2: f32[H, O], b2: f32[O] }, x: f32[B, I], y: i32[B] */
const accuracy = jit((p, x, y) => np.mean(np.equal(np.argmax(predict(p, x), -1), y)));

// one jitted step per optimizer (module constants the build can evaluate: both steps are precompiled)
const sgd = optim.sgd(0.05);
const adam = optim.adam(1e-3);
/** One optimizer step: the new parameters and optimizer state, and the loss before the step. */
const update = (opt, p, s, x, y) => {
  const [l, g] = valueAndGrad(loss)(p, x, y);
  const [p2, s2] = opt.update(g, s, p);
  return [p2, s2, l];
};
/** @numjit p: { w1: f32[I, H], b1: f32[H], w2: f32[H, O], b2: f32[O] }, s: { trace: [] }, x: f32[B, I], y: i32[B] */
const sgdStep = jit((p, s, x, y) => update(sgd, p, s, x, y));
/**
 * @numjit p: { w1: f32[I, H], b1: f32[H], w2: f32[H, O], b2: f32[O] }, x: f32[B, I], y: i32[B]
 * @numjit s: { count: f32[], mu: { w1: f32[I, H], b1: f32[H], w2: f32[H, O], b2: f32[O] },
 *   nu: { w1: f32[I, H], b1: f32[H], w2: f32[H, O], b2: f32[O] } }
 */
const adamStep = jit((p, s, x, y) => update(adam, p, s, x, y));
const [opt, step] = USE_ADAM ? [adam, adamStep] : [sgd, sgdStep];

const batch = (i) => ({
  x: train.x.slice([i * BATCH, (i + 1) * BATCH]),
  y: train.y.slice([i * BATCH, (i + 1) * BATCH]),
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let params = init();
let state = opt.init(params);

if (BENCH) {
  const { x, y } = batch(0);
  const t0 = performance.now();
  [params, state] = step(params, state, x, y);
  const first = performance.now() - t0;
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const out = step(params, state, x, y);
    times.push(performance.now() - t);
    [params, state] = out;
  }
  const steady = median(times.slice(20));
  console.log(`one ${USE_ADAM ? "Adam" : "SGD"} step, MLP ${IN}-${HIDDEN}-${OUT}, batch ${BATCH}, float32, jit(valueAndGrad):`);
  console.log(`  first call (trace + compile + run): ${first.toFixed(1)} ms`);
  console.log(`  steady state: median ${steady.toFixed(2)} ms, min ${Math.min(...times).toFixed(2)} ms over ${times.length} steps`);
} else {
  const steps = train.x.shape[0] / BATCH;
  const EPOCHS = 5;
  console.log(`MLP ${IN}-${HIDDEN}-${OUT}, ${USE_ADAM ? "Adam" : "SGD"}, batch ${BATCH}, ${train.x.shape[0]} synthetic examples`);
  console.log(`initial: test accuracy ${(accuracy(params, test.x, test.y).item() * 100).toFixed(1)}%`);
  let firstStep = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const times = [];
    let total = 0;
    for (let i = 0; i < steps; i++) {
      const { x, y } = batch(i);
      const t = performance.now();
      const [p, s, l] = step(params, state, x, y);
      const dt = performance.now() - t;
      if (epoch === 0 && i === 0) firstStep = dt;
      else times.push(dt);
      [params, state] = [p, s];
      total += l.item();
    }
    const testAccuracy = accuracy(params, test.x, test.y).item() * 100;
    console.log(
      `epoch ${epoch + 1}: loss ${(total / steps).toFixed(4)}, test accuracy ${testAccuracy.toFixed(1)}%, ` +
        `step ${median(times).toFixed(2)} ms (median)`,
    );
  }
  console.log(`first step (trace + compile): ${firstStep.toFixed(1)} ms; cache: ${JSON.stringify(step.cacheInfo())}`);
}
