// Phase 0: autograph. A source-to-source conversion (TF AutoGraph's design) of every function compiled by
// jit() — its target and the functions it calls, in its module and in other local modules (reach.ts) —
// run before `find` on the converted text, so the
// build-time trace, the runtime jit and eager calls all run the same converted code:
//   if (c) A else B              -> <ag>.ifStmt(c, () => {A}, () => {B}, () => [x, y], v => { [x, y] = v; }, ["x", "y"]);
//   if (c) {...; return a} REST  -> return <ag>.ifExp(c, () => {...; return a}, () => {REST}, get, set);  (in tail position)
//   c ? a : b                    -> (<ag>.ifExp(c, () => (a), () => (b)))
//   while (c) B                  -> <ag>.whileStmt(() => (c), () => {B}, get, set, names);
//   for (let i = lo; i < hi; i++) B -> <ag>.forRange(lo, hi, i => {B}, get, set, names);
//   !a, a && b, a || b           -> <ag>.not(a), <ag>.and(a, () => (b)), <ag>.or(a, () => (b))
// The carry is the local variables the statement assigns that are declared outside it (get/set closures
// read and write them, so the bodies stay the user's statements). The helpers (@numjit/runtime's
// `autograph`) run JS semantics on JS values and lax.cond / whileLoop / foriLoop on traced ones.
// A construct that cannot be lowered (break/continue out of it, a return that is not in tail position,
// mutation of an object or of a variable that is not local) keeps its JS form; an `if`/`while` condition
// is then wrapped in `<ag>.test(c, construct, reason)`, which raises NJ403 (NJ717 at build time) when the
// condition is traced — plain JS would take any array as true.
// Expressions that are JS values whatever the arguments (`x.ndim === 2`, literals, module constants)
// stay as written. Edits only insert and replace text around the user's expressions (nothing moves), so positions map back.
import type * as ts from "typescript";
import type MagicString from "magic-string";
import { tsv } from "../../ts.js";
import { type FindResult, type FunctionNode, RUNTIME_MODULE, emitPrefix, find, skipOuter } from "../find/index.js";

/** Open/close inserts at one position: closes (inner first) before opens (outer first) before replacements. */
interface Edit {
  pos: number;
  end: number;
  text: string;
  kind: 0 | 1 | 2;
  depth: number;
}

export interface Conversion {
  /** The converted module text. */
  code: string;
  /** Apply the same edits to a MagicString over the original text. */
  apply(ms: MagicString): void;
  /** A position in the converted text -> the position in the original it came from. */
  toOriginal(pos: number): number;
  /** The original start of converted text [start, end) copied unchanged from the original, else undefined. */
  unchanged(start: number, end: number): number | undefined;
  /** The emit prefix of the original module (the helper binding starts with it). */
  prefix: string;
  /** Converted constructs, for tests and inspect. */
  converted: number;
}

const LOGICAL: Partial<Record<ts.SyntaxKind, string>> = {
  [tsv.SyntaxKind.AmpersandAmpersandToken]: "and",
  [tsv.SyntaxKind.BarBarToken]: "or",
};
const MUTATORS = new Set(["push", "pop", "shift", "unshift", "splice", "fill", "sort", "reverse", "set", "copyWithin"]);

/**
 * The conversion of a module's jit-compiled functions, or undefined when there is nothing to convert.
 * `reached`: names of the module's top-level functions a jit function of another module reaches
 * (reach.ts; the front ends that see the program pass them), converted too. `found`: the find phase's
 * result for `sf`, when the caller has it.
 */
export function autograph(sf: ts.SourceFile, reached: Iterable<string> = [], found: FindResult = find(sf)): Conversion | undefined {
  const targets = found.calls.flatMap((c) => (c.fn ? [c.fn] : []));
  for (const name of reached) {
    const fn = found.scope.functions.get(name);
    if (fn) targets.push(fn);
  }
  // an already converted module (transformed twice) has its helper binding: reuse it, guards stay guards
  const bound = [...found.scope.runtime].find(([, b]) => b.kind === "named" && b.exported === "autograph")?.[0];
  return targets.length ? convert(sf, targets, found.scope.functions, found.scope.constants, bound) : undefined;
}

