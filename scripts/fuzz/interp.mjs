// The Node half of the differential fuzz: interprets the JSON programs of gen.py with numjit.
// jaxinterp.py is the other half; both read the same spec (README.md), op by op.
import { numpy as np, nn, NDArray } from "@numjit/runtime";

const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array };

export const decNum = (v) => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v);

/** The logical input: the base array with its view ops applied (so kernels see offsets, strides, broadcasts). */
export function makeInput(spec) {
  const { base } = spec;
  const data = CTORS[spec.dtype].from(base.data.map((v) => (typeof v === "boolean" ? +v : decNum(v))));
  let x = np.reshape(np.array(data, { dtype: spec.dtype }), base.shape);
  for (const v of spec.view ?? []) x = applyView(x, v);
  return x;
}

function applyView(x, v) {
  switch (v.t) {
    case "slice":
      return x.slice(...v.specs);
    case "transpose":
      return np.transpose(x, v.axes);
    case "flip":
      return np.flip(x, v.axis);
    case "broadcast":
      return np.broadcastTo(x, v.shape);
    default:
      throw new Error(`unknown view ${v.t}`);
  }
}

const A = (name, f) => [name, f];
export const OPS = Object.fromEntries([
  A("neg", ([a]) => np.negative(a)),
  A("abs", ([a]) => np.abs(a)),
  A("exp", ([a]) => np.exp(a)),
  A("log", ([a]) => np.log(a)),
  A("sqrt", ([a]) => np.sqrt(a)),
  A("sin", ([a]) => np.sin(a)),
  A("cos", ([a]) => np.cos(a)),
  A("tanh", ([a]) => np.tanh(a)),
  A("square", ([a]) => np.square(a)),
  A("floor", ([a]) => np.floor(a)),
  A("ceil", ([a]) => np.ceil(a)),
  A("round", ([a]) => np.round(a)),
  A("sign", ([a]) => np.sign(a)),
  A("expm1", ([a]) => np.expm1(a)),
  A("log1p", ([a]) => np.log1p(a)),
  A("reciprocal", ([a]) => np.reciprocal(a)),
  A("logical_not", ([a]) => np.logicalNot(a)),
  A("isnan", ([a]) => np.isnan(a)),
  A("sigmoid", ([a]) => nn.sigmoid(a)),
  A("relu", ([a]) => nn.relu(a)),
  A("softplus", ([a]) => nn.softplus(a)),
  A("silu", ([a]) => nn.silu(a)),
  A("gelu", ([a]) => nn.gelu(a)),
  A("add", ([a, b]) => np.add(a, b)),
  A("subtract", ([a, b]) => np.subtract(a, b)),
  A("multiply", ([a, b]) => np.multiply(a, b)),
  A("divide", ([a, b]) => np.divide(a, b)),
  A("maximum", ([a, b]) => np.maximum(a, b)),
  A("minimum", ([a, b]) => np.minimum(a, b)),
  A("power", ([a, b]) => np.power(a, b)),
  A("floor_divide", ([a, b]) => np.floorDivide(a, b)),
  A("mod", ([a, b]) => np.mod(a, b)),
  A("arctan2", ([a, b]) => np.arctan2(a, b)),
  A("less", ([a, b]) => np.less(a, b)),
  A("equal", ([a, b]) => np.equal(a, b)),
  A("greater_equal", ([a, b]) => np.greaterEqual(a, b)),
  A("not_equal", ([a, b]) => np.notEqual(a, b)),
  A("logical_and", ([a, b]) => np.logicalAnd(a, b)),
  A("where", ([c, a, b]) => np.where(c, a, b)),
  A("sum", ([a], p) => np.sum(a, p.axis, { keepdims: p.keepdims })),
  A("prod", ([a], p) => np.prod(a, p.axis, { keepdims: p.keepdims })),
  A("max", ([a], p) => np.max(a, p.axis, { keepdims: p.keepdims })),
  A("min", ([a], p) => np.min(a, p.axis, { keepdims: p.keepdims })),
  A("mean", ([a], p) => np.mean(a, p.axis, { keepdims: p.keepdims })),
  A("var", ([a], p) => np.var(a, p.axis, { keepdims: p.keepdims })),
  A("all", ([a], p) => np.all(a, p.axis, { keepdims: p.keepdims })),
  A("any", ([a], p) => np.any(a, p.axis, { keepdims: p.keepdims })),
  A("argmax", ([a], p) => np.argmax(a, p.axis, { keepdims: p.keepdims })),
  A("logsumexp", ([a], p) => nn.logsumexp(a, p.axis, { keepdims: p.keepdims })),
  A("cumsum", ([a], p) => np.cumsum(a, p.axis)),
  A("softmax", ([a], p) => nn.softmax(a, p.axis)),
  A("log_softmax", ([a], p) => nn.logSoftmax(a, p.axis)),
  A("reshape", ([a], p) => np.reshape(a, p.shape)),
  A("transpose", ([a], p) => np.transpose(a, p.axes)),
  A("slice", ([a], p) => a.slice(...p.specs)),
  A("broadcast_to", ([a], p) => np.broadcastTo(a, p.shape)),
  A("concatenate", (xs, p) => np.concatenate(xs, p.axis)),
  A("stack", (xs, p) => np.stack(xs, p.axis)),
  A("expand_dims", ([a], p) => np.expandDims(a, p.axis)),
  A("squeeze", ([a], p) => np.squeeze(a, p.axis)),
  A("flip", ([a], p) => np.flip(a, p.axis)),
  A("matmul", ([a, b]) => np.matmul(a, b)),
  A("dot", ([a, b]) => np.dot(a, b)),
  A("einsum", (xs, p) => np.einsum(p.subs, ...xs)),
  A("astype", ([a], p) => a.astype(p.dtype)),
]);

function argValue(ref, inputs, env) {
  if ("i" in ref) return inputs[ref.i];
  if ("v" in ref) return env[ref.v];
  if ("b" in ref) return ref.b;
  return decNum(ref.s);
}

/** The program as a JS function of its inputs (traceable by jit/grad/vmap like any user function). */
export function programFn(prog) {
  return (...inputs) => {
    const env = [];
    for (const op of prog.ops)
      env.push(
        OPS[op.op](
          op.args.map((r) => argValue(r, inputs, env)),
          op.p ?? {},
        ),
      );
    return argValue(prog.out, inputs, env);
  };
}

export const isArray = (x) => x instanceof NDArray;
