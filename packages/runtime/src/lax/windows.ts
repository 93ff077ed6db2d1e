// lax.convTranspose and lax.reduceWindow, as JAX defines them: convTranspose is convGeneralDilated with the
// strides as lhs dilation and the padding of the forward convolution it transposes (keras Conv2DTranspose's
// convention); reduceWindow pads with the monoid's identity (base dilation interleaves it), takes one strided
// slice per window tap and combines the taps elementwise, then with the init value. Both are compositions: jit fuses them, grad and vmap
// follow from the parts (the sum's gradient is the pads' and slices' transposes, the max's goes to the
// window's maximum, split between ties as numjit's elementwise max does).
import { argumentError, shapeError } from "../errors.js";
import { bind } from "../core/trace.js";
import { type ArrayLike, type NDArray, scalarArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import type { DType } from "../dtype.js";
import { convGeneralDilated, type ConvDimensionNumbers } from "../numpy/conv.js";
import { add, maximum, minimum } from "../numpy/elementwise.js";
import { expandDims, flip, reshape, swapaxes } from "../numpy/shape-ops.js";
import { operand } from "../numpy/util.js";

const CONV_T = "conv_transpose";

function ints(op: string, name: string, v: readonly number[] | null | undefined, n: number, min: number): number[] {
  if (v === null || v === undefined) return new Array<number>(n).fill(1);
  if (!Array.isArray(v) || v.length !== n || v.some((d) => !Number.isInteger(d) || d < min))
    throw argumentError.invalid(op, `${name} must be a list of ${n} integers >= ${min}, got ${describeValue(v)}`);
  return v.slice();
}

/** (lo, hi) padding of the transposed convolution of a forward one with kernel size k, stride s (JAX's _conv_transpose_padding). */
function transposePadding(k: number, s: number, padding: "SAME" | "VALID" | [number, number]): [number, number] {
  let len: number, lo: number;
  if (padding === "SAME") {
    len = k + s - 2;
    lo = s > k - 1 ? k - 1 : Math.ceil(len / 2);
  } else if (padding === "VALID") {
    len = k + s - 2 + Math.max(k - s, 0);
    lo = k - 1;
  } else {
    lo = k - padding[0] - 1;
    len = lo + k - padding[1] - 1;
  }
  return [lo, len - lo];
}

const CONV_T_SPECS: Record<number, [string, string, string]> = {
  3: ["NHC", "HIO", "NHC"],
  4: ["NHWC", "HWIO", "NHWC"],
  5: ["NHWDC", "HWDIO", "NHWDC"],
};

/**
 * lax.conv_transpose: the transpose (gradient) of a strided convolution, as keras' ConvNDTranspose. `padding`
 * "SAME"/"VALID" is the forward convolution's; explicit [lo, hi] pairs are passed to the dilated convolution as
 * they are (JAX). Default layouts channels-last (NHWC, HWIO); `transposeKernel` flips the kernel's spatial axes
 * and swaps its I and O axes (the exact gradient of conv with that kernel).
 */
export function convTranspose(
  lhsIn: ArrayLike,
  rhsIn: ArrayLike,
  strides: number[],
  padding: "SAME" | "VALID" | [number, number][],
  opts: { rhsDilation?: number[] | null; dimensionNumbers?: ConvDimensionNumbers; transposeKernel?: boolean } = {},
): NDArray {
  for (const key of Object.keys(opts))
    if (!["rhsDilation", "dimensionNumbers", "transposeKernel"].includes(key))
      throw argumentError.invalid(CONV_T, `unsupported option '${key}' (rhsDilation, dimensionNumbers, transposeKernel)`);
  const lhs = operand(lhsIn, CONV_T);
  let rhs = operand(rhsIn, CONV_T);
  const nd = lhs.ndim;
  const specs = opts.dimensionNumbers ?? CONV_T_SPECS[nd];
  if (!specs || rhs.ndim !== nd)
    throw shapeError.rank(
      CONV_T,
      `lhs and rhs must have the same rank 3, 4 or 5, got shapes (${lhs.shape.join(", ")}) and (${rhs.shape.join(", ")})`,
    );
  const rs = specs[1];
  if (typeof rs !== "string" || rs.length !== nd || !rs.includes("O") || !rs.includes("I"))
    throw argumentError.invalid(CONV_T, `rhs dimension spec ${describeValue(rs)} must name ${nd} dims with 'O' and 'I'`);
  const spatial = [...rs]
    .map((c, i) => [c, i] as const)
    .filter(([c]) => c !== "O" && c !== "I")
    .map(([, i]) => i);
  const ns = spatial.length;
  const s = ints(CONV_T, "strides", strides, ns, 1);
  const rd = ints(CONV_T, "rhsDilation", opts.rhsDilation, ns, 1);
  let pads: [number, number][];
  if (padding === "SAME" || padding === "VALID")
    pads = spatial.map((ax, i) => transposePadding((rhs.shape[ax]! - 1) * rd[i]! + 1, s[i]!, padding));
  else if (
    Array.isArray(padding) &&
    padding.length === ns &&
    padding.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isInteger))
  )
    pads = padding.map((p) => [p[0], p[1]]);
  else throw argumentError.invalid(CONV_T, `padding must be "SAME", "VALID" or ${ns} [lo, hi] pairs, got ${describeValue(padding)}`);
  if (opts.transposeKernel) rhs = swapaxes(flip(rhs, spatial), rs.indexOf("O"), rs.indexOf("I"));
  return convGeneralDilated(lhs, rhs, new Array<number>(ns).fill(1), pads, { lhsDilation: s, rhsDilation: rd, dimensionNumbers: specs });
}

