// One error hierarchy with stable codes. NJ1xx shape, NJ2xx dtype, NJ3xx argument,
// NJ4xx tracing/concretization, NJ5xx transformations, NJ6xx compile/jit, NJ9xx threads and devices
// (NJ7xx and NJ8xx are the compiler's diagnostics).
// One function per error so messages stay consistent and greppable by code.
import type { Dim } from "./core/dims.js";

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
/** A pmap device (worker) failed: `data` has the device, the function and the cause's name, code and message. */
export class DeviceError extends NumjitError {}
/** A kernel that failed while the worker pool ran it (on a worker or on the calling thread). */
export class ThreadError extends NumjitError {}

const fmt = (s: readonly (Dim | string)[]) => `(${s.join(", ")}${s.length === 1 ? "," : ""})`;
export const formatShape = fmt;

/**
 * Structured data of a ShapeError: `op`; `shapes` (the operands' shapes, dims may be symbolic); `axis`;
 * `dims` (the dimensions compared or computed); `constraint` (a recorded dim constraint that failed).
 */
export interface ShapeErrorData {
  op: string;
  shapes?: readonly (readonly Dim[])[];
  axis?: number;
  dims?: readonly (Dim | string)[];
  /** NJ115: the symbolic dimension JS arithmetic was attempted on. */
  dim?: Dim;
  index?: number;
  constraint?: unknown;
}
const sd = (d: ShapeErrorData): Record<string, unknown> => ({ ...d });
const prod = (s: readonly Dim[]) =>
  s.every((d) => typeof d === "number") ? String((s as number[]).reduce((a, b) => a * b, 1)) : "symbolic";

export const shapeError = {
  broadcast: (op: string, a: readonly Dim[], b: readonly Dim[]) =>
    new ShapeError("NJ101", `${op}: operands could not be broadcast together with shapes ${fmt(a)} ${fmt(b)}`, sd({ op, shapes: [a, b] })),
  axis: (op: string, axis: number, ndim: number) =>
    new ShapeError("NJ102", `${op}: axis ${axis} is out of bounds for array of dimension ${ndim}`, sd({ op, axis, dims: [ndim] })),
  reshape: (op: string, from: readonly Dim[], to: readonly Dim[]) =>
    new ShapeError(
      "NJ103",
      `${op}: cannot reshape array of shape ${fmt(from)} (size ${prod(from)}) into shape ${fmt(to)}`,
      sd({ op, shapes: [from, to] }),
    ),
  matmul: (op: string, a: readonly Dim[], b: readonly Dim[], detail: string, dims?: readonly Dim[]) =>
    new ShapeError(
      "NJ104",
      `${op}: shapes ${fmt(a)} and ${fmt(b)} are not aligned: ${detail}`,
      sd(dims ? { op, shapes: [a, b], dims } : { op, shapes: [a, b] }),
    ),
  concat: (op: string, detail: string, data?: Omit<ShapeErrorData, "op">) =>
    new ShapeError("NJ105", `${op}: ${detail}`, sd({ op, ...data })),
  rank: (op: string, detail: string, data?: Omit<ShapeErrorData, "op">) => new ShapeError("NJ106", `${op}: ${detail}`, sd({ op, ...data })),
  duplicateAxis: (op: string, axis: number) => new ShapeError("NJ107", `${op}: repeated axis ${axis}`, sd({ op, axis })),
  empty: (op: string, detail: string) => new ShapeError("NJ108", `${op}: ${detail}`, sd({ op })),
  index: (op: string, index: number, size: number, axis: number) =>
    new ShapeError(
      "NJ109",
      `${op}: index ${index} is out of bounds for axis ${axis} with size ${size}`,
      sd({ op, index, axis, dims: [size] }),
    ),
  split: (op: string, detail: string) => new ShapeError("NJ110", `${op}: ${detail}`, sd({ op })),
  einsum: (detail: string) => new ShapeError("NJ111", `einsum: ${detail}`, sd({ op: "einsum" })),
  /** A comparison of symbolic dimensions that depends on the symbols' values (JAX: InconclusiveDimensionOperation). */
  inconclusive: (op: string, detail: string, dims: readonly Dim[], shapes?: readonly (readonly Dim[])[]) =>
    new ShapeError(
      "NJ112",
      `${op}: ${detail} (symbolic dimensions: the result depends on their values; annotate the ` +
        `dimensions with one name where they are equal, or give concrete sizes)`,
      sd(shapes ? { op, dims, shapes } : { op, dims }),
    ),
  /** An invalid dimension expression or value (bad name, division by zero, unbound variable, parse error). */
  dim: (op: string, detail: string, dims: readonly (Dim | string)[]) => new ShapeError("NJ113", `${op}: ${detail}`, sd({ op, dims })),
  /** A recorded dimension constraint that cannot hold or that the call's sizes violate. */
  constraint: (op: string, detail: string, constraint: unknown, dims: readonly Dim[]) =>
    new ShapeError("NJ114", `${op}: ${detail}`, sd({ op, constraint, dims })),
  /** JS arithmetic or a JS comparison on a symbolic dimension (JAX: InconclusiveDimensionOperation). */
  dimArithmetic: (op: string, dim: Dim) =>
    new ShapeError(
      "NJ115",
      `${op}: the symbolic dimension ${String(dim)} has no JS number value; the build-time trace computes + - * ` +
        "of dimensions, d % k, Math.floor(d / k), Math.ceil(d / k), Math.max, Math.min and the comparisons the sizes " +
        "cannot change; annotate concrete sizes for anything else",
      sd({ op, dim }),
    ),
};