function convert(
  sf: ts.SourceFile,
  targets: readonly FunctionNode[],
  moduleFunctions: ReadonlyMap<string, FunctionNode>,
  constants: ReadonlyMap<string, ts.Expression>,
  bound: string | undefined,
): Conversion | undefined {
  const js = (e: ts.Expression) => alwaysJs(e, constants) || isGuard(e, bound);
  const prefix = emitPrefix(sf);
  const ag = bound ?? `${prefix}ag`;
  const edits: Edit[] = [];
  let converted = 0;
  const text = sf.text;
  const open = (pos: number, t: string, depth: number) => edits.push({ pos, end: pos, text: t, kind: 1, depth });
  const close = (pos: number, t: string, depth: number) => edits.push({ pos, end: pos, text: t, kind: 0, depth });
  const replace = (pos: number, end: number, t: string, depth: number) => edits.push({ pos, end, text: t, kind: 2, depth });
  const start = (n: ts.Node) => n.getStart(sf);

  // the functions to convert: the targets and the module functions they reach by name
  const fns: FunctionNode[] = [];
  const seen = new Set<ts.Node>();
  const add = (f: FunctionNode): void => {
    if (seen.has(f)) return;
    seen.add(f);
    fns.push(f);
    const refs = (n: ts.Node): void => {
      if (tsv.isIdentifier(n) && moduleFunctions.has(n.text)) add(moduleFunctions.get(n.text)!);
      tsv.forEachChild(n, refs);
    };
    if (f.body) refs(f.body);
  };
  for (const t of targets) add(t);

  for (const fn of fns) {
    if (!fn.body) continue;
    const locals = declaredNames(fn, true);
    const carry = (nodes: readonly ts.Node[]): { names: string[]; reason?: string } => {
      const inside = new Set<string>();
      for (const n of nodes) for (const d of declaredNames(n, false)) inside.add(d);
      const names: string[] = [];
      let reason: string | undefined;
      for (const n of nodes)
        walkNoFunctions(n, (x) => {
          for (const id of assignedIdentifiers(x)) {
            if (inside.has(id)) continue;
            if (!locals.has(id)) reason ??= `it assigns '${id}', which is not a local variable of the function`;
            else if (!names.includes(id)) names.push(id);
          }
          const base = mutatedBase(x);
          if (base && !inside.has(base)) reason ??= `it mutates '${base}', an object declared outside it`;
        });
      return { names, reason };
    };
    const state = (names: readonly string[]) => {
      const list = names.join(", ");
      return names.length ? `() => [${list}], v => { [${list}] = v; }` : "() => [], () => {}";
    };
    const wrapBlock = (s: ts.Statement, depth: number, suffix = "") => {
      if (tsv.isBlock(s)) {
        if (suffix) close(s.end, suffix, depth);
        return;
      }
      open(start(s), "{ ", depth);
      close(s.end, ` }${suffix}`, depth);
    };
    const guard = (c: ts.Expression, construct: string, reason: string, depth: number) => {
      open(start(c), `${ag}.test(`, depth);
      close(c.end, `, ${JSON.stringify(construct)}, ${JSON.stringify(reason)})`, depth);
    };

    const visitList = (stmts: readonly ts.Statement[], tail: boolean, depth: number): void => {
      for (let k = 0; k < stmts.length; k++) {
        const s = stmts[k]!;
        if (tsv.isIfStatement(s) && containsReturn(s) && !js(s.expression)) {
          if (returnIf(s, tail, depth, stmts.slice(k + 1))) return;
        } else visitStmt(s, tail && k === stmts.length - 1, depth);
      }
    };

    /**
     * An if containing a return, in tail position: `return ifExp(...)`, the rest of the list moved into the
     * branch that does not return (true when it was). Elsewhere the condition is guarded.
     */
    const returnIf = (s: ts.IfStatement, tail: boolean, depth: number, rest: readonly ts.Statement[]): boolean => {
      const T = s.thenStatement,
        E = s.elseStatement;
      const { names, reason } = carry([T, ...(E ? [E] : []), ...rest]);
      const why = escapes(s)
        ? "it contains a break or continue"
        : !tail
          ? "it returns from inside a loop, or from a branch the rest of the function cannot follow"
          : !returnsAlways(T)
            ? "its true branch does not return on every path while the other branch does"
            : rest.some((r) => tsv.isFunctionDeclaration(r))
              ? "a function declared after it would move into the other branch"
              : reason;
      if (why) {
        guard(s.expression, "an if", why, depth);
        visitExpr(s.expression, depth + 1);
        visitStmt(T, false, depth + 1);
        if (E) visitStmt(E, false, depth + 1);
        return false;
      }
      converted++;
      replace(start(s), start(s.expression), `return ${ag}.ifExp(`, depth);
      visitExpr(s.expression, depth + 1);
      replace(s.expression.end, start(T), ", () => ", depth);
      wrapBlock(T, depth + 1);
      visitStmt(T, true, depth + 1);
      const end = rest.length ? rest[rest.length - 1]!.end : s.end;
      // `else B; REST` -> `() => { B REST }`: B is in tail position only when nothing follows it
      if (E) {
        replace(T.end, start(E), ", () => { ", depth);
        visitStmt(E, rest.length === 0, depth + 1);
      } else open(T.end, ", () => { ", depth);
      visitList(rest, true, depth + 1);
      close(end, ` }, ${state(names)});`, depth);
      return true;
    };

    const visitStmt = (s: ts.Statement, tail: boolean, depth: number): void => {
      if (tsv.isBlock(s)) return visitList(s.statements, tail, depth + 1);
      if (tsv.isIfStatement(s) && js(s.expression)) {
        visitExpr(s.expression, depth + 1);
        visitStmt(s.thenStatement, tail, depth + 1);
        if (s.elseStatement) visitStmt(s.elseStatement, tail, depth + 1);
        return;
      }
      if (tsv.isIfStatement(s)) {
        if (containsReturn(s)) return void returnIf(s, tail, depth, []);
        const T = s.thenStatement,
          E = s.elseStatement;
        const { names, reason } = carry([s.thenStatement, ...(E ? [E] : [])]);
        const why = escapes(s) ? "it contains a break or continue" : reason;
        if (why) {
          guard(s.expression, "an if", why, depth);
          visitExpr(s.expression, depth + 1);
          visitStmt(T, false, depth + 1);
          if (E) visitStmt(E, false, depth + 1);
          return;
        }
        converted++;
        replace(start(s), start(s.expression), `${ag}.ifStmt(`, depth);
        visitExpr(s.expression, depth + 1);
        replace(s.expression.end, start(T), ", () => ", depth);
        wrapBlock(T, depth + 1);
        visitStmt(T, false, depth + 1);
        const tailText = `, ${state(names)}, ${JSON.stringify(names)});`;
        if (E) {
          replace(T.end, start(E), ", () => ", depth);
          wrapBlock(E, depth + 1);
          visitStmt(E, false, depth + 1);
          close(s.end, tailText, depth);
        } else close(s.end, `, undefined${tailText}`, depth);
        return;
      }
      if (tsv.isWhileStatement(s)) {
        const { names, reason } = carry([s.expression, s.statement]);
        const why = escapes(s) || containsReturn(s) ? "it contains a break, continue or return" : reason;
        if (why) {
          guard(s.expression, "a while loop", why, depth);
          visitExpr(s.expression, depth + 1);
          visitStmt(s.statement, false, depth + 1);
          return;
        }
        converted++;
        replace(start(s), start(s.expression), `${ag}.whileStmt(() => (`, depth);
        visitExpr(s.expression, depth + 1);
        replace(s.expression.end, start(s.statement), "), () => ", depth);
        wrapBlock(s.statement, depth + 1);
        visitStmt(s.statement, false, depth + 1);
        close(s.statement.end, `, ${state(names)}, ${JSON.stringify(names)});`, depth);
        return;
      }
      if (tsv.isForStatement(s)) {
        const c = countedLoop(s);
        const { names, reason } = carry([s.statement]);
        if (
          !c ||
          (js(c.lo) && js(c.hi)) ||
          escapes(s) ||
          containsReturn(s) ||
          reason ||
          names.includes(c.i) ||
          c.boundNames.some((b) => names.includes(b))
        ) {
          visitStmt(s.statement, false, depth + 1);
          return;
        }
        converted++;
        replace(start(s), start(c.lo), `${ag}.forRange(`, depth);
        visitExpr(c.lo, depth + 1);
        replace(c.lo.end, start(c.hi), ", ", depth);
        visitExpr(c.hi, depth + 1);
        replace(c.hi.end, start(s.statement), `, ${c.i} => `, depth);
        wrapBlock(s.statement, depth + 1);
        visitStmt(s.statement, false, depth + 1);
        close(s.statement.end, `, ${state(names)}, ${JSON.stringify(names)});`, depth);
        return;
      }
      if (tsv.isForOfStatement(s) || tsv.isForInStatement(s) || tsv.isDoStatement(s)) return visitStmt(s.statement, false, depth + 1);
      if (tsv.isFunctionDeclaration(s)) return;
      tsv.forEachChild(s, (n) => visitAny(n, depth + 1));
    };

    const visitAny = (n: ts.Node, depth: number): void => {
      if (tsv.isFunctionLike(n) && !fns.includes(n as FunctionNode)) {
        const f = n as ts.FunctionLikeDeclaration;
        if (f.body && tsv.isBlock(f.body)) visitList(f.body.statements, true, depth + 1);
        else if (f.body) visitExpr(f.body as ts.Expression, depth + 1);
        return;
      }
      if (tsv.isConditionalExpression(n) && !js(n.condition)) {
        converted++;
        open(start(n), `(${ag}.ifExp(`, depth);
        visitAny(n.condition, depth + 1);
        replace(n.condition.end, start(n.whenTrue), ", () => (", depth);
        visitAny(n.whenTrue, depth + 1);
        replace(n.whenTrue.end, start(n.whenFalse), "), () => (", depth);
        visitAny(n.whenFalse, depth + 1);
        close(n.end, ")))", depth);
        return;
      }
      if (tsv.isPrefixUnaryExpression(n) && n.operator === tsv.SyntaxKind.ExclamationToken && !js(n.operand)) {
        converted++;
        replace(start(n), start(n.operand), `${ag}.not(`, depth);
        visitAny(n.operand, depth + 1);
        close(n.end, ")", depth);
        return;
      }
      if (tsv.isBinaryExpression(n) && LOGICAL[n.operatorToken.kind] && !js(n.left)) {
        converted++;
        open(start(n), `${ag}.${LOGICAL[n.operatorToken.kind]}(`, depth);
        visitAny(n.left, depth + 1);
        replace(n.left.end, start(n.right), ", () => (", depth);
        visitAny(n.right, depth + 1);
        close(n.end, "))", depth);
        return;
      }
      if (tsv.isBlock(n) || tsv.isStatement(n)) return visitStmt(n as ts.Statement, false, depth);
      tsv.forEachChild(n, (c) => visitAny(c, depth + 1));
    };
    const visitExpr = (e: ts.Node, depth: number) => visitAny(e, depth);

    if (tsv.isBlock(fn.body)) visitList(fn.body.statements, true, 1);
    else visitExpr(fn.body, 1);
  }
  if (!edits.length) return undefined;
  const order = (a: Edit, b: Edit) =>
    a.pos - b.pos || a.kind - b.kind || (a.kind === 0 ? b.depth - a.depth : a.kind === 1 ? a.depth - b.depth : 0);
  edits.sort(order);
  const importText = `import { autograph as ${ag} } from ${JSON.stringify(RUNTIME_MODULE)};\n`;
  const importAt = importPosition(sf);
  // the converted text and its segments (converted start, original start, length) of unchanged text
  let code = "";
  const segs: { at: number; orig: number; len: number }[] = [];
  let cur = 0;
  const copy = (to: number) => {
    if (to > cur) {
      segs.push({ at: code.length, orig: cur, len: to - cur });
      code += text.slice(cur, to);
      cur = to;
    }
  };
  const all = (bound ? edits : [{ pos: importAt, end: importAt, text: importText, kind: 1 as const, depth: 0 }, ...edits]).sort(order);
  for (const e of all) {
    copy(e.pos);
    code += e.text;
    cur = Math.max(cur, e.end);
  }
  copy(text.length);
  const toOriginal = (pos: number): number => {
    let best = 0;
    for (const s of segs) {
      if (pos >= s.at && pos < s.at + s.len) return s.orig + (pos - s.at);
      if (s.at <= pos) best = s.orig + s.len;
    }
    return best;
  };
  const unchanged = (a: number, b: number): number | undefined => {
    const seg = segs.find((s) => a >= s.at && b <= s.at + s.len);
    return seg && seg.orig + (a - seg.at);
  };
  const apply = (ms: MagicString): void => {
    for (const e of all) if (e.kind === 2 && e.end > e.pos) ms.remove(e.pos, e.end);
    for (const e of all) ms.appendLeft(e.pos, e.text);
  };
  return { code, apply, toOriginal, unchanged, prefix, converted };
}

