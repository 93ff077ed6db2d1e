// A tanh RNN that learns to continue a noisy sine wave, written with lax.scan and trained with
// jit(valueAndGrad(loss)) + optim.adam: the whole sequence (forward scan, reverse scan of its vjp and
// the Adam update) is one compiled program per step.
import { jit, lax, numpy as np, optim, valueAndGrad } from "@numjit/runtime";

export const HIDDEN = 16;
export const SEQ = 40;

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sequences [batch, SEQ + 1] of sin(f t + phase) + noise, float32. */
export function makeData(batch, seed = 1) {
  const u = rng(seed);
  const d = new Float32Array(batch * (SEQ + 1));
  for (let b = 0; b < batch; b++) {
    const f = 0.2 + 0.3 * u(),
      ph = 6.283 * u();
    for (let t = 0; t <= SEQ; t++) d[b * (SEQ + 1) + t] = Math.sin(f * t + ph) + 0.02 * (u() - 0.5);
  }
  return np.array(d).reshape([batch, SEQ + 1]);
}

export function initParams(seed = 2) {
  const u = rng(seed);
  const randn = (shape, scale) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const d = new Float32Array(n);
    for (let i = 0; i < n; i++) d[i] = (u() * 2 - 1) * scale;
    return np.array(d).reshape(shape);
  };
  return {
    wh: randn([HIDDEN, HIDDEN], 1 / Math.sqrt(HIDDEN)),
    wx: randn([1, HIDDEN], 0.5),
    b: np.zeros([HIDDEN]),
    wo: randn([HIDDEN, 1], 1 / Math.sqrt(HIDDEN)),
  };
}

/** Predictions of x[:, t + 1] from x[:, :t + 1] for every t: a scan over time with the hidden state as carry. */
export function predict(p, seqs) {
  const batch = seqs.shape[0];
  const xs = np.expandDims(np.transpose(seqs.slice(":", `:${SEQ}`)), -1); // [SEQ, batch, 1]
  const h0 = np.zeros([batch, HIDDEN]);
  const [, ys] = lax.scan(
    (h, x) => {
      const h2 = np.tanh(np.add(np.add(np.matmul(h, p.wh), np.matmul(x, p.wx)), p.b));
      return [h2, np.matmul(h2, p.wo)];
    },
    h0,
    xs,
  );
  return np.transpose(np.squeeze(ys, -1)); // [batch, SEQ]
}

export function loss(p, seqs) {
  const target = seqs.slice(":", "1:");
  return np.mean(np.square(np.subtract(predict(p, seqs), target)));
}

/**
 * Loss and its gradient as one compiled program (the forward scan and the reverse scan of its vjp); the
 * annotation lets the build precompile it for any batch size B.
 * @numjit p: { wh: f32[16, 16], wx: f32[1, 16], b: f32[16], wo: f32[16, 1] }, seqs: f32[B, 41]
 */
export const lossAndGrad = jit(valueAndGrad(loss));

/**
 * One Adam step at learning rate `lr` (static: one compiled program per rate): the new parameters, the new
 * optimizer state and the loss before the step.
 * @numjit p: { wh: f32[H, H], wx: f32[1, H], b: f32[H], wo: f32[H, 1] }, x: f32[B, 41], lr = 0.01
 * @numjit s: { count: f32[], mu: { wh: f32[H, H], wx: f32[1, H], b: f32[H], wo: f32[H, 1] },
 *   nu: { wh: f32[H, H], wx: f32[1, H], b: f32[H], wo: f32[H, 1] } }
 */
export const step = jit(
  (p, s, x, lr) => {
    const [l, g] = valueAndGrad(loss)(p, x);
    const [p2, s2] = optim.adam(lr).update(g, s, p);
    return [p2, s2, l];
  },
  { staticArgnums: [3] },
);

/** Train for `steps` Adam steps; returns the losses (one per step) and the final parameters. */
export function train(steps, { batch = 32, lr = 1e-2, log = () => {} } = {}) {
  const data = makeData(batch);
  const before = step.cacheInfo().traces;
  let params = initParams();
  let state = optim.adam(lr).init(params);
  const losses = [];
  for (let i = 0; i < steps; i++) {
    const [p2, s2, l] = step(params, state, data, lr);
    params = p2;
    state = s2;
    losses.push(l.item());
    log(i, l.item());
  }
  return { losses, params, compiles: step.cacheInfo().traces - before };
}
