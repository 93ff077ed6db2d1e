// Phase 1: find. Reads a parsed module and returns what the later phases need: how the runtime is
// imported, the module's functions and constants (for inlining), and every jit() call with its
// target resolved through grad / valueAndGrad / vmap down to a function node.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import { type RawDiagnostic, diag } from "../../diagnostics.js";

export const RUNTIME_MODULE = "@numjit/runtime";
export const TRANSFORMS = ["grad", "valueAndGrad", "vmap"] as const;
export type TransformName = (typeof TRANSFORMS)[number];

export type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

/** A local name bound to the runtime: `import { jit as J }` -> named "jit"; `import * as nj` -> namespace. */
export type RuntimeBinding = { kind: "named"; exported: string } | { kind: "namespace" };

export interface ModuleScope {
  sf: ts.SourceFile;
  runtime: Map<string, RuntimeBinding>;
  /** Top-level function declarations and `const f = (...) => ...` / function expressions. */
  functions: Map<string, FunctionNode>;
  /** Top-level `const NAME = <expr>` other than functions (destructured literals element-wise). */
  constants: Map<string, ts.Expression>;
  /** Top-level `let`/`var` names and names imported from other modules: not known at build time. */
  opaque: Map<string, string>;
  /** Values imported from other (non-runtime) modules: local name -> specifier and exported name ("*": namespace). */
  imports: Map<string, { from: string; exported: string }>;
  /**
   * What the module exports from its own scope: exported name -> top-level name (`export function f`,
   * `export const f`, `export { local as exported }`; `export default function g` -> "g", an anonymous
   * default export is the function or constant named "default").
   */
  exportNames: Map<string, string>;
  /** `export { a as b } from "./x"`: "b" -> { from: "./x", exported: "a" }; `export * as ns from` -> exported "*". */
  reexports: Map<string, { from: string; exported: string }>;
  /** The specifiers of `export * from "./x"`. */
  starExports: string[];
  /** End offset of the last import declaration (imports are hoisted: the emitted import goes after it). */
  importsEnd: number;
  /**
   * Where the emitted kernel declarations go: after the directive prologue and the leading run of
   * imports, before the first statement that runs. `const` declarations placed after the LAST import
   * would sit after code that may already use them when an import follows code (legal ESM), a TDZ error.
   */
  codeStart: number;
  /** Every name the module binds at top level (values and types alike: an over-approximation is safe). */
  topLevel: Set<string>;
  /** Prefix of every name the compiler adds ("__nj_", else "__nj1_", ...): no identifier of the module starts with it. */
  emitPrefix: string;
  /** A module AutoGraph converted (another module's, followed by the interpreter): its text as written. */
  origin?: { sf: ts.SourceFile; toOriginal(pos: number): number };
}

export interface TransformStep {
  name: TransformName;
  call: ts.CallExpression;
  /** Arguments after the function (argnums, inAxes, options), as written. */
  extraArgs: ts.Expression[];
}

export interface JitCall {
  index: number;
  call: ts.CallExpression;
  /** Name for messages and for the precompiled function: the binding it is assigned to, or the function's. */
  name: string;
  target: ts.Expression;
  options: ts.Expression | undefined;
  /** Outermost first: jit(grad(vmap(f))) -> [grad, vmap]. */
  transforms: TransformStep[];
  fn: FunctionNode | undefined;
  /** The statement the call sits in (JSDoc annotations attach here). */
  statement: ts.Node;
  /** Calls of the jitted binding in this module (for static argument values). */
  uses: ts.CallExpression[];
}

export interface FindResult {
  scope: ModuleScope;
  calls: JitCall[];
  diagnostics: RawDiagnostic[];
}

