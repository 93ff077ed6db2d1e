// The closed set of primitives. Every numpy/nn function is a composition of these;
// eager execution, tracing, transformations and codegen all key on this one list.
import type { DType } from "../dtype.js";
import type { Jaxpr } from "../ir/jaxpr.js";
import type { ConvParams } from "./conv-primitive.js";
import type { LinalgParams } from "./linalg-primitives.js";
import type { MultiParams } from "./multi-primitives.js";

export const UNARY_OPS = [
  "neg",
  "abs",
  "sign",
  "floor",
  "ceil",
  "round",
  "sqrt",
  "exp",
  "exp2",
  "expm1",
  "log",
  "log2",
  "log10",
  "log1p",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "logistic",
  "erf_inv",
  "not",
  "is_nan",
  "is_inf",
  "is_finite",
  "stop_gradient",
] as const;
export const BINARY_OPS = [
  "add",
  "sub",
  "mul",
  "div",
  "floor_divide",
  "mod",
  "pow",
  "max",
  "min",
  "atan2",
  "and",
  "or",
  "xor",
  "shift_left",
  "shift_right_logical",
  "shift_right_arithmetic",
] as const;
export const COMPARE_OPS = ["eq", "ne", "lt", "le", "gt", "ge"] as const;
export const REDUCE_OPS = ["reduce_sum", "reduce_prod", "reduce_max", "reduce_min"] as const;
export const CUMULATIVE_OPS = ["cumsum", "cumprod", "cummax", "cummin"] as const;
export const COLLECTIVE_OPS = ["psum", "pmax", "all_gather", "axis_index"] as const;

export type UnaryOp = (typeof UNARY_OPS)[number];
export type BinaryOp = (typeof BINARY_OPS)[number];
export type CompareOp = (typeof COMPARE_OPS)[number];
export type ReduceOp = (typeof REDUCE_OPS)[number];
export type CumulativeOp = (typeof CUMULATIVE_OPS)[number];
export type CollectiveOp = (typeof COLLECTIVE_OPS)[number];
export type ElementwiseOp = UnaryOp | BinaryOp | CompareOp | "select" | "convert_element_type";

type NoParams = Record<string, never>;
type Each<K extends string, V> = { [P in K]: V };

/** Typed params per primitive: a primitive missing here fails to type-check everywhere. */
export type Params = Each<UnaryOp, NoParams> &
  Each<Exclude<BinaryOp, "max">, NoParams> &
  Each<CompareOp, NoParams> &
  Each<ReduceOp, { axes: number[] }> &
  Each<CumulativeOp, { axis: number; reverse: boolean }> & {
    // relu: nn.relu's max(x, 0), whose derivative at 0 is 0 (JAX's nn.relu custom_jvp); a bare max splits ties
    max: { relu?: true };
    select: NoParams; // (pred: bool, onTrue, onFalse), equal shapes
    convert_element_type: { dtype: DType; weakType: boolean };
    argmax: { axis: number };
    argmin: { axis: number };
    // stable ascending sort permutation along `axis` (int32), NaN last as NumPy (JAX's sort_p with an iota
    // operand); sort is a gather by it, descending a reversal (numpy/sorting.ts)
    argsort: { axis: number };
    broadcast_in_dim: { shape: number[]; broadcastDimensions: number[] };
    reshape: { shape: number[] };
    transpose: { perm: number[] };
    slice: { starts: number[]; limits: number[]; strides: number[] };
    rev: { axes: number[] };
    pad: { lo: number[]; hi: number[] }; // (x, padValue 0-d); negative lo/hi crop
    concatenate: { axis: number };
    dot_general: { lhsContract: number[]; rhsContract: number[]; lhsBatch: number[]; rhsBatch: number[] };
    conv_general_dilated: ConvParams; // channels-last (core/conv-primitive.ts)
    iota: { shape: number[]; dimension: number; dtype: DType };
    gather: { axis: number }; // take along one axis with int32 indices (NumPy bounds, negative wrap)
    // (x, idx int32, updates [...x.shape[:axis], ...idx.shape, ...x.shape[axis+1:]]): x with each update added
    // at its index along `axis` (duplicates accumulate): gather's transpose, O(updates)
    scatter_add: { axis: number };
    // the value of a (symbolic) dimension as an int32 scalar (weak: a JS number's promotion): mean's N,
    // var's N - ddof; the plan computes it from the call's sizes (a concrete trace stages the number)
    dim_value: { dim: number; weakType: boolean };
    copy: NoParams;
    // the same bytes read as another dtype (JAX's bitcast_convert_type, little-endian): between 4-byte dtypes
    // the shape stays; float64 -> a 4-byte dtype appends an axis of 2, the reverse drops a last axis of 2
    bitcast_convert_type: { dtype: DType };
    // Threefry-2x32 (20 rounds) of counters (x0, x1) under key (k0, k1), four uint32 operands of one shape
    // or 0-d (JAX's threefry2x32_p, scalars broadcast): one word of the result, or their xor (random.bits);
    // eager/threefry-kernel.ts
    threefry2x32: { part: "hi" | "lo" | "xor" };
    // collectives over a named mapped axis (pmap, or vmap with axisName); axisSize is the axis's length
    // (all_gather's shape rule needs it). They bind through core/axis-env.ts, which checks the name.
    psum: { axisName: string; axisSize: number };
    pmax: { axisName: string; axisSize: number };
    all_gather: { axisName: string; axisSize: number; axis: number }; // stacks the members' values at `axis`
    axis_index: { axisName: string; axisSize: number }; // this member's position along the axis (int32 0-d)
  } & LinalgParams;

