// The tsc front door: a `before` transformer.
//   - ts-patch: tsconfig `"plugins": [{ "transform": "@numjit/compiler/transformer" }]`
//     (ts-patch calls the default export as factory(program, config, extras)).
//   - TS API:   program.emit(undefined, undefined, undefined, false, { before: [numjitTransformer(program)] })
//   - transpileModule(code, { transformers: { before: [numjitTransformer()] } })
// It runs the same pipeline as transform() on the SourceFile tsc already parsed (positions match),
// then applies the EmitPlan with factory nodes. Kernel sources are printed verbatim (they are plain
// JS function expressions produced by the runtime's codegen).
import type * as ts from "typescript";
import { tsv } from "./ts.js";
import { type Diagnostic, NumjitCompileError, formatDiagnostic } from "./diagnostics.js";
import { type CompileOptions, type ModuleResult, compileModule, mayContainJit } from "./compile-module.js";
import { ModuleGraph } from "./module-graph.js";

export interface TransformerConfig extends CompileOptions {
  /** "warn" (default): report; "error": NJ8xx errors fail the emit. */
  diagnostics?: "warn" | "error";
  /** Print diagnostics to stderr when there is no ts-patch diagnostic channel (default true). */
  log?: boolean;
  /**
   * Report NJ7xx warnings through tsc's diagnostics (ts-patch) too. Off by default: tsc exits with
   * status 2 on any diagnostic, and a fallback to the runtime jit must never fail a build; warnings
   * are printed to stderr instead.
   */
  warningsAsDiagnostics?: boolean;
  /** Called with each module's pipeline result (the CLI uses it for its summary). */
  onModule?: (file: string, result: ModuleResult) => void;
}

interface TspExtras {
  addDiagnostic?: (d: ts.Diagnostic) => number;
}

export function numjitTransformer(
  program?: ts.Program,
  config: TransformerConfig = {},
  extras: TspExtras = {},
): ts.TransformerFactory<ts.SourceFile> {
  // with a program, imported helpers resolve with its options and its files' calls give argument ranks
  const graphConfig = program && !config.graph ? { ...config, graph: ModuleGraph.ofProgram(program) } : config;
  return (ctx) => (sf) => {
    if (sf.isDeclarationFile || !mayContainJit(sf.text)) return sf;
    // a file with syntax errors is left alone (tsc reports them)
    if ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) return sf;
    const mod = compileModule(sf, sf.fileName, graphConfig);
    config.onModule?.(sf.fileName, mod);
    report(mod.diagnostics, sf, config, extras);
    const plan = mod.plan;
    if (!plan) return sf;
    const f = ctx.factory;
    const byCall = new Map(plan.calls.map((c) => [c.call, c]));
    const visit = (node: ts.Node): ts.Node => {
      if (tsv.isCallExpression(node)) {
        const edit = byCall.get(node);
        if (edit) {
          const props = [
            ...(edit.addName ? [f.createPropertyAssignment("name", f.createStringLiteral(edit.name))] : []),
            f.createPropertyAssignment("kernels", f.createIdentifier(edit.tableId)),
            ...(edit.plansId ? [f.createPropertyAssignment("plans", f.createIdentifier(edit.plansId))] : []),
            ...(edit.tracedStatics.length
              ? [
                  f.createPropertyAssignment(
                    "tracedStatics",
                    f.createArrayLiteralExpression(edit.tracedStatics.map((i) => f.createNumericLiteral(i))),
                  ),
                ]
              : []),
            ...(edit.wasmId ? [f.createPropertyAssignment("wasm", f.createIdentifier(edit.wasmId))] : []),
          ];
          const target = tsv.visitNode(node.arguments[0]!, visit) as ts.Expression;
          const opts = edit.options
            ? f.updateObjectLiteralExpression(edit.options, [...props, ...edit.options.properties])
            : f.createObjectLiteralExpression(props);
          const rest = node.arguments.slice(edit.options ? 2 : 1).map((a) => tsv.visitNode(a, visit) as ts.Expression);
          const args = [target, opts, ...(edit.options ? rest : [])];
          return f.updateCallExpression(node, f.createIdentifier(plan.pre), node.typeArguments, args);
        }
      }
      return tsv.visitEachChild(node, visit, ctx);
    };
    const statements = sf.statements.map((s) => tsv.visitNode(s, visit) as ts.Statement);
    const decls = plan.declTexts.map((d) => raw(f, d.text));
    // like transform(): kernel declarations before the first statement that runs (a const is in its TDZ
    // until then), the import after the last import (hoisted: bound wherever it sits). A CommonJS
    // require() is a plain statement, so it goes with the declarations, before any code.
    let at = 0;
    while (at < sf.statements.length && isDirective(sf.statements[at]!)) at++;
    while (at < sf.statements.length && tsv.isImportDeclaration(sf.statements[at]!)) at++;
    const { statement: imp, cjs } = importStatement(f, sf, ctx.getCompilerOptions(), plan.pre, plan.module);
    const out: ts.Statement[] = [...statements.slice(0, at), ...(cjs ? [imp] : []), ...decls, ...statements.slice(at)];
    if (!cjs) {
      let last = -1;
      out.forEach((s, i) => void (tsv.isImportDeclaration(s) && (last = i)));
      out.splice(Math.max(last + 1, at), 0, imp);
    }
    return f.updateSourceFile(sf, out);
  };
}