/** `<ag>.test(...)`: a condition guarded by an earlier conversion (a JS boolean). */
function isGuard(e: ts.Expression, ag: string | undefined): boolean {
  e = skipOuter(e);
  return (
    !!ag &&
    tsv.isCallExpression(e) &&
    tsv.isPropertyAccessExpression(e.expression) &&
    tsv.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === ag &&
    e.expression.name.text === "test"
  );
}

/**
 * Whether an expression is a JS value whatever the arguments are (so its control flow stays JS): literals,
 * module constants bound to literals, `===`/`!==`/`typeof`/`instanceof`, reads of `.ndim`/`.shape`/
 * `.size`/`.dtype`/`.length`, and arithmetic, comparisons and `Math.*` over those.
 */
function alwaysJs(e: ts.Expression, constants: ReadonlyMap<string, ts.Expression>, seen = new Set<string>()): boolean {
  e = skipOuter(e);
  const k = e.kind;
  if (
    tsv.isLiteralExpression(e) ||
    k === tsv.SyntaxKind.TrueKeyword ||
    k === tsv.SyntaxKind.FalseKeyword ||
    k === tsv.SyntaxKind.NullKeyword
  )
    return true;
  if (tsv.isTypeOfExpression(e)) return true;
  if (tsv.isIdentifier(e)) {
    if (e.text === "undefined" || e.text === "Infinity" || e.text === "NaN") return true;
    const init = constants.get(e.text);
    if (!init || seen.has(e.text)) return false;
    seen.add(e.text);
    return alwaysJs(init, constants, seen);
  }
  if (tsv.isPropertyAccessExpression(e)) return ["ndim", "shape", "size", "dtype", "length"].includes(e.name.text);
  if (tsv.isElementAccessExpression(e)) return alwaysJs(e.expression, constants, seen) && alwaysJs(e.argumentExpression, constants, seen);
  if (tsv.isPrefixUnaryExpression(e)) return alwaysJs(e.operand, constants, seen);
  if (tsv.isCallExpression(e)) {
    const c = e.expression;
    return (
      tsv.isPropertyAccessExpression(c) &&
      tsv.isIdentifier(c.expression) &&
      c.expression.text === "Math" &&
      e.arguments.every((a) => alwaysJs(a, constants, seen))
    );
  }
  if (tsv.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === tsv.SyntaxKind.EqualsEqualsEqualsToken || op === tsv.SyntaxKind.ExclamationEqualsEqualsToken) return true;
    if (op === tsv.SyntaxKind.InstanceOfKeyword || op === tsv.SyntaxKind.InKeyword) return true;
    return alwaysJs(e.left, constants, seen) && alwaysJs(e.right, constants, seen);
  }
  return false;
}