export function find(sf: ts.SourceFile): FindResult {
  const scope = collectScope(sf);
  const diagnostics: RawDiagnostic[] = [];
  const calls: JitCall[] = [];
  const byBinding = new Map<string, JitCall>();
  // calls of plain names, in source order: those of a jitted binding are its uses (one walk for both)
  const named: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (tsv.isCallExpression(node) && runtimeName(node.expression, scope) === "jit" && !isShadowed(node, rootName(node.expression))) {
      const jc = resolveCall(node, scope, calls.length, diagnostics);
      calls.push(jc);
      if (tsv.isVariableDeclaration(node.parent) && tsv.isIdentifier(node.parent.name)) byBinding.set(node.parent.name.text, jc);
    }
    if (tsv.isCallExpression(node) && tsv.isIdentifier(node.expression)) named.push(node);
    tsv.forEachChild(node, visit);
  };
  visit(sf);
  for (const c of named) byBinding.get((c.expression as ts.Identifier).text)?.uses.push(c);
  return { scope, calls, diagnostics };
}

/** Which runtime export an expression names (`jit`, `J` renamed, `nj.jit`), or undefined. */
export function runtimeName(e: ts.Expression, scope: ModuleScope): string | undefined {
  if (tsv.isIdentifier(e)) {
    const b = scope.runtime.get(e.text);
    return b?.kind === "named" ? b.exported : undefined;
  }
  if (tsv.isPropertyAccessExpression(e) && tsv.isIdentifier(e.expression) && tsv.isIdentifier(e.name)) {
    const b = scope.runtime.get(e.expression.text);
    return b?.kind === "namespace" ? e.name.text : undefined;
  }
  if (tsv.isParenthesizedExpression(e)) return runtimeName(e.expression, scope);
  return undefined;
}

function rootName(e: ts.Expression): string {
  let cur = skipOuter(e);
  while (tsv.isPropertyAccessExpression(cur)) cur = skipOuter(cur.expression);
  return tsv.isIdentifier(cur) ? cur.text : "";
}

/** Whether `name` is declared by a scope between `node` and the module (a local `jit` is not numjit's). */
export function isShadowed(node: ts.Node, name: string): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !tsv.isSourceFile(p); p = p.parent) {
    if (tsv.isFunctionLike(p)) {
      if (p.parameters.some((q) => bindsName(q.name, name))) return true;
      if ((tsv.isFunctionExpression(p) || tsv.isClassExpression(p)) && p.name?.text === name) return true;
    }
    if (tsv.isBlock(p) || tsv.isModuleBlock(p) || tsv.isCaseClause(p) || tsv.isDefaultClause(p)) {
      for (const st of p.statements) {
        if (tsv.isVariableStatement(st) && st.declarationList.declarations.some((d) => bindsName(d.name, name))) return true;
        if ((tsv.isFunctionDeclaration(st) || tsv.isClassDeclaration(st)) && st.name?.text === name) return true;
      }
    }
    if (
      (tsv.isForStatement(p) || tsv.isForOfStatement(p) || tsv.isForInStatement(p)) &&
      p.initializer &&
      tsv.isVariableDeclarationList(p.initializer)
    ) {
      if (p.initializer.declarations.some((d) => bindsName(d.name, name))) return true;
    }
    if (tsv.isCatchClause(p) && p.variableDeclaration && bindsName(p.variableDeclaration.name, name)) return true;
  }
  return false;
}

function hasModifier(n: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return tsv.getModifiers(n)?.some((m) => m.kind === kind) ?? false;
}

function bindsName(n: ts.BindingName, name: string): boolean {
  return bindingNames(n).includes(name);
}

/** The module-level facts of a parsed module (also of modules it imports, for the module graph). */
export function moduleScope(sf: ts.SourceFile): ModuleScope {
  return collectScope(sf);
}

