// The MLP of examples/mlp (784-256-10, softmax cross-entropy, SGD) trained two ways on the same batches:
// in one process with jit(valueAndGrad(loss)), and data-parallel with pmap — each device takes an equal
// slice of the batch, computes its gradient, and lax.pmean averages gradients and loss across devices, so
// every device applies the same update. The mean of equal-sized slices' mean losses is the batch's mean
// loss, so both runs follow the same loss curve up to float32 rounding.
import { jit, lax, nn, numpy as np, optim, pmap, valueAndGrad } from "@numjit/runtime";

export const MLP = { inputs: 784, hidden: 256, classes: 10 };

/** A seeded normal sampler (mulberry32 + Box-Muller). */
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

/** n examples of `classes` Gaussian clusters in `inputs` dimensions (a seeded, MNIST-sized toy task). */
export function makeData(n, sizes = MLP, seed = 1234) {
  const normal = rng(seed);
  const protos = Float32Array.from({ length: sizes.classes * sizes.inputs }, () => 0.15 * normal());
  const x = new Float32Array(n * sizes.inputs),
    y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % sizes.classes;
    y[i] = c;
    for (let j = 0; j < sizes.inputs; j++) x[i * sizes.inputs + j] = protos[c * sizes.inputs + j] + normal();
  }
  return { x: np.array(x).reshape([n, sizes.inputs]), y: np.array(y, { dtype: "int32" }) };
}

export function initParams(sizes = MLP, seed = 42) {
  const normal = rng(seed);
  const randn = (shape, scale) => np.array(Float32Array.from({ length: shape[0] * shape[1] }, () => normal() * scale)).reshape(shape);
  return {
    w1: randn([sizes.inputs, sizes.hidden], Math.sqrt(2 / sizes.inputs)),
    b1: np.zeros([sizes.hidden]),
    w2: randn([sizes.hidden, sizes.classes], Math.sqrt(2 / sizes.hidden)),
    b2: np.zeros([sizes.classes]),
  };
}

export const predict = (p, x) => np.add(np.matmul(nn.relu(np.add(np.matmul(x, p.w1), p.b1)), p.w2), p.b2);
/** Mean softmax cross-entropy. */
export const loss = (p, x, y) => np.negative(np.mean(np.sum(np.multiply(nn.oneHot(y, p.b2.shape[0]), nn.logSoftmax(predict(p, x))), -1)));

/**
 * One SGD step in one process at learning rate `lr` (static: one program per rate): [params, state, loss].
 * @numjit p: { w1: f32[I, H], b1: f32[H], w2: f32[H, O], b2: f32[O] }, s: { trace: [] }, x: f32[B, I], y: i32[B], lr = 0.05
 */
export const singleStep = jit(
  (p, s, x, y, lr) => {
    const [l, g] = valueAndGrad(loss)(p, x, y);
    const [p2, s2] = optim.sgd(lr).update(g, s, p);
    return [p2, s2, l];
  },
  { staticArgnums: [4] },
);

/**
 * One data-parallel SGD step over `devices` devices: x and y arrive split as [devices, batch / devices, ...];
 * parameters and optimizer state are replicated (inAxes and outAxes null), gradients and loss pmean'd.
 */
export function dataParallelStep(opt, devices, sequential = false) {
  const step = (p, s, x, y) => {
    const [l, g] = valueAndGrad(loss)(p, x, y);
    const [p2, s2] = opt.update(lax.pmean(g, "batch"), s, p);
    return [p2, s2, lax.pmean(l, "batch")];
  };
  return pmap(step, { axisName: "batch", inAxes: [null, null, 0, 0], outAxes: null, devices, sequential });
}

/**
 * Train for `steps` SGD steps over consecutive batches of `data` (wrapping around): one process when
 * `devices` is 1, else data-parallel (on worker devices, or on the caller with `sequential`). Returns the
 * loss of every step and the step times in ms.
 */
export function train(options) {
  const { steps, batch, devices = 1, sequential = false, sizes = MLP, learningRate = 0.05 } = options;
  const data = options.data ?? makeData(4096, sizes);
  const opt = optim.sgd(learningRate);
  let params = initParams(sizes);
  let state = opt.init(params);
  const step = devices === 1 ? (p, s, x, y) => singleStep(p, s, x, y, learningRate) : dataParallelStep(opt, devices, sequential);
  const perBatch = Math.floor(data.x.shape[0] / batch);
  const losses = [],
    ms = [];
  for (let i = 0; i < steps; i++) {
    const k = i % perBatch;
    let x = data.x.slice([k * batch, (k + 1) * batch]),
      y = data.y.slice([k * batch, (k + 1) * batch]);
    if (devices > 1) [x, y] = [x.reshape([devices, batch / devices, sizes.inputs]), y.reshape([devices, batch / devices])];
    const t = performance.now();
    const [p, s, l] = step(params, state, x, y);
    const value = l.item();
    ms.push(performance.now() - t);
    [params, state] = [p, s];
    losses.push(value);
  }
  return { losses, ms, params };
}
