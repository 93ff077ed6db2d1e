// Phase "trace": the analysed function becomes a real JS function (the interpreter evaluates its AST)
// which the runtime's buildKernels traces on its symbolic argument signature (signature.ts) through the
// runtime's own numpy definitions, runs the same passes as the runtime jit, and schedules. One trace
// per signature and static-value combination; errors are mapped back to source nodes.
import type * as ts from "typescript";
import { NumjitError, ShapeError } from "@numjit/runtime";
import { type Dim, type Jaxpr, isReduce, subJaxprs, symbolName, sym } from "@numjit/runtime/internal";
import { type RawDiagnostic, diag } from "../../diagnostics.js";
import type { ModuleScope } from "../find/index.js";
import type { StaticValue, TypeSpec } from "../analyse/annotations.js";
import type { AnalysedCall } from "../analyse/index.js";
import { runtimeRoot } from "../analyse/runtime-names.js";
import { type BuildResult, buildKernels } from "../../runtime.js";
import { type Interpreter, NodeError, UnknownName, Unsupported } from "./interpreter.js";
import { type CallSite, callSiteShapes } from "./call-sites.js";
import { type SigDim, type SigSlot, type Signature, atRank, signatureToString, signatures } from "./signature.js";

/** A bare dimension variable (`N`), not an expression or a number. */
const isSymbol = (d: Dim): boolean => typeof d !== "number" && symbolName(d) !== undefined;

export interface Trace {
  /** Where the signature came from ("annotated", "call site (line 12)", ...) plus static values. */
  label: string;
  /** The symbolic signature, as `numjit inspect` prints it: `x: f32[B, x_1], k: number`. */
  argsText: string;
  /** The symbolic signature itself (the emitted plan's guard checks it). */
  signature: Signature;
  result: BuildResult;
}

export interface BuiltCall {
  analysed: AnalysedCall;
  traces: Trace[];
  /** Positions of static arguments traced as weak scalar inputs (no build-time value needed). */
  tracedStatics: number[];
  /** Fallback reasons (warnings) and errors found while tracing. */
  problems: RawDiagnostic[];
}

/**
 * Phase entry: trace one analysed jit function once per signature (one per distinct call-site structure)
 * and static-value combination. No sizes are guessed: see signature.ts.
 */
export function traceCall(a: AnalysedCall, scope: ModuleScope, interp: Interpreter, external: readonly CallSite[] = []): BuiltCall {
  const tracedStatics = a.staticArgnums.filter((i) => !a.staticValues.get(i)?.length);
  const out: BuiltCall = { analysed: a, traces: [], tracedStatics, problems: [] };
  let target: (...args: unknown[]) => unknown;
  try {
    target = makeTarget(a, interp);
  } catch (e) {
    out.problems.push(
      e instanceof Unsupported ? e.diagnostic : diag.transform(a.jit.target, a.jit.target.getText(scope.sf), String((e as Error).message)),
    );
    return out;
  }
  const names = a.params.map((p) => p.name);
  const sites = [...a.jit.uses.map((call) => ({ call, scope })), ...external].map(callSiteShapes);
  for (const statics of staticCombos(a)) {
    const staticText = [...statics].map(([i, v]) => `${names[i]}=${JSON.stringify(v)}`).join(", ");
    for (const sig of signatures(a, statics, scope, sites)) {
      if (sig.unknownRank.length) {
        out.problems.push(diag.unknownRank(a.params[0]?.node ?? a.jit.call, a.jit.name, sig.unknownRank, arrayPaths(sig, names)[1]));
        return out;
      }
      const label = staticText ? `${sig.label}; ${staticText}` : sig.label;
      const results: BuildResult[] = [];
      for (const s of sig.polymorphic ? [atRank(sig, 1), atRank(sig, 2)] : [sig]) {
        const r = traceSignature(a, s, target, tracedStatics);
        if (r.kind !== "ok") {
          // a shape error of a rank-polymorphic trace means the function needs ranks (reshape to fixed sizes)
          const needsRank = sig.polymorphic && r.shapeError;
          out.problems.push(
            needsRank ? diag.unknownRank(a.params[0]?.node ?? a.jit.call, a.jit.name, ...arrayPaths(sig, names)) : r.diagnostic,
          );
          return out;
        }
        if (sig.polymorphic && !elementwiseOnly(r.result.jaxpr)) {
          out.problems.push(diag.unknownRank(a.params[0]?.node ?? a.jit.call, a.jit.name, ...arrayPaths(sig, names)));
          return out;
        }
        results.push(r.result);
      }
      // printed after tracing: the symbols unified by the trace are one
      const subst = results[0]?.substitution;
      const argsText = signatureToString(sig.slots, names, (d) => String(subst?.get(d) ?? d));
      // a symbolic plan guards every size; a rank-polymorphic function's plans serve the ranks traced (1 and 2)
      for (const result of results) out.traces.push({ label, argsText, signature: sig, result });
    }
  }
  return out;
}

