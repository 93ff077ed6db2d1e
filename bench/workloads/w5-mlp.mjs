// W5 one SGD step of a 784-256-10 MLP (relu, softmax cross-entropy), batch 128, float32 (ms).
// Every column computes new params = params − 0.1·∇loss from the same params (a pure step, nothing mutated).
import { labels, oneHot, uniform } from "../lib/data.mjs";
import { compare } from "../lib/check.mjs";
import { handImpl, jaxImpls, jaxXlaImpl, numjitImpls, tfjsImpl } from "../lib/impls.mjs";

export const id = "W5";
export const title = "W5 MLP training step";
export const description =
  "One SGD step (lr 0.1) of a 784-256-10 MLP with relu and softmax cross-entropy on a batch of 128, float32: " +
  "forward, backward, update (ms per step, lower is better). numjit's grad columns appear once " +
  "`valueAndGrad` exists; until then numjit runs the same step with a hand-written backward pass in eager ops.";

const B = 128;
const D = 784;
const H = 256;
const K = 10;
const LR = 0.1;

function makeData() {
  const s1 = Math.sqrt(6 / (D + H));
  const s2 = Math.sqrt(6 / (H + K));
  return {
    W1: uniform(D * H, 51, -s1, s1),
    b1: uniform(H, 52, -0.01, 0.01),
    W2: uniform(H * K, 53, -s2, s2),
    b2: uniform(K, 54, -0.01, 0.01),
    x: uniform(B * D, 55, 0, 1),
    y: oneHot(labels(B, K, 56), K),
  };
}

const KEYS = ["W1", "b1", "W2", "b2"];

/**
 * A step's output is { loss, W1, b1, W2, b2 }. The check compares the loss and the *update*
 * (old − new)/lr = the gradient, block by block, so a wrong gradient cannot hide behind large weights.
 */
function checker(data) {
  const grads = (out) => KEYS.map((k) => Float64Array.from(data[k], (w, i) => (w - out[k][i]) / LR));
  return (out, ref) => {
    const l = compare([out.loss], [ref.loss], { rtol: 1e-4, atol: 1e-6 });
    if (!l.ok) return { ok: false, detail: `loss ${l.detail}` };
    const go = grads(out);
    const gr = grads(ref);
    const details = [];
    for (let i = 0; i < KEYS.length; i++) {
      const v = compare(go[i], gr[i], { rtol: 2e-3, atol: 1e-6, scaled: true });
      if (!v.ok) return { ok: false, detail: `∇${KEYS[i]} ${v.detail}` };
      details.push(v.detail);
    }
    return { ok: true, detail: details.join(", ") };
  };
}

/** Forward + hand-derived backward in numjit eager ops (works before autodiff exists). */
function manualStep(np, nn, p, x, y) {
  const z1 = np.add(np.matmul(x, p.W1), p.b1);
  const h = nn.relu(z1);
  const logits = np.add(np.matmul(h, p.W2), p.b2);
  const lsm = nn.logSoftmax(logits, -1);
  const loss = np.mean(np.negative(np.sum(np.multiply(y, lsm), -1)));
  const dlogits = np.divide(np.subtract(np.exp(lsm), y), B);
  const dh = np.multiply(np.matmul(dlogits, np.transpose(p.W2)), np.greater(z1, 0));
  const g = {
    W1: np.matmul(np.transpose(x), dh),
    b1: np.sum(dh, 0),
    W2: np.matmul(np.transpose(h), dlogits),
    b2: np.sum(dlogits, 0),
  };
  const params = {};
  for (const k of KEYS) params[k] = np.subtract(p[k], np.multiply(LR, g[k]));
  return { loss, params };
}

const readNumjit = (r) => ({ loss: r.loss.item(), ...Object.fromEntries(KEYS.map((k) => [k, r.params[k].toTypedArray()])) });

