// A tree-walking interpreter over the analysable subset of TypeScript. It turns a function node into
// a real JS function whose body is evaluated node by node, so the runtime can trace it (buildKernels,
// grad, vmap) at BUILD time through its own numpy definitions — no eval, and every runtime error is
// attributed to the source node that caused it.
//
// Semantics follow JS for the subset; where JS would silently do something that is wrong under
// tracing (arithmetic on an array, an array in a condition) the interpreter stops with an NJ705.
import type * as ts from "typescript";
import path from "node:path";
import { tsv } from "../../ts.js";
import type { ModuleGraph } from "../../module-graph.js";
import type { ExportBinding } from "../find/exports.js";
import { NDArray } from "@numjit/runtime";
import { type Dim, SymDim, shapeError } from "@numjit/runtime/internal";
import { type RawDiagnostic, diag } from "../../diagnostics.js";
import type { FunctionNode, ModuleScope } from "../find/index.js";
import { skipOuter } from "../find/index.js";
import { isAssignment } from "../analyse/index.js";
import { CONSTRUCTIBLE, GLOBALS, expressionName, statementName } from "../analyse/subset.js";
import { runtimeRoot } from "../analyse/runtime-names.js";
import { DIM_MATH, dimBinary, isDimOperand } from "./dim-arith.js";

/** The construct cannot be evaluated at build time: a fallback reason. */
export class Unsupported extends Error {
  /** The module the diagnostic's offsets refer to (set by the interpreter that raised it). */
  sf: ts.SourceFile | undefined;
  constructor(readonly diagnostic: RawDiagnostic) {
    super(diagnostic.message);
  }
}

/** A runtime error (NumjitError or other) raised while evaluating `node`. */
export class NodeError extends Error {
  constructor(
    readonly node: ts.Node,
    readonly error: unknown,
    /** Raised in an imported helper: `in 'name' (file:line:col)`. */
    readonly where?: string,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

interface Binding {
  value: unknown;
  mutable: boolean;
  initialized: boolean;
}

export class Env {
  readonly vars = new Map<string, Binding>();
  constructor(readonly parent: Env | undefined) {}
  find(name: string): Binding | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const b = e.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }
  declare(name: string, value: unknown, mutable: boolean): void {
    this.vars.set(name, { value, mutable, initialized: true });
  }
}

type Completion = { value: unknown } | undefined;

const ARRAY_PROPS = new Set(["shape", "ndim", "size", "dtype", "T", "weakType"]);
const CONCRETE_PROPS = new Set([
  "data",
  "strides",
  "offset",
  "toTypedArray",
  "toArray",
  "item",
  "toJSON",
  "valueOf",
  "toString",
  "isContiguous",
]);
const MAX_UNROLL = 10_000;
const MAX_DEPTH = 200;
const INTERPRETED = Symbol("numjit.interpreted");

/** A local module imported as a namespace (`import * as helpers`): members are resolved when read. */
class ModuleNamespace {
  constructor(
    readonly scope: ModuleScope,
    /** As the importing module spells it (`helpers`, `R.H`). */
    readonly name: string,
  ) {}
}

export class Interpreter {
  private moduleCache = new Map<string, { value: unknown }>();
  private evaluatingConst = new Set<string>();
  private depth = 0;
  private readonly root = runtimeRoot();

  constructor(
    readonly scope: ModuleScope,
    /** Local modules: an imported helper is evaluated by its own module's interpreter. */
    private readonly graph?: ModuleGraph,
  ) {}

  /** A callable JS function evaluating `fn` (closure env: module scope unless given). */
  makeFunction(fn: FunctionNode, closure: Env | undefined, name: string): (...args: unknown[]) => unknown {
    const self = this;
    const f = function (this: unknown, ...args: unknown[]): unknown {
      return self.call(fn, closure, args);
    };
    Object.defineProperty(f, "name", { value: name });
    Object.defineProperty(f, INTERPRETED, { value: fn });
    return f;
  }

  private call(fn: FunctionNode, closure: Env | undefined, args: unknown[]): unknown {
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      throw new Unsupported(diag.recursion(fn, fn.name?.getText(this.scope.sf) ?? "<function>"));
    }
    try {
      const env = new Env(closure);
      fn.parameters.forEach((p, i) => {
        let v = args[i];
        if (v === undefined && p.initializer) v = this.expr(p.initializer, env);
        this.bind(p.name, v, env, true);
      });
      const body = fn.body!;
      if (!tsv.isBlock(body)) return this.expr(body, env);
      const c = this.block(body.statements, env);
      return c?.value;
    } catch (e) {
      if (e instanceof Unsupported) e.sf ??= this.scope.sf;
      throw e;
    } finally {
      this.depth--;
    }
  }

