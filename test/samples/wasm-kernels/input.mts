// Kernels with a WebAssembly form (float32 elementwise, float32 reductions) ship as one wasm module for
// the whole module, inline as base64 (one record shared by every function); the others (a matmul, an
// int32 chain) keep only their JS kernel. Each plan lists its kernels' wasm exports and sizes.
import { numpy as np, jit, nn } from "@numjit/runtime";

/** @numjit x: f32[N], y: f32[N] */
export const chain = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));

/** @numjit x: f32[B, 5000] */
export const rowSoftmax = jit((x: np.NDArray) => nn.softmax(x, -1));

/** @numjit a: f32[N, K], b: f32[K, M] */
export const project = jit((a: np.NDArray, b: np.NDArray) => nn.relu(np.matmul(a, b)));

/** @numjit ids: i32[N] */
export const ints = jit((ids: np.NDArray) => np.add(np.multiply(ids, 3), 1));
