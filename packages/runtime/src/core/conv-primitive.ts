// The convolution primitive, channels-last: conv_general_dilated(lhs [N, S..., C], rhs [K..., I, O])
// -> [N, out..., O], an N-d cross-correlation (no kernel flip) with window strides, explicit padding
// (negative widths crop), lhs ("transposed conv") and rhs ("atrous") dilation and feature groups
// (C = I * groups, O divisible by groups). numpy/conv.ts moves any dimension numbers to this layout;
// views are free, so the primitive needs no layout params of its own. Params and the shape rule here;
// the eager kernel in eager/conv-impl.ts, the autodiff and vmap rules in transforms/rules/conv.ts.
import { type Dim, dimAdd, dimFloorDiv, dimMul, dimSub } from "./dims.js";
import { dtypeError, shapeError } from "../errors.js";
import type { SymAval } from "./shape-rules.js";
import type { GemmAct } from "../codegen/wasm/sgemm.js";

export interface ConvParams {
  strides: number[];
  /** [lo, hi] per spatial dim, applied to the lhs after its dilation */
  padding: [number, number][];
  lhsDilation: number[];
  rhsDilation: number[];
  groups: number;
  /**
   * Set only by the scheduler under jit (ir/schedule.ts convEpilogue), never traced or differentiated: a
   * third input, a bias [O] added to every output row, then an activation, applied in the GEMM's store.
   */
  epilogue?: { act: GemmAct };
}

const OP = "conv_general_dilated";

/** Length of `n` elements with d - 1 zeros between neighbours (0 stays 0). */
export function dilateDim(n: Dim, d: number): Dim {
  return n === 0 || d === 1 ? n : dimAdd(dimMul(dimSub(n, 1), d), 1);
}

/** Output length of one spatial dim: windows of the dilated kernel over the dilated, padded input. */
export function convOutDim(n: Dim, k: Dim, p: ConvParams, i: number): Dim {
  const span = dimSub(dimAdd(dilateDim(n, p.lhsDilation[i]!), p.padding[i]![0] + p.padding[i]![1]), dilateDim(k, p.rhsDilation[i]!));
  return dimAdd(dimFloorDiv(span, p.strides[i]!), 1);
}

export function convShapeRule([lhs, rhs]: readonly SymAval[], p: ConvParams): SymAval {
  const a = lhs!,
    b = rhs!;
  if (a.dtype !== b.dtype) throw dtypeError.mismatch(OP, `operands must share a dtype, got ${a.dtype} and ${b.dtype}`);
  if (a.dtype === "bool") throw dtypeError.unsupported(OP, a.dtype);
  const nd = a.shape.length,
    ns = nd - 2;
  if (nd < 3 || b.shape.length !== nd)
    throw shapeError.rank(OP, `lhs and rhs must have the same rank >= 3, got shapes (${a.shape.join(", ")}) and (${b.shape.join(", ")})`);
  const lists = [p.strides, p.padding, p.lhsDilation, p.rhsDilation];
  if (lists.some((l) => l.length !== ns)) throw shapeError.rank(OP, `strides, padding and dilations need ${ns} entries`);
  const C = a.shape[nd - 1]!,
    I = b.shape[ns]!,
    O = b.shape[ns + 1]!;
  const g = p.groups;
  if (typeof C === "number" && typeof I === "number" && typeof O === "number" && (C !== I * g || O % g !== 0))
    throw shapeError.matmul(
      OP,
      a.shape,
      b.shape,
      `lhs features (${C}) must equal rhs input features (${I}) x featureGroupCount (${g}), and rhs output features (${O}) divide by it`,
    );
  const out = a.shape.slice(1, -1).map((n, i) => convOutDim(n, b.shape[i]!, p, i));
  if (out.some((d) => typeof d === "number" && d < 0))
    throw shapeError.matmul(OP, a.shape, b.shape, "the (dilated) kernel is larger than the padded input");
  return { shape: [a.shape[0]!, ...out, O], dtype: a.dtype, weakType: a.weakType && b.weakType };
}