function collectScope(sf: ts.SourceFile): ModuleScope {
  const scope: ModuleScope = {
    sf,
    runtime: new Map(),
    functions: new Map(),
    constants: new Map(),
    opaque: new Map(),
    imports: new Map(),
    exportNames: new Map(),
    reexports: new Map(),
    starExports: [],
    importsEnd: 0,
    codeStart: codeStart(sf),
    emitPrefix: emitPrefix(sf),
    topLevel: topLevelNames(sf),
  };
  for (const st of sf.statements) {
    if (tsv.isImportDeclaration(st)) {
      scope.importsEnd = st.end;
      const from = tsv.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : "";
      const clause = st.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const isRuntime = from === RUNTIME_MODULE;
      const imported = (local: string, exported: string) => {
        scope.opaque.set(local, `is imported from '${from}'`);
        scope.imports.set(local, { from, exported });
      };
      if (clause.name) imported(clause.name.text, "default");
      const nb = clause.namedBindings;
      if (nb && tsv.isNamespaceImport(nb)) {
        if (isRuntime) scope.runtime.set(nb.name.text, { kind: "namespace" });
        else imported(nb.name.text, "*");
      } else if (nb) {
        for (const el of nb.elements) {
          if (el.isTypeOnly) continue;
          if (isRuntime) scope.runtime.set(el.name.text, { kind: "named", exported: (el.propertyName ?? el.name).text });
          else imported(el.name.text, (el.propertyName ?? el.name).text);
        }
      }
      continue;
    }
    if (tsv.isFunctionDeclaration(st) && st.body) {
      const name = st.name?.text ?? "default";
      scope.functions.set(name, st);
      if (hasModifier(st, tsv.SyntaxKind.ExportKeyword))
        scope.exportNames.set(hasModifier(st, tsv.SyntaxKind.DefaultKeyword) ? "default" : name, name);
      continue;
    }
    if (tsv.isExportAssignment(st) && !st.isExportEquals) {
      const e = skipOuter(st.expression);
      if (tsv.isIdentifier(e)) scope.exportNames.set("default", e.text);
      else {
        (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e) ? scope.functions : scope.constants).set("default", e as never);
        scope.exportNames.set("default", "default");
      }
      continue;
    }
    if (tsv.isVariableStatement(st)) {
      const isConst = (st.declarationList.flags & tsv.NodeFlags.Const) !== 0;
      if (hasModifier(st, tsv.SyntaxKind.ExportKeyword))
        for (const d of st.declarationList.declarations) for (const n of bindingNames(d.name)) scope.exportNames.set(n, n);
      for (const d of st.declarationList.declarations) {
        if (!tsv.isIdentifier(d.name)) {
          const init = d.initializer && skipOuter(d.initializer);
          if (isConst && init) destructureConstants(d.name, init, scope);
          else for (const n of bindingNames(d.name)) scope.opaque.set(n, "is bound by a destructuring declaration");
          continue;
        }
        const name = d.name.text;
        const init = d.initializer && skipOuter(d.initializer);
        if (!isConst) scope.opaque.set(name, "is a module-level let/var (mutable), not a constant");
        else if (init && (tsv.isArrowFunction(init) || tsv.isFunctionExpression(init))) scope.functions.set(name, init);
        else if (init) scope.constants.set(name, init);
      }
      continue;
    }
    if (tsv.isExportDeclaration(st) && !st.isTypeOnly) {
      const from = st.moduleSpecifier && tsv.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      const clause = st.exportClause;
      if (!clause) {
        if (from) scope.starExports.push(from);
      } else if (tsv.isNamespaceExport(clause)) {
        if (from) scope.reexports.set(clause.name.text, { from, exported: "*" });
      } else {
        for (const el of clause.elements) {
          if (el.isTypeOnly) continue;
          const local = (el.propertyName ?? el.name).text;
          if (from) scope.reexports.set(el.name.text, { from, exported: local });
          else scope.exportNames.set(el.name.text, local);
        }
      }
    }
    if (tsv.isClassDeclaration(st) && st.name) scope.opaque.set(st.name.text, "is a class");
    if (tsv.isEnumDeclaration(st)) scope.opaque.set(st.name.text, "is an enum");
  }
  return scope;
}

function topLevelNames(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (tsv.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.name) out.add(c.name.text);
      const nb = c?.namedBindings;
      if (nb && tsv.isNamespaceImport(nb)) out.add(nb.name.text);
      else if (nb) for (const el of nb.elements) out.add(el.name.text);
    } else if (tsv.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) for (const n of bindingNames(d.name)) out.add(n);
    } else if ((tsv.isFunctionDeclaration(st) || tsv.isClassDeclaration(st)) && st.name) out.add(st.name.text);
    else if (tsv.isEnumDeclaration(st) || tsv.isModuleDeclaration(st) || tsv.isImportEqualsDeclaration(st)) {
      if (tsv.isIdentifier(st.name)) out.add(st.name.text);
    }
  }
  return out;
}