export function cases(ctx) {
  const data = makeData();
  const { numjit } = ctx;
  const gradMissing = numjit.gradNote || undefined;
  const inputs = (np) => [
    { W1: np.reshape(np.array(data.W1), [D, H]), b1: np.array(data.b1), W2: np.reshape(np.array(data.W2), [H, K]), b2: np.array(data.b2) },
    np.reshape(np.array(data.x), [B, D]),
    np.reshape(np.array(data.y), [B, K]),
  ];
  /** numjit valueAndGrad step, eager or under jit(step, { backend }). */
  const gradImpl = (backend) => ({
    lib: backend ? `numjit jit(valueAndGrad), ${backend}` : "numjit eager valueAndGrad",
    group: "numjit",
    reference: !backend,
    skip: gradMissing,
    setup: async () => {
      const { np, nn, rt } = numjit;
      const vg = rt.valueAndGrad((p, x, y) => {
        const h = nn.relu(np.add(np.matmul(x, p.W1), p.b1));
        const logits = np.add(np.matmul(h, p.W2), p.b2);
        return np.mean(np.negative(np.sum(np.multiply(y, nn.logSoftmax(logits, -1)), -1)));
      });
      const eagerStep = (p, x, y) => {
        const [loss, g] = vg(p, x, y);
        const params = {};
        for (const k of KEYS) params[k] = np.subtract(p[k], np.multiply(LR, g[k]));
        return { loss, params };
      };
      const step = backend ? rt.jit(eagerStep, { backend }) : eagerStep;
      const args = inputs(np);
      return { run: () => step(...args), output: () => readNumjit(step(...args)) };
    },
  });
  const grad = gradImpl(undefined);
  const manual = {
    lib: "numjit eager, manual backward",
    group: "numjit",
    fallbackReference: true,
    setup: async () => {
      const { np, nn } = numjit;
      const args = inputs(np);
      return { run: () => manualStep(np, nn, ...args), output: () => readNumjit(manualStep(np, nn, ...args)) };
    },
  };
  const tfLoss = (tf, x, y) => (W1, b1, W2, b2) => {
    const h = tf.relu(tf.add(tf.matMul(x, W1), b1));
    const logits = tf.add(tf.matMul(h, W2), b2);
    return tf.mean(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)), -1)));
  };
  const tfImpl = (backend) =>
    tfjsImpl(ctx, backend, {
      inputs: (tf) => [
        tf.tensor2d(data.W1, [D, H]),
        tf.tensor1d(data.b1),
        tf.tensor2d(data.W2, [H, K]),
        tf.tensor1d(data.b2),
        tf.tensor2d(data.x, [B, D]),
        tf.tensor2d(data.y, [B, K]),
      ],
      op: (tf, W1, b1, W2, b2, x, y) => {
        const params = [W1, b1, W2, b2];
        const { value, grads } = tf.valueAndGrads(tfLoss(tf, x, y))(params);
        return [value, ...params.map((p, i) => tf.sub(p, tf.mul(LR, grads[i])))];
      },
      read: (r) => ({ loss: r[0].dataSync()[0], ...Object.fromEntries(KEYS.map((k, i) => [k, Float32Array.from(r[i + 1].dataSync())])) }),
    });
  const jaxLoss =
    ({ numpy: np, nn }) =>
    (p, x, y) => {
      const h = nn.relu(np.add(np.matmul(x, p.W1), p.b1));
      const logits = np.add(np.matmul(h, p.W2), p.b2);
      return np.mean(np.negative(np.sum(np.multiply(y, nn.logSoftmax(logits, -1)), -1)));
    };
  return [
    {
      workload: id,
      name: "784-256-10, batch 128",
      unit: "ms",
      better: "lower",
      perCall: (ns) => ns / 1e6,
      check: checker(data),
      impls: [
        grad,
        manual,
        ...numjitImpls(ctx, {
          threads: true,
          kernel: "mlp",
          exportName: "sgdStepJit",
          inputs,
          read: readNumjit,
          only: ["jit", "jit-1t", "precompiled"],
          requires: gradMissing,
        }).map((impl) => ({
          ...impl,
          lib: impl.lib.replace("numjit jit", "numjit jit(valueAndGrad)").replace("precompiled", "precompiled jit(valueAndGrad)"),
        })),
        gradImpl("wasm"),
        gradImpl("js"),
        tfImpl("cpu"),
        tfImpl("wasm"),
        jaxXlaImpl(ctx, {
          fn: "mlp_step",
          inputs: () => [
            [data.W1, [D, H]],
            [data.b1, [H]],
            [data.W2, [H, K]],
            [data.b2, [K]],
            [data.x, [B, D]],
            [data.y, [B, K]],
          ],
          read: (f) => {
            const out = { loss: f[0] };
            let at = 1;
            for (const [k, n] of [
              ["W1", D * H],
              ["b1", H],
              ["W2", H * K],
              ["b2", K],
            ]) {
              out[k] = f.slice(at, at + n);
              at += n;
            }
            return out;
          },
        }),
        ...jaxImpls(ctx, {
          inputs: (np) => [
            {
              W1: np.array(data.W1, { shape: [D, H] }),
              b1: np.array(data.b1),
              W2: np.array(data.W2, { shape: [H, K] }),
              b2: np.array(data.b2),
            },
            np.array(data.x, { shape: [B, D] }),
            np.array(data.y, { shape: [B, K] }),
          ],
          op: (jax, p, x, y) => {
            const np = jax.numpy;
            const [loss, g] = jax.valueAndGrad(jaxLoss(jax))(jax.tree.ref(p), x, y);
            return [loss, jax.tree.map((w, gw) => np.subtract(w, np.multiply(LR, gw)), p, g)];
          },
          read: async ([loss, p]) => ({
            loss: (await loss.data())[0],
            ...Object.fromEntries(await Promise.all(KEYS.map(async (k) => [k, Float32Array.from(await p[k].data())]))),
          }),
        }).map((impl) => ({
          ...impl,
          lib: impl.lib.replace(/ (eager|jit)$/, (m) => (m === " jit" ? " jit(valueAndGrad)" : " valueAndGrad")),
        })),
        handImpl(() => {
          const p = { W1: data.W1.slice(), b1: data.b1.slice(), W2: data.W2.slice(), b2: data.b2.slice() };
          const x = data.x.slice();
          const y = data.y.slice();
          const read = (r) => ({ loss: r.loss, ...r.params });
          return { run: () => handStep(p, x, y), output: () => read(handStep(p, x, y)) };
        }, "forward + backward loops (i-k-j matmuls, no transposes materialized)"),
      ],
    },
  ];
}

