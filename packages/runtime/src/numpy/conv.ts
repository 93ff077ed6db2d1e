// Convolution: lax.convGeneralDilated and np.convolve / np.correlate. Any dimension numbers are moved to
// channels-last by transposes (views, free under jit) around the conv_general_dilated primitive
// (core/conv-primitive.ts: lhs [N, S..., C], rhs [K..., I, O]); string padding is resolved here, so
// the primitive sees explicit [lo, hi] pairs. Its kernel is an indirect GEMM over a padded copy of the
// input (eager/conv-impl.ts), its gradients JAX's transpose rules (transforms/rules/conv.ts).
import { argumentError, shapeError } from "../errors.js";
import { bind } from "../core/trace.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { flip, reshape, transpose } from "./shape-ops.js";
import { convert, operand, resultOf } from "./util.js";

export type ConvPadding = "SAME" | "VALID" | "SAME_LOWER" | [number, number][];
/** [lhs spec, rhs spec, out spec], e.g. ["NHWC", "HWIO", "NHWC"]; null: ["NC...", "OI...", "NC..."] (JAX's default). */
export type ConvDimensionNumbers = [string, string, string] | null;
export interface ConvOptions {
  lhsDilation?: number[] | null;
  rhsDilation?: number[] | null;
  dimensionNumbers?: ConvDimensionNumbers;
  featureGroupCount?: number;
}

const OP = "conv_general_dilated";

/**
 * Permutation taking an array laid out as `spec` to [lead, spatial..., last]. Spatial dims are matched by
 * letter and ordered as in the rhs spec (JAX's conv_general_permutations).
 */
function specPerm(spec: string, lead: string, last: string, spatial: string, what: string): number[] {
  const nd = spatial.length + 2;
  const ok = typeof spec === "string" && spec.length === nd && new Set(spec).size === nd;
  if (!ok || !spec.includes(lead) || !spec.includes(last) || [...spatial].some((c) => !spec.includes(c)))
    throw argumentError.invalid(
      OP,
      `${what} dimension spec ${describeValue(spec)} must name ${nd} distinct dims: ` +
        `'${lead}', '${last}' and the kernel's spatial dims '${spatial}'`,
    );
  return [spec.indexOf(lead), ...[...spatial].map((c) => spec.indexOf(c)), spec.indexOf(last)];
}

function defaultSpecs(nd: number): [string, string, string] {
  const sp = "HWDUVXYZ".slice(0, nd - 2);
  if (nd - 2 > 8) throw argumentError.invalid(OP, `too many spatial dimensions (${nd - 2})`);
  return [`NC${sp}`, `OI${sp}`, `NC${sp}`];
}

function intList(name: string, v: number[] | null | undefined, n: number, min: number): number[] {
  if (v === null || v === undefined) return new Array<number>(n).fill(1);
  if (!Array.isArray(v) || v.length !== n || v.some((d) => !Number.isInteger(d) || d < min))
    throw argumentError.invalid(OP, `${name} must be a list of ${n} integers >= ${min}, got ${describeValue(v)}`);
  return v;
}

/** JAX's padtype_to_pads: SAME puts the extra padding high (SAME_LOWER: low), out = ceil(in / stride). */
function padsFor(padding: ConvPadding, inSizes: number[], kSizes: number[], strides: number[]): [number, number][] {
  if (Array.isArray(padding)) {
    if (padding.length !== inSizes.length || padding.some((p) => !Array.isArray(p) || p.length !== 2 || !p.every(Number.isInteger)))
      throw argumentError.invalid(
        OP,
        `padding must be "SAME", "VALID" or ${inSizes.length} [lo, hi] integer pairs, got ${describeValue(padding)}`,
      );
    return padding;
  }
  if (padding === "VALID") return inSizes.map(() => [0, 0]);
  if (padding === "SAME" || padding === "SAME_LOWER")
    return inSizes.map((n, i) => {
      const out = Math.ceil(n / strides[i]!);
      const total = Math.max((out - 1) * strides[i]! + kSizes[i]! - n, 0);
      const small = Math.floor(total / 2);
      return padding === "SAME" ? [small, total - small] : [total - small, small];
    });
  throw argumentError.invalid(OP, `padding must be "SAME", "VALID" or a list of [lo, hi] pairs, got ${describeValue(padding)}`);
}

/**
 * lax.conv_general_dilated: an N-d cross-correlation (no kernel flip) of lhs with rhs, with window
 * strides, padding, lhs (input, "transposed conv") and rhs (kernel, "atrous") dilation and feature groups.
 */
