// Eager kernels: one implementation per primitive, run immediately by `bind` when nothing is
// being traced. Output avals come from the shared shape rules.
import { allocate, type DType, type TypedArray } from "../dtype.js";
import { parallelError, shapeError } from "../errors.js";
import { NDArray, scalarArray } from "../ndarray.js";
import { contiguousStrides, sizeOf } from "../shape.js";
import { BINARY_OPS, COLLECTIVE_OPS, COMPARE_OPS, CUMULATIVE_OPS, REDUCE_OPS, UNARY_OPS } from "../core/primitives.js";
import { shapeRules } from "../core/shape-rules.js";
import { impls, type Aval } from "../core/trace.js";
import { binaryLoops, unaryLoops } from "./generated-kernels.js";
import { assign, dense, fromDense, isBroadcastScalar } from "./strided.js";
import { f2i, f2u } from "../codegen/helpers.js";
import { helpers } from "../codegen/helpers.js";
import { reduceLayout as collapsedReduce } from "../codegen/layout.js";
import { cumulativeKernels, dotKernels, reduceKernels } from "./generated-ir-kernels.js";
import "./threefry-kernel.js";

function alloc(o: Aval): NDArray {
  const n = sizeOf(o.shape);
  return new NDArray(allocate(o.dtype, n), o.shape, o.dtype, undefined, 0, o.weakType, n);
}

function view(x: NDArray, shape: readonly number[], strides: readonly number[], offset: number, o?: Aval): NDArray {
  return new NDArray(x.data, shape, o ? o.dtype : x.dtype, strides, offset, o ? o.weakType : x.weakType);
}

for (const op of UNARY_OPS) {
  const loops = unaryLoops[op]!;
  const rule = shapeRules[op];
  impls[op] = (inputs, params) => {
    const x = inputs[0]!;
    const o = rule(inputs, params);
    const loop = loops[x.dtype]!;
    const out = alloc(o);
    const [d, off] = dense(x);
    loop(d, off, out.data, out.size);
    return out;
  };
}

for (const op of [...BINARY_OPS, ...COMPARE_OPS]) {
  const loops = binaryLoops[op]!;
  const rule = shapeRules[op];
  impls[op] = (inputs, params) => {
    const a = inputs[0]!,
      b = inputs[1]!;
    const o = rule(inputs, params as never);
    const l = loops[a.dtype]!;
    const out = alloc(o);
    const n = out.size;
    if (n === 0) return out;
    const ac = a.isContiguous,
      bc = b.isContiguous;
    if (ac && bc) l[0](a.data, a.offset, b.data, b.offset, out.data, n);
    else if (ac && isBroadcastScalar(b)) l[1](a.data, a.offset, b.data[b.offset]!, out.data, n);
    else if (bc && isBroadcastScalar(a)) l[2](b.data, b.offset, a.data[a.offset]!, out.data, n);
    else {
      const [ad, ao] = dense(a),
        [bd, bo] = dense(b);
      l[0](ad, ao, bd, bo, out.data, n);
    }
    return out;
  };
}

impls.select = (inputs) => {
  const o = shapeRules.select(inputs, {});
  const out = alloc(o);
  const [p, po] = dense(inputs[0]!),
    [a, ao] = dense(inputs[1]!),
    [b, bo] = dense(inputs[2]!);
  const od = out.data;
  for (let i = 0; i < od.length; i++) od[i] = p[po + i]! ? a[ao + i]! : b[bo + i]!;
  return out;
};

impls.convert_element_type = (inputs, params) => {
  const x = inputs[0]!;
  const o = shapeRules.convert_element_type(inputs, params);
  if (x.dtype === o.dtype) return view(x, x.shape, x.strides, x.offset, o);
  const out = alloc(o);
  const [d, off] = dense(x);
  convertInto(d, off, x.dtype, out.data, o.dtype, out.size);
  return out;
};

