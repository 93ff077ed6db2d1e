// The numpy namespace: `import { numpy as np } from "@numjit/runtime"`.
export * from "./creation.js";
export * from "./elementwise.js";
export * from "./reductions.js";
export * from "./shape-ops.js";
export * from "./indexing.js";
export * from "./linalg.js";
export * from "./sorting.js";
export { unique } from "./unique.js";
export * from "./arrays.js";
export * from "./statistics.js";
export * from "./polynomial.js";
export * from "./math-extras.js";
export * as linalg from "./linalg-module.js";
export * as fft from "./fft.js";
export { convolve, correlate } from "./conv.js";
export { array, asarray } from "./util.js";
export { NDArray } from "../ndarray.js";
export type { ArrayLike } from "../ndarray.js";
export { float32, float64, int32, uint32, bool, promoteTypes } from "../dtype.js";
export type { DType } from "../dtype.js";
import { resultType as rt, type DType } from "../dtype.js";
import type { NDArray as A } from "../ndarray.js";
/** Result dtype of combining arrays/scalars, on JAX's lattice with weak JS scalars. */
export function resultType(...xs: (A | number | boolean | DType)[]): DType {
  let dt: DType | undefined,
    weak = true;
  for (const x of xs) {
    const [d, w]: [DType, boolean] =
      typeof x === "string"
        ? [x, false]
        : typeof x === "boolean"
          ? ["bool", true]
          : typeof x === "number"
            ? [Number.isInteger(x) ? "int32" : "float32", true]
            : [x.dtype, x.weakType];
    if (dt === undefined) [dt, weak] = [d, w];
    else [dt, weak] = rt(dt, weak, d, w);
  }
  return dt ?? "float32";
}
export const newaxis = null;
export const pi = Math.PI;
export const e = Math.E;
export const inf = Infinity;
export const nan = NaN;
export * from "./extras.js";
export * from "./apply.js";
export * from "./manipulation.js";
export * from "./selection.js";
export * from "./set-ops.js";
export * from "./index-helpers.js";
export * from "./ufunc-extras.js";
export * from "./real-complex.js";
export * from "./gradient.js";
export { histogramBinEdges, histogram2d, histogramdd } from "./histograms.js";
export { roots } from "./poly-roots.js";
export { vectorize } from "./vectorize.js";
export type { VectorizeOptions } from "./vectorize.js";
export { einsumPath } from "./einsum-path.js";
export { array2string, arrayRepr, arrayStr, getPrintoptions, printoptions, setPrintoptions } from "./printing.js";
export type { Array2StringOptions, PrintOptions } from "./printing.js";