  // ---- statements -------------------------------------------------------------------------------

  private block(stmts: readonly ts.Statement[], parent: Env): Completion {
    const env = new Env(parent);
    for (const s of stmts) {
      if (tsv.isFunctionDeclaration(s) && s.name) env.declare(s.name.text, this.makeFunction(s, env, s.name.text), true);
    }
    for (const s of stmts) {
      const c = this.stmt(s, env);
      if (c) return c;
    }
    return undefined;
  }

  private stmt(s: ts.Statement, env: Env): Completion {
    if (tsv.isExpressionStatement(s)) {
      this.expr(s.expression, env);
      return undefined;
    }
    if (tsv.isVariableStatement(s)) {
      const mutable = !(s.declarationList.flags & tsv.NodeFlags.Const);
      for (const d of s.declarationList.declarations)
        this.bind(d.name, d.initializer ? this.expr(d.initializer, env) : undefined, env, mutable);
      return undefined;
    }
    if (tsv.isReturnStatement(s)) return { value: s.expression ? this.expr(s.expression, env) : undefined };
    if (tsv.isBlock(s)) return this.block(s.statements, env);
    if (tsv.isIfStatement(s)) {
      const c = this.truthy(this.expr(s.expression, env), s.expression, "an if condition");
      if (c) return this.stmt(s.thenStatement, new Env(env));
      return s.elseStatement ? this.stmt(s.elseStatement, new Env(env)) : undefined;
    }
    if (tsv.isForStatement(s)) return this.forLoop(s, env);
    if (tsv.isForOfStatement(s)) {
      const it = this.expr(s.expression, env);
      if (!Array.isArray(it)) throw new Unsupported(diag.loopBound(s.expression, "for..of over something that is not a JS array"));
      const list = s.initializer as ts.VariableDeclarationList;
      const mutable = !(list.flags & tsv.NodeFlags.Const);
      for (const v of it) {
        const inner = new Env(env);
        this.bind(list.declarations[0]!.name, v, inner, mutable);
        const c = this.stmt(s.statement, inner);
        if (c) return c;
      }
      return undefined;
    }
    if (tsv.isFunctionDeclaration(s) || tsv.isEmptyStatement(s) || tsv.isTypeAliasDeclaration(s) || tsv.isInterfaceDeclaration(s))
      return undefined;
    throw new Unsupported(diag.unsupportedSyntax(s, statementName(s)));
  }

  private forLoop(s: ts.ForStatement, env: Env): Completion {
    const loopEnv = new Env(env);
    const init = s.initializer;
    if (init && tsv.isVariableDeclarationList(init)) {
      const mutable = !(init.flags & tsv.NodeFlags.Const);
      for (const d of init.declarations) this.bind(d.name, d.initializer ? this.expr(d.initializer, loopEnv) : undefined, loopEnv, mutable);
    } else if (init) this.expr(init, loopEnv);
    for (let n = 0; ; n++) {
      if (n > MAX_UNROLL) throw new Unsupported(diag.loopBound(s, `more than ${MAX_UNROLL} iterations`));
      if (s.condition) {
        const c = this.expr(s.condition, loopEnv);
        if (c instanceof NDArray) throw new Unsupported(diag.dataDependent(s.condition, "the loop condition"));
        if (!c) break;
      }
      // a fresh copy of the loop variables per iteration (JS let semantics for closures)
      const iter = new Env(loopEnv);
      const r = this.stmt(s.statement, iter);
      if (r) return r;
      if (s.incrementor) this.expr(s.incrementor, loopEnv);
    }
    return undefined;
  }

  private bind(name: ts.BindingName, value: unknown, env: Env, mutable: boolean): void {
    if (tsv.isIdentifier(name)) return env.declare(name.text, value, mutable);
    if (tsv.isArrayBindingPattern(name)) {
      const items: unknown = value instanceof NDArray ? rows(value, name, "destructuring") : value;
      if (!Array.isArray(items)) throw new NodeError(name, new TypeError(`cannot destructure ${describe(value)} as an array`));
      name.elements.forEach((el, i) => {
        if (tsv.isOmittedExpression(el)) return;
        let v = items[i];
        if (v === undefined && el.initializer) v = this.expr(el.initializer, env);
        this.bind(el.name, v, env, mutable);
      });
      return;
    }
    if (value === null || value === undefined) throw new NodeError(name, new TypeError(`cannot destructure ${String(value)}`));
    for (const el of name.elements) {
      const key = el.propertyName ? propName(el.propertyName, this) : (el.name as ts.Identifier).text;
      let v = this.getProperty(value, key, el);
      if (v === undefined && el.initializer) v = this.expr(el.initializer, env);
      this.bind(el.name, v, env, mutable);
    }
  }

