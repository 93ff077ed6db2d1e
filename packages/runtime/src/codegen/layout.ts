// Kernel argument layouts shared by jit plans and the eager kernels: collapsing dims that every operand
// walks contiguously, and the kept/reduced split of a reduction (reduceSignature's kshape, rshape, mode).

/** Merge adjacent dims where every layout is row-major-compatible; drop size-1 dims. */
export function collapse(shape: readonly number[], strideSets: (readonly number[])[]): [number[], number[][]] {
  const keep = shape.map((_, i) => i).filter((i) => shape[i]! !== 1);
  let sh = keep.map((i) => shape[i]!);
  let st = strideSets.map((s) => keep.map((i) => s[i]!));
  for (let d = sh.length - 2; d >= 0; d--) {
    if (st.every((s) => s[d]! === s[d + 1]! * sh[d + 1]!)) {
      sh = [...sh.slice(0, d), sh[d]! * sh[d + 1]!, ...sh.slice(d + 2)];
      st = st.map((s) => [...s.slice(0, d), s[d + 1]!, ...s.slice(d + 2)]);
    }
  }
  return [sh, st];
}

export interface ReduceLayout {
  kshape: number[];
  rshape: number[];
  /** per operand: strides over kshape / rshape */
  kst: number[][];
  rst: number[][];
  /** 1: reduced dims outermost with a row accumulator (reductions over leading axes), else 0 */
  mode: 0 | 1;
}

/** The reduce kernel's arguments for operands with `strideSets` over `inShape`, reducing `axes`. */
export function reduceLayout(inShape: readonly number[], axes: readonly number[], strideSets: (readonly number[])[]): ReduceLayout {
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
    kshape.length > 0 && rshape.length > 0 && kst.some((s) => s[s.length - 1]! === 1) && rst.every((s) => s[s.length - 1]! !== 1) ? 1 : 0;
  return { kshape, rshape, kst, rst, mode };
}
