// The tsc front door: a `before` transformer.
//   - ts-patch: tsconfig `"plugins": [{ "transform": "@numjit/compiler/transformer" }]`
//     (ts-patch calls the default export as factory(program, config, extras)).
//   - TS API:   program.emit(undefined, undefined, undefined, false, { before: [numjitTransformer(program)] })
//   - transpileModule(code, { transformers: { before: [numjitTransformer()] } })
// It runs the same pipeline as transform() on the SourceFile tsc already parsed, AutoGraph's conversion
// included: the converted text is parsed, and its nodes whose text is the user's, unchanged, are
// replaced by tsc's own nodes (the checker knows those), the inserted ones rebuilt as synthesized nodes.
// Then the EmitPlan is applied with factory nodes. Kernel sources are printed verbatim (they are plain
// JS function expressions produced by the runtime's codegen).
import type * as ts from "typescript";
import { tsv } from "./ts.js";
import { type Diagnostic, NumjitCompileError, formatDiagnostic } from "./diagnostics.js";
import { type CompileOptions, type ModuleResult, compileConverted, mayContainJit } from "./compile-module.js";
import type { Conversion } from "./phases/autograph/index.js";
import { ModuleGraph } from "./module-graph.js";
import { stub } from "./validate.js";

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
  /**
   * Print each declaration known to parse (kernels, plans, their tables) as its stub `const <id> = 0;`: the
   * caller puts the texts in after the emit (buildFile, splice.ts). Not for tsc's own emit.
   */
  deferDecls?: boolean;
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
    if (sf.isDeclarationFile) return sf;
    // a module without jit() calls may hold helpers a jit function of another module reaches (AutoGraph)
    if (!mayContainJit(sf.text) && !graphConfig.graph?.reachedIn(sf.fileName).size) return sf;
    // a file with syntax errors is left alone (tsc reports them)
    if ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) return sf;
    // AutoGraph first (the same text conversion as transform()): the pipeline compiles the converted module
    const { mod, conv } = compileConverted(sf, sf.fileName, graphConfig);
    config.onModule?.(sf.fileName, mod);
    report(mod.diagnostics, sf, config, extras);
    const plan = mod.plan;
    if (!plan && !conv) return sf;
    const f = ctx.factory;
    const src = mod.sf;
    const byCall = new Map((plan?.calls ?? []).map((c) => [c.call, c]));
    const edits = [...byCall.keys()];
    const reuse = conv && originals(sf, src, conv, byCall.keys());
    const cjs = isCommonJs(sf, ctx.getCompilerOptions());
    const visit = (node: ts.Node): ts.Node => {
      const edit = tsv.isCallExpression(node) ? byCall.get(node) : undefined;
      if (edit && plan) {
        const call = node as ts.CallExpression;
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
          ...(edit.defaults.length
            ? [
                f.createPropertyAssignment(
                  "defaults",
                  f.createArrayLiteralExpression(edit.defaults.map((d) => f.createArrayLiteralExpression(d.map((v) => number(f, v))))),
                ),
              ]
            : []),
          ...(edit.wasmId ? [f.createPropertyAssignment("wasm", f.createIdentifier(edit.wasmId))] : []),
        ];
        const target = tsv.visitNode(call.arguments[0]!, visit) as ts.Expression;
        const opts = edit.options
          ? f.updateObjectLiteralExpression(edit.options, [
              ...props,
              ...edit.options.properties.map((p) => tsv.visitNode(p, visit) as ts.ObjectLiteralElementLike),
            ])
          : f.createObjectLiteralExpression(props);
        const rest = call.arguments.slice(edit.options ? 2 : 1).map((a) => tsv.visitNode(a, visit) as ts.Expression);
        const args = [target, conv ? fresh(opts) : opts, ...(edit.options ? rest : [])];
        const out = f.updateCallExpression(call, f.createIdentifier(plan.pre), undefined, args);
        return conv ? fresh(out) : out;
      }
      // without a conversion only the calls change: a subtree holding none of them stays as it is
      if (!reuse) return edits.some((c) => c.pos >= node.pos && c.end <= node.end) ? tsv.visitEachChild(node, visit, ctx) : node;
      const o = reuse(node);
      if (o) return o;
      // the autograph helper import (ESM text, or a require() in CommonJS: tsc's module transform only
      // rewrites imports the checker saw)
      if (tsv.isImportDeclaration(node)) return raw(f, agImport(node, cjs));
      // tokens too (`=>`, `?`): a token kept from the converted parse would read comments at its position
      const out = tsv.visitEachChild(node, visit, ctx, undefined, visit as ts.Visitor<ts.Node, ts.Node>) as ts.Node;
      return fresh(out === node ? (f as unknown as { cloneNode<T extends ts.Node>(n: T): T }).cloneNode(node) : out);
    };
    const statements = src.statements.map((s) => tsv.visitNode(s, visit) as ts.Statement);
    if (!plan) return f.updateSourceFile(sf, statements);
    const decls = plan.declTexts.map((d) => raw(f, config.deferDecls && d.parsed ? stub(d.id) : d.text));
    // like transform(): kernel declarations before the first statement that runs (a const is in its TDZ
    // until then), the import after the last import (hoisted: bound wherever it sits). A CommonJS
    // require() is a plain statement, so it goes with the declarations, before any code.
    let at = 0;
    while (at < statements.length && isDirective(src.statements[at]!)) at++;
    while (at < statements.length && tsv.isImportDeclaration(src.statements[at]!)) at++;
    const imp = raw(f, importText(cjs, plan.pre, plan.module, "precompiled"));
    const out: ts.Statement[] = [...statements.slice(0, at), ...(cjs ? [imp] : []), ...decls, ...statements.slice(at)];
    if (!cjs) {
      let last = -1;
      out.forEach((s, i) => void (tsv.isImportDeclaration(s) && (last = i)));
      out.splice(Math.max(last + 1, at), 0, imp);
    }
    return f.updateSourceFile(sf, out);
  };
}

