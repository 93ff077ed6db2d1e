// W3: softmax over the last axis.
import { jit, nn, type NDArray } from "@numjit/runtime";

/** @numjit x: f32[B, N] */
export const softmax = jit((x: NDArray) => nn.softmax(x, -1));
