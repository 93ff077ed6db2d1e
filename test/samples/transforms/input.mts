// jit(grad(f)), jit(valueAndGrad(f)), jit(vmap(f)): the transformations run at build time too.
import { numpy as np, jit, grad, valueAndGrad, vmap } from "@numjit/runtime";

/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
function loss(w: np.NDArray, x: np.NDArray, y: np.NDArray) {
  return np.mean(np.square(np.subtract(np.matmul(x, w), y)));
}

/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
export const dloss = jit(grad(loss));
/** @numjit w: f32[3], x: f32[N, 3], y: f32[N] */
export const both = jit(valueAndGrad(loss));

const dot = (a: np.NDArray, b: np.NDArray) => np.sum(np.multiply(a, b));
/** @numjit a: f32[B, 4], b: f32[B, 4] */
export const batchedDot = jit(vmap(dot));
/** @numjit x: f32[N] */
export const dsin = jit(grad((x: np.NDArray) => np.sum(np.sin(x))));
