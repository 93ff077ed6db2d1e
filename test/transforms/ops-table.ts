// Every op of the eager API as a table case for the gradient and vmap checks. Inputs are drawn
// from a domain where the op is smooth; `order2` marks cases also checked for second derivatives,
// `intOut` cases are not differentiable (integer/boolean result) and only go through vmap.
import { type NDArray, lax, nn, numpy as np, scipySpecial } from "@numjit/runtime";
import type { Domain } from "./helpers.js";

export interface OpCase {
  name: string;
  f: (...xs: NDArray[]) => NDArray | NDArray[];
  inputs: [number[], Domain][];
  order2?: boolean;
  intOut?: boolean;
  /** checkGrads options for ops through float32 (rounding makes finite differences coarse). */
  tol?: { eps: number; atol: number; rtol: number };
  /** Derivative differs from finite differences by design (stop_gradient): vmap only here. */
  noNumeric?: boolean;
}

const u = (name: string, f: (x: NDArray) => NDArray, domain: Domain = "any", order2 = true): OpCase => ({
  name,
  f,
  inputs: [[[3, 4], domain]],
  order2,
});
const b = (name: string, f: (x: NDArray, y: NDArray) => NDArray, da: Domain = "any", db: Domain = "any", order2 = true): OpCase[] => [
  {
    name,
    f,
    inputs: [
      [[3, 4], da],
      [[3, 4], db],
    ],
    order2,
  },
  {
    name: `${name} (broadcast [3,4] x [4])`,
    f,
    inputs: [
      [[3, 4], da],
      [[4], db],
    ],
    order2,
  },
  {
    name: `${name} (broadcast [3,1] x [1,4])`,
    f,
    inputs: [
      [[3, 1], da],
      [[1, 4], db],
    ],
    order2,
  },
];

