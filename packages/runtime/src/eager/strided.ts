// Strided iteration helpers shared by the eager kernels.
import { allocate, type TypedArray } from "../dtype.js";
import { NDArray, copyStrided } from "../ndarray.js";
import { contiguousStrides } from "../shape.js";

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
  const shape = dst.shape;
  const nd = shape.length;
  if (dst.size === 0) return;
  if (nd === 0) {
    dst.data[dst.offset] = src.data[src.offset];
    return;
  }
  const ds = dst.strides, ss = src.strides, dd = dst.data, sd = src.data;
  const last = nd - 1, inner = shape[last], dis = ds[last], sis = ss[last];
  const idx = new Array<number>(nd).fill(0);
  let dbase = dst.offset, sbase = src.offset;
  for (;;) {
    for (let i = 0, p = dbase, q = sbase; i < inner; i++, p += dis, q += sis) dd[p] = sd[q];
    let d = last - 1;
    for (; d >= 0; d--) {
      idx[d]++;
      dbase += ds[d];
      sbase += ss[d];
      if (idx[d] < shape[d]) break;
      dbase -= ds[d] * shape[d];
      sbase -= ss[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

export function fromDense(data: TypedArray, shape: number[], x: { dtype: NDArray["dtype"]; weakType: boolean }): NDArray {
  return new NDArray(data, shape, x.dtype, contiguousStrides(shape), 0, x.weakType);
}
