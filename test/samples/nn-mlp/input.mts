// A two-layer MLP forward pass with typed shapes: matmul + bias + relu fuse into the dot kernel.
import { numpy as np, nn, jit } from "@numjit/runtime";

/**
 * @numjit x: f32[B, 4], w1: f32[4, H], b1: f32[H], w2: f32[H, 3], b2: f32[3]
 */
export const mlp = jit((x: np.NDArray, w1: np.NDArray, b1: np.NDArray, w2: np.NDArray, b2: np.NDArray) => {
  const h = nn.relu(np.add(np.matmul(x, w1), b1));
  return nn.logSoftmax(np.add(np.matmul(h, w2), b2), -1);
});

// Unannotated: ranks from the call below; the matmul and the broadcast unify the fresh symbols of x, w and b.
export const layer = jit((x: np.NDArray, w: np.NDArray, b: np.NDArray) => nn.relu(x.matmul(w).add(b)));
export const out = layer(np.zeros([2, 4]), np.ones([4, 5]), np.zeros([5]));