/** End of the directive prologue and of the imports that follow it (after a shebang when there are none). */
function codeStart(sf: ts.SourceFile): number {
  let pos = 0,
    i = 0;
  const sts = sf.statements;
  const directive = (st: ts.Statement) => tsv.isExpressionStatement(st) && tsv.isStringLiteral(st.expression);
  while (i < sts.length && directive(sts[i]!)) pos = sts[i++]!.end;
  while (i < sts.length && tsv.isImportDeclaration(sts[i]!)) pos = sts[i++]!.end;
  if (pos === 0 && sf.text.startsWith("#!")) pos = sf.text.indexOf("\n") + 1 || sf.text.length;
  return pos;
}

/**
 * A prefix no identifier of the module starts with, so the emitted names (`<prefix>pre`, `<prefix>k0`,
 * `<prefix>t0`, ...) can neither collide with a declaration nor be shadowed at a rewritten call. Every
 * identifier node counts (its text is unescaped: `\u005f_nj_k0` is `__nj_k0`), and so does any
 * `__nj...` word in the raw text (strings, comments: harmless over-approximation).
 */
export function emitPrefix(sf: ts.SourceFile): string {
  const used = new Set<string>(sf.text.match(/__nj\w*/g) ?? []);
  const visit = (n: ts.Node): void => {
    if ((tsv.isIdentifier(n) || tsv.isPrivateIdentifier(n)) && n.text.includes("__nj")) used.add(n.text.replace(/^#/, ""));
    tsv.forEachChild(n, visit);
  };
  // without a unicode escape every identifier is spelled in the text as it reads: the words above hold it
  if (sf.text.includes("\\u")) visit(sf);
  for (let k = 0; ; k++) {
    const prefix = `__nj${k || ""}_`;
    if (![...used].some((u) => u.startsWith(prefix))) return prefix;
  }
}

/** `const [A, B] = [1, 2]` / `const { a, b } = { a: 1, b: 2 }`: each name gets its element expression. */
function destructureConstants(pat: ts.BindingName, init: ts.Expression, scope: ModuleScope): void {
  if (tsv.isIdentifier(pat)) {
    scope.constants.set(pat.text, init);
    return;
  }
  const opaque = () => {
    for (const n of bindingNames(pat)) scope.opaque.set(n, "is bound by a destructuring declaration the compiler cannot follow");
  };
  if (tsv.isArrayBindingPattern(pat) && tsv.isArrayLiteralExpression(init) && !init.elements.some(tsv.isSpreadElement)) {
    pat.elements.forEach((el, i) => {
      if (tsv.isOmittedExpression(el)) return;
      const e = init.elements[i] ?? el.initializer;
      if (!e || el.dotDotDotToken)
        return void bindingNames(el.name).forEach((n) =>
          scope.opaque.set(n, "is bound by a destructuring declaration the compiler cannot follow"),
        );
      destructureConstants(el.name, skipOuter(e), scope);
    });
    return;
  }
  if (tsv.isObjectBindingPattern(pat) && tsv.isObjectLiteralExpression(init)) {
    for (const el of pat.elements) {
      const key = el.propertyName ?? el.name;
      const k = tsv.isIdentifier(key) || tsv.isStringLiteral(key) ? key.text : undefined;
      const prop = init.properties.find(
        (p) => p.name !== undefined && (tsv.isIdentifier(p.name) || tsv.isStringLiteral(p.name)) && p.name.text === k,
      );
      const e =
        prop && tsv.isPropertyAssignment(prop)
          ? prop.initializer
          : prop && tsv.isShorthandPropertyAssignment(prop)
            ? prop.name
            : el.initializer;
      if (!e || el.dotDotDotToken) {
        bindingNames(el.name).forEach((n) => scope.opaque.set(n, "is bound by a destructuring declaration the compiler cannot follow"));
        continue;
      }
      destructureConstants(el.name, skipOuter(e), scope);
    }
    return;
  }
  opaque();
}

function bindingNames(n: ts.BindingName): string[] {
  if (tsv.isIdentifier(n)) return [n.text];
  const out: string[] = [];
  for (const el of n.elements) if (!tsv.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

/** Strip parentheses, `as T`, `satisfies T` and `!`, which do not change the value. */
export function skipOuter(e: ts.Expression): ts.Expression {
  for (;;) {
    if (
      tsv.isParenthesizedExpression(e) ||
      tsv.isAsExpression(e) ||
      tsv.isNonNullExpression(e) ||
      tsv.isSatisfiesExpression(e) ||
      tsv.isTypeAssertionExpression(e)
    )
      e = e.expression;
    else return e;
  }
}

function resolveCall(call: ts.CallExpression, scope: ModuleScope, index: number, diagnostics: RawDiagnostic[]): JitCall {
  const target = call.arguments[0];
  const jc: JitCall = {
    index,
    call,
    name: bindingName(call) ?? `jit${index}`,
    target: target ?? call,
    options: call.arguments[1],
    transforms: [],
    fn: undefined,
    statement: enclosingStatement(call),
    uses: [],
  };
  if (!target) {
    diagnostics.push(diag.arity(call, "jit", "1 or 2", 0));
    return jc;
  }
  let e = skipOuter(target);
  for (;;) {
    if (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) {
      jc.fn = e;
      if (jc.name === `jit${index}` && tsv.isFunctionExpression(e) && e.name) jc.name = e.name.text;
      break;
    }
    if (tsv.isIdentifier(e)) {
      const f = scope.functions.get(e.text);
      if (f) {
        jc.fn = f;
        if (jc.name === `jit${index}`) jc.name = e.text;
      } else {
        const why =
          scope.opaque.get(e.text) ?? (scope.constants.has(e.text) ? "is a constant, not a function" : "is not declared in this module");
        diagnostics.push(diag.notAFunction(e, `'${e.text}', which ${why}`));
      }
      break;
    }
    if (tsv.isCallExpression(e)) {
      const t = runtimeName(e.expression, scope);
      if (t && (TRANSFORMS as readonly string[]).includes(t) && e.arguments[0]) {
        jc.transforms.push({ name: t as TransformName, call: e, extraArgs: e.arguments.slice(1) });
        e = skipOuter(e.arguments[0]);
        continue;
      }
      diagnostics.push(diag.notAFunction(e, `the result of calling '${e.expression.getText(scope.sf)}'`));
      break;
    }
    const text = e.getText(scope.sf);
    diagnostics.push(
      diag.notAFunction(
        e,
        `'${text.length > 40 ? text.slice(0, 37) + "..." : text}', an expression the compiler cannot resolve to a function`,
      ),
    );
    break;
  }
  return jc;
}

function bindingName(call: ts.CallExpression): string | undefined {
  let p: ts.Node = call.parent;
  while (tsv.isParenthesizedExpression(p) || tsv.isAsExpression(p) || tsv.isSatisfiesExpression(p)) p = p.parent;
  if (tsv.isVariableDeclaration(p) && tsv.isIdentifier(p.name)) return p.name.text;
  if (tsv.isPropertyAssignment(p) && (tsv.isIdentifier(p.name) || tsv.isStringLiteral(p.name))) return p.name.text;
  if (tsv.isPropertyDeclaration(p) && tsv.isIdentifier(p.name)) return p.name.text;
  // `export default jit(...)`: the name JavaScript gives an anonymous default export
  if (tsv.isExportAssignment(p)) return "default";
  if (tsv.isBinaryExpression(p) && p.operatorToken.kind === tsv.SyntaxKind.EqualsToken) {
    const l = p.left;
    if (tsv.isIdentifier(l)) return l.text;
    if (tsv.isPropertyAccessExpression(l)) return l.name.text;
  }
  return undefined;
}

function enclosingStatement(n: ts.Node): ts.Node {
  let p: ts.Node = n;
  while (p.parent && !tsv.isSourceFile(p.parent) && !tsv.isBlock(p.parent) && !tsv.isModuleBlock(p.parent)) p = p.parent;
  return p;
}
