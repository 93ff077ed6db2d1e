// Trace machinery (autodidax style, with omnistaging): a stack of main traces; `bind` lifts inputs
// to the highest-level trace among them and lets that trace process the primitive.
// The eager case (no transformation active) is a straight call into the primitive's kernel.
import type { DType } from "../dtype.js";
import { traceError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import type { HigherParams, HigherPrimitive, Params, Primitive } from "./primitives.js";
import type { MultiParams, MultiPrimitive } from "./multi-primitives.js";

/** Abstract value: what tracing knows of an array. */
export interface Aval {
  shape: readonly number[];
  dtype: DType;
  weakType: boolean;
}

export type Impl<P extends Primitive> = (inputs: NDArray[], params: Params[P]) => NDArray;
export const impls = {} as { [P in Primitive]: Impl<P> };
export type MultiImpl<P extends MultiPrimitive> = (inputs: NDArray[], params: MultiParams[P]) => NDArray[];
/** Eager kernels of the multi-output first-order primitives (registered by eager/linalg-impls.ts, eager/top-k.ts). */
export const multiImpls = {} as { [P in MultiPrimitive]: MultiImpl<P> };
export type HigherImpl<P extends HigherPrimitive> = (inputs: NDArray[], params: HigherParams[P]) => NDArray[];
/** Eager evaluation of the higher-order primitives (registered by jit/higher-impls.ts). */
export const higherImpls = {} as { [P in HigherPrimitive]: HigherImpl<P> };

export abstract class Trace {
  constructor(readonly main: MainTrace) {}
  /** Wrap a value of a lower level (a constant, for this trace) as one of this trace's tracers. */
  abstract pure(x: NDArray): Tracer;
  lift(x: NDArray): Tracer {
    return this.pure(x);
  }
  abstract processPrimitive<P extends Primitive>(prim: P, tracers: Tracer[], params: Params[P]): NDArray;
  /** A first-order primitive with several outputs (a factorization, top_k). */
  abstract processMulti<P extends MultiPrimitive>(prim: P, tracers: Tracer[], params: MultiParams[P]): NDArray[];
  /** A higher-order primitive (several outputs): each trace applies its rule for it. */
  abstract processHigher<P extends HigherPrimitive>(prim: P, tracers: Tracer[], params: HigherParams[P]): NDArray[];
}

export type TraceCtor = new (main: MainTrace) => Trace;

export class MainTrace {
  constructor(
    readonly level: number,
    readonly traceType: TraceCtor,
    readonly globalData: unknown,
  ) {}
}

/** Tracers are NDArrays whose data is abstract. Reading their data is a concretization error. */
export abstract class Tracer extends NDArray {
  abstract readonly _trace: Trace;
  constructor(shape: readonly number[], dtype: DType, weakType: boolean) {
    super(
      EMPTY,
      shape,
      dtype,
      shape.map(() => 0),
      0,
      weakType,
    );
  }
  get aval(): Aval {
    return { shape: this.shape, dtype: this.dtype, weakType: this.weakType };
  }
  fullLower(): NDArray {
    return this;
  }
  override toTypedArray(): never {
    throw traceError.concretization("toTypedArray()", currentFunctionName());
  }
  override toArray(): never {
    throw traceError.concretization("toArray()", currentFunctionName());
  }
  override item(): never {
    throw traceError.concretization("item()", currentFunctionName());
  }
  override primitiveValue(hint: string): never {
    throw traceError.concretization(hint === "string" ? "String()" : "Number()/comparison", currentFunctionName());
  }
}
const EMPTY = new Float32Array(0);

class EvalTrace extends Trace {
  pure(x: NDArray): Tracer {
    return x as Tracer;
  }
  processPrimitive<P extends Primitive>(prim: P, tracers: Tracer[], params: Params[P]): NDArray {
    return impls[prim](tracers as NDArray[], params);
  }
  processMulti<P extends MultiPrimitive>(prim: P, tracers: Tracer[], params: MultiParams[P]): NDArray[] {
    return multiImpls[prim](tracers as NDArray[], params);
  }
  processHigher<P extends HigherPrimitive>(prim: P, tracers: Tracer[], params: HigherParams[P]): NDArray[] {
    return higherImpls[prim](tracers as NDArray[], params);
  }
}

const traceStack: MainTrace[] = [new MainTrace(0, EvalTrace, null)];
let dynamicTrace: MainTrace | null = null;
/** Names of the user functions being traced, innermost last, for error messages. */
const functionNames: string[] = [];
let depth = 0; // traceStack.length - 1, cached for the eager fast path

export function currentFunctionName(): string {
  const n = functionNames[functionNames.length - 1];
  return n ? `'${n}'` : "a transformed function";
}

export function withFunctionName<T>(name: string, f: () => T): T {
  functionNames.push(name || "<anonymous>");
  try {
    return f();
  } finally {
    functionNames.pop();
  }
}

export function newMain<T>(traceType: TraceCtor, globalData: unknown, f: (main: MainTrace) => T): T {
  const main = new MainTrace(traceStack.length, traceType, globalData);
  traceStack.push(main);
  depth++;
  try {
    return f(main);
  } finally {
    traceStack.pop();
    depth--;
  }
}

/** Run f with `main` as the dynamic trace: every bind inside is staged into it (omnistaging). */
export function withDynamic<T>(main: MainTrace, f: () => T): T {
  const prev = dynamicTrace;
  dynamicTrace = main;
  try {
    return f();
  } finally {
    dynamicTrace = prev;
  }
}

export function isTracing(): boolean {
  return depth > 0;
}

/** The one dispatch point for every primitive application. */
export function bind<P extends Primitive>(prim: P, inputs: NDArray[], params: Params[P]): NDArray {
  if (depth === 0) {
    for (let i = 0; i < inputs.length; i++) if (inputs[i] instanceof Tracer) throw traceError.leaked(prim);
    return impls[prim](inputs, params);
  }
  const trace = findTopTrace(inputs);
  const tracers = inputs.map((x) => fullRaise(trace, x, prim));
  const out = trace.processPrimitive(prim, tracers, params);
  return out instanceof Tracer ? out.fullLower() : out;
}

/** bind for a first-order primitive with several results: one array per output. */
export function bindMulti<P extends MultiPrimitive>(prim: P, inputs: NDArray[], params: MultiParams[P]): NDArray[] {
  if (depth === 0) {
    for (let i = 0; i < inputs.length; i++) if (inputs[i] instanceof Tracer) throw traceError.leaked(prim);
    return multiImpls[prim](inputs, params);
  }
  const trace = findTopTrace(inputs);
  const tracers = inputs.map((x) => fullRaise(trace, x, prim));
  return trace.processMulti(prim, tracers, params).map((o) => (o instanceof Tracer ? o.fullLower() : o));
}

/** bind for a higher-order primitive: one result per output of its sub-program. */
export function bindHigher<P extends HigherPrimitive>(prim: P, inputs: NDArray[], params: HigherParams[P]): NDArray[] {
  if (depth === 0) {
    for (let i = 0; i < inputs.length; i++) if (inputs[i] instanceof Tracer) throw traceError.leaked(prim);
    return higherImpls[prim](inputs, params);
  }
  const trace = findTopTrace(inputs);
  const tracers = inputs.map((x) => fullRaise(trace, x, prim));
  return trace.processHigher(prim, tracers, params).map((o) => (o instanceof Tracer ? o.fullLower() : o));
}

function findTopTrace(inputs: NDArray[]): Trace {
  let top = traceStack[0]!;
  for (const x of inputs) {
    if (x instanceof Tracer && x._trace.main.level > top.level) top = x._trace.main;
  }
  if (dynamicTrace !== null && dynamicTrace.level > top.level) top = dynamicTrace;
  return new top.traceType(top);
}

function fullRaise(trace: Trace, x: NDArray, prim: string): Tracer {
  if (!(x instanceof Tracer)) return trace.pure(x);
  const level = trace.main.level;
  const xl = x._trace.main.level;
  if (x._trace.main === trace.main) return x;
  if (xl < level) return trace.lift(x);
  // a higher level than the top trace, or the same level of another main: a tracer that escaped
  throw traceError.leaked(prim);
}