  // ---- expressions ------------------------------------------------------------------------------

  expr(e: ts.Expression, env: Env): unknown {
    e = skipOuter(e);
    switch (e.kind) {
      case tsv.SyntaxKind.NumericLiteral:
        return Number((e as ts.NumericLiteral).text);
      case tsv.SyntaxKind.StringLiteral:
      case tsv.SyntaxKind.NoSubstitutionTemplateLiteral:
        return (e as ts.StringLiteral).text;
      case tsv.SyntaxKind.TrueKeyword:
        return true;
      case tsv.SyntaxKind.FalseKeyword:
        return false;
      case tsv.SyntaxKind.NullKeyword:
        return null;
    }
    if (tsv.isIdentifier(e)) return this.identifier(e, env);
    if (tsv.isTemplateExpression(e)) {
      let s = e.head.text;
      for (const sp of e.templateSpans) {
        const v = this.expr(sp.expression, env);
        if (v instanceof NDArray) throw new Unsupported(diag.dataDependent(sp.expression, "formatting an array into a string"));
        // a size in a string (`x.slice(`${n / 2}:`)`) would be its expression's text, not a number
        if (isDimOperand(v)) throw new NodeError(sp.expression, shapeError.dimArithmetic("a template string", v as Dim));
        s += String(v) + sp.literal.text;
      }
      return s;
    }
    if (tsv.isArrayLiteralExpression(e)) {
      const out: unknown[] = [];
      for (const x of e.elements) {
        if (tsv.isSpreadElement(x)) out.push(...this.iterable(this.expr(x.expression, env), x));
        else if (tsv.isOmittedExpression(x)) out.push(undefined);
        else out.push(this.expr(x, env));
      }
      return out;
    }
    if (tsv.isObjectLiteralExpression(e)) {
      const o: Record<string, unknown> = {};
      for (const p of e.properties) {
        if (tsv.isPropertyAssignment(p)) o[propName(p.name, this, env)] = this.expr(p.initializer, env);
        else if (tsv.isShorthandPropertyAssignment(p)) o[p.name.text] = this.identifier(p.name, env);
        else if (tsv.isSpreadAssignment(p)) Object.assign(o, this.expr(p.expression, env));
        else throw new Unsupported(diag.unsupportedSyntax(p, "a method or accessor in an object literal"));
      }
      return o;
    }
    if (tsv.isPropertyAccessExpression(e)) {
      if (e.questionDotToken) throw new Unsupported(diag.unsupportedSyntax(e, "optional chaining"));
      return this.getProperty(this.expr(e.expression, env), e.name.text, e.name);
    }
    if (tsv.isElementAccessExpression(e)) {
      const obj = this.expr(e.expression, env);
      const key = this.expr(e.argumentExpression, env);
      if (obj instanceof NDArray)
        throw new Unsupported(
          diag.dynamicProperty(e, `'${e.getText(this.scope.sf)}' indexes an array with []; use x.slice(...) or np.take`),
        );
      if (key instanceof NDArray) throw new Unsupported(diag.dataDependent(e.argumentExpression, "an index"));
      return this.getProperty(obj, key as string | number, e.argumentExpression);
    }
    if (tsv.isCallExpression(e)) return this.callExpr(e, env);
    if (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) return this.makeFunction(e, env, e.name?.text ?? "<anonymous>");
    if (tsv.isPrefixUnaryExpression(e)) return this.prefix(e, env);
    if (tsv.isPostfixUnaryExpression(e)) {
      const old = this.expr(e.operand, env);
      if (typeof old !== "number") throw new Unsupported(diag.dataDependent(e, "'++'/'--' on a non-number"));
      this.assign(e.operand, e.operator === tsv.SyntaxKind.PlusPlusToken ? old + 1 : old - 1, env);
      return old;
    }
    if (tsv.isBinaryExpression(e)) return this.binary(e, env);
    if (tsv.isConditionalExpression(e)) {
      return this.truthy(this.expr(e.condition, env), e.condition, "a ?: condition")
        ? this.expr(e.whenTrue, env)
        : this.expr(e.whenFalse, env);
    }
    if (tsv.isTypeOfExpression(e)) {
      const v = this.expr(e.expression, env);
      return typeof v;
    }
    if (tsv.isNewExpression(e) && tsv.isIdentifier(e.expression) && CONSTRUCTIBLE.has(e.expression.text) && !env.find(e.expression.text)) {
      const ctor = (globalThis as unknown as Record<string, new (...a: unknown[]) => unknown>)[e.expression.text]!;
      const args: unknown[] = [];
      for (const a of e.arguments ?? []) {
        if (tsv.isSpreadElement(a)) args.push(...this.iterable(this.expr(a.expression, env), a));
        else args.push(this.expr(a, env));
      }
      if (args.some((x) => x instanceof NDArray)) throw new Unsupported(diag.dataDependent(e, "building a JS array from an array"));
      try {
        return new ctor(...args);
      } catch (err) {
        throw new NodeError(e, err);
      }
    }
    if (tsv.isVoidExpression(e)) {
      this.expr(e.expression, env);
      return undefined;
    }
    throw new Unsupported(diag.unsupportedSyntax(e, expressionName(e)));
  }

