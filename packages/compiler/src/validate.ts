// The last check before emitted code leaves the compiler: it must parse, and its module scope must not
// bind a name twice (what the compiler adds could collide with the module's own declarations). The TS
// parser reports syntax errors only; a duplicate binding is an early error JS engines raise at load
// time, so the top-level bindings are checked here too. A failure is an NJ810 error located in the
// emitted text: the output would not load, so no front door may hand it on.
// Two forms: checkEmitted parses an emitted text (transform(): text edits on the user's text), and
// addedTextValid checks only what an emit printed by TypeScript (buildFile) added as text: the rest of
// that output is the printer's, from parsed nodes and factory nodes, as in any tsc build.
import vm from "node:vm";
import type * as ts from "typescript";
import { tsv } from "./ts.js";
import { type Diagnostic, codeFrame, diag } from "./diagnostics.js";
import { scriptKind } from "./compile-module.js";
import { type EmitPlan, importOf } from "./phases/emit/index.js";

/**
 * NJ810 diagnostics for `code` (emitted for `file`; `name` picks the parser: .ts/.tsx/.js...); [] when it is
 * valid. `parsed`: declarations the emit added whose text is known to parse alone (kernels, plans, their
 * tables: most of an emitted module's text): each is checked as `const id = 0;` instead of being parsed
 * again (its binding is still checked); a problem found that way is located by checking the whole text.
 */
export function checkEmitted(code: string, name: string, file: string, parsed: readonly string[] = []): Diagnostic[] {
  if (!parsed.length) return check(code, name, file);
  const parts: string[] = [];
  let from = 0;
  for (const d of parsed) {
    const pos = code.indexOf(d, from);
    const id = /^const ([\w$]+) = /.exec(d)?.[1];
    if (pos < 0 || id === undefined) continue;
    parts.push(code.slice(from, pos), stub(id));
    from = pos + d.length;
  }
  parts.push(code.slice(from));
  return check(parts.join(""), name, file).length ? check(code, name, file) : [];
}

/**
 * Whether the text an emit adds to a module parses and binds no name twice, with `sf` (the module the
 * pipeline compiled) for the module's own top-level names. The import of `precompiled` is the emit's fixed
 * template around its local name; that name and each declaration (those known to parse as their binding
 * only, see checkEmitted) are compiled by V8 as one strict script (never run; a `const` bound twice is a
 * SyntaxError there too). For an output TypeScript printed from `sf` with the plan's edits as factory
 * nodes (the tsc transformer), that output parses and loads when this holds. False: the caller checks the
 * whole output, which locates the problem (or finds that module-only syntax, such as a wasm asset URL's
 * `import.meta`, is fine).
 */
export function addedTextValid(sf: ts.SourceFile, plan: EmitPlan): boolean {
  if (plan.importText !== importOf(plan.pre, plan.module)) return false;
  const added = [stub(plan.pre), ...plan.declTexts.map((d) => (d.parsed ? stub(d.id) : d.text))].join("\n");
  try {
    new vm.Script(`"use strict";\n${added}`);
  } catch {
    return false;
  }
  const own = moduleNames(sf);
  return !own.has(plan.pre) && plan.declTexts.every((d) => !own.has(d.id));
}

/** What a declaration known to parse is checked as: its binding only. */
export const stub = (id: string): string => `const ${id} = 0;`;

function check(code: string, name: string, file: string): Diagnostic[] {
  // no parent pointers: only the statements and positions are read
  const sf = tsv.createSourceFile(name, code, tsv.ScriptTarget.Latest, false, scriptKind(name));
  const out: Diagnostic[] = [];
  const pd = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  for (const d of pd) out.push(at(sf, code, file, d.start, d.length || 1, tsv.flattenDiagnosticMessageText(d.messageText, " ")));
  if (out.length) return out;
  const seen = new Map<string, ts.Node>();
  for (const n of topLevelBindings(sf)) {
    if (seen.has(n.text)) out.push(at(sf, code, file, n.getStart(sf), n.text.length, `'${n.text}' is declared twice in the module scope`));
    else seen.set(n.text, n);
  }
  return out;
}

function at(sf: ts.SourceFile, code: string, file: string, pos: number, length: number, why: string): Diagnostic {
  const { line, character } = sf.getLineAndCharacterOfPosition(pos);
  const raw = diag.emitted({ pos, end: pos + length }, line + 1, character + 1, why);
  const frame = codeFrame(code, line, character, length);
  return { code: raw.code, severity: raw.severity, message: raw.message, file, line: line + 1, column: character + 1, frame };
}

/**
 * Names bound at module scope by imports and declarations (var/function duplicates are legal in
 * scripts but not next to a lexical binding; a repeated `var` or `function` alone is allowed).
 */
function topLevelBindings(sf: ts.SourceFile): ts.Identifier[] {
  const { lexical, varLike } = moduleBindings(sf);
  // a var/function name is an error only when it is also bound lexically; report those duplicates
  const lexNames = new Set(lexical.map((n) => n.text));
  return [...lexical, ...varLike.filter((n) => lexNames.has(n.text))];
}

/**
 * Every name `sf` binds at module scope in its output: imports, declarations, and what TypeScript emits as
 * a `var` (enums, namespaces, `import x = require()`). An added `const` must take none of them.
 */
function moduleNames(sf: ts.SourceFile): Set<string> {
  const { lexical, varLike } = moduleBindings(sf);
  const out = new Set([...lexical, ...varLike].map((n) => n.text));
  for (const st of sf.statements) {
    const emitted = tsv.isEnumDeclaration(st) || tsv.isModuleDeclaration(st) || tsv.isImportEqualsDeclaration(st);
    if (emitted && tsv.isIdentifier(st.name)) out.add(st.name.text);
  }
  return out;
}

/** Top-level names bound lexically (imports, const/let, classes) and var-like (var, functions); `declare` skipped. */
function moduleBindings(sf: ts.SourceFile): { lexical: ts.Identifier[]; varLike: ts.Identifier[] } {
  const lexical: ts.Identifier[] = [];
  const varLike: ts.Identifier[] = [];
  const names = (b: ts.BindingName, into: ts.Identifier[]): void => {
    if (tsv.isIdentifier(b)) into.push(b);
    else for (const el of b.elements) if (!tsv.isOmittedExpression(el)) names(el.name, into);
  };
  for (const st of sf.statements) {
    if (tsv.canHaveModifiers(st) && tsv.getModifiers(st)?.some((m) => m.kind === tsv.SyntaxKind.DeclareKeyword)) continue;
    if (tsv.isImportDeclaration(st)) {
      const c = st.importClause;
      if (!c || c.isTypeOnly) continue;
      if (c.name) lexical.push(c.name);
      const nb = c.namedBindings;
      if (nb && tsv.isNamespaceImport(nb)) lexical.push(nb.name);
      else if (nb) for (const el of nb.elements) if (!el.isTypeOnly) lexical.push(el.name);
    } else if (tsv.isVariableStatement(st)) {
      const lex = (st.declarationList.flags & (tsv.NodeFlags.Const | tsv.NodeFlags.Let | tsv.NodeFlags.Using)) !== 0;
      for (const d of st.declarationList.declarations) names(d.name, lex ? lexical : varLike);
    } else if (tsv.isClassDeclaration(st) && st.name) lexical.push(st.name);
    else if (tsv.isFunctionDeclaration(st) && st.name && st.body) varLike.push(st.name);
  }
  return { lexical, varLike };
}