/** After the last leading import (imports are hoisted; the directive prologue stays first). */
function importPosition(sf: ts.SourceFile): number {
  let at = 0;
  for (const s of sf.statements) {
    if (tsv.isImportDeclaration(s) || (tsv.isExpressionStatement(s) && tsv.isStringLiteral(s.expression))) at = s.end;
    else break;
  }
  return at ? at + (sf.text[at] === "\n" ? 1 : 0) : 0;
}

/** `for (let i = lo; i < hi; i++ | ++i | i += 1)`: the pieces, else undefined. */
function countedLoop(s: ts.ForStatement): { i: string; lo: ts.Expression; hi: ts.Expression; boundNames: string[] } | undefined {
  const init = s.initializer;
  if (!init || !tsv.isVariableDeclarationList(init) || !(init.flags & tsv.NodeFlags.Let) || init.declarations.length !== 1)
    return undefined;
  const d = init.declarations[0]!;
  if (!tsv.isIdentifier(d.name) || !d.initializer) return undefined;
  const i = d.name.text;
  const c = s.condition && skipOuter(s.condition);
  if (!c || !tsv.isBinaryExpression(c) || c.operatorToken.kind !== tsv.SyntaxKind.LessThanToken) return undefined;
  if (!tsv.isIdentifier(c.left) || c.left.text !== i) return undefined;
  const inc = s.incrementor && skipOuter(s.incrementor);
  const isI = (e: ts.Expression) => tsv.isIdentifier(e) && e.text === i;
  const step =
    !!inc &&
    (((tsv.isPostfixUnaryExpression(inc) || tsv.isPrefixUnaryExpression(inc)) &&
      inc.operator === tsv.SyntaxKind.PlusPlusToken &&
      isI(inc.operand)) ||
      (tsv.isBinaryExpression(inc) &&
        inc.operatorToken.kind === tsv.SyntaxKind.PlusEqualsToken &&
        isI(inc.left) &&
        tsv.isNumericLiteral(inc.right) &&
        inc.right.text === "1"));
  if (!step) return undefined;
  const boundNames: string[] = [];
  const ids = (n: ts.Node): void => {
    if (tsv.isIdentifier(n)) boundNames.push(n.text);
    tsv.forEachChild(n, ids);
  };
  ids(c.right);
  if (boundNames.includes(i)) return undefined;
  return { i, lo: d.initializer, hi: c.right, boundNames };
}

