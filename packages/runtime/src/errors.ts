// One error hierarchy with stable codes. NJ1xx shape, NJ2xx dtype, NJ3xx argument,
// NJ4xx tracing/concretization, NJ5xx transformations, NJ6xx compile/jit.
// One function per error so messages stay consistent and greppable by code.

export class NumjitError extends Error {
  readonly code: string;
  /** The facts behind the message (op, value, dtype, option, ...), for code that handles the error. */
  readonly data: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, data: Record<string, unknown> = {}) {
    super(`[${code}] ${message}`);
    this.code = code;
    this.data = data;
    this.name = new.target.name;
  }
}
export class ShapeError extends NumjitError {}
export class DTypeError extends NumjitError {}
export class ArgumentError extends NumjitError {}
export class ConcretizationError extends NumjitError {}
export class TransformError extends NumjitError {}
export class CompileError extends NumjitError {}

const fmt = (s: readonly (number | string)[]) => `(${s.join(", ")}${s.length === 1 ? "," : ""})`;
export const formatShape = fmt;

export const shapeError = {
  broadcast: (op: string, a: readonly number[], b: readonly number[]) =>
    new ShapeError("NJ101", `${op}: operands could not be broadcast together with shapes ${fmt(a)} ${fmt(b)}`),
  axis: (op: string, axis: number, ndim: number) =>
    new ShapeError("NJ102", `${op}: axis ${axis} is out of bounds for array of dimension ${ndim}`),
  reshape: (op: string, from: readonly number[], to: readonly number[]) =>
    new ShapeError("NJ103", `${op}: cannot reshape array of shape ${fmt(from)} (size ${from.reduce((a, b) => a * b, 1)}) into shape ${fmt(to)}`),
  matmul: (op: string, a: readonly number[], b: readonly number[], detail: string) =>
    new ShapeError("NJ104", `${op}: shapes ${fmt(a)} and ${fmt(b)} are not aligned: ${detail}`),
  concat: (op: string, detail: string) => new ShapeError("NJ105", `${op}: ${detail}`),
  rank: (op: string, detail: string) => new ShapeError("NJ106", `${op}: ${detail}`),
  duplicateAxis: (op: string, axis: number) => new ShapeError("NJ107", `${op}: repeated axis ${axis}`),
  empty: (op: string, detail: string) => new ShapeError("NJ108", `${op}: ${detail}`),
  index: (op: string, index: number, size: number, axis: number) =>
    new ShapeError("NJ109", `${op}: index ${index} is out of bounds for axis ${axis} with size ${size}`),
  split: (op: string, detail: string) => new ShapeError("NJ110", `${op}: ${detail}`),
  einsum: (detail: string) => new ShapeError("NJ111", `einsum: ${detail}`),
};

export const dtypeError = {
  unsupported: (op: string, dtype: string) =>
    new DTypeError("NJ201", `${op}: unsupported dtype '${dtype}' (supported: float32, float64, int32, bool)`),
  notAllowed: (op: string, dtype: string, why: string) =>
    new DTypeError("NJ202", `${op}: dtype ${dtype} not allowed: ${why}`),
  mismatch: (op: string, detail: string) => new DTypeError("NJ203", `${op}: ${detail}`),
  /** A weakly typed JS integer outside int32 meets int32 (JAX: OverflowError). */
  intOverflow: (op: string, value: number, dtype: string) =>
    new DTypeError("NJ204", `${op}: the JS integer ${value} is out of range for ${dtype} (a JS integer is weakly typed and takes the ` +
      `int32 of the array it meets; int32 holds -2147483648..2147483647). Convert the array to a float dtype first, or pass a float array`,
    { op, value, dtype }),
};

export const argumentError = {
  invalid: (op: string, detail: string) => new ArgumentError("NJ301", `${op}: ${detail}`),
  data: (op: string, detail: string) => new ArgumentError("NJ302", `${op}: invalid array data: ${detail}`),
  notArray: (op: string, got: string) =>
    new ArgumentError("NJ303", `${op}: expected an NDArray, number or boolean, got ${got}`),
  staticArg: (fn: string, detail: string) => new ArgumentError("NJ304", `jit(${fn}): ${detail}`),
  size: (op: string, detail: string) => new ArgumentError("NJ305", `${op}: ${detail}`),
  /** An invalid jit() option: `detail` starts with the option and its value. */
  jitOption: (option: string, value: unknown, detail: string) => new ArgumentError("NJ306", `jit: ${detail}`, { op: "jit", option, value }),
  /** A jitted function's argument that is not an array leaf (pytree of NDArrays, numbers, booleans). */
  jitArgument: (fn: string, path: string, type: string) =>
    new ArgumentError("NJ307", `jit(${fn}): ${path} is ${type}, which is not an array, number or boolean (or a list/object of them); ` +
      `pass non-array values as static arguments (jit(f, { staticArgnums: [...] }) or staticArgnames) or close over them`,
    { op: "jit", fn, path, type }),
};

export const traceError = {
  concretization: (what: string, fn: string, hint?: string) =>
    new ConcretizationError(
      "NJ401",
      `${what} on a traced value inside ${fn}: the value is abstract while tracing (only its shape and dtype are known). ` +
        (hint ? `${hint}. ` : "") +
        `Use np.where(cond, a, b) instead of an if on array data, mark the argument static with ` +
        `jit(f, { staticArgnums: [...] }), or call the function eagerly (without jit).`,
    ),
  leaked: (op: string) =>
    new ConcretizationError("NJ402", `${op}: a traced value escaped the function being traced (leaked tracer)`),
};

export const transformError = {
  nonScalar: (fn: string, shape: readonly number[]) =>
    new TransformError("NJ501", `${fn}: the function must return a scalar (0-d float array), got shape ${fmt(shape)}`),
  nonFloat: (fn: string, dtype: string, arg: number) =>
    new TransformError("NJ502", `${fn}: argument ${arg} has dtype ${dtype}; differentiation needs float32/float64 inputs`),
  argnums: (fn: string, argnum: number, nargs: number) =>
    new TransformError("NJ503", `${fn}: argnums ${argnum} is out of range for a function called with ${nargs} arguments`),
  noRule: (transform: string, prim: string) =>
    new TransformError("NJ504", `${transform}: no rule for primitive '${prim}'`),
  vmap: (detail: string) => new TransformError("NJ505", `vmap: ${detail}`),
  tree: (fn: string, detail: string) => new TransformError("NJ506", `${fn}: ${detail}`),
};

export const compileError = {
  codegen: (detail: string) => new CompileError("NJ601", `codegen: ${detail}`),
  precompiled: (detail: string) => new CompileError("NJ602", `precompiled: ${detail}`),
};
