// The pipeline: find -> analyse -> build IR -> schedule -> codegen -> emit, over one module.
// Each phase reads only the previous phase's output; the front doors (transform, the tsc
// transformer, the CLI) all call compileModule and differ only in how they apply the EmitPlan.
import type * as ts from "typescript";
import { tsv } from "./ts.js";
import { type Diagnostic, type RawDiagnostic, diag, locate } from "./diagnostics.js";
import { type FindResult, find } from "./phases/find/index.js";
import { type AnalysedCall, analyse } from "./phases/analyse/index.js";
import { type BuiltCall, traceCall } from "./phases/trace/index.js";
import { Interpreter } from "./phases/trace/interpreter.js";
import { type ScheduledCall, scheduleCall } from "./phases/schedule/index.js";
import { type ModuleKernels, codegen } from "./phases/codegen/index.js";
import { type EmitOptions, type EmitPlan, planEmit } from "./phases/emit/index.js";
import { ModuleGraph } from "./module-graph.js";
import { type Conversion, autograph } from "./phases/autograph/index.js";

export const PIPELINE = ["find", "analyse", "trace", "schedule", "codegen", "emit"] as const;

export interface Stats {
  /** jit() calls found. */
  functions: number;
  precompiled: number;
  /** Calls left to the runtime jit (warnings or errors). */
  fallbacks: number;
  /** Kernel declarations emitted (deduplicated across the module). */
  kernels: number;
}

export interface CallReport {
  name: string;
  line: number;
  status: ScheduledCall["status"];
  /** Reasons for fallback / errors, located. */
  reasons: Diagnostic[];
  scheduled: ScheduledCall | undefined;
}

export interface ModuleResult {
  sf: ts.SourceFile;
  calls: CallReport[];
  diagnostics: Diagnostic[];
  kernels: ModuleKernels;
  plan: EmitPlan | undefined;
  stats: Stats;
}

export interface CompileOptions extends EmitOptions {
  /**
   * The local modules around this one (imported helpers are followed, other modules' calls give ranks).
   * Default: relative imports resolved on the file system, no other module's calls indexed.
   */
  graph?: ModuleGraph;
  /** The module before AutoGraph conversion (phases/autograph): diagnostics are located in it. */
  origin?: Origin;
}

/** The original module of a converted one: positions of the converted text map back to it. */
export interface Origin {
  sf: ts.SourceFile;
  toOriginal(pos: number): number;
  /** The original module's emit prefix (the converted text binds `<prefix>ag`, which adds no clash). */
  prefix: string;
}

const RUNTIME_RE = /["']@numjit\/runtime["']/;

export function parse(code: string, file: string): ts.SourceFile {
  return tsv.createSourceFile(file, code, tsv.ScriptTarget.Latest, true, scriptKind(file));
}

export function scriptKind(file: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/.test(file)) return tsv.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(file)) return tsv.ScriptKind.TS;
  if (/\.[cm]?jsx$/.test(file)) return tsv.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(file)) return tsv.ScriptKind.JS;
  return tsv.ScriptKind.TS;
}

/** Syntax errors as NJ808 diagnostics. */
export function parseErrors(sf: ts.SourceFile, file: string): Diagnostic[] {
  const pd = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return pd.map((d) =>
    locate(diag.parse({ pos: d.start, end: d.start + (d.length || 1) }, tsv.flattenDiagnosticMessageText(d.messageText, " ")), sf, file),
  );
}

/** A cheap test: modules that do not import the runtime are passed through untouched. */
export function mayContainJit(code: string): boolean {
  return RUNTIME_RE.test(code) && code.includes("jit");
}

