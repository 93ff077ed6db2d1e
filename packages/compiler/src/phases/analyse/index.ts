// Phase 2: analyse. Decides, per jit() call, whether the function lies in the subset the compiler can
// evaluate at build time, and collects what tracing needs: parameters, static arguments and their
// build-time values, shape annotations. Anything outside the subset is an NJ7xx warning that leaves
// the call to the runtime jit; real errors (arity, unknown numpy function) are NJ8xx.
//
// The subset: numpy/nn calls and array methods, arithmetic on JS numbers, const/let, if (on
// non-array conditions), for loops with static bounds, for..of over static arrays, local arrow
// functions, calls to functions of this module (inlined), constants of this module.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import { type RawDiagnostic, diag } from "../../diagnostics.js";
import type { FunctionNode, JitCall, ModuleScope } from "../find/index.js";
import { TRANSFORMS, runtimeName, skipOuter } from "../find/index.js";
import { type Annotations, type StaticValue, readAnnotations } from "./annotations.js";
import { checkArity, lookupRuntime, suggest } from "./runtime-names.js";
import { CONSTRUCTIBLE, GLOBALS, expressionName, statementName } from "./subset.js";
import type { ModuleGraph } from "../../module-graph.js";

export interface ParamInfo {
  index: number;
  name: string;
  node: ts.ParameterDeclaration;
  /** A literal default value, if any (a static argument may take it). */
  defaultValue?: StaticValue;
}

export interface AnalysedCall {
  jit: JitCall;
  fn: FunctionNode;
  params: ParamInfo[];
  staticArgnums: number[];
  /** Build-time values of each static argument (by index). */
  staticValues: Map<number, StaticValue[]>;
  annotations: Annotations;
  /** Extra literal arguments of grad/valueAndGrad/vmap, outermost first. */
  /** The literal extra arguments of each transform (`vmap(f, { inAxes: [null, 0] })`), objects included. */
  transformArgs: LiteralValue[][];
  /** The options object as written (kept as is in the emitted call), if any. */
  optionsText: string | undefined;
  /** Fallback reasons (warnings) and errors found by this phase. Empty means: go on and trace. */
  problems: RawDiagnostic[];
}

const MAX_STATIC_COMBOS = 16;

export function analyse(jc: JitCall, scope: ModuleScope, diagnostics: RawDiagnostic[], graph?: ModuleGraph): AnalysedCall | undefined {
  const fn = jc.fn;
  if (!fn) return undefined;
  const problems: RawDiagnostic[] = [];
  const params = readParams(fn, problems);
  const annNodes: ts.Node[] = [jc.statement, fn];
  if (tsv.isVariableDeclaration(fn.parent)) annNodes.push(fn.parent.parent.parent);
  const annotations = readAnnotations(annNodes, scope.sf, problems);
  for (const [name, at] of annotations.at) {
    if (!params.some((p) => p.name === name))
      problems.push(
        diag.annotation(at, `'${name}' is not a parameter of ${jc.name} (parameters: ${params.map((p) => p.name).join(", ") || "none"})`),
      );
  }
  const { staticArgnums, optionsText } = readOptions(jc, params, scope, problems);
  const transformArgs: LiteralValue[][] = [];
  for (const t of jc.transforms) {
    const vals: LiteralValue[] = [];
    for (const a of t.extraArgs) {
      const v = literalValue(a, scope, 0, true);
      if (v === NOT_LITERAL)
        problems.push(diag.transform(a, `${t.name}(f, ${a.getText(scope.sf)})`, "its extra arguments must be literals"));
      else vals.push(v);
    }
    transformArgs.push(vals);
  }
  const staticValues = new Map<number, StaticValue[]>();
  for (const i of staticArgnums) {
    const p = params[i];
    if (!p) continue;
    const vals: StaticValue[] = [];
    const add = (v: StaticValue) => {
      if (!vals.some((w) => JSON.stringify(w) === JSON.stringify(v))) vals.push(v);
    };
    annotations.statics.get(p.name)?.forEach(add);
    for (const use of jc.uses) {
      const a = use.arguments[i];
      const v = a ? literalValue(a, scope) : p.defaultValue !== undefined ? p.defaultValue : NOT_LITERAL;
      if (v !== NOT_LITERAL) add(v);
    }
    if (p.defaultValue !== undefined) add(p.defaultValue);
    // no value: traced as a weak scalar input (a kernel argument); NJ708 if it decides shapes or control flow
    staticValues.set(i, vals);
  }
  let combos = 1;
  for (const v of staticValues.values()) combos *= Math.max(1, v.length);
  if (combos > MAX_STATIC_COMBOS) {
    const names = [...staticValues.keys()].map((i) => params[i]?.name).join(", ");
    problems.push(diag.staticValues(fn, `${names} (${combos} combinations; at most ${MAX_STATIC_COMBOS} are precompiled)`));
  }
  for (const [name, at] of annotations.statics.size ? annotations.at : []) {
    const p = params.find((q) => q.name === name);
    if (p && annotations.statics.has(name) && !staticArgnums.includes(p.index))
      problems.push(diag.annotation(at, `'${name} = ...' gives static values, but '${name}' is not in staticArgnums`));
  }

  const checker = new SubsetChecker(scope, problems, new Set(staticArgnums.map((i) => params[i]?.name ?? "")), graph);
  checker.checkFunction(fn);
  diagnostics.push(...problems);
  return { jit: jc, fn, params, staticArgnums, staticValues, annotations, transformArgs, optionsText, problems };
}