  private identifier(id: ts.Identifier, env: Env): unknown {
    const name = id.text;
    const b = env.find(name);
    if (b) return b.value;
    return this.moduleValue(name, id);
  }

  moduleValue(name: string, at: ts.Node): unknown {
    const cached = this.moduleCache.get(name);
    if (cached) return cached.value;
    let value: unknown;
    const rb = this.scope.runtime.get(name);
    const f = this.scope.functions.get(name);
    const c = this.scope.constants.get(name);
    if (rb) {
      value = rb.kind === "namespace" ? this.root : this.root[rb.exported];
      if (value === undefined && rb.kind === "named")
        throw new Unsupported(diag.unknownCallee(at, rb.exported, "is not exported by this version of @numjit/runtime"));
    } else if (f) {
      value = this.makeFunction(f, undefined, name);
    } else if (c) {
      if (this.evaluatingConst.has(name)) throw new Unsupported(diag.freeVariable(at, name, "is used before it is initialized"));
      this.evaluatingConst.add(name);
      try {
        value = this.expr(c, new Env(undefined));
      } finally {
        this.evaluatingConst.delete(name);
      }
    } else if (Object.hasOwn(GLOBALS, name)) {
      value = name === "Math" ? DIM_MATH : GLOBALS[name];
    } else {
      const b = this.graph?.follow(this.scope, name);
      const why = b
        ? undefined
        : (this.graph?.whyNotFollowed(this.scope, name) ?? this.scope.opaque.get(name) ?? "is not declared in this module");
      if (why) throw new Unsupported(diag.freeVariable(at, name, why));
      value = this.imported(b!, name, at);
    }
    this.moduleCache.set(name, { value });
    return value;
  }