/**
 * The nodes of the converted module `src` whose text was copied unchanged from `sf` map back to `sf`'s
 * own nodes (same kind, same range): tsc's checker knows them (import elision, CommonJS rewrites, source
 * maps and comments work as without AutoGraph). Ancestors of the jit() calls being rewritten never map.
 */
function originals(sf: ts.SourceFile, src: ts.SourceFile, conv: Conversion, calls: Iterable<ts.Node>): (n: ts.Node) => ts.Node | undefined {
  const byRange = new Map<string, ts.Node>();
  const index = (n: ts.Node): void => {
    const key = `${n.getStart(sf)}:${n.end}:${n.kind}`;
    if (!byRange.has(key)) byRange.set(key, n);
    tsv.forEachChild(n, index);
  };
  tsv.forEachChild(sf, index);
  const edited = new Set<ts.Node>();
  for (const c of calls) for (let n: ts.Node | undefined = c; n; n = n.parent) edited.add(n);
  return (n) => {
    if (edited.has(n)) return undefined;
    const start = n.getStart(src);
    const o = conv.unchanged(start, n.end);
    return o === undefined ? undefined : byRange.get(`${o}:${o + n.end - start}:${n.kind}`);
  };
}

/**
 * A node made by the transformer: no source position or parse-tree original, nor its lists (tsc prints it
 * from its fields, and reads no comments from the original text at positions of the converted one).
 */
function fresh<T extends ts.Node>(n: T): T {
  const none = { pos: -1, end: -1 };
  tsv.setTextRange(n, none);
  for (const v of Object.values(n)) if (Array.isArray(v) && "pos" in v) tsv.setTextRange(v as unknown as ts.NodeArray<ts.Node>, none);
  return tsv.setOriginalNode(n, undefined);
}

/** `import { autograph as <ag> } ...` of the converted text, as ESM text or a require(). */
function agImport(node: ts.ImportDeclaration, cjs: boolean): string {
  const bindings = node.importClause?.namedBindings;
  const local = bindings && tsv.isNamedImports(bindings) ? bindings.elements[0]!.name.text : "";
  return importText(cjs, local, (node.moduleSpecifier as ts.StringLiteral).text, "autograph");
}

/** ts-patch loads `default`; STYLE prefers named exports, so both exist. */
export default numjitTransformer;

function isDirective(s: ts.Statement): boolean {
  return tsv.isExpressionStatement(s) && tsv.isStringLiteral(s.expression);
}

/** A statement printed exactly as `text` (a synthesized identifier prints its text verbatim). */
function raw(f: ts.NodeFactory, text: string): ts.Statement {
  // the statement's own `;` goes (the printer adds one); no regex over a kernel's whole text
  const end = text.trimEnd();
  return f.createExpressionStatement(f.createIdentifier(end.endsWith(";") ? end.slice(0, -1) : text));
}

function isCommonJs(sf: ts.SourceFile, opts: ts.CompilerOptions): boolean {
  const m = opts.module ?? tsv.ModuleKind.CommonJS;
  const nodeLike = m >= tsv.ModuleKind.Node16 && m <= tsv.ModuleKind.NodeNext;
  return (
    m === tsv.ModuleKind.CommonJS ||
    m === tsv.ModuleKind.UMD ||
    m === tsv.ModuleKind.AMD ||
    (nodeLike && sf.impliedNodeFormat === tsv.ModuleKind.CommonJS) ||
    /\.cts$/.test(sf.fileName)
  );
}

function importText(cjs: boolean, local: string, module: string, name: string): string {
  return cjs
    ? `const { ${name}: ${local} } = require(${JSON.stringify(module)})`
    : `import { ${name} as ${local} } from ${JSON.stringify(module)}`;
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

/** A number literal node (a negative number is a prefix minus: the factory takes no negative literal). */
function number(f: ts.NodeFactory, v: number): ts.Expression {
  return v < 0 || Object.is(v, -0)
    ? f.createPrefixUnaryExpression(tsv.SyntaxKind.MinusToken, f.createNumericLiteral(-v))
    : f.createNumericLiteral(v);
}