export function convertInto(src: TypedArray, off: number, from: DType, dst: TypedArray, to: DType, n: number): void {
  if (to === "bool") {
    for (let i = 0; i < n; i++) dst[i] = src[off + i] !== 0 ? 1 : 0;
  } else if (to === "int32" && (from === "float32" || from === "float64")) {
    // truncate toward zero, saturating out-of-range values and infinities, NaN -> 0 (JAX on CPU)
    for (let i = 0; i < n; i++) dst[i] = f2i(src[off + i]!);
  } else if (to === "uint32" && (from === "float32" || from === "float64")) {
    for (let i = 0; i < n; i++) dst[i] = f2u(src[off + i]!);
  } else {
    // typed-array stores convert integers modulo 2^32 (int32 <-> uint32, as NumPy's astype) and round to float32
    dst.set(off === 0 && src.length === n ? src : src.subarray(off, off + n));
  }
}

// ---- reductions -------------------------------------------------------------

/** Split x's axes into kept (outer) and reduced (inner) groups for odometer iteration. */
function reduceLayout(x: NDArray, axes: number[]) {
  const kept: number[] = [],
    red: number[] = [];
  for (let i = 0; i < x.shape.length; i++) (axes.includes(i) ? red : kept).push(i);
  return {
    kShape: kept.map((i) => x.shape[i]!),
    kStr: kept.map((i) => x.strides[i]!),
    rShape: red.map((i) => x.shape[i]!),
    rStr: red.map((i) => x.strides[i]!),
  };
}