export const OPS: OpCase[] = [
  // ---- elementwise unary
  u("negative", np.negative),
  u("abs", np.abs, "nonzero", false),
  u("sqrt", np.sqrt, "pos"),
  u("exp", np.exp),
  u("exp2", np.exp2),
  u("expm1", np.expm1),
  u("log", np.log, "pos"),
  u("log2", np.log2, "pos"),
  u("log10", np.log10, "pos"),
  u("log1p", np.log1p, "pos"),
  u("sin", np.sin),
  u("cos", np.cos),
  u("tan", np.tan, "unit"),
  u("arcsin", np.arcsin, "unit"),
  u("arccos", np.arccos, "unit"),
  u("arctan", np.arctan),
  u("sinh", np.sinh),
  u("cosh", np.cosh),
  u("tanh", np.tanh),
  u("arcsinh", np.arcsinh),
  u("arccosh", np.arccosh, "gt1"),
  u("arctanh", np.arctanh, "unit"),
  u("square", np.square),
  u("reciprocal", np.reciprocal, "nonzero"),
  u("positive", np.positive),
  u("sign", np.sign, "nonzero"),
  u("floor", np.floor),
  u("ceil", np.ceil),
  u("round", (x) => np.round(x)),
  u("round(decimals=1)", (x) => np.round(x, 1)),
  { name: "stopGradient", f: (x) => np.multiply(np.stopGradient(x), x), inputs: [[[3, 4], "any"]], noNumeric: true },
  u("clip", (x) => np.clip(x, -1, 1.5), "any", false),
  u("x.T (method)", (x) => x.T),
  {
    name: "astype float64->float32->float64",
    f: (x) => np.sin(x.astype("float32")).astype("float64"),
    inputs: [[[3, 4], "any"]],
    tol: { eps: 1e-2, atol: 1e-3, rtol: 1e-3 },
  },
  // ---- elementwise binary
  ...b("add", np.add),
  ...b("subtract", np.subtract),
  ...b("multiply", np.multiply),
  ...b("divide", np.divide, "any", "nonzero"),
  ...b("power", np.power, "pos", "any"),
  ...b("maximum", np.maximum, "any", "any", false),
  ...b("minimum", np.minimum, "any", "any", false),
  ...b("arctan2", np.arctan2, "any", "nonzero"),
  ...b("mod", np.mod, "any", "nonzero", false),
  ...b("floorDivide", np.floorDivide, "any", "nonzero", false),
  { name: "power (scalar exponent)", f: (x) => np.power(x, 3), inputs: [[[5], "any"]], order2: true },
  { name: "multiply (weak scalar)", f: (x) => np.multiply(2.5, x), inputs: [[[5], "any"]], order2: true },
  {
    name: "where",
    f: (c, x, y) => np.where(np.greater(c, 0), x, y),
    inputs: [
      [[3, 4], "any"],
      [[3, 4], "any"],
      [[4], "any"],
    ],
    order2: true,
  },
  // ---- comparisons, logic, integer results (vmap only)
  {
    name: "greater",
    f: np.greater,
    inputs: [
      [[3, 4], "any"],
      [[4], "any"],
    ],
    intOut: true,
  },
  {
    name: "equal (int)",
    f: np.equal,
    inputs: [
      [[3, 4], "int"],
      [[3, 4], "int"],
    ],
    intOut: true,
  },
  {
    name: "logicalAnd",
    f: (x, y) => np.logicalAnd(np.greater(x, 0), np.less(y, 0)),
    inputs: [
      [[3, 4], "any"],
      [[3, 4], "any"],
    ],
    intOut: true,
  },
  { name: "isfinite", f: (x) => np.isfinite(np.log(x)), inputs: [[[3, 4], "any"]], intOut: true },
  { name: "argmax", f: (x) => np.argmax(x, 1), inputs: [[[3, 4], "any"]], intOut: true },
  { name: "argmin (flat)", f: (x) => np.argmin(x), inputs: [[[3, 4], "any"]], intOut: true },
  { name: "cumsum (int)", f: (x) => np.cumsum(x, 0), inputs: [[[3, 4], "int"]], intOut: true },
  {
    name: "bitwiseXor",
    f: np.bitwiseXor,
    inputs: [
      [[3, 4], "int"],
      [[4], "int"],
    ],
    intOut: true,
  },
  { name: "oneHot", f: (x) => nn.oneHot(np.add(x, 3), 7), inputs: [[[5], "int"]], intOut: true },
  // ---- reductions and scans
  u("sum", (x) => np.sum(x)),
  u("sum axis 0", (x) => np.sum(x, 0)),
  u("sum axis -1 keepdims", (x) => np.sum(x, -1, { keepdims: true })),
  u("prod", (x) => np.prod(x)),
  u("prod axis 1", (x) => np.prod(x, 1)),
  { name: "prod with zeros", f: (x) => np.prod(np.multiply(x, np.array([1, 0, 1, 0])), 1), inputs: [[[3, 4], "any"]], order2: true },
  u("max", (x) => np.max(x), "any", false),
  u("max axis 0", (x) => np.max(x, 0), "any", false),
  u("min axis 1", (x) => np.min(x, 1), "any", false),
  u("mean", (x) => np.mean(x)),
  u("mean axis [0,1]", (x) => np.mean(x, [0, 1])),
  u("var", (x) => np.variance(x, 0)),
  u("std ddof=1", (x) => np.std(x, 1, { ddof: 1 })),
  u("cumsum", (x) => np.cumsum(x, 1)),
  u("cumsum flat", (x) => np.cumsum(x)),
  u("cumprod", (x) => np.cumprod(x, 1)),
  u("cumprod axis 0", (x) => np.cumprod(x, 0)),
  {
    name: "cumprod with zeros",
    f: (x) => np.cumprod(np.multiply(x, np.array([1, 0, 1, 1, 0, 1])), 0),
    inputs: [[[6], "any"]],
    order2: true,
  },
  // ---- shape ops
  u("reshape", (x) => np.reshape(x, [2, 6])),
  u("reshape -1", (x) => x.reshape(-1, 3)),
  u("transpose", (x) => np.transpose(x)),
  u("expandDims", (x) => np.expandDims(x, 1)),
  u("squeeze", (x) => np.squeeze(np.expandDims(x, 0))),
  u("broadcastTo", (x) => np.broadcastTo(np.sum(x, 0, { keepdims: true }), [2, 4])),
  u("ravel", (x) => np.ravel(x)),
  {
    name: "concatenate",
    f: (x, y) => np.concatenate([x, y, x], 1),
    inputs: [
      [[3, 2], "any"],
      [[3, 4], "any"],
    ],
    order2: true,
  },
  {
    name: "stack",
    f: (x, y) => np.stack([x, y], 1),
    inputs: [
      [[3, 4], "any"],
      [[3, 4], "any"],
    ],
    order2: true,
  },
  {
    name: "vstack",
    f: (x, y) => np.vstack([x, y]),
    inputs: [
      [[4], "any"],
      [[2, 4], "any"],
    ],
    order2: true,
  },
  {
    name: "hstack",
    f: (x, y) => np.hstack([x, y]),
    inputs: [
      [[3], "any"],
      [[2], "any"],
    ],
    order2: true,
  },
  u("split", (x) => np.split(x, 2, 1) as unknown as NDArray),
  u("arraySplit", (x) => np.arraySplit(x, 3, 1) as unknown as NDArray),
  u("flip", (x) => np.flip(x, 1)),
  u("fliplr", (x) => np.fliplr(x)),
  u("moveaxis", (x) => np.moveaxis(np.reshape(x, [3, 2, 2]), 0, -1)),
  u("swapaxes", (x) => np.swapaxes(x, 0, 1)),
  u("tile", (x) => np.tile(x, [2, 1])),
  u("repeat", (x) => np.repeat(x, 2, 1)),
  u("repeat (list)", (x) => np.repeat(x, [1, 0, 2], 0)),
  u("pad constant", (x) =>
    np.pad(
      x,
      [
        [1, 2],
        [0, 1],
      ],
      { constantValues: 0.5 },
    ),
  ),
  u("pad edge", (x) =>
    np.pad(
      x,
      [
        [1, 1],
        [2, 0],
      ],
      { mode: "edge" },
    ),
  ),
  u("slice", (x) => x.slice("1:", "::2")),
  u("slice negative step", (x) => x.slice("::-1", "3:0:-2")),
  u("slice int", (x) => x.slice(1)),
  u("slice newaxis", (x) => x.slice(null, "...", 2)),
  {
    name: "take (array indices)",
    f: (x, i) => np.take(x, i, 1),
    inputs: [
      [[3, 4], "any"],
      [[2, 3], "int"],
    ],
    order2: true,
  },
  u("take", (x) => np.take(x, np.array([2, 0, 2, -1], { dtype: "int32" }), 1)),
  u("take flat", (x) =>
    np.take(
      x,
      np.array(
        [
          [0, 11],
          [5, 5],
        ],
        { dtype: "int32" },
      ),
    ),
  ),
  // ---- linalg
  {
    name: "matmul",
    f: np.matmul,
    inputs: [
      [[3, 4], "any"],
      [[4, 2], "any"],
    ],
    order2: true,
  },
  {
    name: "matmul batched broadcast",
    f: np.matmul,
    inputs: [
      [[2, 3, 4], "any"],
      [[4, 5], "any"],
    ],
    order2: true,
  },
  {
    name: "matmul vector",
    f: np.matmul,
    inputs: [
      [[4], "any"],
      [[4, 3], "any"],
    ],
    order2: true,
  },
  {
    name: "matmul matrix-vector",
    f: np.matmul,
    inputs: [
      [[3, 4], "any"],
      [[4], "any"],
    ],
    order2: true,
  },
  {
    name: "dot 2d",
    f: np.dot,
    inputs: [
      [[3, 4], "any"],
      [[4, 2], "any"],
    ],
    order2: true,
  },
  {
    name: "dot nd",
    f: np.dot,
    inputs: [
      [[2, 3], "any"],
      [[2, 3, 2], "any"],
    ],
    order2: true,
  },
  {
    name: "vdot",
    f: np.vdot,
    inputs: [
      [[3, 2], "any"],
      [[6], "any"],
    ],
    order2: true,
  },
  {
    name: "inner",
    f: np.inner,
    inputs: [
      [[2, 3], "any"],
      [[4, 3], "any"],
    ],
    order2: true,
  },
  {
    name: "outer",
    f: np.outer,
    inputs: [
      [[3], "any"],
      [[4], "any"],
    ],
    order2: true,
  },
  u("diagonal", (x) => np.diagonal(x, 1)),
  u("trace", (x) => np.trace(x)),
  {
    name: "einsum ij,jk->ik",
    f: (x, y) => np.einsum("ij,jk->ik", x, y),
    inputs: [
      [[3, 4], "any"],
      [[4, 2], "any"],
    ],
    order2: true,
  },
  {
    name: "einsum bij,bjk->bik",
    f: (x, y) => np.einsum("bij,bjk->bik", x, y),
    inputs: [
      [[2, 3, 4], "any"],
      [[2, 4, 2], "any"],
    ],
    order2: true,
  },
  { name: "einsum ii->", f: (x) => np.einsum("ii->", x), inputs: [[[3, 3], "any"]], order2: true },
  { name: "einsum ij->ji", f: (x) => np.einsum("ij->ji", x), inputs: [[[3, 4], "any"]], order2: true },
  // ---- nn
  u("relu", nn.relu, "nonzero", false),
  u("sigmoid", nn.sigmoid),
  u("softplus", nn.softplus, "nonzero", false),
  u("gelu (tanh)", (x) => nn.gelu(x)),
  u("gelu (exact)", (x) => nn.gelu(x, { approximate: false }), "nonzero", false),
  u("silu", nn.silu),
  u("leakyRelu", (x) => nn.leakyRelu(x, 0.1), "nonzero", false),
  u("elu", nn.elu, "nonzero", false),
  u("logsumexp", (x) => nn.logsumexp(x, 1)),
  u("logsumexp all", (x) => nn.logsumexp(x)),
  u("softmax", (x) => nn.softmax(x)),
  u("softmax axis 0", (x) => nn.softmax(x, 0)),
  u("logSoftmax", (x) => nn.logSoftmax(x)),
  u("standardize", (x) => nn.standardize(x)),
  // ---- breadth (issue 15): sorting, selection, statistics, polynomials, x.at(), nn, scipySpecial
  u("sort", (x) => np.sort(x), "any", false),
  u("sort axis 0 descending", (x) => np.sort(x, 0, { descending: true }), "any", false),
  { name: "argsort", f: (x) => np.argsort(x, 0), inputs: [[[3, 4], "any"]], intOut: true },
  {
    name: "searchsorted",
    f: (a, v) => np.searchsorted(np.sort(a), v),
    inputs: [
      [[6], "any"],
      [[3, 2], "any"],
    ],
    intOut: true,
  },
  { name: "unique size", f: (x) => np.unique(np.round(x), { size: 4 }), inputs: [[[3, 4], "any"]], noNumeric: true },
  u("unique size (values)", (x) => np.unique(x, { size: 4, returnCounts: true })[0]!, "any", false),
  u("lax.topK values", (x) => lax.topK(x, 2)[0], "any", false),
  u("lax.topK values axis 0", (x) => lax.topK(x, 2, { axis: 0 })[0], "any", false),
  { name: "lax.topK indices", f: (x) => lax.topK(x, 3)[1], inputs: [[[3, 4], "any"]], intOut: true },
  {
    name: "polyfit (x and y)",
    f: (x, y) => np.polyfit(x, y, 2),
    inputs: [
      [[6], "any"],
      [[6, 2], "any"],
    ],
  },
  { name: "nonzero size", f: (x) => np.nonzero(np.greater(x, 0), { size: 5 }), inputs: [[[3, 4], "any"]], intOut: true },
  {
    name: "takeAlongAxis",
    f: (x, y) => np.takeAlongAxis(x, np.argsort(y, 1), 1),
    inputs: [
      [[3, 4], "any"],
      [[3, 4], "any"],
    ],
    order2: true,
  },
  u("roll", (x) => np.roll(x, [1, -1], [0, 1])),
  u("rot90", (x) => np.rot90(x, 3)),
  u("trapezoid", (x) => np.trapezoid(x)),
  u("unwrap", (x) => np.unwrap(np.multiply(x, 3)), "any", false),
  u("nanToNum", (x) => np.nanToNum(x)),
  u("select", (x) => np.select([np.less(x, -1), np.greater(x, 1)], [np.square(x), np.sin(x)], np.cos(x)), "any", false),
  u("nansum nanmean", (x) => np.add(np.nansum(x, 0), np.nanmean(x, 0))),
  u("nanstd nanmax", (x) => np.add(np.nanstd(x, 1), np.nanmax(x, 1)), "any", false),
  u("median", (x) => np.median(x, 1), "any", false),
  u("quantile", (x) => np.quantile(x, [0.2, 0.9], 0), "any", false),
  u("nanpercentile", (x) => np.nanpercentile(x, 30), "any", false),
  u("average", (x) => np.average(x, 1, { weights: [1, 2, 3, 4] })),
  u("ptp", (x) => np.ptp(x, 0), "any", false),
  u("cov", (x) => np.cov(x)),
  u("corrcoef", (x) => np.corrcoef(x)),
  {
    name: "interp (x and fp)",
    f: (x, fp) => np.interp(x, np.array([-2, -0.5, 0.7, 2], { dtype: "float64" }), fp),
    inputs: [
      [[5], "any"],
      [[4], "any"],
    ],
  },
  {
    name: "cross",
    f: (a, b) => np.cross(a, b),
    inputs: [
      [[2, 3], "any"],
      [[3], "any"],
    ],
    order2: true,
  },
  {
    name: "kron",
    f: (a, b) => np.kron(a, b),
    inputs: [
      [[2, 2], "any"],
      [[3], "any"],
    ],
    order2: true,
  },
  {
    name: "polyval polymul",
    f: (p, q, x) => np.polyval(np.polymul(p, q), x),
    inputs: [
      [[3], "any"],
      [[2], "any"],
      [[4], "any"],
    ],
    order2: true,
  },
  u("polyder polyint", (x) => np.polyint(np.polyder(np.ravel(x)), 1, 2)),
  u("vander", (x) => np.vander(np.ravel(x), 3)),
  {
    name: "x.at().set",
    f: (x, v) => x.at(1, "1:3").set(v),
    inputs: [
      [[3, 4], "any"],
      [[2], "any"],
    ],
    order2: true,
  },
  {
    name: "x.at().add duplicate rows",
    f: (x, v) => x.at(np.array([0, 2, 0], { dtype: "int32" })).add(v),
    inputs: [
      [[3, 4], "any"],
      [[3, 4], "any"],
    ],
    order2: true,
  },
  {
    name: "x.at().multiply",
    f: (x, v) => x.at(":", 0).multiply(v),
    inputs: [
      [[3, 4], "any"],
      [[3], "any"],
    ],
    order2: true,
  },
  {
    name: "x.at().max",
    f: (x, v) => x.at("::2").max(v),
    inputs: [
      [[3, 4], "any"],
      [[4], "any"],
    ],
  },
  u("nn.celu", (x) => nn.celu(x, 0.7), "nonzero", false),
  u("nn.selu", nn.selu, "nonzero", false),
  u("nn.hardTanh", nn.hardTanh, "unit", false),
  u("nn.hardSigmoid", nn.hardSigmoid, "any", false),
  u("nn.hardSilu", nn.hardSilu, "any", false),
  u("nn.relu6", (x) => nn.relu6(np.multiply(x, 4)), "nonzero", false),
  u("nn.logSigmoid", nn.logSigmoid),
  u("nn.softSign", nn.softSign, "nonzero", false),
  u("nn.glu", (x) => nn.glu(x)),
  {
    name: "nn.dotProductAttention causal bias",
    f: (q, k, v, b) => nn.dotProductAttention(q, k, v, { isCausal: true, bias: b }),
    inputs: [
      [[1, 3, 2, 2], "any"],
      [[1, 4, 1, 2], "any"],
      [[1, 4, 1, 2], "any"],
      [[2, 3, 4], "any"],
    ],
    order2: true,
  },
  u("scipySpecial.erf", scipySpecial.erf),
  u("scipySpecial.erfc", (x) => scipySpecial.erfc(np.multiply(x, 1.5))),
  u("scipySpecial.erfinv", scipySpecial.erfinv, "unit"),
  u("scipySpecial.gammaln", scipySpecial.gammaln, "pos"),
  u("scipySpecial.gammaln (reflection)", (x) => scipySpecial.gammaln(np.subtract(0.45, np.multiply(x, 0.1))), "pos"),
  u("scipySpecial.digamma", scipySpecial.digamma, "pos"),
  u("scipySpecial.logit", (x) => scipySpecial.logit(np.divide(np.add(x, 1), 2)), "unit"),
  u("scipySpecial.expit", scipySpecial.expit),
  {
    name: "scipySpecial.xlogy xlog1py betaln",
    f: (x, y) => np.add(np.add(scipySpecial.xlogy(x, y), scipySpecial.xlog1py(x, y)), scipySpecial.betaln(y, np.add(y, 0.5))),
    inputs: [
      [[3, 4], "any"],
      [[3, 4], "pos"],
    ],
    order2: true,
  },
];