function readParams(fn: FunctionNode, problems: RawDiagnostic[]): ParamInfo[] {
  return fn.parameters.map((p, index) => {
    if (p.dotDotDotToken) problems.push(diag.unsupportedSyntax(p, "a rest parameter"));
    const name = tsv.isIdentifier(p.name) ? p.name.text : `arg${index}`;
    const info: ParamInfo = { index, name, node: p };
    if (p.initializer) {
      const v = literalValue(p.initializer, undefined);
      if (v !== NOT_LITERAL) info.defaultValue = v;
    }
    return info;
  });
}

function readOptions(
  jc: JitCall,
  params: ParamInfo[],
  scope: ModuleScope,
  problems: RawDiagnostic[],
): { staticArgnums: number[]; optionsText: string | undefined } {
  const o = jc.options && skipOuter(jc.options);
  if (!o) return { staticArgnums: [], optionsText: undefined };
  if (!tsv.isObjectLiteralExpression(o)) {
    problems.push(diag.options(o, "must be an object literal ({ staticArgnums: [...] })"));
    return { staticArgnums: [], optionsText: undefined };
  }
  const nums = new Set<number>();
  for (const prop of o.properties) {
    if (!tsv.isPropertyAssignment(prop) || !(tsv.isIdentifier(prop.name) || tsv.isStringLiteral(prop.name))) {
      problems.push(diag.options(prop, "must be plain 'key: value' properties"));
      continue;
    }
    const key = prop.name.text;
    const v = literalValue(prop.initializer, scope);
    if (key === "staticArgnums") {
      const xs = typeof v === "number" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "number") ? (v as number[]) : undefined;
      if (!xs) problems.push(diag.options(prop.initializer, "staticArgnums must be a literal number or array of numbers"));
      for (const x of xs ?? []) {
        const i = x < 0 ? x + params.length : x;
        if (!Number.isInteger(x) || i < 0 || i >= params.length)
          problems.push(
            diag.staticArgnums(
              prop.initializer,
              `${x} is out of range for ${jc.name}, which takes ${params.length} argument${params.length === 1 ? "" : "s"}`,
            ),
          );
        else nums.add(i);
      }
    } else if (key === "staticArgnames") {
      const xs = typeof v === "string" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
      if (!xs) problems.push(diag.options(prop.initializer, "staticArgnames must be a literal string or array of strings"));
      for (const x of xs ?? []) {
        const p = params.find((q) => q.name === x);
        if (!p) problems.push(diag.staticArgnums(prop.initializer, `'${x}' is not a parameter of ${jc.name}`));
        else nums.add(p.index);
      }
    } else if (key === "backend") {
      // kept as written: the precompiled function's plans pick wasm or JS kernels by it at run time
      if (v !== "auto" && v !== "wasm" && v !== "js")
        problems.push(diag.options(prop.initializer, 'backend must be "auto", "wasm" or "js"'));
    } else if (key !== "name") {
      problems.push(diag.options(prop, `option '${key}' is not understood by the build-time compiler`));
    }
  }
  return { staticArgnums: [...nums].sort((a, b) => a - b), optionsText: o.getText(scope.sf) };
}

export const NOT_LITERAL = Symbol("not-literal");

/** Value of a literal expression (numbers, strings, booleans, null, arrays/objects of them, unary minus). */
/** A literal with objects (options such as `{ inAxes: [null, 0] }`); static argument values have none. */
export type LiteralValue = StaticValue | { [key: string]: LiteralValue } | LiteralValue[];

