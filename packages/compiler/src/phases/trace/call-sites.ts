// Argument shapes read from call sites of a jitted binding: the RANK (and dtype, pytree structure) of
// each argument expression where the source says it — `np.zeros([3, 4])`, `np.array([[1, 2]])`,
// `x.reshape([n, 2])`, `{ w: np.ones([2, 3]) }`, a `const` bound to one of those (in the module or an
// enclosing block). Sizes are never taken from a call site (one call's sizes say nothing about the
// next); only what the signature needs to be traced once, symbolically.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import type { DType } from "@numjit/runtime";
import { type ModuleScope, skipOuter } from "../find/index.js";
import { NOT_LITERAL, literalValue, runtimePath } from "../analyse/index.js";
import type { StaticValue } from "../analyse/annotations.js";

export type ArgShape =
  | { kind: "array"; rank: number; dtype: DType | undefined }
  | { kind: "number" }
  | { kind: "object"; fields: [string, ArgShape][] }
  | { kind: "tuple"; items: ArgShape[] }
  | { kind: "unknown" };

/** A call of a jitted function, in this module or another one, with the scope its arguments live in. */
export interface CallSite {
  call: ts.CallExpression;
  scope: ModuleScope;
}

const UNKNOWN: ArgShape = { kind: "unknown" };
const DTYPES: Record<string, DType> = { float32: "float32", float64: "float64", int32: "int32", bool: "bool" };
const SHAPED = new Set(["zeros", "ones", "empty", "full"]);
const LIKE = new Set(["zerosLike", "onesLike", "fullLike", "negative", "abs", "exp", "log", "tanh", "sqrt"]);

/** The argument shapes of one call site, and its line (1-based) for labels. */
export function callSiteShapes(site: CallSite): { shapes: ArgShape[]; line: number } {
  const { call, scope } = site;
  return {
    shapes: call.arguments.map((e) => (tsv.isSpreadElement(e) ? UNKNOWN : argShape(e, scope, 0))),
    line: scope.sf.getLineAndCharacterOfPosition(call.getStart(scope.sf)).line + 1,
  };
}

function argShape(e: ts.Expression, scope: ModuleScope, depth: number): ArgShape {
  if (depth > 8) return UNKNOWN;
  e = skipOuter(e);
  if (tsv.isNumericLiteral(e) || (tsv.isPrefixUnaryExpression(e) && tsv.isNumericLiteral(e.operand))) return { kind: "number" };
  if (tsv.isObjectLiteralExpression(e)) {
    const fields: [string, ArgShape][] = [];
    for (const p of e.properties) {
      if (tsv.isPropertyAssignment(p) && (tsv.isIdentifier(p.name) || tsv.isStringLiteral(p.name)))
        fields.push([p.name.text, argShape(p.initializer, scope, depth + 1)]);
      else if (tsv.isShorthandPropertyAssignment(p)) fields.push([p.name.text, argShape(p.name, scope, depth + 1)]);
      else return UNKNOWN;
    }
    return { kind: "object", fields };
  }
  if (tsv.isArrayLiteralExpression(e)) return { kind: "tuple", items: e.elements.map((x) => argShape(x, scope, depth + 1)) };
  if (tsv.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init ? argShape(init, scope, depth + 1) : UNKNOWN;
  }
  if (tsv.isPropertyAccessExpression(e)) {
    const obj = argShape(e.expression, scope, depth + 1);
    if (obj.kind === "object") return obj.fields.find(([k]) => k === e.name.text)?.[1] ?? UNKNOWN;
    if (obj.kind === "array" && e.name.text === "T") return obj;
    return UNKNOWN;
  }
  if (!tsv.isCallExpression(e)) return UNKNOWN;
  const callee = skipOuter(e.expression);
  const path = runtimePath(callee, scope);
  const args = e.arguments;
  const lit = (i: number): StaticValue | typeof NOT_LITERAL => {
    const x = args[i];
    return x && !tsv.isSpreadElement(x) ? literalValue(x, scope) : NOT_LITERAL;
  };
  if (path && path.length === 2 && path[0] === "numpy") {
    const fn = path[1]!;
    if (SHAPED.has(fn)) return shaped(lit(0), dtypeOption(args[fn === "full" ? 2 : 1], scope));
    if (fn === "array" || fn === "asarray") return literalArray(args[0], scope, dtypeOption(args[1], scope));
    if (fn === "arange" || fn === "linspace") return { kind: "array", rank: 1, dtype: dtypeOption(args[3], scope) };
    if (fn === "eye" || fn === "identity") return { kind: "array", rank: 2, dtype: undefined };
    if (fn === "reshape") return withRank(args[0] && argShape(args[0], scope, depth + 1), lit(1));
    if (LIKE.has(fn) && args[0]) return argShape(args[0], scope, depth + 1);
    return UNKNOWN;
  }
  if (tsv.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const obj = () => argShape(callee.expression, scope, depth + 1);
    if (method === "reshape") {
      const first = lit(0);
      return withRank(obj(), typeof first === "number" ? (args.map((_, i) => lit(i)) as StaticValue[]) : first);
    }
    if (method === "astype") {
      const o = obj();
      const d = lit(0);
      return o.kind === "array" && typeof d === "string" && DTYPES[d] ? { ...o, dtype: DTYPES[d] } : o;
    }
  }
  return UNKNOWN;
}