/** What a careful programmer writes without a library: explicit loops, float32 storage. */
function handStep(p, x, y) {
  const { W1, b1, W2, b2 } = p;
  // forward: z1 = x W1 + b1, h = relu(z1), logits = h W2 + b2
  const h = new Float32Array(B * H);
  for (let i = 0; i < B; i++) {
    const hi = i * H;
    for (let j = 0; j < H; j++) h[hi + j] = b1[j];
    for (let k = 0; k < D; k++) {
      const xik = x[i * D + k];
      if (xik === 0) continue;
      const wk = k * H;
      for (let j = 0; j < H; j++) h[hi + j] += xik * W1[wk + j];
    }
    for (let j = 0; j < H; j++) if (h[hi + j] < 0) h[hi + j] = 0;
  }
  const dlog = new Float32Array(B * K);
  let loss = 0;
  for (let i = 0; i < B; i++) {
    const li = i * K;
    for (let c = 0; c < K; c++) {
      let s = b2[c];
      for (let j = 0; j < H; j++) s += h[i * H + j] * W2[j * K + c];
      dlog[li + c] = s;
    }
    let m = -Infinity;
    for (let c = 0; c < K; c++) m = Math.max(m, dlog[li + c]);
    let se = 0;
    for (let c = 0; c < K; c++) se += Math.exp(dlog[li + c] - m);
    const lse = m + Math.log(se);
    for (let c = 0; c < K; c++) {
      const logp = dlog[li + c] - lse;
      loss -= y[li + c] * logp;
      dlog[li + c] = (Math.exp(logp) - y[li + c]) / B;
    }
  }
  loss /= B;
  // backward: dW2 = hᵀ dlog, db2 = Σ dlog, dh = (dlog W2ᵀ) ⊙ [z1 > 0], dW1 = xᵀ dh, db1 = Σ dh
  const dW2 = new Float32Array(H * K);
  const db2 = new Float32Array(K);
  const dh = new Float32Array(B * H);
  for (let i = 0; i < B; i++) {
    for (let c = 0; c < K; c++) {
      const g = dlog[i * K + c];
      db2[c] += g;
      for (let j = 0; j < H; j++) dW2[j * K + c] += h[i * H + j] * g;
    }
    for (let j = 0; j < H; j++) {
      if (h[i * H + j] <= 0) continue;
      let s = 0;
      for (let c = 0; c < K; c++) s += dlog[i * K + c] * W2[j * K + c];
      dh[i * H + j] = s;
    }
  }
  const dW1 = new Float32Array(D * H);
  const db1 = new Float32Array(H);
  for (let i = 0; i < B; i++) {
    const hi = i * H;
    for (let j = 0; j < H; j++) db1[j] += dh[hi + j];
    for (let k = 0; k < D; k++) {
      const xik = x[i * D + k];
      if (xik === 0) continue;
      const wk = k * H;
      for (let j = 0; j < H; j++) dW1[wk + j] += xik * dh[hi + j];
    }
  }
  const upd = (w, g) => {
    const out = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) out[i] = w[i] - LR * g[i];
    return out;
  };
  return { loss, params: { W1: upd(W1, dW1), b1: upd(b1, db1), W2: upd(W2, dW2), b2: upd(b2, db2) } };
}