/** Visit n and its descendants, not entering nested functions (their statements are their own). */
function walkNoFunctions(n: ts.Node, f: (n: ts.Node) => void): void {
  f(n);
  tsv.forEachChild(n, (c) => {
    if (!tsv.isFunctionLike(c)) walkNoFunctions(c, f);
  });
}

/** Names declared in n (variables, functions, parameters, catch bindings); `withParams`: n's own parameters too. */
function declaredNames(n: ts.Node, withParams: boolean): Set<string> {
  const out = new Set<string>();
  const bind = (b: ts.BindingName): void => {
    if (tsv.isIdentifier(b)) out.add(b.text);
    else for (const el of b.elements) if (!tsv.isOmittedExpression(el)) bind(el.name);
  };
  const visit = (x: ts.Node): void => {
    if (tsv.isVariableDeclaration(x) || tsv.isParameter(x) || tsv.isBindingElement(x)) bind(x.name);
    if (tsv.isFunctionDeclaration(x) && x.name) out.add(x.name.text);
    tsv.forEachChild(x, visit);
  };
  if (withParams) visit(n);
  else {
    // the statement's own declarations (nested functions declare their parameters for themselves)
    const own = (x: ts.Node): void => {
      if (tsv.isVariableDeclaration(x)) bind(x.name);
      if (tsv.isFunctionDeclaration(x) && x.name) out.add(x.name.text);
      if (!tsv.isFunctionLike(x)) tsv.forEachChild(x, own);
    };
    own(n);
  }
  return out;
}