function shaped(shape: StaticValue | typeof NOT_LITERAL, dtype: DType | undefined): ArgShape {
  if (typeof shape === "number") return { kind: "array", rank: 1, dtype };
  if (Array.isArray(shape)) return { kind: "array", rank: shape.length, dtype };
  return UNKNOWN;
}

function withRank(x: ArgShape | undefined, shape: StaticValue | typeof NOT_LITERAL): ArgShape {
  const s = shaped(shape, undefined);
  return s.kind === "array" ? { ...s, dtype: x?.kind === "array" ? x.dtype : undefined } : UNKNOWN;
}

/** `np.array(<nested literal>)`: the rank is the nesting depth; booleans make a bool array. */
function literalArray(e: ts.Expression | undefined, scope: ModuleScope, dtype: DType | undefined): ArgShape {
  if (!e) return UNKNOWN;
  const inner = skipOuter(e);
  if (tsv.isNewExpression(inner) && tsv.isIdentifier(inner.expression) && /Array$/.test(inner.expression.text))
    return { kind: "array", rank: 1, dtype };
  const v = literalValue(e, scope);
  if (v === NOT_LITERAL) return UNKNOWN;
  let rank = 0;
  let cur: StaticValue = v;
  while (Array.isArray(cur)) {
    rank++;
    cur = cur[0] ?? 0;
  }
  return { kind: "array", rank, dtype: dtype ?? (typeof cur === "boolean" ? "bool" : undefined) };
}

function dtypeOption(e: ts.Expression | ts.Node | undefined, scope: ModuleScope): DType | undefined {
  if (!e || !tsv.isObjectLiteralExpression(skipOuter(e as ts.Expression))) return undefined;
  for (const p of (skipOuter(e as ts.Expression) as ts.ObjectLiteralExpression).properties) {
    if (tsv.isPropertyAssignment(p) && tsv.isIdentifier(p.name) && p.name.text === "dtype") {
      const v = literalValue(p.initializer, scope);
      return typeof v === "string" ? DTYPES[v] : undefined;
    }
  }
  return undefined;
}

/** The initializer of the `const` an identifier names: in an enclosing block (before the use) or the module. */
function constInitializer(id: ts.Identifier, scope: ModuleScope): ts.Expression | undefined {
  for (let p: ts.Node | undefined = id.parent; p; p = p.parent) {
    if (!(tsv.isBlock(p) || tsv.isSourceFile(p))) continue;
    for (const st of p.statements) {
      if (st.pos > id.pos) break;
      if (!tsv.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        if (tsv.isIdentifier(d.name) && d.name.text === id.text)
          return st.declarationList.flags & tsv.NodeFlags.Const ? d.initializer : undefined;
      }
    }
  }
  return scope.constants.get(id.text);
}
