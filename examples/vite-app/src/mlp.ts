// The training demo's model: one SGD step of a 784-256-10 relu MLP with softmax cross-entropy on a seeded,
// MNIST-sized toy task (Gaussian clusters). The page runs it in a Web Worker with the worker pool
// (train-worker.ts) and on its own main thread (one thread), from the same seeded start, and compares.
// Its two 128x784x256 products are large enough (2^25 multiply-adds) for the pool to split them.
import { numpy as np, nn, jit, valueAndGrad } from "@numjit/runtime";

type A = np.NDArray;

export interface Params {
  w1: A;
  b1: A;
  w2: A;
  b2: A;
}

export const SIZES = { inputs: 784, hidden: 256, classes: 10, batch: 128 } as const;
const LR = 0.05;

function loss(p: Params, x: A, y: A): A {
  const h = nn.relu(np.add(np.matmul(x, p.w1), p.b1));
  const logits = np.add(np.matmul(h, p.w2), p.b2);
  return np.mean(np.negative(np.sum(np.multiply(y, nn.logSoftmax(logits, -1)), -1)));
}

/**
 * One SGD step: the loss before it and the new parameters (`y` is one-hot).
 * @numjit p: { w1: f32[I, H], b1: f32[H], w2: f32[H, O], b2: f32[O] }, x: f32[B, I], y: f32[B, O]
 */
export function sgdStep(p: Params, x: A, y: A) {
  const [l, g] = valueAndGrad(loss)(p, x, y);
  return {
    loss: l,
    params: {
      w1: np.subtract(p.w1, np.multiply(LR, g.w1)),
      b1: np.subtract(p.b1, np.multiply(LR, g.b1)),
      w2: np.subtract(p.w2, np.multiply(LR, g.w2)),
      b2: np.subtract(p.b2, np.multiply(LR, g.b2)),
    },
  };
}

export const sgdStepJit = jit(sgdStep);

/** A seeded standard normal sampler (mulberry32 + Box-Muller): the same numbers on every thread. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** The initial parameters and `batches` batches of the toy task (example i is of class i mod 10). */
export function makeProblem(batches: number): { params: Params; xs: A[]; ys: A[] } {
  const { inputs, hidden, classes, batch } = SIZES;
  const normal = normals(1234);
  const protos = Float32Array.from({ length: classes * inputs }, () => 0.15 * normal());
  const xs: A[] = [],
    ys: A[] = [];
  for (let b = 0; b < batches; b++) {
    const x = new Float32Array(batch * inputs),
      y = new Float32Array(batch * classes);
    for (let i = 0; i < batch; i++) {
      const c = (b * batch + i) % classes;
      y[i * classes + c] = 1;
      for (let j = 0; j < inputs; j++) x[i * inputs + j] = protos[c * inputs + j]! + normal();
    }
    xs.push(np.array(x).reshape([batch, inputs]));
    ys.push(np.array(y).reshape([batch, classes]));
  }
  const init = normals(42);
  const randn = (rows: number, cols: number, scale: number): A =>
    np.array(Float32Array.from({ length: rows * cols }, () => init() * scale)).reshape([rows, cols]);
  const params = {
    w1: randn(inputs, hidden, Math.sqrt(2 / inputs)),
    b1: np.zeros([hidden]),
    w2: randn(hidden, classes, Math.sqrt(2 / hidden)),
    b2: np.zeros([classes]),
  };
  return { params, xs, ys };
}

export interface TrainResult {
  /** The loss before each step. */
  losses: number[];
  /** Wall time of each step, ms. */
  ms: number[];
  /** Sum of |w1| + |w2| after the last step: a fingerprint of the final parameters. */
  checksum: number;
}

/** `steps` SGD steps from the seeded start; `onStep` runs after each (the page yields to its event loop there). */
export async function train(steps: number, onStep?: (step: number, loss: number, ms: number) => unknown): Promise<TrainResult> {
  const { params, xs, ys } = makeProblem(4);
  let p = params;
  const losses: number[] = [],
    ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const r = sgdStepJit(p, xs[i % xs.length]!, ys[i % ys.length]!);
    const loss = r.loss.item() as number;
    const dt = performance.now() - t0;
    losses.push(loss);
    ms.push(dt);
    p = r.params;
    await onStep?.(i, loss, dt);
  }
  const checksum = (np.sum(np.abs(p.w1)).item() as number) + (np.sum(np.abs(p.w2)).item() as number);
  return { losses, ms, checksum };
}
