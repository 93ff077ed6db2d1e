// Autodiff and vmap rules of conv_general_dilated (channels-last, core/conv-primitive.ts): JAX's rules
// (lax/convolution.py). The primitive is bilinear, so its tangent is conv(dx, w) + conv(x, dw); the
// lhs cotangent is a convolution of the output cotangent with the spatially flipped kernel (input and
// output features swapped per group), the strides becoming lhs dilation; the rhs cotangent is a
// convolution of the input with the output cotangent with batch and features swapped (per group).
import type { ConvParams } from "../../core/conv-primitive.js";
import { dilateDim } from "../../core/conv-primitive.js";
import { bind } from "../../core/trace.js";
import { type Arr, reshape, sliceAll, tadd, transpose, zerosLike } from "./ops.js";
import type { AdRules } from "./types.js";

const conv = (x: Arr, w: Arr, p: ConvParams): Arr => bind("conv_general_dilated", [x, w], p);
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const num = (d: unknown) => d as number;

/** Cotangent of the input x [N, S..., C] from ct [N, out..., O]. */
function ctLhs(ct: Arr, x: Arr, w: Arr, p: ConvParams): Arr {
  const ns = x.ndim - 2,
    G = p.groups;
  const [I, O] = [num(w.shape[ns]), num(w.shape[ns + 1])],
    Og = O / G;
  const K = w.shape.slice(0, ns).map(num);
  // W'[k, j, g * I + c] = W[K - 1 - k, c, g * Og + j]
  let wt = reshape(w, [...K, I, G, Og]);
  wt = reshape(transpose(wt, [...range(0, ns), ns + 2, ns + 1, ns]), [...K, Og, G * I]);
  wt = bind("rev", [wt], { axes: range(0, ns) });
  const padding = K.map((k, i): [number, number] => {
    const kd = num(dilateDim(k, p.rhsDilation[i]!)),
      xd = num(dilateDim(num(x.shape[i + 1]), p.lhsDilation[i]!)),
      od = num(dilateDim(num(ct.shape[i + 1]), p.strides[i]!));
    const before = kd - p.padding[i]![0] - 1;
    return [before, xd + kd - 1 - od - before];
  });
  return conv(ct, wt, { strides: p.lhsDilation, padding, lhsDilation: p.strides, rhsDilation: p.rhsDilation, groups: G });
}

/** Channels [a, b) of a channels-last array. */
function features(x: Arr, a: number, b: number): Arr {
  const last = x.ndim - 1;
  return sliceAll(
    x,
    x.shape.map((_, i) => (i === last ? a : 0)),
    x.shape.map((d, i) => (i === last ? b : num(d))),
  );
}

/** Cotangent of the kernel w [K..., I, O] from ct [N, out..., O]: per group, x (batch as features) * ct. */
function ctRhs(ct: Arr, x: Arr, w: Arr, p: ConvParams): Arr {
  const ns = x.ndim - 2,
    G = p.groups;
  const [I, O] = [num(w.shape[ns]), num(w.shape[ns + 1])],
    Og = O / G;
  const K = w.shape.slice(0, ns).map(num);
  const padding = K.map((k, i): [number, number] => {
    const kd = num(dilateDim(k, p.rhsDilation[i]!)),
      xd = num(dilateDim(num(x.shape[i + 1]), p.lhsDilation[i]!)),
      od = num(dilateDim(num(ct.shape[i + 1]), p.strides[i]!));
    const lo = p.padding[i]![0];
    return [lo, od - xd + (kd - lo - 1)];
  });
  const q: ConvParams = { strides: p.rhsDilation, padding, lhsDilation: p.lhsDilation, rhsDilation: p.strides, groups: 1 };
  const toFeatures = [ns + 1, ...range(1, ns + 1), 0]; // [N, S..., C] -> [C, S..., N]
  const parts = range(0, G).map((g) => {
    const xg = G === 1 ? x : features(x, g * I, (g + 1) * I),
      cg = G === 1 ? ct : features(ct, g * Og, (g + 1) * Og);
    // [I, K..., Og] -> [K..., I, Og]
    const r = conv(transpose(xg, toFeatures), transpose(cg, [...range(1, ns + 1), 0, ns + 1]), q);
    return transpose(r, [...range(1, ns + 1), 0, ns + 1]);
  });
  return G === 1 ? parts[0]! : bind("concatenate", parts, { axis: ns + 1 });
}

const empty = (a: Arr) => a.shape.some((d) => d === 0);

export const convRules: AdRules<"conv_general_dilated"> = {
  conv_general_dilated: {
    jvp: ([x, w], [tx, tw], p) => [conv(x!, w!, p), tadd(tx ? conv(tx, w!, p) : null, tw ? conv(x!, tw, p) : null)],
    vjp: (ct, { inputs: [x, w], params: p, needs }) => {
      const zero = empty(ct) || empty(x!) || empty(w!);
      return [
        needs[0] ? (zero ? zerosLike(x!) : ctLhs(ct, x!, w!, p)) : null,
        needs[1] ? (zero ? zerosLike(w!) : ctRhs(ct, x!, w!, p)) : null,
      ];
    },
  },
};