/** ts-patch loads `default`; STYLE prefers named exports, so both exist. */
export default numjitTransformer;

function isDirective(s: ts.Statement): boolean {
  return tsv.isExpressionStatement(s) && tsv.isStringLiteral(s.expression);
}

/** A statement printed exactly as `text` (a synthesized identifier prints its text verbatim). */
function raw(f: ts.NodeFactory, text: string): ts.Statement {
  return f.createExpressionStatement(f.createIdentifier(text.replace(/;\s*$/, "")));
}

function importStatement(
  f: ts.NodeFactory,
  sf: ts.SourceFile,
  opts: ts.CompilerOptions,
  pre: string,
  module: string,
): { statement: ts.Statement; cjs: boolean } {
  const m = opts.module ?? tsv.ModuleKind.CommonJS;
  const nodeLike = m >= tsv.ModuleKind.Node16 && m <= tsv.ModuleKind.NodeNext;
  const cjs =
    m === tsv.ModuleKind.CommonJS ||
    m === tsv.ModuleKind.UMD ||
    m === tsv.ModuleKind.AMD ||
    (nodeLike && sf.impliedNodeFormat === tsv.ModuleKind.CommonJS) ||
    /\.cts$/.test(sf.fileName);
  if (cjs) return { statement: raw(f, `const { precompiled: ${pre} } = require(${JSON.stringify(module)})`), cjs };
  return { statement: raw(f, `import { precompiled as ${pre} } from ${JSON.stringify(module)}`), cjs };
}

function report(ds: Diagnostic[], sf: ts.SourceFile, config: TransformerConfig, extras: TspExtras): void {
  if (!ds.length) return;
  if (extras.addDiagnostic) {
    for (const d of ds) {
      if (d.severity === "warning" && !config.warningsAsDiagnostics) {
        if (config.log !== false) console.warn(formatDiagnostic(d));
        continue;
      }
      const start = sf.getPositionOfLineAndCharacter(d.line - 1, d.column - 1);
      extras.addDiagnostic({
        file: sf,
        start,
        length: 1,
        messageText: `${d.code}: ${d.message}`,
        category: d.severity === "error" ? tsv.DiagnosticCategory.Error : tsv.DiagnosticCategory.Warning,
        code: Number(d.code.slice(2)),
        source: "numjit",
      });
    }
    return;
  }
  if (config.diagnostics === "error" && ds.some((d) => d.severity === "error")) throw new NumjitCompileError(ds);
  if (config.log !== false) for (const d of ds) console.warn(formatDiagnostic(d));
}