/** Calls visit(base offset) for every index of (shape, strides) starting at `start`. */
function odometer(shape: number[], strides: number[], start: number, visit: (off: number) => void): void {
  const nd = shape.length;
  if (sizeOf(shape) === 0) return;
  const idx = new Array<number>(nd).fill(0);
  let off = start;
  for (;;) {
    visit(off);
    let d = nd - 1;
    for (; d >= 0; d--) {
      idx[d]!++;
      off += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

// emitted from the kernel IR with the jit's reduce emitter (scripts/gen-ir-kernels.mjs)
for (const op of REDUCE_OPS) {
  const rule = shapeRules[op];
  impls[op] = (inputs, params) => {
    const x = inputs[0]!;
    const o = rule(inputs, params);
    const out = alloc(o);
    const L = collapsedReduce(x.shape, params.axes, [x.strides]);
    reduceKernels[op]![o.dtype]!(helpers, out.data, L.kshape, L.rshape, L.mode, x.data, x.offset, L.kst[0]!, L.rst[0]!, []);
    return out;
  };
}

function argKernel(isMax: boolean) {
  return (inputs: NDArray[], params: { axis: number }): NDArray => {
    const x = inputs[0]!;
    const o = shapeRules[isMax ? "argmax" : "argmin"](inputs, params);
    const out = alloc(o);
    const od = out.data,
      xd = x.data;
    const { kShape, kStr } = reduceLayout(x, [params.axis]);
    const n = x.shape[params.axis]!,
      s = x.strides[params.axis]!;
    let k = 0;
    odometer(kShape, kStr, x.offset, (base) => {
      let best = xd[base]!,
        bi = 0;
      if (best === best) {
        for (let i = 1, p = base + s; i < n; i++, p += s) {
          const v = xd[p]!;
          if (v !== v) {
            bi = i;
            break;
          }
          if (isMax ? v > best : v < best) {
            best = v;
            bi = i;
          }
        }
      }
      od[k++] = bi;
    });
    return out;
  };
}
impls.argmax = argKernel(true);
impls.argmin = argKernel(false);

/** NumPy's sort order: NaN after everything, so also after +inf. */
const before = (a: number, b: number): boolean => a < b || (a === a && b !== b);

/**
 * Stable argsort of keys[0..n): insertion-sorted runs of 32, then bottom-up merges that take from the left
 * run unless the right key is strictly before (ties keep index order). Returns the permutation.
 */
function stableArgsort(keys: Float64Array, n: number): Int32Array {
  let src = new Int32Array(n),
    dst = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  const RUN = 32;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = src[i]!,
        k = keys[v]!;
      let j = i - 1;
      while (j >= lo && before(k, keys[src[j]!]!)) {
        src[j + 1] = src[j]!;
        j--;
      }
      src[j + 1] = v;
    }
  }
  for (let w = RUN; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n),
        hi = Math.min(lo + 2 * w, n);
      let i = lo,
        j = mid,
        o = lo;
      while (i < mid && j < hi) dst[o++] = before(keys[src[j]!]!, keys[src[i]!]!) ? src[j++]! : src[i++]!;
      while (i < mid) dst[o++] = src[i++]!;
      while (j < hi) dst[o++] = src[j++]!;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

impls.argsort = (inputs, params) => {
  const x = inputs[0]!;
  const out = alloc(shapeRules.argsort(inputs, params));
  const { axis } = params;
  const n = x.shape[axis]!,
    s = x.strides[axis]!,
    os = out.strides[axis]!;
  const { kShape, kStr } = reduceLayout(x, [axis]);
  const okStr = out.strides.filter((_, i) => i !== axis);
  const bases: number[] = [];
  odometer(kShape, okStr, 0, (b) => bases.push(b));
  const xd = x.data,
    od = out.data;
  const keys = new Float64Array(n);
  let k = 0;
  odometer(kShape, kStr, x.offset, (base) => {
    for (let i = 0; i < n; i++) keys[i] = xd[base + i * s]!;
    const idx = stableArgsort(keys, n);
    const ob = bases[k++]!;
    for (let i = 0; i < n; i++) od[ob + i * os] = idx[i]!;
  });
  return out;
};

// scans emitted from the kernel IR (scripts/gen-ir-kernels.mjs), with the reductions' accumulator semantics
for (const op of CUMULATIVE_OPS) {
  const rule = shapeRules[op];
  impls[op] = (inputs, params) => {
    const x = inputs[0]!;
    const o = rule(inputs, params);
    const out = alloc(o);
    const { axis, reverse } = params;
    const n = x.shape[axis]!;
    const kept = (s: readonly number[]) => s.filter((_, i) => i !== axis);
    let xo = x.offset,
      xs = x.strides[axis]!,
      oo = 0,
      os = out.strides[axis]!;
    if (reverse && n > 0) {
      // walk the axis backwards: start at its end with negated strides
      xo += (n - 1) * xs;
      oo += (n - 1) * os;
      xs = -xs;
      os = -os;
    }
    cumulativeKernels[op]![o.dtype]!(helpers, out.data, oo, kept(x.shape), n, x.data, xo, kept(x.strides), xs, kept(out.strides), os, []);
    return out;
  };
}

// ---- structural ops: views where NumPy's are views --------------------------

impls.broadcast_in_dim = (inputs, params) => {
  const x = inputs[0]!;
  const o = shapeRules.broadcast_in_dim(inputs, params);
  const strides = new Array<number>(o.shape.length).fill(0);
  params.broadcastDimensions.forEach((d, i) => {
    strides[d] = x.shape[i]! === 1 ? 0 : x.strides[i]!;
  });
  return view(x, o.shape, strides, x.offset);
};

impls.reshape = (inputs, params) => {
  const x = inputs[0]!;
  const o = shapeRules.reshape(inputs, params);
  if (x.isContiguous) return view(x, o.shape, contiguousStrides(o.shape), x.offset);
  const st = unitDimStrides(x, o.shape);
  if (st) return view(x, o.shape, st, x.offset);
  const [d] = dense(x);
  return fromDense(d, o.shape, x);
};

/** Strides for `shape` when it differs from x's only in size-1 dims, so the reshape stays a view (as in
 * NumPy): x.T.slice(0), squeeze and expandDims of strided views. */
function unitDimStrides(x: NDArray, shape: readonly number[]): number[] | null {
  const src: number[] = [];
  for (let i = 0; i < x.shape.length; i++) if (x.shape[i] !== 1) src.push(i);
  const out: number[] = [];
  let k = 0;
  for (const d of shape) {
    if (d === 1) {
      out.push(0);
      continue;
    }
    const i = src[k++];
    if (i === undefined || x.shape[i] !== d) return null;
    out.push(x.strides[i]!);
  }
  return k === src.length ? out : null;
}

impls.transpose = (inputs, params) => {
  const x = inputs[0]!;
  const o = shapeRules.transpose(inputs, params);
  return view(
    x,
    o.shape,
    params.perm.map((p) => x.strides[p]!),
    x.offset,
  );
};

impls.slice = (inputs, params) => {
  const x = inputs[0]!;
  const o = shapeRules.slice(inputs, params);
  let off = x.offset;
  params.starts.forEach((s, i) => (off += s * x.strides[i]!));
  return view(
    x,
    o.shape,
    x.strides.map((s, i) => s * params.strides[i]!),
    o.shape.some((d) => d === 0) ? x.offset : off,
  );
};

impls.rev = (inputs, params) => {
  const x = inputs[0]!;
  let off = x.offset;
  const strides = x.strides.slice();
  for (const a of params.axes) {
    if (x.shape[a]! > 0) off += (x.shape[a]! - 1) * strides[a]!;
    strides[a] = -strides[a]!;
  }
  return view(x, x.shape.slice(), strides, off);
};

impls.pad = (inputs, params) => {
  const [x, v] = inputs;
  const o = shapeRules.pad(inputs, params);
  const out = alloc(o);
  out.data.fill(v!.data[v!.offset]!);
  // source region (negative padding crops x) and its destination inside out
  let srcOff = x!.offset,
    dstOff = 0;
  const shape = x!.shape.map((d, i) => {
    const lo = params.lo[i]!,
      hi = params.hi[i]!;
    const start = lo < 0 ? -lo : 0;
    srcOff += start * x!.strides[i]!;
    if (lo > 0) dstOff += lo * out.strides[i]!;
    return Math.max(0, d - start - (hi < 0 ? -hi : 0));
  });
  if (sizeOf(shape) > 0) assign(view(out, shape, out.strides, dstOff), view(x!, shape, x!.strides, srcOff));
  return out;
};

impls.concatenate = (inputs, params) => {
  const o = shapeRules.concatenate(inputs, params);
  const out = alloc(o);
  let pos = 0;
  for (const x of inputs) {
    if (x.size > 0) assign(view(out, x.shape, out.strides, pos * out.strides[params.axis]!), x);
    pos += x.shape[params.axis]!;
  }
  return out;
};

impls.copy = (inputs) => {
  const x = inputs[0]!;
  const out = alloc(shapeRules.copy(inputs, {}));
  assign(out, x);
  return out;
};

impls.bitcast_convert_type = (inputs, params) => {
  const x = inputs[0]!;
  const [src, at] = dense(x);
  const out = alloc(shapeRules.bitcast_convert_type(inputs, params));
  const bytes = new Uint8Array(src.buffer, src.byteOffset + at * src.BYTES_PER_ELEMENT, x.size * src.BYTES_PER_ELEMENT);
  new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength).set(bytes);
  return out;
};

impls.iota = (inputs, params) => {
  const o = shapeRules.iota(inputs, params);
  const out = alloc(o);
  const st = out.strides,
    d = params.dimension,
    n = o.shape[d]!;
  const od = out.data;
  const inner = st[d]!;
  if (inner === 1 && n === od.length) for (let i = 0; i < n; i++) od[i] = i;
  // runs of `inner` equal values counting 0..n-1, repeated (no division per element)
  else for (let i = 0, v = 0; i < od.length; v = v + 1 === n ? 0 : v + 1) for (const end = i + inner; i < end; i++) od[i] = v;
  return out;
};

// a collective reaches an eager kernel only from a program run outside its axis (pmap and vmap handle them)
for (const op of COLLECTIVE_OPS)
  impls[op] = (_, { axisName }) => {
    throw parallelError.unboundAxis(op, axisName, []);
  };

impls.dim_value = (_, { dim, weakType }) => {
  // a symbolic dim reaches eager only from a jaxpr not instantiated at concrete sizes
  if (typeof dim !== "number") throw shapeError.dimArithmetic("dim_value", dim);
  return scalarArray(dim, "int32", weakType);
};

impls.gather = (inputs, params) => {
  const [x, idx] = inputs;
  const o = shapeRules.gather(inputs, params);
  const out = alloc(o);
  const { axis } = params;
  const P = sizeOf(x!.shape.slice(0, axis)),
    A = x!.shape[axis]!,
    Q = sizeOf(x!.shape.slice(axis + 1));
  const [xd, xo] = dense(x!),
    [id, io] = dense(idx!);
  const I = idx!.size,
    od = out.data;
  for (let i = 0; i < I; i++) {
    const j = id[io + i]!;
    if (j < -A || j >= A) throw shapeError.index("take", j, A, axis);
  }
  let k = 0;
  for (let p = 0; p < P; p++)
    for (let i = 0; i < I; i++) {
      let j = id[io + i]!;
      if (j < 0) j += A;
      const src = xo + (p * A + j) * Q;
      for (let q = 0; q < Q; q++) od[k++] = xd[src + q]!;
    }
  return out;
};

impls.scatter_add = (inputs, params) => {
  const [x, idx, u] = inputs;
  const out = alloc(shapeRules.scatter_add(inputs, params));
  const { axis } = params;
  const P = sizeOf(x!.shape.slice(0, axis)),
    A = x!.shape[axis]!,
    Q = sizeOf(x!.shape.slice(axis + 1));
  const [id, io] = dense(idx!),
    [ud, uo] = dense(u!);
  const I = idx!.size,
    od = out.data;
  for (let i = 0; i < I; i++) {
    const j = id[io + i]!;
    if (j < -A || j >= A) throw shapeError.index("scatter_add", j, A, axis);
  }
  assign(out, x!);
  let k = uo; // the typed array's store rounds (float32) or wraps (int32, uint32) each sum
  for (let p = 0; p < P; p++)
    for (let i = 0; i < I; i++) {
      let j = id[io + i]!;
      if (j < 0) j += A;
      const dst = (p * A + j) * Q;
      for (let q = 0; q < Q; q++) od[dst + q] = (od[dst + q] as number) + (ud[k++] as number);
    }
  return out;
};

impls.dot_general = (inputs, params) => {
  const [a, b] = inputs;
  const o = shapeRules.dot_general(inputs, params);
  const { lhsContract: lc, rhsContract: rc, lhsBatch: lb, rhsBatch: rb } = params;
  const lf = a!.shape.map((_, i) => i).filter((i) => !lc.includes(i) && !lb.includes(i));
  const rf = b!.shape.map((_, i) => i).filter((i) => !rc.includes(i) && !rb.includes(i));
  const B = sizeOf(lb.map((i) => a!.shape[i]!));
  const M = sizeOf(lf.map((i) => a!.shape[i]!));
  const N = sizeOf(rf.map((i) => b!.shape[i]!));
  const K = sizeOf(lc.map((i) => a!.shape[i]!));
  // a as [B, M, K] and b as [B, K, N], dense from their offsets (a contiguous view keeps its buffer)
  const [ad, ao] = dense(impls.transpose([a!], { perm: [...lb, ...lf, ...lc] }));
  const [bd, bo] = dense(impls.transpose([b!], { perm: [...rb, ...rc, ...rf] }));
  const out = alloc(o);
  // the dot kernel emitted from the kernel IR (scripts/gen-ir-kernels.mjs): the jit's loops and GEMM
  const kernel = dotKernels[o.dtype] ?? dotKernels.float64!;
  kernel(helpers, out.data, B, M, N, K, ad, ao, M * K, K, 1, bd, bo, K * N, N, 1, []);
  return out;
};