export const dtypeError = {
  unsupported: (op: string, dtype: string) =>
    new DTypeError("NJ201", `${op}: unsupported dtype '${dtype}' (supported: float32, float64, int32, uint32, bool)`),
  notAllowed: (op: string, dtype: string, why: string) => new DTypeError("NJ202", `${op}: dtype ${dtype} not allowed: ${why}`),
  mismatch: (op: string, detail: string) => new DTypeError("NJ203", `${op}: ${detail}`),
  /** A weakly typed JS integer outside int32 meets int32 (or outside uint32 meets uint32) (JAX: OverflowError). */
  intOverflow: (op: string, value: number, dtype: string) =>
    new DTypeError(
      "NJ204",
      `${op}: the JS integer ${value} is out of range for ${dtype} (a JS integer is weakly typed and takes the ` +
        "integer dtype of the array it meets; int32 holds -2147483648..2147483647, uint32 0..4294967295). " +
        "Convert the array to a float dtype first, or pass a float array",
      { op, value, dtype },
    ),
};

export const argumentError = {
  invalid: (op: string, detail: string) => new ArgumentError("NJ301", `${op}: ${detail}`),
  data: (op: string, detail: string) => new ArgumentError("NJ302", `${op}: invalid array data: ${detail}`),
  notArray: (op: string, got: string) => new ArgumentError("NJ303", `${op}: expected an NDArray, number or boolean, got ${got}`),
  staticArg: (fn: string, detail: string) => new ArgumentError("NJ304", `jit(${fn}): ${detail}`),
  size: (op: string, detail: string) => new ArgumentError("NJ305", `${op}: ${detail}`),
  /** An invalid jit() option: `detail` starts with the option and its value. */
  jitOption: (option: string, value: unknown, detail: string) => new ArgumentError("NJ306", `jit: ${detail}`, { op: "jit", option, value }),
  /** A jitted function's argument that is not an array leaf (pytree of NDArrays, numbers, booleans). */
  jitArgument: (fn: string, path: string, type: string) =>
    new ArgumentError(
      "NJ307",
      `jit(${fn}): ${path} is ${type}, which is not an array, number or boolean (or a list/object of them); ` +
        `pass non-array values as static arguments (jit(f, { staticArgnums: [...] }) or staticArgnames) or close over them`,
      { op: "jit", fn, path, type },
    ),
  /** A random function's key that is not a raw PRNG key (uint32 of shape [2]). */
  prngKey: (op: string, got: string) =>
    new ArgumentError(
      "NJ308",
      `random.${op}: expected a PRNG key (a uint32 array of shape [2], from random.key, split or foldIn), got ${got}`,
      { op, got },
    ),
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
  leaked: (op: string) => new ConcretizationError("NJ402", `${op}: a traced value escaped the function being traced (leaked tracer)`),
  /** A converted `if`/`while`/`for` (AutoGraph) that could not be lowered to lax control flow met a traced condition. */
  autograph: (construct: string, reason: string) =>
    new ConcretizationError(
      "NJ403",
      `${construct} on a traced value cannot be lowered to lax control flow: ${reason}. ` +
        `Restructure it (np.where, lax.cond/whileLoop/foriLoop) or make the condition static.`,
      { construct, reason },
    ),
  /** A variable carried through lowered control flow has no value on some path. */
  autographCarry: (construct: string, name: string, detail: string) =>
    new ConcretizationError("NJ404", `${construct} on a traced value: '${name}' ${detail}`, { construct, name }),
};

