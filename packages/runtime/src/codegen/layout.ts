// Kernel argument layouts shared by jit plans and the eager kernels: collapsing dims that every operand
// walks contiguously, and the kept/reduced split of a reduction (reduceSignature's kshape, rshape, mode).
// Dims may be symbolic (a plan the build emits): a decision is taken only when the dims decide it (a symbol
// is never provably 1), else the dims are kept as they are, which is always correct. Plain numbers in give
// plain numbers out.
import { type Dim, dimEq, dimMul } from "../core/dims.js";

const isOne = (d: Dim): boolean => d === 1;

/** Merge adjacent dims where every layout is provably row-major-compatible; drop provably size-1 dims. */
export function collapse<D extends Dim>(shape: readonly D[], strideSets: (readonly D[])[]): [D[], D[][]] {
  const keep = shape.map((_, i) => i).filter((i) => !isOne(shape[i]!));
  let sh = keep.map((i) => shape[i]!);
  let st = strideSets.map((s) => keep.map((i) => s[i]!));
  for (let d = sh.length - 2; d >= 0; d--) {
    if (st.every((s) => dimEq(s[d]!, dimMul(s[d + 1]!, sh[d + 1]!)))) {
      sh = [...sh.slice(0, d), dimMul(sh[d]!, sh[d + 1]!) as D, ...sh.slice(d + 2)];
      st = st.map((s) => [...s.slice(0, d), s[d + 1]!, ...s.slice(d + 2)]);
    }
  }
  return [sh, st];
}

export interface ReduceLayout<D extends Dim = number> {
  kshape: D[];
  rshape: D[];
  /** per operand: strides over kshape / rshape */
  kst: D[][];
  rst: D[][];
  /** 1: reduced dims outermost with a row accumulator (reductions over leading axes), else 0 */
  mode: 0 | 1;
}

/** The reduce kernel's arguments for operands with `strideSets` over `inShape`, reducing `axes`. */
export function reduceLayout<D extends Dim>(inShape: readonly D[], axes: readonly number[], strideSets: (readonly D[])[]): ReduceLayout<D> {
  const kept = inShape.map((_, i) => i).filter((i) => !axes.includes(i));
  const [kshape, kst] = collapse(
    kept.map((i) => inShape[i]!),
    strideSets.map((s) => kept.map((i) => s[i]!)),
  );
  const [rshape, rst] = collapse(
    axes.map((i) => inShape[i]!),
    strideSets.map((s) => axes.map((i) => s[i]!)),
  );
  // reductions over leading axes (kept dims contiguous, reduced dims strided): walk reduced outermost
  const mode =
    kshape.length > 0 && rshape.length > 0 && kst.some((s) => isOne(s[s.length - 1]!)) && rst.every((s) => !isOne(s[s.length - 1]!))
      ? 1
      : 0;
  return { kshape, rshape, kst, rst, mode };
}