/** `shapeError`: the failure is a ShapeError (NJ1xx), which a rank-polymorphic trace turns into NJ710. */
type Outcome = { kind: "ok"; result: BuildResult } | { kind: "fail"; diagnostic: RawDiagnostic; shapeError: boolean };

/**
 * Trace the function once on its symbolic signature (the runtime's symbolic trace: dims are numbers or
 * symbols). The runtime unifies symbols itself where the ops need them equal, and records what it cannot
 * decide (`B == 2*N`, divisibility for a reshape) as constraints the emitted plan's guard checks.
 */
export function traceSignature(
  a: AnalysedCall,
  sig: Signature,
  target: (...args: unknown[]) => unknown,
  tracedStatics: readonly number[],
): Outcome {
  const staticArgnums = a.staticArgnums.filter((i) => !tracedStatics.includes(i));
  try {
    const result = buildKernels(target, symbolicArgs(sig), {
      staticArgnums,
      name: a.jit.name,
      argNames: a.params.map((p) => p.name),
    });
    // an annotation names its dims: two different names the ops need equal is an error, not a guard
    const clash = sig.exact ? result.constraints.find((c) => c.kind === "eq" && isSymbol(c.a) && isSymbol(c.b)) : undefined;
    if (clash?.kind === "eq") {
      const message = `${clash.op}: the annotated dimensions ${String(clash.a)} and ${String(clash.b)} must be equal (give them one name)`;
      return {
        kind: "fail",
        diagnostic: diag.shape(annotationOf(a, [String(clash.b), String(clash.a)]) ?? a.jit.call, message),
        shapeError: true,
      };
    }
    return { kind: "ok", result };
  } catch (e) {
    const node = e instanceof NodeError ? e.node : a.jit.call;
    const err = e instanceof NodeError ? e.error : e;
    const d = diagnose(a, sig, node, err, tracedStatics);
    // raised in an imported helper: the message names where
    const diagnostic = e instanceof NodeError && e.where ? { ...d, message: `${e.where}: ${d.message}` } : d;
    return { kind: "fail", diagnostic, shapeError: err instanceof ShapeError };
  }
}

/** Where the first parameter whose annotation names one of `symbols` (tried in order) is annotated. */
function annotationOf(a: AnalysedCall, symbols: readonly string[]): { pos: number; end: number } | undefined {
  const names = (t: TypeSpec): string[] =>
    t.kind === "array"
      ? t.dims.filter((d): d is string => typeof d === "string")
      : t.kind === "object"
        ? t.fields.flatMap(([, f]) => names(f))
        : t.kind === "tuple"
          ? t.items.flatMap(names)
          : [];
  for (const s of symbols) for (const [param, t] of a.annotations.types) if (names(t).includes(s)) return a.annotations.at.get(param);
  return undefined;
}

/** The trace's arguments: `{ shape, dtype }` leaves whose dims are numbers or symbols (`sym("B")`). */
function symbolicArgs(sig: Signature): unknown[] {
  const conv = (s: SigSlot): unknown => {
    switch (s.kind) {
      case "array":
        return { shape: s.dims!.map((d: SigDim) => (typeof d === "number" ? d : sym(d))), dtype: s.dtype };
      case "number":
      case "staticValue":
        return 0.5;
      case "boolean":
        return true;
      case "object":
        return Object.fromEntries(s.fields.map(([k, f]) => [k, conv(f)]));
      case "tuple":
        return s.items.map(conv);
      case "static":
        return s.value;
    }
  };
  return sig.slots.map(conv);
}

/** The diagnostic for a failed trace; shape messages name the signature's symbols, not placeholder sizes. */
function diagnose(a: AnalysedCall, sig: Signature, node: ts.Node, err: unknown, tracedStatics: readonly number[]): RawDiagnostic {
  if (tracedStatics.length && decidesStructure(err)) {
    const p = a.params[tracedStatics[0]!]!;
    return diag.staticValues(p.node, p.name);
  }
  if (err instanceof Unsupported) return err.diagnostic;
  if (err instanceof UnknownName) {
    if (err.arrayRead && !sig.exact)
      return diag.unknownRank(
        node,
        a.jit.name,
        [`${err.fullName.slice("NDArray.".length)} (read as a field of an array argument)`],
        "x: { w: f32[N, M] }",
      );
    return diag.unknownFunction(node, err.fullName);
  }
  if (!(err instanceof NumjitError)) return diag.traceFailed(node, err instanceof Error ? err.message : String(err));
  const family = err.code.slice(0, 3);
  if (err.code === "NJ403") return diag.autograph(node, String(err.data["construct"]), String(err.data["reason"]));
  if (family === "NJ4") return diag.dataDependent(node, String(err.data.op ?? "a JS value"));
  if (family === "NJ6") return diag.runtimeUnavailable(node, err.message);
  const message = err.message;
  const cause = { code: err.code, data: err.data };
  // an op whose shape rule takes numbers only (NJ115) is the runtime's limit, not the program's error
  if ((!sig.exact && family !== "NJ3") || err.code === "NJ115") return { ...diag.traceFailed(node, message), cause };
  const d =
    family === "NJ1"
      ? diag.shape(node, message)
      : family === "NJ2"
        ? diag.dtype(node, message)
        : family === "NJ5"
          ? diag.transformation(node, message)
          : diag.argument(node, message);
  return { ...d, cause };
}