  /**
   * A value imported from a local module (`name` as this module spells it: `f`, `helpers.f`), evaluated
   * by that module's interpreter, or a namespace object for a whole module. Errors raised inside
   * an imported helper are reported at the use in this module, naming where in the helper they arose.
   */
  private imported(b: ExportBinding, name: string, at: ts.Node): unknown {
    if (b.kind === "namespace") return new ModuleNamespace(b.scope, name);
    const graph = this.graph!;
    const { scope, name: there } = b;
    const other = graph.memoize(scope.sf.fileName, () => new Interpreter(scope, graph));
    const here = this.scope.sf;
    // a position in a module of the graph (AutoGraph's converted text maps back to the file as written)
    const whereIs = (sf: ts.SourceFile, pos: number): string => {
      const origin = sf === scope.sf ? scope.origin : undefined;
      const { line, character } = (origin?.sf ?? sf).getLineAndCharacterOfPosition(origin ? origin.toOriginal(pos) : pos);
      return `in '${name}' (${path.basename(sf.fileName)}:${line + 1}:${character + 1})`;
    };
    const relocate = (e: unknown): unknown => {
      const sf = e instanceof Unsupported ? (e.sf ?? scope.sf) : undefined;
      if (e instanceof Unsupported && sf && sf !== here) {
        const d = e.diagnostic;
        const moved = new Unsupported({ ...d, pos: at.getStart(here), end: at.end, message: `${whereIs(sf, d.pos)}: ${d.message}` });
        moved.sf = here;
        return moved;
      }
      if (e instanceof NodeError && e.node.getSourceFile() !== here)
        return new NodeError(at, e.error, e.where ?? whereIs(e.node.getSourceFile(), e.node.getStart()));
      return e;
    };
    let value: unknown;
    try {
      value = other.moduleValue(there, at);
    } catch (e) {
      throw relocate(e);
    }
    const fn = typeof value === "function" ? (value as unknown as Record<symbol, unknown>)[INTERPRETED] : undefined;
    if (!fn) return value;
    const f = (...args: unknown[]): unknown => {
      try {
        return (value as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        throw relocate(e);
      }
    };
    Object.defineProperty(f, "name", { value: name });
    Object.defineProperty(f, INTERPRETED, { value: fn });
    return f;
  }

  getProperty(obj: unknown, key: string | number, at: ts.Node, forCall = false): unknown {
    if (obj instanceof NDArray) {
      const k = String(key);
      if (ARRAY_PROPS.has(k)) {
        const v = (obj as unknown as Record<string, unknown>)[k];
        return Array.isArray(v) ? v.slice() : v;
      }
      if (CONCRETE_PROPS.has(k)) throw new Unsupported(diag.dataDependent(at, `reading '${k}'`));
      const v = k in obj && k !== "constructor" ? (obj as unknown as Record<string, unknown>)[k] : undefined;
      if (typeof v === "function") return v;
      throw new NodeError(at, unknownMethod(k, "NDArray.", forCall));
    }
    if (obj instanceof ModuleNamespace) {
      const name = `${obj.name}.${String(key)}`;
      const b = this.graph!.exportOf(obj.scope, String(key));
      const file = path.basename(obj.scope.sf.fileName);
      if (!b)
        throw new Unsupported(diag.freeVariable(at, name, `is not exported by ${file} as a function or constant the compiler can follow`));
      return this.imported(b, name, at);
    }
    if (obj === null || obj === undefined)
      throw new NodeError(at, new TypeError(`cannot read property '${String(key)}' of ${String(obj)}`));
    if (key === "__proto__" || key === "constructor" || key === "prototype")
      throw new Unsupported(diag.dynamicProperty(at, `'.${String(key)}'`));
    if (obj === this.root || isRuntimeNamespace(obj, this.root)) {
      if (!(key in (obj as object)))
        throw new NodeError(at, unknownMethod(String(key), obj === this.root ? "" : `${this.namespaceName(obj)}.`));
    }
    return (obj as Record<string | number, unknown>)[key];
  }

  private callExpr(e: ts.CallExpression, env: Env): unknown {
    if (e.questionDotToken) throw new Unsupported(diag.unsupportedSyntax(e, "optional call"));
    const callee = skipOuter(e.expression);
    let thisArg: unknown, f: unknown;
    if (tsv.isPropertyAccessExpression(callee)) {
      thisArg = this.expr(callee.expression, env);
      f = this.getProperty(thisArg, callee.name.text, callee.name, true);
    } else if (tsv.isElementAccessExpression(callee)) {
      thisArg = this.expr(callee.expression, env);
      f = this.expr(callee, env);
    } else f = this.expr(callee, env);
    const args: unknown[] = [];
    for (const a of e.arguments) {
      if (tsv.isSpreadElement(a)) args.push(...this.iterable(this.expr(a.expression, env), a));
      else args.push(this.expr(a, env));
    }
    if (typeof f !== "function") throw new NodeError(callee, new TypeError(`'${callee.getText(this.scope.sf)}' is not a function`));
    // a jit() in the function's body is not supported; a module constant bound to one (`const inner =
    // jit(...)`, called by the function) is the runtime's Jitted: under the trace it binds a nested program
    if (f === this.root["jit"] && this.evaluatingConst.size === 0) throw new Unsupported(diag.unsupportedSyntax(e, "a nested jit() call"));
    if ((f as unknown as Record<symbol, unknown>)[INTERPRETED]) return (f as (...a: unknown[]) => unknown).apply(thisArg, args);
    if (f === Function.prototype.call || f === Function.prototype.apply || f === Function.prototype.bind || f === Function) {
      throw new Unsupported(diag.unsupportedSyntax(e, "call/apply/bind/Function"));
    }
    try {
      return (f as (...a: unknown[]) => unknown).apply(thisArg, args);
    } catch (err) {
      if (err instanceof NodeError || err instanceof Unsupported) throw err;
      throw new NodeError(e, err);
    }
  }

  private prefix(e: ts.PrefixUnaryExpression, env: Env): unknown {
    const op = e.operator;
    if (op === tsv.SyntaxKind.PlusPlusToken || op === tsv.SyntaxKind.MinusMinusToken) {
      const old = this.expr(e.operand, env);
      if (typeof old !== "number") throw new Unsupported(diag.dataDependent(e, "'++'/'--' on a non-number"));
      const v = op === tsv.SyntaxKind.PlusPlusToken ? old + 1 : old - 1;
      this.assign(e.operand, v, env);
      return v;
    }
    const v = this.expr(e.operand, env);
    if (isJsNumber(v) && (op === tsv.SyntaxKind.MinusToken || op === tsv.SyntaxKind.PlusToken))
      return op === tsv.SyntaxKind.PlusToken ? v : this.numpy("negative", [v], e);
    if (v instanceof NDArray) {
      const sym = tsv.tokenToString(op) ?? "?";
      throw new Unsupported(diag.dataDependent(e, `the JS operator '${sym}' applied to an array (use np.negative / np.logicalNot)`));
    }
    switch (op) {
      case tsv.SyntaxKind.MinusToken:
        return -(v as number);
      case tsv.SyntaxKind.PlusToken:
        return +(v as number);
      case tsv.SyntaxKind.ExclamationToken:
        return !v;
      case tsv.SyntaxKind.TildeToken:
        return ~(v as number);
    }
    throw new Unsupported(diag.unsupportedSyntax(e, `the operator ${tsv.tokenToString(op)}`));
  }

  private binary(e: ts.BinaryExpression, env: Env): unknown {
    const k = e.operatorToken.kind;
    if (k === tsv.SyntaxKind.EqualsToken) {
      const v = this.expr(e.right, env);
      this.assign(e.left, v, env);
      return v;
    }
    if (isAssignment(k)) {
      const op = COMPOUND[k];
      if (op === undefined)
        throw new Unsupported(diag.unsupportedSyntax(e.operatorToken, `the operator ${e.operatorToken.getText(this.scope.sf)}`));
      const v = this.arith(op, this.expr(e.left, env), this.expr(e.right, env), e);
      this.assign(e.left, v, env);
      return v;
    }
    if (k === tsv.SyntaxKind.AmpersandAmpersandToken) {
      const l = this.expr(e.left, env);
      return this.truthy(l, e.left, "the left side of &&") ? this.expr(e.right, env) : l;
    }
    if (k === tsv.SyntaxKind.BarBarToken) {
      const l = this.expr(e.left, env);
      return this.truthy(l, e.left, "the left side of ||") ? l : this.expr(e.right, env);
    }
    if (k === tsv.SyntaxKind.QuestionQuestionToken) {
      const l = this.expr(e.left, env);
      return l ?? this.expr(e.right, env);
    }
    if (k === tsv.SyntaxKind.CommaToken) {
      this.expr(e.left, env);
      return this.expr(e.right, env);
    }
    const l = this.expr(e.left, env);
    const r = this.expr(e.right, env);
    if (k === tsv.SyntaxKind.EqualsEqualsEqualsToken) return l === r;
    if (k === tsv.SyntaxKind.ExclamationEqualsEqualsToken) return l !== r;
    return this.arith(k, l, r, e);
  }

  private arith(k: ts.SyntaxKind, l: unknown, r: unknown, at: ts.BinaryExpression): unknown {
    const hint = NP_HINT[k];
    // a JS number argument (or a static traced as a value) is a weak 0-d array: JS arithmetic on it (with a
    // number or a symbolic size, which numpy takes as its dim_value) is numpy's
    const number = (v: unknown) => isJsNumber(v) || typeof v === "number" || v instanceof SymDim;
    if (hint && (isJsNumber(l) || isJsNumber(r)) && number(l) && number(r)) return this.numpy(hint, [l, r], at);
    // a symbolic size (`x.shape[0]` under the symbolic trace) in JS arithmetic: a dimension expression
    if ((isDimOperand(l) || isDimOperand(r)) && !(l instanceof NDArray) && !(r instanceof NDArray)) {
      try {
        return dimBinary(k, l, r);
      } catch (err) {
        throw new NodeError(at, err);
      }
    }
    if (l instanceof NDArray || r instanceof NDArray) {
      const sym = tsv.tokenToString(k) ?? "?";
      throw new Unsupported(diag.dataDependent(at, `the JS operator '${sym}' on an array${hint ? ` (use np.${hint})` : ""}`));
    }
    const a = l as number,
      b = r as number;
    switch (k) {
      case tsv.SyntaxKind.PlusToken:
        return (a as unknown as string) + (b as unknown as string);
      case tsv.SyntaxKind.MinusToken:
        return a - b;
      case tsv.SyntaxKind.AsteriskToken:
        return a * b;
      case tsv.SyntaxKind.SlashToken:
        return a / b;
      case tsv.SyntaxKind.PercentToken:
        return a % b;
      case tsv.SyntaxKind.AsteriskAsteriskToken:
        return a ** b;
      case tsv.SyntaxKind.LessThanToken:
        return a < b;
      case tsv.SyntaxKind.LessThanEqualsToken:
        return a <= b;
      case tsv.SyntaxKind.GreaterThanToken:
        return a > b;
      case tsv.SyntaxKind.GreaterThanEqualsToken:
        return a >= b;
      case tsv.SyntaxKind.EqualsEqualsToken:
        // biome-ignore lint/suspicious/noDoubleEquals: interprets the user's `==`
        return a == b;
      case tsv.SyntaxKind.ExclamationEqualsToken:
        // biome-ignore lint/suspicious/noDoubleEquals: interprets the user's `!=`
        return a != b;
      case tsv.SyntaxKind.AmpersandToken:
        return a & b;
      case tsv.SyntaxKind.BarToken:
        return a | b;
      case tsv.SyntaxKind.CaretToken:
        return a ^ b;
      case tsv.SyntaxKind.LessThanLessThanToken:
        return a << b;
      case tsv.SyntaxKind.GreaterThanGreaterThanToken:
        return a >> b;
      case tsv.SyntaxKind.GreaterThanGreaterThanGreaterThanToken:
        return a >>> b;
    }
    throw new Unsupported(diag.unsupportedSyntax(at.operatorToken, `the operator '${tsv.tokenToString(k)}'`));
  }

  private namespaceName(obj: unknown): string {
    return namespaceNameIn(obj, this.root);
  }

  private numpy(fn: string, args: unknown[], at: ts.Node): unknown {
    try {
      return ((this.root["numpy"] as Record<string, (...a: unknown[]) => unknown>)[fn] as (...a: unknown[]) => unknown)(...args);
    } catch (err) {
      throw new NodeError(at, err);
    }
  }

  private assign(target: ts.Expression, v: unknown, env: Env): void {
    target = skipOuter(target);
    if (tsv.isIdentifier(target)) {
      const b = env.find(target.text);
      if (!b) throw new Unsupported(diag.mutation(target, `'${target.text}', which is not a local variable`));
      if (!b.mutable) throw new NodeError(target, new TypeError(`assignment to constant '${target.text}'`));
      b.value = v;
      return;
    }
    if (tsv.isArrayLiteralExpression(target)) {
      if (!Array.isArray(v)) throw new Unsupported(diag.dataDependent(target, "destructuring a non-JS-array"));
      target.elements.forEach((el, i) => {
        if (!tsv.isOmittedExpression(el)) this.assign(el as ts.Expression, v[i], env);
      });
      return;
    }
    if (tsv.isPropertyAccessExpression(target) || tsv.isElementAccessExpression(target)) {
      const obj = this.expr(target.expression, env);
      if (obj instanceof NDArray) throw new Unsupported(diag.mutation(target, "an element of an array (arrays are immutable under jit)"));
      const key = tsv.isPropertyAccessExpression(target) ? target.name.text : (this.expr(target.argumentExpression, env) as string);
      if (obj === null || typeof obj !== "object" || isRuntimeNamespace(obj, this.root) || obj === this.root) {
        throw new Unsupported(diag.mutation(target, `'${target.getText(this.scope.sf)}'`));
      }
      (obj as Record<string, unknown>)[key] = v;
      return;
    }
    throw new Unsupported(diag.unsupportedSyntax(target, "this assignment target"));
  }

  private truthy(v: unknown, at: ts.Node, what: string): boolean {
    if (v instanceof NDArray) throw new Unsupported(diag.dataDependent(at, `${what} on an array`));
    return !!v;
  }

  private iterable(v: unknown, at: ts.Node): unknown[] {
    if (v instanceof NDArray) return rows(v, at, "spreading");
    if (Array.isArray(v)) return v;
    if (typeof v === "string") return [...v];
    throw new NodeError(at, new TypeError(`${describe(v)} is not iterable`));
  }
}

const COMPOUND: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
  [tsv.SyntaxKind.PlusEqualsToken]: tsv.SyntaxKind.PlusToken,
  [tsv.SyntaxKind.MinusEqualsToken]: tsv.SyntaxKind.MinusToken,
  [tsv.SyntaxKind.AsteriskEqualsToken]: tsv.SyntaxKind.AsteriskToken,
  [tsv.SyntaxKind.SlashEqualsToken]: tsv.SyntaxKind.SlashToken,
  [tsv.SyntaxKind.PercentEqualsToken]: tsv.SyntaxKind.PercentToken,
  [tsv.SyntaxKind.AsteriskAsteriskEqualsToken]: tsv.SyntaxKind.AsteriskAsteriskToken,
};

