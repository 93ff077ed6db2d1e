// W5: one SGD step of a 784-256-10 MLP with softmax cross-entropy, as a pure function params -> params.
import { jit, valueAndGrad, numpy as np, nn, type NDArray } from "@numjit/runtime";

export interface Params {
  W1: NDArray;
  b1: NDArray;
  W2: NDArray;
  b2: NDArray;
}

export const LR = 0.1;

export function loss(p: Params, x: NDArray, y: NDArray): NDArray {
  const h = nn.relu(np.add(np.matmul(x, p.W1), p.b1));
  const logits = np.add(np.matmul(h, p.W2), p.b2);
  return np.mean(np.negative(np.sum(np.multiply(y, nn.logSoftmax(logits, -1)), -1)));
}

export function sgdStep(p: Params, x: NDArray, y: NDArray) {
  const [l, g] = valueAndGrad(loss)(p, x, y);
  return {
    loss: l,
    params: {
      W1: np.subtract(p.W1, np.multiply(LR, g.W1)),
      b1: np.subtract(p.b1, np.multiply(LR, g.b1)),
      W2: np.subtract(p.W2, np.multiply(LR, g.W2)),
      b2: np.subtract(p.b2, np.multiply(LR, g.b2)),
    },
  };
}

/** @numjit p: { W1: f32[I, H], b1: f32[H], W2: f32[H, O], b2: f32[O] }, x: f32[B, I], y: f32[B, O] */
export const sgdStepJit = jit(sgdStep);