/** The value of a literal expression (or a module const bound to one); `objects`: object literals too. */
export function literalValue(e: ts.Expression, scope: ModuleScope | undefined, depth?: number): StaticValue | typeof NOT_LITERAL;
export function literalValue(
  e: ts.Expression,
  scope: ModuleScope | undefined,
  depth: number,
  objects: true,
): LiteralValue | typeof NOT_LITERAL;
export function literalValue(
  e: ts.Expression,
  scope: ModuleScope | undefined,
  depth = 0,
  objects = false,
): LiteralValue | typeof NOT_LITERAL {
  e = skipOuter(e);
  if (tsv.isNumericLiteral(e)) return Number(e.text);
  if (tsv.isStringLiteral(e) || tsv.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (e.kind === tsv.SyntaxKind.TrueKeyword) return true;
  if (e.kind === tsv.SyntaxKind.FalseKeyword) return false;
  if (e.kind === tsv.SyntaxKind.NullKeyword) return null;
  if (tsv.isPrefixUnaryExpression(e) && (e.operator === tsv.SyntaxKind.MinusToken || e.operator === tsv.SyntaxKind.PlusToken)) {
    const v = literalValue(e.operand, scope, depth);
    if (typeof v !== "number") return NOT_LITERAL;
    return e.operator === tsv.SyntaxKind.MinusToken ? -v : v;
  }
  if (tsv.isArrayLiteralExpression(e)) {
    const out: LiteralValue[] = [];
    for (const x of e.elements) {
      const v = literalValue(x, scope, depth, objects as true);
      if (v === NOT_LITERAL) return NOT_LITERAL;
      out.push(v);
    }
    return out;
  }
  if (objects && tsv.isObjectLiteralExpression(e)) {
    const out: { [key: string]: LiteralValue } = {};
    for (const p of e.properties) {
      if (!tsv.isPropertyAssignment(p) || !(tsv.isIdentifier(p.name) || tsv.isStringLiteral(p.name))) return NOT_LITERAL;
      const v = literalValue(p.initializer, scope, depth, true);
      if (v === NOT_LITERAL) return NOT_LITERAL;
      out[p.name.text] = v;
    }
    return out;
  }
  if (tsv.isIdentifier(e) && scope && depth < 8) {
    const d = scope.constants.get(e.text);
    if (d) return literalValue(d, scope, depth + 1, objects as true);
  }
  return NOT_LITERAL;
}

/**
 * A local name: `isStatic` when its value is known at build time; `structural` when it is a parameter (or a
 * const alias of a path into one): its pytree structure — list lengths, object keys — is known when the
 * function is traced, as in JAX, so `params.length` and `for (const p of params)` are static bounds.
 */
interface Binding {
  isStatic: boolean;
  structural?: boolean;
}

interface LocalScope {
  names: Map<string, Binding>;
  parent: LocalScope | undefined;
}

/** Walks the function (and everything it reaches in the module) and reports constructs outside the subset. */
class SubsetChecker {
  private visitedFunctions = new Set<ts.Node>();
  private visitedConstants = new Set<string>();
  private inlineStack: ts.Node[] = [];
  private constRoot = new Map<RawDiagnostic, RawDiagnostic>();

  constructor(
    readonly scope: ModuleScope,
    readonly problems: RawDiagnostic[],
    readonly staticParams: Set<string>,
    /** Imported local helpers are followed (checked when the trace evaluates them, in their module). */
    readonly graph: ModuleGraph | undefined,
  ) {}

  checkFunction(fn: FunctionNode): void {
    this.enterFunction(fn, undefined, (n) => this.staticParams.has(n));
  }

  private enterFunction(
    fn: FunctionNode | ts.FunctionDeclaration,
    parent: LocalScope | undefined,
    isStaticParam: (name: string) => boolean,
  ): void {
    const local: LocalScope = { names: new Map(), parent };
    for (const p of fn.parameters) {
      for (const n of bindingNames(p.name)) local.names.set(n, { isStatic: isStaticParam(n), structural: true });
      if (p.initializer) this.expr(p.initializer, local);
      if (p.dotDotDotToken && parent) this.problems.push(diag.unsupportedSyntax(p, "a rest parameter"));
    }
    if (fn.asteriskToken) this.problems.push(diag.unsupportedSyntax(fn, "a generator function"));
    if (fn.modifiers?.some((m) => m.kind === tsv.SyntaxKind.AsyncKeyword))
      this.problems.push(diag.unsupportedSyntax(fn, "an async function"));
    const body = fn.body;
    if (!body) return;
    if (tsv.isBlock(body)) this.block(body.statements, local);
    else this.expr(body, local);
  }

  private block(stmts: readonly ts.Statement[], parent: LocalScope): void {
    const local: LocalScope = { names: new Map(), parent };
    // function declarations are hoisted
    for (const s of stmts) if (tsv.isFunctionDeclaration(s) && s.name) local.names.set(s.name.text, { isStatic: false });
    for (const s of stmts) this.stmt(s, local);
  }

  private stmt(s: ts.Statement, local: LocalScope): void {
    if (tsv.isVariableStatement(s)) return this.varDecls(s.declarationList, local);
    if (tsv.isExpressionStatement(s)) return this.expr(s.expression, local);
    if (tsv.isReturnStatement(s)) return void (s.expression && this.expr(s.expression, local));
    if (tsv.isBlock(s)) return this.block(s.statements, local);
    if (tsv.isEmptyStatement(s)) return;
    if (tsv.isIfStatement(s)) {
      this.expr(s.expression, local);
      this.stmt(s.thenStatement, { names: new Map(), parent: local });
      if (s.elseStatement) this.stmt(s.elseStatement, { names: new Map(), parent: local });
      return;
    }
    if (tsv.isForStatement(s)) return this.forLoop(s, local);
    if (tsv.isForOfStatement(s)) {
      const inner: LocalScope = { names: new Map(), parent: local };
      // over a list in an argument's pytree: as many steps as its (traced) structure has elements
      const structural = this.isStructural(s.expression, local);
      const why = structural ? undefined : this.staticReason(s.expression, local);
      if (why) this.problems.push(diag.loopBound(s.expression, why));
      this.expr(s.expression, local);
      if (tsv.isVariableDeclarationList(s.initializer)) {
        for (const d of s.initializer.declarations)
          for (const n of bindingNames(d.name)) inner.names.set(n, { isStatic: !structural, structural });
      } else this.problems.push(diag.unsupportedSyntax(s.initializer, "for..of without a declaration"));
      return this.stmt(s.statement, inner);
    }
    if (tsv.isFunctionDeclaration(s)) return this.enterFunction(s, local, () => false);
    if (tsv.isTypeAliasDeclaration(s) || tsv.isInterfaceDeclaration(s)) return;
    this.problems.push(diag.unsupportedSyntax(s, statementName(s)));
  }

  private varDecls(list: ts.VariableDeclarationList, local: LocalScope): void {
    if (!(list.flags & (tsv.NodeFlags.Const | tsv.NodeFlags.Let)))
      this.problems.push(diag.unsupportedSyntax(list, "'var' (use const or let)"));
    for (const d of list.declarations) {
      if (d.initializer) this.expr(d.initializer, local);
      const isStatic = !!d.initializer && !this.staticReason(d.initializer, local);
      const structural = !!d.initializer && this.isStructural(d.initializer, local);
      this.bindingPattern(d.name, local);
      for (const n of bindingNames(d.name)) local.names.set(n, { isStatic: isStatic && tsv.isIdentifier(d.name), structural });
    }
  }

  private bindingPattern(n: ts.BindingName, local: LocalScope): void {
    if (tsv.isIdentifier(n)) return;
    for (const el of n.elements) {
      if (tsv.isOmittedExpression(el)) continue;
      if (el.dotDotDotToken) this.problems.push(diag.unsupportedSyntax(el, "a rest element in destructuring"));
      if (el.initializer) this.expr(el.initializer, local);
      if (tsv.isBindingElement(el) && el.propertyName && tsv.isComputedPropertyName(el.propertyName))
        this.problems.push(diag.dynamicProperty(el, "in a destructuring pattern"));
      this.bindingPattern(el.name, local);
    }
  }

  private forLoop(s: ts.ForStatement, local: LocalScope): void {
    const inner: LocalScope = { names: new Map(), parent: local };
    const init = s.initializer;
    const loopVars: string[] = [];
    if (init && tsv.isVariableDeclarationList(init)) {
      for (const d of init.declarations) {
        if (!d.initializer) continue;
        const why = this.staticReason(d.initializer, local);
        if (why) this.problems.push(diag.loopBound(d.initializer, why));
        this.expr(d.initializer, local);
        for (const n of bindingNames(d.name)) {
          inner.names.set(n, { isStatic: true });
          loopVars.push(n);
        }
      }
    } else if (init) {
      this.problems.push(diag.loopBound(init, "the loop variable must be declared in the loop header"));
    }
    if (!s.condition) this.problems.push(diag.loopBound(s, "no condition"));
    else {
      const why = this.staticReason(s.condition, inner);
      if (why) this.problems.push(diag.loopBound(s.condition, why));
      this.expr(s.condition, inner);
    }
    if (s.incrementor) {
      const why = this.staticReason(s.incrementor, inner);
      if (why) this.problems.push(diag.loopBound(s.incrementor, why));
      this.expr(s.incrementor, inner);
    }
    // the loop variable must not be assigned in the body (bounds stay static)
    const body = s.statement;
    const assigned = (n: ts.Node): void => {
      if (tsv.isBinaryExpression(n) && isAssignment(n.operatorToken.kind) && tsv.isIdentifier(n.left) && loopVars.includes(n.left.text)) {
        this.problems.push(diag.loopBound(n, `'${n.left.text}' is assigned inside the loop body`));
      }
      tsv.forEachChild(n, assigned);
    };
    assigned(body);
    this.stmt(body, { names: new Map(), parent: inner });
  }

  /**
   * A path into a parameter's pytree (`params`, `params.layers`, `params[0]`, a const alias of one): a JS
   * list or object whose structure the trace knows, never an array's shape or data.
   */
  private isStructural(e: ts.Expression, local: LocalScope): boolean {
    e = skipOuter(e);
    if (tsv.isIdentifier(e)) return lookup(local, e.text)?.structural === true;
    if (tsv.isPropertyAccessExpression(e))
      return !["shape", "ndim", "size", "data", "strides", "T"].includes(e.name.text) && this.isStructural(e.expression, local);
    if (tsv.isElementAccessExpression(e)) return !this.staticReason(e.argumentExpression, local) && this.isStructural(e.expression, local);
    return false;
  }

  /** Why an expression is not static (known at build time without array data or shapes), or undefined. */
  staticReason(e: ts.Expression, local: LocalScope): string | undefined {
    e = skipOuter(e);
    if (tsv.isNumericLiteral(e) || tsv.isStringLiteral(e) || tsv.isNoSubstitutionTemplateLiteral(e)) return undefined;
    if (e.kind === tsv.SyntaxKind.TrueKeyword || e.kind === tsv.SyntaxKind.FalseKeyword || e.kind === tsv.SyntaxKind.NullKeyword)
      return undefined;
    if (tsv.isIdentifier(e)) {
      const b = lookup(local, e.text);
      if (b) return b.isStatic ? undefined : `'${e.text}' is not a constant`;
      if (this.scope.constants.has(e.text)) {
        const init = this.scope.constants.get(e.text)!;
        return this.staticReason(init, { names: new Map(), parent: undefined }) ? `'${e.text}' is not a static constant` : undefined;
      }
      if (e.text === "Infinity" || e.text === "NaN" || e.text === "undefined") return undefined;
      return `'${e.text}' is not a constant`;
    }
    if (tsv.isPrefixUnaryExpression(e) || tsv.isPostfixUnaryExpression(e)) return this.staticReason(e.operand as ts.Expression, local);
    if (tsv.isBinaryExpression(e)) return this.staticReason(e.left, local) ?? this.staticReason(e.right, local);
    if (tsv.isConditionalExpression(e))
      return this.staticReason(e.condition, local) ?? this.staticReason(e.whenTrue, local) ?? this.staticReason(e.whenFalse, local);
    if (tsv.isArrayLiteralExpression(e)) {
      for (const x of e.elements) {
        const r = this.staticReason(x, local);
        if (r) return r;
      }
      return undefined;
    }
    if (tsv.isPropertyAccessExpression(e)) {
      const prop = e.name.text;
      if (tsv.isIdentifier(e.expression) && e.expression.text === "Math" && !lookup(local, "Math")) return undefined;
      if (prop === "shape" || prop === "ndim" || prop === "size")
        return `it depends on the shape of '${e.expression.getText(this.scope.sf)}'`;
      if (prop === "length") return this.isStructural(e.expression, local) ? undefined : this.staticReason(e.expression, local);
      return `'${e.getText(this.scope.sf)}' is not a constant`;
    }
    if (tsv.isElementAccessExpression(e)) return this.staticReason(e.expression, local) ?? this.staticReason(e.argumentExpression, local);
    if (tsv.isCallExpression(e)) {
      const c = e.expression;
      if (tsv.isPropertyAccessExpression(c) && tsv.isIdentifier(c.expression) && c.expression.text === "Math") {
        for (const a of e.arguments) {
          const r = this.staticReason(a, local);
          if (r) return r;
        }
        return undefined;
      }
      return `it calls '${c.getText(this.scope.sf)}'`;
    }
    return `${tsv.SyntaxKind[e.kind]} is not a constant`;
  }

  expr(e: ts.Expression, local: LocalScope): void {
    e = skipOuter(e);
    switch (e.kind) {
      case tsv.SyntaxKind.NumericLiteral:
      case tsv.SyntaxKind.StringLiteral:
      case tsv.SyntaxKind.NoSubstitutionTemplateLiteral:
      case tsv.SyntaxKind.TrueKeyword:
      case tsv.SyntaxKind.FalseKeyword:
      case tsv.SyntaxKind.NullKeyword:
        return;
    }
    if (tsv.isIdentifier(e)) return this.identifier(e, local);
    if (tsv.isTemplateExpression(e)) {
      for (const sp of e.templateSpans) this.expr(sp.expression, local);
      return;
    }
    if (tsv.isArrayLiteralExpression(e)) {
      for (const x of e.elements) this.expr(tsv.isSpreadElement(x) ? x.expression : x, local);
      return;
    }
    if (tsv.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (tsv.isPropertyAssignment(p)) {
          if (tsv.isComputedPropertyName(p.name)) this.problems.push(diag.dynamicProperty(p.name, "(a computed key in an object literal)"));
          this.expr(p.initializer, local);
        } else if (tsv.isShorthandPropertyAssignment(p)) this.identifier(p.name, local);
        else if (tsv.isSpreadAssignment(p)) this.expr(p.expression, local);
        else this.problems.push(diag.unsupportedSyntax(p, "a method or accessor in an object literal"));
      }
      return;
    }
    if (tsv.isPropertyAccessExpression(e)) {
      if (e.questionDotToken) this.problems.push(diag.unsupportedSyntax(e, "optional chaining"));
      if (tsv.isPrivateIdentifier(e.name)) this.problems.push(diag.unsupportedSyntax(e, "a private field"));
      this.memberTarget(e, local);
      return;
    }
    if (tsv.isElementAccessExpression(e)) {
      this.expr(e.expression, local);
      this.expr(e.argumentExpression, local);
      return;
    }
    if (tsv.isCallExpression(e)) return this.call(e, local);
    if (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) return this.enterFunction(e, local, () => false);
    if (tsv.isPrefixUnaryExpression(e) || tsv.isPostfixUnaryExpression(e)) {
      if (e.operator === tsv.SyntaxKind.PlusPlusToken || e.operator === tsv.SyntaxKind.MinusMinusToken)
        this.assignTarget(e.operand, local, e);
      else this.expr(e.operand, local);
      return;
    }
    if (tsv.isBinaryExpression(e)) {
      if (isAssignment(e.operatorToken.kind)) {
        this.assignTarget(e.left, local, e);
        this.expr(e.right, local);
        const b = tsv.isIdentifier(e.left) ? lookup(local, e.left.text) : undefined;
        if (b && this.staticReason(e.right, local)) b.isStatic = false;
        return;
      }
      if (e.operatorToken.kind === tsv.SyntaxKind.InKeyword || e.operatorToken.kind === tsv.SyntaxKind.InstanceOfKeyword) {
        this.problems.push(diag.unsupportedSyntax(e.operatorToken, `the '${e.operatorToken.getText(this.scope.sf)}' operator`));
      }
      this.expr(e.left, local);
      this.expr(e.right, local);
      return;
    }
    if (tsv.isConditionalExpression(e)) {
      this.expr(e.condition, local);
      this.expr(e.whenTrue, local);
      this.expr(e.whenFalse, local);
      return;
    }
    if (tsv.isTypeOfExpression(e) || tsv.isVoidExpression(e)) return this.expr(e.expression, local);
    if (
      tsv.isNewExpression(e) &&
      tsv.isIdentifier(e.expression) &&
      CONSTRUCTIBLE.has(e.expression.text) &&
      !lookup(local, e.expression.text)
    ) {
      for (const a of e.arguments ?? []) this.expr(tsv.isSpreadElement(a) ? a.expression : a, local);
      return;
    }
    this.problems.push(diag.unsupportedSyntax(e, expressionName(e)));
  }

  /** a.b.c: check the root and, for runtime namespaces, that the name exists. */
  private memberTarget(e: ts.PropertyAccessExpression, local: LocalScope): void {
    const path = runtimePath(e, this.scope, local);
    if (path) {
      const r = lookupRuntime(path);
      if (r.kind === "missing") this.problems.push(diag.unknownFunction(e.name, path.join("."), suggest(path)));
      return;
    }
    this.expr(e.expression, local);
  }

  private call(e: ts.CallExpression, local: LocalScope): void {
    if (e.questionDotToken) this.problems.push(diag.unsupportedSyntax(e, "optional call"));
    const callee = skipOuter(e.expression);
    for (const a of e.arguments) this.expr(tsv.isSpreadElement(a) ? a.expression : a, local);
    const spread = e.arguments.some(tsv.isSpreadElement);
    // runtime functions: np.add, nn.relu, nj.numpy.add, named imports
    const path = tsv.isPropertyAccessExpression(callee) || tsv.isIdentifier(callee) ? runtimePath(callee, this.scope, local) : undefined;
    if (path) {
      const r = lookupRuntime(path);
      if (r.kind === "missing")
        return void this.problems.push(
          diag.unknownFunction(tsv.isPropertyAccessExpression(callee) ? callee.name : callee, path.join("."), suggest(path)),
        );
      if (r.kind !== "function") return void this.problems.push(diag.unknownCallee(callee, path.join("."), "is not a function"));
      if (path.length === 1 && path[0] === "jit") return void this.problems.push(diag.unsupportedSyntax(e, "a nested jit() call"));
      // a converted counted loop over a shape (AutoGraph): unrolling needs the size, traces have symbols
      if (path.join(".") === "autograph.forRange")
        for (const b of e.arguments.slice(0, 2)) if (readsShape(b)) this.problems.push(diag.loopBound(b, this.staticReason(b, local)!));
      if (!spread) {
        const bad = checkArity(r.value, e.arguments.length, path);
        if (bad) this.problems.push(diag.arity(e, path.join("."), bad, e.arguments.length));
      }
      return;
    }
    if (tsv.isIdentifier(callee)) {
      const name = callee.text;
      if (lookup(local, name)) return; // local closure or parameter (a function-valued static argument)
      const f = this.scope.functions.get(name);
      if (f) {
        if (!spread) {
          const min = f.parameters.filter((p) => !p.initializer && !p.questionToken && !p.dotDotDotToken).length;
          const max = f.parameters.some((p) => p.dotDotDotToken) ? Infinity : f.parameters.length;
          if (e.arguments.length < min || e.arguments.length > max) {
            this.problems.push(
              diag.arity(
                e,
                name,
                min === max ? String(min) : max === Infinity ? `at least ${min}` : `${min} to ${max}`,
                e.arguments.length,
              ),
            );
          }
        }
        return this.inline(f, name, callee);
      }
      // another jit of this module (`const inner = jit((x) => ...)`): traced inline, as JAX traces a jit
      // called under a jit (the runtime binds it as a nested program)
      const jitted = this.jittedConstant(name);
      if (jitted) return this.inline(jitted, name, callee);
      if (this.graph?.follow(this.scope, name)) return;
      if (this.scope.opaque.has(name)) return void this.problems.push(diag.unknownCallee(callee, name, this.whyOpaque(name)));
      return void this.problems.push(diag.unknownCallee(callee, name));
    }
    if (tsv.isPropertyAccessExpression(callee)) {
      const root = skipOuter(callee.expression);
      if (tsv.isIdentifier(root) && root.text === "Math" && !lookup(local, "Math")) {
        if (typeof (Math as unknown as Record<string, unknown>)[callee.name.text] !== "function")
          this.problems.push(diag.unknownCallee(callee, `Math.${callee.name.text}`));
        return;
      }
      if (
        tsv.isIdentifier(root) &&
        (root.text === "console" || root.text === "Date" || root.text === "JSON") &&
        !lookup(local, root.text)
      ) {
        return void this.problems.push(diag.unknownCallee(callee, callee.getText(this.scope.sf)));
      }
      // a method call on a value (array methods, JS array/string methods): checked while tracing
      this.expr(callee.expression, local);
      return;
    }
    if (tsv.isCallExpression(callee)) {
      // grad(f)(x): the inner call is checked as a call
      return this.call(callee, local);
    }
    if (tsv.isArrowFunction(callee) || tsv.isFunctionExpression(callee)) return this.expr(callee, local);
    // `nn[act](x)`, `np[k](x, 0)`: a runtime namespace indexed by a static name (a static argument, a
    // constant, a for..of over a literal list): the trace resolves it and reports a name it does not know
    if (tsv.isElementAccessExpression(callee) && runtimePath(callee.expression, this.scope, local) !== undefined) {
      const why = this.staticReason(callee.argumentExpression, local);
      if (!why) return this.expr(callee.argumentExpression, local);
    }
    this.problems.push(diag.unknownCallee(callee, callee.getText(this.scope.sf)));
  }

  /** The function of a module constant bound to `jit(fn)` / `jit(fn, { literal options })`, or undefined. */
  private jittedConstant(name: string): FunctionNode | undefined {
    const init = this.scope.constants.get(name);
    const call = init && skipOuter(init);
    if (!call || !tsv.isCallExpression(call) || call.arguments.length < 1 || call.arguments.length > 2) return undefined;
    const path = runtimePath(call.expression, this.scope);
    if (path?.length !== 1 || path[0] !== "jit") return undefined;
    const fn = skipOuter(call.arguments[0]!);
    return tsv.isArrowFunction(fn) || tsv.isFunctionExpression(fn) ? fn : undefined;
  }

  private inline(f: FunctionNode, name: string, at: ts.Node): void {
    if (this.inlineStack.includes(f)) return void this.problems.push(diag.recursion(at, name));
    if (this.visitedFunctions.has(f)) return;
    this.visitedFunctions.add(f);
    this.inlineStack.push(f);
    this.enterFunction(f, undefined, () => false);
    this.inlineStack.pop();
  }

  private identifier(id: ts.Identifier, local: LocalScope): void {
    const name = id.text;
    if (lookup(local, name)) return;
    if (this.scope.runtime.has(name)) {
      const b = this.scope.runtime.get(name)!;
      if (b.kind === "named") {
        const r = lookupRuntime([b.exported]);
        if (r.kind === "missing") this.problems.push(diag.unknownFunction(id, b.exported, suggest([b.exported])));
      }
      return;
    }
    const f = this.scope.functions.get(name);
    if (f) return this.inline(f, name, id);
    const c = this.scope.constants.get(name);
    if (c) {
      if (this.visitedConstants.has(name)) return;
      this.visitedConstants.add(name);
      const before = this.problems.length;
      this.expr(c, { names: new Map(), parent: undefined });
      // one diagnostic at the use site (inside the jit function), naming the first reason
      if (this.problems.length > before) {
        const first = this.problems.splice(before)[0]!;
        // the root cause, not the chain of constants leading to it
        const root = this.constRoot.get(first) ?? first;
        const { line } = this.scope.sf.getLineAndCharacterOfPosition(root.pos);
        const d = diag.freeVariable(id, name, `is a module constant the compiler cannot evaluate (line ${line + 1}: ${root.message})`);
        this.constRoot.set(d, root);
        this.problems.push(d);
      }
      return;
    }
    if (this.graph?.follow(this.scope, name)) return;
    if (this.scope.opaque.has(name)) return void this.problems.push(diag.freeVariable(id, name, this.whyOpaque(name)));
    if (Object.hasOwn(GLOBALS, name)) return;
    if ((TRANSFORMS as readonly string[]).includes(name))
      return void this.problems.push(diag.freeVariable(id, name, "is not imported from '@numjit/runtime'"));
    this.problems.push(diag.freeVariable(id, name, "is not declared in this module (globals are not known at build time)"));
  }

  /** Why a module-level name is not known at build time (an import the module graph does not follow says why). */
  private whyOpaque(name: string): string {
    return this.graph?.whyNotFollowed(this.scope, name) ?? this.scope.opaque.get(name)!;
  }

  private assignTarget(t: ts.Expression, local: LocalScope, at: ts.Node): void {
    t = skipOuter(t);
    if (tsv.isIdentifier(t)) {
      if (!lookup(local, t.text)) this.problems.push(diag.mutation(at, `'${t.text}', which is not a local variable`));
      return;
    }
    if (tsv.isArrayLiteralExpression(t)) {
      for (const el of t.elements)
        if (!tsv.isOmittedExpression(el)) this.assignTarget(tsv.isSpreadElement(el) ? el.expression : el, local, at);
      return;
    }
    if (tsv.isElementAccessExpression(t) || tsv.isPropertyAccessExpression(t)) {
      // writing into a local JS array/object is fine; anything reachable from outside is not
      let root: ts.Expression = t;
      while (tsv.isElementAccessExpression(root) || tsv.isPropertyAccessExpression(root)) root = skipOuter(root.expression);
      if (tsv.isIdentifier(root) && lookup(local, root.text) && !isParamName(local, root.text)) {
        if (tsv.isElementAccessExpression(t)) this.expr(t.argumentExpression, local);
        return;
      }
      this.problems.push(diag.mutation(at, `'${t.getText(this.scope.sf)}'`));
      return;
    }
    this.problems.push(diag.unsupportedSyntax(t, "this assignment target"));
  }
}