export function convGeneralDilated(
  lhsIn: ArrayLike,
  rhsIn: ArrayLike,
  windowStrides: number[],
  padding: ConvPadding,
  opts: ConvOptions = {},
): NDArray {
  let lhs = operand(lhsIn, OP),
    rhs = operand(rhsIn, OP);
  let [dt] = resultOf(lhs, rhs);
  if (dt === "bool") dt = "int32";
  lhs = convert(lhs, dt, false, OP);
  rhs = convert(rhs, dt, false, OP);
  const nd = lhs.ndim;
  if (nd < 3 || rhs.ndim !== nd)
    throw shapeError.rank(
      OP,
      `lhs and rhs must have the same rank >= 3, got shapes (${lhs.shape.join(", ")}) and (${rhs.shape.join(", ")})`,
    );
  const ns = nd - 2;
  const [ls, rs, os] = opts.dimensionNumbers ?? defaultSpecs(nd);
  // to channels-last: lhs [N, S..., C], rhs [S..., I, O] (from [O, S..., I]), output built as [N, S..., O]
  const spatial = typeof rs === "string" ? rs.replace(/[OI]/g, "") : "";
  const rp = specPerm(rs, "O", "I", spatial, "rhs");
  lhs = transpose(lhs, specPerm(ls, "N", "C", spatial, "lhs"));
  rhs = transpose(rhs, [...rp.slice(1, -1), rp[nd - 1]!, rp[0]!]);
  const outPerm = specPerm(os, "N", "C", spatial, "out");
  const strides = intList("windowStrides", windowStrides, ns, 1);
  const lhsDil = intList("lhsDilation", opts.lhsDilation, ns, 1);
  const rhsDil = intList("rhsDilation", opts.rhsDilation, ns, 1);
  const groups = opts.featureGroupCount ?? 1;
  const C = lhs.shape[nd - 1]!,
    I = rhs.shape[ns]!,
    O = rhs.shape[ns + 1]!;
  if (!Number.isInteger(groups) || groups < 1 || C !== I * groups || O % groups !== 0)
    throw shapeError.matmul(
      OP,
      lhs.shape,
      rhs.shape,
      `lhs features (${C}) must equal rhs input features (${I}) x featureGroupCount (${groups}), ` +
        `and rhs output features (${O}) divide by it`,
    );
  const dilated = (n: number, d: number) => (n === 0 ? 0 : (n - 1) * d + 1);
  const kSizes = rhs.shape.slice(0, ns).map((k, i) => dilated(k, rhsDil[i]!));
  const pads = padsFor(
    padding,
    lhs.shape.slice(1, -1).map((n, i) => dilated(n, lhsDil[i]!)),
    kSizes,
    strides,
  );
  const out = bind("conv_general_dilated", [lhs, rhs], { strides, padding: pads, lhsDilation: lhsDil, rhsDilation: rhsDil, groups });
  // canonical axis c is spec position outPerm[c]: the inverse permutation lays it out as the out spec
  const inv = new Array<number>(nd);
  outPerm.forEach((pos, c) => (inv[pos] = c));
  return transpose(out, inv);
}

/** lax.conv: convGeneralDilated with JAX's default NC.../OI... layouts and no dilation. */
export function conv(lhs: ArrayLike, rhs: ArrayLike, windowStrides: number[], padding: ConvPadding): NDArray {
  return convGeneralDilated(lhs, rhs, windowStrides, padding);
}
/** lax.conv_with_general_padding: conv with explicit padding and lhs/rhs dilation. */
export function convWithGeneralPadding(
  lhs: ArrayLike,
  rhs: ArrayLike,
  windowStrides: number[],
  padding: ConvPadding,
  lhsDilation: number[] | null = null,
  rhsDilation: number[] | null = null,
): NDArray {
  return convGeneralDilated(lhs, rhs, windowStrides, padding, { lhsDilation, rhsDilation });
}

type Mode = "full" | "same" | "valid";

/** JAX's _conv: 1-d correlation of the longer with the shorter (flipped for convolve) by convGeneralDilated. */
function conv1d(op: string, a: ArrayLike, v: ArrayLike, mode: Mode, isConvolve: boolean): NDArray {
  let x = operand(a, op),
    y = operand(v, op);
  if (x.ndim !== 1 || y.ndim !== 1)
    throw shapeError.rank(op, `object too deep for desired array: expected 1-d inputs, got shapes (${x.shape}) and (${y.shape})`);
  if (x.size === 0 || y.size === 0) throw argumentError.invalid(op, "inputs cannot be empty");
  if (mode !== "full" && mode !== "same" && mode !== "valid")
    throw argumentError.invalid(op, `mode must be "full", "same" or "valid", got ${describeValue(mode)}`);
  let reverse = false;
  if (y.size > x.size) {
    [x, y] = [y, x];
    reverse = !isConvolve;
  }
  if (isConvolve) y = flip(y);
  const m = y.size;
  const pad: [number, number] =
    mode === "valid" ? [0, 0] : mode === "same" ? [Math.floor(m / 2), m - Math.floor(m / 2) - 1] : [m - 1, m - 1];
  const r = convGeneralDilated(reshape(x, [1, 1, x.size]), reshape(y, [1, 1, m]), [1], [pad]);
  const flat = reshape(r, [r.size]);
  return reverse ? flip(flat) : flat;
}

/** Discrete linear convolution of two 1-d arrays (mode "full" by default, as NumPy). */
export function convolve(a: ArrayLike, v: ArrayLike, mode: Mode = "full"): NDArray {
  return conv1d("convolve", a, v, mode, true);
}

/** Cross-correlation of two 1-d arrays (mode "valid" by default, as NumPy). */
export function correlate(a: ArrayLike, v: ArrayLike, mode: Mode = "valid"): NDArray {
  return conv1d("correlate", a, v, mode, false);
}