/** Identifiers a node assigns directly (`x = `, `x += `, `x++`, `[x, y] = `). */
function assignedIdentifiers(n: ts.Node): string[] {
  const targets: ts.Expression[] = [];
  if (
    tsv.isBinaryExpression(n) &&
    n.operatorToken.kind >= tsv.SyntaxKind.FirstAssignment &&
    n.operatorToken.kind <= tsv.SyntaxKind.LastAssignment
  )
    targets.push(n.left);
  if (
    (tsv.isPrefixUnaryExpression(n) || tsv.isPostfixUnaryExpression(n)) &&
    (n.operator === tsv.SyntaxKind.PlusPlusToken || n.operator === tsv.SyntaxKind.MinusMinusToken)
  )
    targets.push(n.operand);
  const out: string[] = [];
  const pattern = (e: ts.Expression): void => {
    e = skipOuter(e);
    if (tsv.isIdentifier(e)) out.push(e.text);
    else if (tsv.isArrayLiteralExpression(e)) for (const el of e.elements) pattern(tsv.isSpreadElement(el) ? el.expression : el);
    else if (tsv.isObjectLiteralExpression(e))
      for (const p of e.properties) {
        if (tsv.isShorthandPropertyAssignment(p)) out.push(p.name.text);
        else if (tsv.isPropertyAssignment(p)) pattern(p.initializer);
      }
  };
  for (const t of targets) pattern(t);
  return out;
}