/** A weakly typed 0-d array: what a JS number argument is while tracing. */
const isJsNumber = (v: unknown): v is NDArray => v instanceof NDArray && v.weakType && v.shape.length === 0;

const NP_HINT: Partial<Record<ts.SyntaxKind, string>> = {
  [tsv.SyntaxKind.PlusToken]: "add",
  [tsv.SyntaxKind.MinusToken]: "subtract",
  [tsv.SyntaxKind.AsteriskToken]: "multiply",
  [tsv.SyntaxKind.SlashToken]: "divide",
  [tsv.SyntaxKind.AsteriskAsteriskToken]: "power",
  [tsv.SyntaxKind.PercentToken]: "mod",
  [tsv.SyntaxKind.LessThanToken]: "less",
  [tsv.SyntaxKind.GreaterThanToken]: "greater",
  [tsv.SyntaxKind.LessThanEqualsToken]: "lessEqual",
  [tsv.SyntaxKind.GreaterThanEqualsToken]: "greaterEqual",
  [tsv.SyntaxKind.EqualsEqualsToken]: "equal",
  [tsv.SyntaxKind.ExclamationEqualsToken]: "notEqual",
};

function propName(n: ts.PropertyName, interp: Interpreter, env?: Env): string {
  if (tsv.isIdentifier(n) || tsv.isStringLiteral(n) || tsv.isNumericLiteral(n) || tsv.isPrivateIdentifier(n)) return n.text;
  if (tsv.isComputedPropertyName(n) && env) return String(interp.expr(n.expression, env));
  throw new Unsupported(diag.dynamicProperty(n, "(a computed property name)"));
}

