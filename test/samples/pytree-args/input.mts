// Pytree arguments and results: objects and tuples of arrays.
import { numpy as np, nn, jit } from "@numjit/runtime";

/** @numjit params: { w: f32[4, 2], b: f32[2] }, x: f32[B, 4] */
export const predict = jit((params: { w: np.NDArray; b: np.NDArray }, x: np.NDArray) => nn.sigmoid(np.add(np.matmul(x, params.w), params.b)));

// destructured parameters are objects / tuples of arrays; elementwise code is rank-polymorphic
export const stats = jit(([a, b]: [np.NDArray, np.NDArray]) => ({ sum: np.add(a, b), diff: np.subtract(a, b) }));

// unannotated and untyped: `params.w` / `params.b` make params an object of arrays; the call gives the ranks
export const linear = jit((params, x) => np.add(np.matmul(x, params.w), params.b));
export const y0 = linear({ w: np.ones([4, 2]), b: np.zeros([2]) }, np.ones([3, 4]));