export const transformError = {
  nonScalar: (fn: string, shape: readonly number[]) =>
    new TransformError("NJ501", `${fn}: the function must return a scalar (0-d float array), got shape ${fmt(shape)}`),
  nonFloat: (fn: string, dtype: string, arg: number) =>
    new TransformError("NJ502", `${fn}: argument ${arg} has dtype ${dtype}; differentiation needs float32/float64 inputs`),
  argnums: (fn: string, argnum: number, nargs: number) =>
    new TransformError("NJ503", `${fn}: argnums ${argnum} is out of range for a function called with ${nargs} arguments`),
  noRule: (transform: string, prim: string) => new TransformError("NJ504", `${transform}: no rule for primitive '${prim}'`),
  vmap: (detail: string) => new TransformError("NJ505", `vmap: ${detail}`),
  tree: (fn: string, detail: string) => new TransformError("NJ506", `${fn}: ${detail}`),
  /** Control flow whose branches/carry disagree: `what` names the branch output or carry leaf, with both avals. */
  controlFlow: (op: string, what: string, expected: string, got: string) =>
    new TransformError("NJ507", `${op}: ${what} has type ${got} but ${expected}`, { op, what, expected, got }),
  /** A differentiation rule that does not exist by design (reverse mode through whileLoop, jvp of customVjp). */
  notDifferentiable: (op: string, transform: string, hint: string) =>
    new TransformError("NJ508", `${op}: ${transform} is not supported. ${hint}`, { op, transform }),
  /** A lax control-flow argument of the wrong kind (a branch that is not a function, a bad index or length). */
  laxArgument: (op: string, detail: string) => new TransformError("NJ509", `${op}: ${detail}`, { op }),
  /** A derivative JAX leaves undefined too (e.g. qr of a wide matrix). */
  undefinedDerivative: (op: string, detail: string) =>
    new TransformError("NJ510", `${op}: not differentiable here (as in JAX): ${detail}`, { op }),
};

export const parallelError = {
  /** A collective (psum, axisIndex, ...) named an axis no enclosing pmap or vmap({ axisName }) binds. */
  unboundAxis: (op: string, axisName: string, bound: readonly string[]) =>
    new TransformError(
      "NJ511",
      `${op}: unbound axis name '${axisName}': call it inside pmap(f, { axisName: '${axisName}' }) ` +
        `or vmap(f, { axisName: '${axisName}' })` +
        (bound.length ? ` (bound axis names: ${bound.map((b) => `'${b}'`).join(", ")})` : " (no axis name is bound here)"),
      { op, axisName, bound: [...bound] },
    ),
  /** A pmap call or option that cannot be mapped (sizes, device count, arguments, unsupported programs). */
  pmap: (fn: string, detail: string, data: Record<string, unknown> = {}) =>
    new TransformError("NJ512", `pmap(${fn}): ${detail}`, { fn, ...data }),
  /** A collective over a mapped axis inside control flow, which pmap cannot cut into stages nor vmap batch. */
  collectiveInControlFlow: (transform: string, primitive: string, axisName: string) =>
    new TransformError(
      "NJ514",
      `${transform}: a collective over axis '${axisName}' inside ${primitive} is not supported; apply it outside the control flow`,
      { transform, primitive, axisName },
    ),
  /** A device threw or its worker died while running its shard. */
  device: (fn: string, device: number, cause: { name: string; message: string; code?: string }) =>
    new DeviceError("NJ513", `pmap(${fn}): device ${device} failed: ${cause.message}`, {
      fn,
      device,
      causeName: cause.name,
      causeCode: cause.code,
      causeMessage: cause.message,
    }),
};

export const compileError = {
  codegen: (detail: string) => new CompileError("NJ601", `codegen: ${detail}`),
  precompiled: (detail: string) => new CompileError("NJ602", `precompiled: ${detail}`),
  /** The build cannot write this schedule as a plan (the function stays precompiled by kernel table only). */
  planNotEmittable: (detail: string) => new CompileError("NJ603", `emitPlan: ${detail}`, { detail }),
};

export const threadError = {
  /** `data.op`: the kernel (its ops); `data.detail`: the engine's message (a wasm trap, …). */
  kernel: (op: string, detail: string) => new ThreadError("NJ901", `${op}: a kernel failed in the worker pool: ${detail}`, { op, detail }),
};