/** The variable whose object a node mutates (`a.b = v`, `a[i] += v`, `a.push(v)`), if any. */
function mutatedBase(n: ts.Node): string | undefined {
  let target: ts.Expression | undefined;
  if (
    tsv.isBinaryExpression(n) &&
    n.operatorToken.kind >= tsv.SyntaxKind.FirstAssignment &&
    n.operatorToken.kind <= tsv.SyntaxKind.LastAssignment
  )
    target = n.left;
  else if (tsv.isCallExpression(n) && tsv.isPropertyAccessExpression(n.expression) && MUTATORS.has(n.expression.name.text))
    target = n.expression;
  if (!target || !(tsv.isPropertyAccessExpression(target) || tsv.isElementAccessExpression(target))) return undefined;
  let base: ts.Expression = target.expression;
  while (tsv.isPropertyAccessExpression(base) || tsv.isElementAccessExpression(base)) base = base.expression;
  base = skipOuter(base);
  return tsv.isIdentifier(base) ? base.text : undefined;
}

/** A return statement inside n, outside nested functions. */
function containsReturn(n: ts.Node): boolean {
  let found = false;
  walkNoFunctions(n, (x) => {
    if (tsv.isReturnStatement(x)) found = true;
  });
  return found;
}

/** A break/continue inside n that leaves n (not caught by a loop or switch nested in n), or any labeled one. */
function escapes(n: ts.Node): boolean {
  let found = false;
  const visit = (x: ts.Node, inLoop: boolean, inSwitch: boolean): void => {
    if (tsv.isFunctionLike(x)) return;
    if (tsv.isBreakStatement(x) && (x.label || (!inLoop && !inSwitch))) found = true;
    if (tsv.isContinueStatement(x) && (x.label || !inLoop)) found = true;
    const loop = x !== n && tsv.isIterationStatement(x, false);
    tsv.forEachChild(x, (c) => visit(c, inLoop || loop, inSwitch || (x !== n && tsv.isSwitchStatement(x))));
  };
  visit(n, false, false);
  return found;
}

/** Every path through s ends in a return (or throw). */
function returnsAlways(s: ts.Statement): boolean {
  if (tsv.isReturnStatement(s) || tsv.isThrowStatement(s)) return true;
  if (tsv.isBlock(s)) return s.statements.some((x) => returnsAlways(x));
  if (tsv.isIfStatement(s)) return !!s.elseStatement && returnsAlways(s.thenStatement) && returnsAlways(s.elseStatement);
  return false;
}