/**
 * Whether a failure of a trace with static arguments traced as values means one of them decides shapes
 * or control flow (and so needs a build-time value, NJ708): data-dependence (NJ704-706 from the
 * interpreter, ConcretizationError), a shape/argument error (the value reached a shape, an axis, a
 * loop bound) or a plain JS error (the value used as a JS number).
 */
function decidesStructure(err: unknown): boolean {
  if (err instanceof Unsupported) return ["NJ704", "NJ705", "NJ706"].includes(err.diagnostic.code);
  if (err instanceof NumjitError) return ["NJ1", "NJ3", "NJ4"].includes(err.code.slice(0, 3));
  return !(err instanceof UnknownName);
}

/** The leaf paths of a signature's arrays (`p.w1`, `x`) and an annotation to suggest for the first parameter. */
function arrayPaths(sig: Signature, names: readonly string[]): [paths: string[], example: string] {
  const paths: string[] = [];
  const leaves = (s: SigSlot, path: string): void => {
    if (s.kind === "array") paths.push(path);
    else if (s.kind === "object") for (const [k, f] of s.fields) leaves(f, `${path}.${k}`);
    else if (s.kind === "tuple") s.items.forEach((f, i) => leaves(f, `${path}[${i}]`));
  };
  sig.slots.forEach((s, i) => leaves(s, names[i]!));
  const spec = (s: SigSlot): string =>
    s.kind === "object"
      ? `{ ${s.fields.map(([k, f]) => `${k}: ${spec(f)}`).join(", ")} }`
      : s.kind === "tuple"
        ? `[${s.items.map(spec).join(", ")}]`
        : "f32[N, M]";
  const first = sig.slots.findIndex((s) => s.kind === "array" || s.kind === "object" || s.kind === "tuple");
  return [paths, first < 0 ? "x: f32[N, M]" : `${names[first]}: ${spec(sig.slots[first]!)}`];
}

/** The function the jit call compiles: the interpreted function under grad/valueAndGrad/vmap. */
function makeTarget(a: AnalysedCall, interp: Interpreter): (...args: unknown[]) => unknown {
  let f = interp.makeFunction(a.fn, undefined, a.jit.name);
  const root = runtimeRoot();
  for (let i = a.jit.transforms.length - 1; i >= 0; i--) {
    const t = a.jit.transforms[i]!;
    const tf = root[t.name];
    if (typeof tf !== "function")
      throw new Unsupported(diag.transform(t.call, t.name, "this version of @numjit/runtime does not export it"));
    f = (tf as (...x: unknown[]) => (...y: unknown[]) => unknown)(f, ...(a.transformArgs[i] ?? []));
  }
  return f;
}

/**
 * Every equation elementwise, a broadcast of a scalar, or a reduction of every axis to a scalar (a loss such
 * as `mean(square(p - y))`): no axes, shapes or ranks in the structure, so the plans traced at ranks 1 and 2
 * are the same program over the flattened elements.
 */
function elementwiseOnly(j: Jaxpr): boolean {
  return j.eqns.every(
    (e) =>
      (!STRUCTURAL.has(e.primitive) || (isReduce(e.primitive) && e.outs[0]?.aval.shape.length === 0)) &&
      !(e.primitive === "broadcast_in_dim" && e.params.broadcastDimensions.length > 0) &&
      subJaxprs(e).every(elementwiseOnly),
  );
}
const STRUCTURAL = new Set([
  "reduce_sum",
  "reduce_prod",
  "reduce_max",
  "reduce_min",
  "argmax",
  "argmin",
  "argsort",
  "linalg_solve",
  "triangular_solve",
  "cholesky",
  "slogdet",
  "eigh",
  "svd",
  "qr",
  "fft",
  "cumsum",
  "cumprod",
  "cummax",
  "cummin",
  "dot_general",
  "conv_general_dilated",
  "reshape",
  "transpose",
  "slice",
  "rev",
  "pad",
  "concatenate",
  "iota",
  "gather",
  "scatter_add",
  "copy",
]);

function* staticCombos(a: AnalysedCall): Generator<Map<number, StaticValue>> {
  const idx = [...a.staticValues.keys()].filter((i) => a.staticValues.get(i)?.length);
  const rec = function* (k: number, acc: Map<number, StaticValue>): Generator<Map<number, StaticValue>> {
    if (k === idx.length) {
      yield new Map(acc);
      return;
    }
    for (const v of a.staticValues.get(idx[k]!) ?? []) {
      acc.set(idx[k]!, v);
      yield* rec(k + 1, acc);
    }
  };
  yield* rec(0, new Map());
}