/** The name of a runtime namespace object as the root exports it (`numpy`, `nn`, `lax`, `random`...). */
function namespaceNameIn(obj: unknown, root: Record<string, unknown>): string {
  for (const [k, v] of Object.entries(root)) if (v === obj) return k;
  for (const [k, v] of Object.entries(root["numpy"] as Record<string, unknown>)) if (v === obj) return `numpy.${k}`;
  return "numpy";
}

function isRuntimeNamespace(obj: unknown, root: Record<string, unknown>): boolean {
  return obj === root["numpy"] || obj === root["nn"] || obj === root["scipySpecial"];
}

/** An Error that the build maps to NJ803 (unknown function). */
export class UnknownName extends Error {
  readonly fullName: string;
  /** A property read on an array (`p.w` where p was guessed to be an array), not a method call. */
  readonly arrayRead: boolean;
  constructor(name: string, arrayRead = false) {
    super(`unknown numjit function '${name}'`);
    this.fullName = name;
    this.arrayRead = arrayRead;
  }
}

function unknownMethod(name: string, prefix = "NDArray.", forCall = true): UnknownName {
  return new UnknownName(`${prefix}${name}`, prefix === "NDArray." && !forCall);
}

function describe(v: unknown): string {
  if (v instanceof NDArray) return `an array of shape (${v.shape.join(", ")})`;
  if (v === null) return "null";
  if (Array.isArray(v)) return "a JS array";
  return typeof v;
}

/**
 * The rows of an array along its first axis (what iterating an NDArray gives), when that size is a number
 * at build time (`const [kx, ky] = random.split(key)`); a symbolic size cannot be unrolled.
 */
function rows(v: NDArray, at: ts.Node, what: string): NDArray[] {
  if (typeof v.shape[0] !== "number") throw new Unsupported(diag.dataDependent(at, `${what} an array (iterating its elements)`));
  return [...v];
}
