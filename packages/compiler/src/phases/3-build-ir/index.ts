// Phase 3: build IR. Abstract interpretation: the analysed function becomes a real JS function
// (the interpreter evaluates its AST) which the runtime's buildKernels traces on abstract arguments
// through the runtime's own numpy definitions, runs the same passes as the runtime jit, and schedules.
// One trace per candidate argument structure; errors are mapped back to source nodes.
import type * as ts from "typescript";
import { NumjitError } from "@numjit/runtime";
import { type RawDiagnostic, diag } from "../../diagnostics.js";
import type { ModuleScope } from "../1-find/index.js";
import type { StaticValue } from "../2-analyse/annotations.js";
import type { AnalysedCall } from "../2-analyse/index.js";
import { runtimeRoot } from "../2-analyse/runtime-names.js";
import { type BuildResult, buildKernels } from "../../runtime.js";
import { type Interpreter, NodeError, UnknownName, Unsupported } from "./interpreter.js";
import { type Candidate, candidates, slotsToString, toArgs, unifyFromError } from "./shapes.js";

export interface Trace {
  /** How the arguments were chosen: "annotated", "rank 2", ... plus static values. */
  label: string;
  argsText: string;
  result: BuildResult;
}

export interface BuiltCall {
  analysed: AnalysedCall;
  traces: Trace[];
  /** Fallback reasons (warnings) and errors found while tracing. */
  problems: RawDiagnostic[];
  /** Failed candidates, for `numjit inspect`. */
  rejected: { label: string; argsText: string; error: string }[];
}

const MAX_REPAIRS = 12;

export function buildIR(a: AnalysedCall, scope: ModuleScope, interp: Interpreter): BuiltCall {
  const out: BuiltCall = { analysed: a, traces: [], problems: [], rejected: [] };
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
  let lastError: { node: ts.Node; message: string; diagnostic: RawDiagnostic } | undefined;
  const failureCodes = new Set<string>();
  // unannotated arrays are guessed float32 (the default dtype); integer/bool code is retried as such
  for (const dtype of ["float32", "int32", "bool"] as const) {
    if (dtype !== "float32" && (out.traces.length || !failureCodes.size || [...failureCodes].some((c) => c !== "NJ804"))) break;
    for (const statics of staticCombos(a)) {
      const staticText = [...statics].map(([i, v]) => `${names[i]}=${JSON.stringify(v)}`).join(", ");
      const seen = new Set<string>();
      const rankOk = new Set<string>();
      for (const c of candidates(a, statics, dtype, scope)) {
        const rankKey = c.label.replace(/, size 12$/, "");
        if (c.label.endsWith("size 12") && rankOk.has(rankKey)) continue;
        if (c.label.startsWith("rank 3") && rankOk.size > 0) continue;
        if (rankOk.has(rankKey)) continue;
        const r = traceCandidate(a, c, target);
        const argsText = slotsToString(c.slots, names);
        if (r.kind === "ok") {
          rankOk.add(rankKey);
          // purely elementwise programs have the same structure at every rank: one trace is enough
          if (!c.exact && elementwiseOnly(r.result))
            for (const k of ["rank 1", "rank 2", "rank 3"]) rankOk.add(k + (dtype === "float32" ? "" : ` ${dtype}`));
          if (seen.has(argsText)) continue;
          seen.add(argsText);
          out.traces.push({ label: staticText ? `${c.label}; ${staticText}` : c.label, argsText, result: r.result });
          continue;
        }
        if (r.kind === "stop") {
          out.problems.push(r.diagnostic);
          return out;
        }
        out.rejected.push({ label: c.label, argsText, error: r.message });
        lastError = { node: r.node, message: r.message, diagnostic: r.diagnostic };
        failureCodes.add(r.diagnostic.code);
        if (c.exact) {
          out.problems.push(r.diagnostic);
          return out;
        }
      }
    }
    if (out.traces.length) break;
  }
  if (!out.traces.length && lastError && failureCodes.size === 1 && failureCodes.has("NJ807")) {
    // argument errors (bad slice step, empty concatenate...) do not depend on the guessed shapes
    out.problems.push(lastError.diagnostic);
  } else if (!out.traces.length) {
    const where = lastError ? ` at line ${scope.sf.getLineAndCharacterOfPosition(safeStart(lastError.node, scope.sf)).line + 1}` : "";
    out.problems.push(diag.noShapes(a.jit.call, `${lastError?.message ?? "none"}${where}`));
  }
  return out;
}