function isParamName(local: LocalScope, name: string): boolean {
  // parameters live in the outermost scope of a function; a conservative check: the name is bound in
  // a scope with no parent (the jit function's own parameter scope)
  for (let s: LocalScope | undefined = local; s; s = s.parent) {
    if (s.names.has(name)) return s.parent === undefined;
  }
  return false;
}

function lookup(local: LocalScope | undefined, name: string): Binding | undefined {
  for (let s = local; s; s = s.parent) {
    const b = s.names.get(name);
    if (b) return b;
  }
  return undefined;
}

function bindingNames(n: ts.BindingName): string[] {
  if (tsv.isIdentifier(n)) return [n.text];
  const out: string[] = [];
  for (const el of n.elements) if (!tsv.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

export function isAssignment(k: ts.SyntaxKind): boolean {
  return k >= tsv.SyntaxKind.FirstAssignment && k <= tsv.SyntaxKind.LastAssignment;
}

/**
 * The runtime path an expression names, when its root is a runtime import not shadowed by a local:
 * `np.add` (np = named import of numpy) -> ["numpy", "add"]; `nj.numpy.add` -> ["numpy", "add"];
 * `relu` (named import of a runtime export) -> ["relu"].
 */
export function runtimePath(e: ts.Expression, scope: ModuleScope, local?: LocalScope): string[] | undefined {
  const names: string[] = [];
  let cur = skipOuter(e);
  while (tsv.isPropertyAccessExpression(cur) && tsv.isIdentifier(cur.name)) {
    names.unshift(cur.name.text);
    cur = skipOuter(cur.expression);
  }
  if (!tsv.isIdentifier(cur) || (local && lookup(local, cur.text))) return undefined;
  const b = scope.runtime.get(cur.text);
  if (!b) return undefined;
  return b.kind === "named" ? [b.exported, ...names] : names.length ? names : undefined;
}

export { runtimeName };

/** The expression reads `.shape` / `.ndim` / `.size` of something (a loop bound that depends on a shape). */
function readsShape(e: ts.Node): boolean {
  if (tsv.isPropertyAccessExpression(e) && ["shape", "ndim", "size"].includes(e.name.text)) return true;
  return !!tsv.forEachChild(e, (c) => readsShape(c) || undefined);
}
