// Phase 5: codegen. The runtime's codegen already produced each kernel's JS source; this phase
// builds the module's kernel table (deduplicated across functions by signature), names the
// declarations, and checks every source is a single plain function expression that cannot reach
// eval / Function / dynamic import — the emitted module must run where code generation is forbidden.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import { type RawDiagnostic, diag } from "../../diagnostics.js";
import type { KernelSource, ScheduledCall } from "../4-schedule/index.js";

export interface KernelDecl extends KernelSource {
  /** Identifier of the declaration in the emitted module. */
  id: string;
}

export interface ModuleKernels {
  decls: KernelDecl[];
  /** Per precompiled call (by jit index): table identifier and the signatures it maps. */
  tables: Map<number, { id: string; entries: [string, string][] }>;
}

const FORBIDDEN = new Set(["eval", "Function", "require", "globalThis", "window", "self", "importScripts", "process"]);

export function codegen(calls: ScheduledCall[], problems: Map<number, RawDiagnostic[]>): ModuleKernels {
  const decls: KernelDecl[] = [];
  const bySig = new Map<string, KernelDecl>();
  const tables = new Map<number, { id: string; entries: [string, string][] }>();
  let tableN = 0;
  for (const c of calls) {
    if (c.status !== "precompiled") continue;
    const bad = c.kernels.map((k) => checkKernel(k)).find((x) => x !== undefined);
    if (bad) {
      c.status = "fallback";
      const d = diag.runtimeUnavailable(c.built.analysed.jit.call, bad);
      c.reasons.push(d);
      (problems.get(c.built.analysed.jit.index) ?? problems.set(c.built.analysed.jit.index, []).get(c.built.analysed.jit.index)!).push(d);
      continue;
    }
    const entries: [string, string][] = [];
    for (const k of c.kernels) {
      let d = bySig.get(k.signature);
      if (!d) {
        d = { ...k, id: `__nj_k${decls.length}` };
        decls.push(d);
        bySig.set(k.signature, d);
      }
      entries.push([k.signature, d.id]);
    }
    tables.set(c.built.analysed.jit.index, { id: `__nj_t${tableN++}`, entries });
  }
  return { decls, tables };
}

const checked = new Map<string, string | undefined>();

/** undefined when the kernel source is a closed function expression; else why it is not. */
export function checkKernel(k: KernelSource): string | undefined {
  if (checked.has(k.source)) return checked.get(k.source);
  let why: string | undefined;
  const sf = tsv.createSourceFile("kernel.js", `(${k.source})`, tsv.ScriptTarget.Latest, true, tsv.ScriptKind.JS);
  const st = sf.statements[0];
  let e: ts.Expression | undefined = sf.statements.length === 1 && st && tsv.isExpressionStatement(st) ? st.expression : undefined;
  while (e && tsv.isParenthesizedExpression(e)) e = e.expression;
  if ((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length || !e || !(tsv.isFunctionExpression(e) || tsv.isArrowFunction(e))) {
    why = `kernel ${k.signature} is not a single function expression`;
  } else {
    const visit = (n: ts.Node): void => {
      if (why) return;
      if (tsv.isIdentifier(n) && FORBIDDEN.has(n.text)) why = `kernel ${k.signature} references '${n.text}'`;
      else if (n.kind === tsv.SyntaxKind.ImportKeyword) why = `kernel ${k.signature} uses import()`;
      else if (tsv.isNewExpression(n) && tsv.isIdentifier(n.expression) && n.expression.text === "Function") why = `kernel ${k.signature} uses new Function`;
      tsv.forEachChild(n, visit);
    };
    visit(e);
  }
  checked.set(k.source, why);
  return why;
}