export type Primitive = keyof Params;

/**
 * Higher-order primitives: each holds sub-programs (jaxprs whose captured traced values were made leading
 * inputs) and has several outputs. Their inputs are laid out as in JAX: consts first, then operands.
 */
export type HigherParams = {
  /** jit as a primitive: the traced function (inputs = its flat arguments). */
  jit_call: { jaxpr: Jaxpr; name: string; counters?: { traces: number; runtimeCompiles: number } };
  /** (index int32 scalar, ...operands): branches[clamp(index)](...operands). */
  cond: { branches: Jaxpr[] };
  /** (condConsts..., bodyConsts..., carry...) -> carry: while cond(carry) carry = body(carry). */
  while: { cond: Jaxpr; body: Jaxpr; condConsts: number; bodyConsts: number };
  /**
   * (consts..., carry..., xs...) -> (carry..., ys...): body(consts, carry, x) -> (carry, y) over the leading axis. `length`
   * is a symbolic dim (typed as a number, as dims in shapes are) when a build-time trace scans arrays of a symbolic leading dimension.
   */
  scan: { body: Jaxpr; length: number; reverse: boolean; consts: number; carry: number };
  /** customJvp: runs `fun`; its tangent is `jvp(primals..., tangents...) -> (outs..., tangents...)`. */
  custom_jvp_call: { fun: Jaxpr; jvp: Jaxpr; name: string };
  /** customVjp: runs `fun`; reverse mode runs `fwd` (outs..., residuals...) and `bwd` on residuals and cotangents. */
  custom_vjp_call: { fun: Jaxpr; fwd: Jaxpr; bwd: (res: unknown[], cts: unknown[]) => unknown[]; residuals: number; name: string };
  /** checkpoint: runs `jaxpr`; reverse mode keeps only its inputs and recomputes the rest in the backward pass. */
  checkpoint: { jaxpr: Jaxpr; name: string };
};
export type HigherPrimitive = keyof HigherParams;
export const HIGHER_ORDER = ["jit_call", "cond", "while", "scan", "custom_jvp_call", "custom_vjp_call", "checkpoint"] as const;
const HIGHER = new Set<string>(HIGHER_ORDER);
export const isHigherOrder = (p: string): p is HigherPrimitive => HIGHER.has(p);

/** Every primitive an equation can hold: single-result, multi-result first-order (core/multi-primitives.ts), higher-order. */
export type AnyParams = Params & MultiParams & HigherParams;
export type AnyPrimitive = keyof AnyParams;

const set = <T extends string>(xs: readonly T[]) => new Set<string>(xs);
const UNARY = set(UNARY_OPS),
  BINARY = set(BINARY_OPS),
  COMPARE = set(COMPARE_OPS);
const REDUCE = set(REDUCE_OPS);
export const isUnary = (p: string): p is UnaryOp => UNARY.has(p);
export const isBinary = (p: string): p is BinaryOp => BINARY.has(p);
export const isCompare = (p: string): p is CompareOp => COMPARE.has(p);
export const isReduce = (p: string): p is ReduceOp => REDUCE.has(p);
const COLLECTIVE = set(COLLECTIVE_OPS);
export const isCollective = (p: string): p is CollectiveOp => COLLECTIVE.has(p);
export const isElementwise = (p: string): p is ElementwiseOp =>
  UNARY.has(p) || BINARY.has(p) || COMPARE.has(p) || p === "select" || p === "convert_element_type";

export function assertNever(x: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${String(x)}`);
}