/** `found`: the find phase's result for `sf` when the caller has it (compileConverted: AutoGraph found it first). */
export function compileModule(sf: ts.SourceFile, file: string, opts: CompileOptions = {}, found: FindResult = find(sf)): ModuleResult {
  const raw: RawDiagnostic[] = [];
  const origin = opts.origin;
  if (origin) found.scope.emitPrefix = origin.prefix;
  raw.push(...found.diagnostics);
  const graph = opts.graph ?? new ModuleGraph();
  const interp = new Interpreter(found.scope, graph);
  const perCall = new Map<number, RawDiagnostic[]>();
  const scheduled: ScheduledCall[] = [];
  const reports: CallReport[] = [];
  // find-phase problems belong to the call whose target they are in
  for (const d of found.diagnostics) {
    const c = found.calls.find((jc) => d.pos >= jc.call.pos && d.end <= jc.call.end);
    if (c) (perCall.get(c.index) ?? perCall.set(c.index, []).get(c.index)!).push(d);
  }
  for (const jc of found.calls) {
    const problems: RawDiagnostic[] = [];
    const a: AnalysedCall | undefined = jc.fn ? analyse(jc, found.scope, problems, graph) : undefined;
    raw.push(...problems);
    const mine = perCall.get(jc.index) ?? [];
    mine.push(...problems);
    perCall.set(jc.index, mine);
    if (!a) continue;
    let built: BuiltCall;
    if (problems.length) built = { analysed: a, traces: [], tracedStatics: [], problems: [] };
    else {
      built = traceCall(a, found.scope, interp, graph.callSitesOf(file, jc.name));
      raw.push(...built.problems);
      mine.push(...built.problems);
    }
    scheduled.push(scheduleCall(built, problems));
  }
  const kernels = codegen(scheduled, perCall, found.scope.emitPrefix, found.scope.topLevel);
  for (const s of scheduled) for (const r of s.reasons) if (!raw.includes(r)) raw.push(r);
  const plan = planEmit(found.scope, scheduled, kernels, opts);
  const located = new Map<RawDiagnostic, Diagnostic>();
  const toOriginal = (r: RawDiagnostic): RawDiagnostic =>
    origin ? { ...r, pos: origin.toOriginal(r.pos), end: Math.max(origin.toOriginal(r.pos), origin.toOriginal(r.end)) } : r;
  const loc = (r: RawDiagnostic) => located.get(r) ?? located.set(r, locate(toOriginal(r), origin?.sf ?? sf, file)).get(r)!;
  for (const jc of found.calls) {
    const s = scheduled.find((x) => x.built.analysed.jit === jc);
    const reasons = (perCall.get(jc.index) ?? []).map(loc);
    reports.push({
      name: jc.name,
      line: origin
        ? origin.sf.getLineAndCharacterOfPosition(origin.toOriginal(jc.call.getStart(sf))).line + 1
        : sf.getLineAndCharacterOfPosition(jc.call.getStart(sf)).line + 1,
      status: s ? s.status : reasons.some((r) => r.severity === "error") ? "error" : "fallback",
      reasons,
      scheduled: s,
    });
  }
  const diagnostics = dedupe(raw.map(loc)).sort((x, y) => x.line - y.line || x.column - y.column);
  const precompiled = reports.filter((r) => r.status === "precompiled").length;
  return {
    sf,
    calls: reports,
    diagnostics,
    kernels,
    plan,
    stats: { functions: reports.length, precompiled, fallbacks: reports.length - precompiled, kernels: kernels.decls.length },
  };
}

/**
 * AutoGraph's conversion of `sf` (phases/autograph), then the pipeline on the converted text, its
 * diagnostics located in `sf`. `conv` is undefined when there was nothing to convert.
 */
export function compileConverted(sf: ts.SourceFile, file: string, opts: CompileOptions = {}): { mod: ModuleResult; conv?: Conversion } {
  const found = find(sf);
  const conv = autograph(sf, opts.graph?.reachedIn(file), found);
  if (!conv) return { mod: compileModule(sf, file, opts, found) };
  const origin = { sf, toOriginal: conv.toOriginal, prefix: conv.prefix };
  return { mod: compileModule(parse(conv.code, sf.fileName), file, { ...opts, origin }), conv };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