type Outcome =
  | { kind: "ok"; result: BuildResult }
  /** Not analysable: give up on this function (warning) or a real error independent of shapes. */
  | { kind: "stop"; diagnostic: RawDiagnostic }
  /** Shape/dtype error for this candidate; a real error when the candidate is exact. */
  | { kind: "fail"; node: ts.Node; message: string; diagnostic: RawDiagnostic };

function traceCandidate(a: AnalysedCall, c: Candidate, target: (...args: unknown[]) => unknown): Outcome {
  for (let repair = 0; ; repair++) {
    try {
      const result = buildKernels(target, toArgs(c.slots), { staticArgnums: a.staticArgnums, name: a.jit.name });
      return { kind: "ok", result };
    } catch (e) {
      if (e instanceof Unsupported) return { kind: "stop", diagnostic: e.diagnostic };
      const node = e instanceof NodeError ? e.node : a.jit.call;
      const err = e instanceof NodeError ? e.error : e;
      if (err instanceof Unsupported) return { kind: "stop", diagnostic: err.diagnostic };
      if (err instanceof UnknownName) {
        // `p.w` on a parameter guessed to be an array: the guess was wrong, not the program
        if (err.arrayRead && !c.exact) {
          const message = `'.${err.fullName.slice("NDArray.".length)}' read on an argument guessed to be an array`;
          return { kind: "fail", node, message, diagnostic: diag.noShapes(node, message) };
        }
        return { kind: "stop", diagnostic: diag.unknownFunction(node, err.fullName) };
      }
      if (err instanceof NumjitError) {
        const code = err.code;
        const message = err.message;
        if (!c.exact && repair < MAX_REPAIRS && (code === "NJ101" || code === "NJ104") && unifyFromError(c, code, message)) continue;
        const family = code.slice(0, 3);
        if (family === "NJ4")
          return { kind: "stop", diagnostic: diag.dataDependent(node, `${message.replace(/^\[NJ\d+\] /, "").split(":")[0]}`) };
        if (family === "NJ6") return { kind: "stop", diagnostic: diag.runtimeUnavailable(node, message) };
        const d =
          family === "NJ1"
            ? diag.shape(node, message)
            : family === "NJ2"
              ? diag.dtype(node, message)
              : family === "NJ5"
                ? diag.transformation(node, message)
                : diag.argument(node, message);
        return { kind: "fail", node, message, diagnostic: d };
      }
      const message = err instanceof Error ? err.message : String(err);
      return { kind: "stop", diagnostic: diag.traceFailed(node, message) };
    }
  }
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

/** Every equation elementwise (or a literal broadcast): no axes, shapes or ranks in the structure. */
function elementwiseOnly(r: BuildResult): boolean {
  const eqns = (r.jaxpr as unknown as { eqns: { primitive: string; params: { broadcastDimensions?: number[] } }[] }).eqns;
  return eqns.every(
    (e) => !STRUCTURAL.has(e.primitive) && !(e.primitive === "broadcast_in_dim" && (e.params.broadcastDimensions?.length ?? 0) > 0),
  );
}
const STRUCTURAL = new Set([
  "reduce_sum",
  "reduce_prod",
  "reduce_max",
  "reduce_min",
  "argmax",
  "argmin",
  "cumsum",
  "cumprod",
  "cummax",
  "cummin",
  "dot_general",
  "reshape",
  "transpose",
  "slice",
  "rev",
  "pad",
  "concatenate",
  "iota",
  "gather",
  "copy",
  "linalg_solve",
  "triangular_solve",
  "cholesky",
  "slogdet",
  "eigh",
  "svd",
  "qr",
  "fft",
]);

function* staticCombos(a: AnalysedCall): Generator<Map<number, StaticValue>> {
  const idx = [...a.staticValues.keys()];
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

function safeStart(n: ts.Node, sf: ts.SourceFile): number {
  try {
    return n.getStart(sf);
  } catch {
    return n.pos;
  }
}
