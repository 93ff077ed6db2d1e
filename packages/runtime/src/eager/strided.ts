// Strided iteration helpers shared by the eager kernels.
import { allocate, type TypedArray } from "../dtype.js";
import { NDArray, copyStrided } from "../ndarray.js";
import { contiguousStrides, copyStridedInto } from "../shape.js";

/** Dense data of x (its own buffer when already contiguous) and the offset to read from. */
export function dense(x: NDArray): [TypedArray, number] {
  if (x.isContiguous) return [x.data, x.offset];
  const out = allocate(x.dtype, x.size);
  copyStrided(x, out);
  return [out, 0];
}

/** True when every stride is 0: a broadcast scalar. */
export function isBroadcastScalar(x: NDArray): boolean {
  const st = x.strides;
  for (let i = 0; i < st.length; i++) if (st[i] !== 0 && x.shape[i] !== 1) return false;
  return true;
}

/** dst[...] = src[...] elementwise over equal shapes, any strides on both sides. */
export function assign(dst: NDArray, src: NDArray): void {
  copyStridedInto(dst.shape, dst.data, dst.offset, dst.strides, src.data, src.offset, src.strides);
}

export function fromDense(data: TypedArray, shape: readonly number[], x: { dtype: NDArray["dtype"]; weakType: boolean }): NDArray {
  return new NDArray(data, shape, x.dtype, contiguousStrides(shape), 0, x.weakType);
}
