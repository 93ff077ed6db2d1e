// Eager kernel of top_k (core/multi-primitives.ts): per row of the last axis, the k largest entries and their
// int32 indices, largest first, NaN largest, ties in index order (a stable descending sort, as XLA's TopK).
import { allocate } from "../dtype.js";
import { NDArray } from "../ndarray.js";
import { sizeOf } from "../shape.js";
import { multiShapeRules } from "../core/multi-primitives.js";
import { multiImpls } from "../core/trace.js";
import { dense } from "./strided.js";

multiImpls.top_k = (inputs, params) => {
  const [x] = inputs as [NDArray];
  const [vs, is] = multiShapeRules.top_k(inputs, params).map((a) => a.shape as number[]) as [number[], number[]];
  const { k } = params;
  const n = x.shape[x.ndim - 1]!;
  const [d, off] = dense(x);
  const values = allocate(x.dtype, sizeOf(vs)),
    indices = new Int32Array(sizeOf(is));
  const order = Array.from({ length: n }, (_, i) => i);
  // descending with NaN first; Array.prototype.sort is stable, so equal values keep index order
  const before = (a: number, b: number) =>
    Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a > b ? -1 : a < b ? 1 : 0;
  for (let r = 0, rows = n ? sizeOf(x.shape) / n : 0; r < rows; r++) {
    const base = off + r * n;
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((i, j) => before(d[base + i] as number, d[base + j] as number));
    for (let i = 0; i < k; i++) {
      values[r * k + i] = d[base + order[i]!]!;
      indices[r * k + i] = order[i]!;
    }
  }
  return [new NDArray(values, vs, x.dtype, undefined, 0, x.weakType), new NDArray(indices, is, "int32")];
};