type WindowOp = "add" | "max" | "min";
const COMBINE = { add, max: maximum, min: minimum } as const;
/** The monoid's identity in x's dtype: what padding and base-dilation holes hold (they join no window, as in XLA). */
function identity(op: WindowOp, dtype: DType): number {
  if (op === "add") return 0;
  const [lo, hi] = dtype === "int32" ? [-2147483648, 2147483647] : dtype === "uint32" ? [0, 4294967295] : [-Infinity, Infinity];
  return op === "max" ? lo! : hi!;
}

function windowOp(computation: unknown): WindowOp {
  if (computation === add || computation === "add" || computation === "sum") return "add";
  if (computation === maximum || computation === "max") return "max";
  if (computation === minimum || computation === "min") return "min";
  throw argumentError.invalid(
    "reduce_window",
    `computation must be np.add, np.maximum or np.minimum (or "add", "max", "min"), got ${describeValue(computation)}`,
  );
}

/** x with d - 1 copies of `value` after every element along `axis` but the last ((L - 1) d + 1 elements). */
function interleave(x: NDArray, axis: number, d: number, value: NDArray): NDArray {
  const len = x.shape[axis]!;
  if (d === 1 || len === 0) return x;
  const zeros = x.shape.map(() => 0);
  const y = bind("pad", [expandDims(x, axis + 1), value], {
    lo: [...zeros, 0],
    hi: [...zeros.slice(0, axis + 1), d - 1, ...zeros.slice(axis + 1)],
  });
  const flat = reshape(y, [...x.shape.slice(0, axis), len * d, ...x.shape.slice(axis + 1)]);
  return bind("pad", [flat, value], { lo: zeros, hi: zeros.map((_, i) => (i === axis ? 1 - d : 0)) });
}

/** JAX's padtype_to_pads: "SAME" pads to ceil(in / stride) outputs (the extra element at the end), "VALID" none. */
function padsOf(padding: "SAME" | "VALID", sizes: number[], windows: number[], strides: number[]): [number, number][] {
  return sizes.map((n, i) => {
    if (padding === "VALID") return [0, 0];
    const out = Math.ceil(n / strides[i]!);
    const total = Math.max(0, (out - 1) * strides[i]! + windows[i]! - n);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  });
}

/**
 * lax.reduce_window with a monoid computation (np.add, np.maximum, np.minimum): each output element reduces
 * `initValue` and the window of `windowDimensions` elements at its position (strides, window dilation) of the
 * padded operand ("SAME", "VALID" or [lo, hi] pairs; base dilation interleaves holes). Padding and holes join
 * no window (they hold the monoid's identity), `initValue` joins every window once, as XLA's ReduceWindow.
 */
export function reduceWindow(
  operandIn: ArrayLike,
  initValue: number,
  computation: unknown,
  windowDimensions: number[],
  windowStrides: number[] | null = null,
  padding: "SAME" | "VALID" | [number, number][] = "VALID",
  baseDilation: number[] | null = null,
  windowDilation: number[] | null = null,
): NDArray {
  const op = windowOp(computation);
  let x = operand(operandIn, "reduce_window");
  const nd = x.ndim;
  if (typeof initValue !== "number")
    throw argumentError.invalid("reduce_window", `initValue must be a number, got ${describeValue(initValue)}`);
  const win = ints("reduce_window", "windowDimensions", windowDimensions, nd, 1);
  const st = ints("reduce_window", "windowStrides", windowStrides, nd, 1);
  const bd = ints("reduce_window", "baseDilation", baseDilation, nd, 1);
  const wd = ints("reduce_window", "windowDilation", windowDilation, nd, 1);
  const id = identity(op, x.dtype);
  const fill = scalarArray(id, x.dtype, false);
  for (let ax = 0; ax < nd; ax++) x = interleave(x, ax, bd[ax]!, fill);
  const eff = win.map((w, i) => (w - 1) * wd[i]! + 1);
  let pads: [number, number][];
  if (padding === "SAME" || padding === "VALID") pads = padsOf(padding, x.shape.slice(), eff, st);
  else if (
    Array.isArray(padding) &&
    padding.length === nd &&
    padding.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isInteger))
  )
    pads = padding.map((p) => [p[0], p[1]]);
  else
    throw argumentError.invalid("reduce_window", `padding must be "SAME", "VALID" or ${nd} [lo, hi] pairs, got ${describeValue(padding)}`);
  if (pads.some(([lo, hi]) => lo !== 0 || hi !== 0)) x = bind("pad", [x, fill], { lo: pads.map((p) => p[0]), hi: pads.map((p) => p[1]) });
  const outs = x.shape.map((n, i) => Math.max(0, Math.floor((n - eff[i]!) / st[i]!) + 1));
  const taps = win.reduce((a, b) => a * b, 1);
  let acc: NDArray | null = null;
  for (let t = 0; t < taps; t++) {
    let rest = t;
    const starts = new Array<number>(nd);
    for (let i = nd - 1; i >= 0; i--) {
      starts[i] = (rest % win[i]!) * wd[i]!;
      rest = Math.floor(rest / win[i]!);
    }
    const limits = starts.map((s0, i) => (outs[i] === 0 ? s0 : s0 + (outs[i]! - 1) * st[i]! + 1));
    const tap = bind("slice", [x], { starts, limits, strides: st });
    acc = acc === null ? tap : COMBINE[op](acc, tap);
  }
  return initValue === id ? acc! : COMBINE[op](acc!, scalarArray(initValue, x.dtype, false));
}
