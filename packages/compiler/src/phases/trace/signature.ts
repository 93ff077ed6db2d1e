// Abstract argument signatures: what one jit function is traced on, computed once, without guessing.
//
// Per parameter: an `@numjit` annotation gives dtype and dims (symbols by name, numbers as numbers);
// an unannotated array gets fresh symbols (`x_0`, `x_1`, ...) whose RANK comes from the call sites the
// compiler can see (this module's calls of the jitted binding, and other modules' calls where a
// TypeScript program is available: see call-sites.ts). Structure (pytrees, JS numbers) comes from the
// annotation, the call site, the TS parameter type, destructuring patterns and `p.w` reads.
// Arrays whose rank is still unknown make the signature RANK-POLYMORPHIC when every array argument is
// of unknown rank: all of them share one shape `...S` and the function is traced once over the
// flattened size; trace/index.ts accepts that only when the traced program is elementwise (the plan's
// guard then checks that all array inputs have equal shapes). Otherwise the rank is genuinely unknown
// and the caller reports one NJ710 naming the parameters.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import { type DType, NDArray } from "@numjit/runtime";
import type { StaticValue, TypeSpec } from "../analyse/annotations.js";
import type { AnalysedCall } from "../analyse/index.js";
import type { FunctionNode, ModuleScope } from "../find/index.js";
import type { ArgShape } from "./call-sites.js";

/** A dimension of a signature: a number, or a symbol (same name, same size). */
export type SigDim = number | string;

export type SigSlot =
  /** `dims` undefined while the rank is unknown; `anyRank`: rank-polymorphic, shape `...dims[0]`. */
  | { kind: "array"; dtype: DType; dims: SigDim[] | undefined; anyRank?: true }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "object"; fields: [string, SigSlot][] }
  | { kind: "tuple"; items: SigSlot[] }
  | { kind: "static"; value: StaticValue }
  /** A static argument with no build-time value, used only as a value: traced as a weak scalar input. */
  | { kind: "staticValue" };

export interface Signature {
  /** Where the ranks came from: "annotated", "call site (line 12)", "rank-polymorphic", ... */
  label: string;
  slots: SigSlot[];
  /** Every non-static argument annotated: shape and dtype errors are real errors. */
  exact: boolean;
  /** Symbols that come from annotations (distinct by JAX's rule, never unified). */
  fixed: Set<string>;
  /** Rank-polymorphic (every array of unknown rank): valid only for elementwise programs. */
  polymorphic: boolean;
  /** Paths of arrays whose rank is unknown in a signature that is not rank-polymorphic. */
  unknownRank: string[];
}

/** The shared symbol of rank-polymorphic signatures: every array input has shape `...S`. */
export const POLY_SYMBOL = "S";

/** The signatures of one jit function for one static-value combination (one per distinct call-site structure). */
export function signatures(
  a: AnalysedCall,
  statics: Map<number, StaticValue>,
  scope: ModuleScope,
  callSites: readonly { shapes: ArgShape[]; line: number }[],
): Signature[] {
  const fixed = new Set<string>();
  const base = a.params.map((p): SigSlot => {
    if (statics.has(p.index)) return { kind: "static", value: statics.get(p.index)! };
    if (a.staticArgnums.includes(p.index)) return { kind: "staticValue" };
    const t = a.annotations.types.get(p.name);
    if (t) return fromSpec(t, fixed);
    if (typeof p.defaultValue === "number") return { kind: "number" };
    if (typeof p.defaultValue === "boolean") return { kind: "boolean" };
    return structureOf(p.node, a.fn, scope);
  });
  const exact = a.params.every((p) => statics.has(p.index) || a.staticArgnums.includes(p.index) || a.annotations.types.has(p.name));
  const out: Signature[] = [];
  const seen = new Set<string>();
  const add = (label: string, slots: SigSlot[]) => {
    const named = slots.map((s, i) => nameSymbols(s, a.params[i]?.name ?? `arg${i}`));
    const key = sigKey(named);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(finish(label, named, exact, fixed, a));
  };
  for (const site of callSites) {
    const slots = base.map((s, i) => merge(s, site.shapes[i]));
    if (slots.some((s, i) => s !== base[i])) add(`call site (line ${site.line})`, slots);
  }
  if (!out.length) add(exact ? "annotated" : "signature", base);
  return out;
}

function finish(label: string, slots: SigSlot[], exact: boolean, fixed: Set<string>, a: AnalysedCall): Signature {
  const unknown: string[] = [];
  let arrays = 0;
  slots.forEach((s, i) =>
    walk(s, a.params[i]?.name ?? `arg${i}`, (leaf, path) => {
      arrays++;
      if (!leaf.dims) unknown.push(path);
    }),
  );
  const polymorphic = unknown.length > 0 && unknown.length === arrays;
  if (polymorphic)
    for (const s of slots)
      walk(s, "", (leaf) => {
        leaf.dims = [POLY_SYMBOL];
        leaf.anyRank = true;
      });
  return {
    label: polymorphic ? "rank-polymorphic (elementwise)" : label,
    slots,
    exact,
    fixed,
    polymorphic,
    unknownRank: polymorphic ? [] : unknown,
  };
}

function fromSpec(t: TypeSpec, fixed: Set<string>): SigSlot {
  switch (t.kind) {
    case "array":
      for (const d of t.dims) if (typeof d === "string") fixed.add(d);
      return { kind: "array", dtype: t.dtype, dims: t.dims.slice() };
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "object":
      return { kind: "object", fields: t.fields.map(([k, f]) => [k, fromSpec(f, fixed)]) };
    case "tuple":
      return { kind: "tuple", items: t.items.map((x) => fromSpec(x, fixed)) };
  }
}

const unknownArray = (): SigSlot => ({ kind: "array", dtype: "float32", dims: undefined });

/** Structure of an unannotated parameter: its TS type, its binding pattern, or how the body uses it. */
function structureOf(p: ts.ParameterDeclaration, fn: FunctionNode, scope: ModuleScope): SigSlot {
  const declared = p.type ? fromTypeNode(p.type) : undefined;
  if (declared) return declared;
  const pat = p.name;
  if (tsv.isIdentifier(pat)) {
    const used = usageOf(fn, pat.text, scope);
    if (used.fields.size) return { kind: "object", fields: [...used.fields].sort().map((k) => [k, unknownArray()] as [string, SigSlot]) };
    if (used.items > 0) return { kind: "tuple", items: Array.from({ length: used.items }, unknownArray) };
  }
  if (tsv.isObjectBindingPattern(pat)) return { kind: "object", fields: pat.elements.map((el) => [keyOf(el), unknownArray()]) };
  if (tsv.isArrayBindingPattern(pat)) return { kind: "tuple", items: pat.elements.map(unknownArray) };
  return unknownArray();
}

/** A call site's argument shape refines the structure: ranks and dtypes of unknown arrays, pytrees. */
function merge(s: SigSlot, c: ArgShape | undefined): SigSlot {
  if (!c) return s;
  if (s.kind === "array" && !s.dims) {
    if (c.kind === "array") return { kind: "array", dtype: c.dtype ?? s.dtype, dims: Array.from({ length: c.rank }, () => "") };
    if (c.kind === "number") return { kind: "number" };
    if (c.kind === "object") return { kind: "object", fields: c.fields.map(([k, f]) => [k, merge(unknownArray(), f)]) };
    if (c.kind === "tuple") return { kind: "tuple", items: c.items.map((f) => merge(unknownArray(), f)) };
    return s;
  }
  if (s.kind === "object" && c.kind === "object") {
    const fields = s.fields.map(([k, f]): [string, SigSlot] => [k, merge(f, c.fields.find(([ck]) => ck === k)?.[1])]);
    return fields.some(([, f], i) => f !== s.fields[i]![1]) ? { kind: "object", fields } : s;
  }
  if (s.kind === "tuple" && c.kind === "tuple") {
    const items = s.items.map((f, i) => merge(f, c.items[i]));
    return items.some((f, i) => f !== s.items[i]) ? { kind: "tuple", items } : s;
  }
  return s;
}

/** Fresh symbols for the dims of unannotated arrays: `x_0`, `x_1`, `p_w_0`, ... (copies the slot). */
function nameSymbols(s: SigSlot, path: string): SigSlot {
  switch (s.kind) {
    case "array":
      return { ...s, dims: s.dims?.map((d, i) => (d === "" ? `${path}_${i}` : d)) };
    case "object":
      return { kind: "object", fields: s.fields.map(([k, f]) => [k, nameSymbols(f, `${path}_${k}`)]) };
    case "tuple":
      return { kind: "tuple", items: s.items.map((f, i) => nameSymbols(f, `${path}_${i}`)) };
    default:
      return s;
  }
}

function walk(s: SigSlot, path: string, f: (leaf: Extract<SigSlot, { kind: "array" }>, path: string) => void): void {
  if (s.kind === "array") f(s, path);
  else if (s.kind === "object") for (const [k, x] of s.fields) walk(x, `${path}.${k}`, f);
  else if (s.kind === "tuple") s.items.forEach((x, i) => walk(x, `${path}[${i}]`, f));
}

/**
 * A rank-polymorphic signature instantiated at a rank (every array `[S_0, ..., S_{r-1}]`): trace/index.ts
 * traces it at ranks 1 and 2 and accepts it only when both are elementwise, so an op that is the identity
 * at one rank (a reshape to -1 at rank 1, atleast2d at rank 2) cannot hide.
 */
export function atRank(sig: Signature, rank: number): Signature {
  const dims = Array.from({ length: rank }, (_, i) => `${POLY_SYMBOL}_${i}`);
  const conv = (s: SigSlot): SigSlot =>
    s.kind === "array"
      ? { ...s, dims: dims.slice() }
      : s.kind === "object"
        ? { kind: "object", fields: s.fields.map(([k, f]) => [k, conv(f)]) }
        : s.kind === "tuple"
          ? { kind: "tuple", items: s.items.map(conv) }
          : s;
  return { ...sig, slots: sig.slots.map(conv) };
}

/** Every symbol of a signature's arrays. */
export function symbolsOf(slots: readonly SigSlot[]): Set<string> {
  const out = new Set<string>();
  for (const s of slots) walk(s, "", (leaf) => leaf.dims?.forEach((d) => typeof d === "string" && out.add(d)));
  return out;
}

function sigKey(slots: readonly SigSlot[]): string {
  return JSON.stringify(slots);
}

/** Structure from a TS type annotation: NDArray -> array, number, boolean, { k: T } objects, [T, U] tuples. */
function fromTypeNode(t: ts.TypeNode): SigSlot | undefined {
  if (t.kind === tsv.SyntaxKind.NumberKeyword) return { kind: "number" };
  if (t.kind === tsv.SyntaxKind.BooleanKeyword) return { kind: "boolean" };
  if (tsv.isParenthesizedTypeNode(t)) return fromTypeNode(t.type);
  if (tsv.isTypeReferenceNode(t)) {
    const name = tsv.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
    return name === "NDArray" || name === "ArrayLike" ? unknownArray() : undefined;
  }
  if (tsv.isTypeLiteralNode(t)) {
    const fields: [string, SigSlot][] = [];
    for (const m of t.members) {
      if (!tsv.isPropertySignature(m) || !m.type || !(tsv.isIdentifier(m.name) || tsv.isStringLiteral(m.name))) return undefined;
      const f = fromTypeNode(m.type);
      if (!f) return undefined;
      fields.push([m.name.text, f]);
    }
    return { kind: "object", fields };
  }
  if (tsv.isTupleTypeNode(t)) {
    const items: SigSlot[] = [];
    for (const el of t.elements) {
      const f = fromTypeNode(tsv.isNamedTupleMember(el) ? el.type : el);
      if (!f) return undefined;
      items.push(f);
    }
    return { kind: "tuple", items };
  }
  return undefined;
}

const ARRAY_MEMBERS = new Set([
  ...Object.getOwnPropertyNames(NDArray.prototype),
  "shape",
  "dtype",
  "weakType",
  "data",
  "strides",
  "offset",
  "size",
]);

/**
 * How an unannotated parameter is used: `p.w` with a name that is not an NDArray member means p is an
 * object of arrays (a pytree); `p[0]`, `p[1]` with literal indices means a tuple.
 */
function usageOf(
  fn: FunctionNode,
  name: string,
  scope: ModuleScope | undefined,
  seen = new Set<ts.Node>(),
): { fields: Set<string>; items: number } {
  const fields = new Set<string>();
  let items = 0;
  if (seen.has(fn)) return { fields, items };
  seen.add(fn);
  const isParam = (e: ts.Expression) => tsv.isIdentifier(e) && e.text === name;
  const visit = (n: ts.Node): void => {
    if (tsv.isPropertyAccessExpression(n) && isParam(n.expression) && !ARRAY_MEMBERS.has(n.name.text)) fields.add(n.name.text);
    if (tsv.isElementAccessExpression(n) && isParam(n.expression) && tsv.isNumericLiteral(n.argumentExpression)) {
      items = Math.max(items, Number(n.argumentExpression.text) + 1);
    }
    // passed on to a function of this module: how that function uses its parameter counts too
    if (tsv.isCallExpression(n) && tsv.isIdentifier(n.expression) && scope) {
      const g = scope.functions.get(n.expression.text);
      n.arguments.forEach((arg, k) => {
        const p = g?.parameters[k];
        if (g && p && isParam(arg) && tsv.isIdentifier(p.name)) {
          const u = usageOf(g, p.name.text, scope, seen);
          u.fields.forEach((f) => fields.add(f));
          items = Math.max(items, u.items);
        }
      });
    }
    tsv.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return { fields, items };
}

function keyOf(el: ts.BindingElement | ts.ArrayBindingElement): string {
  if (!tsv.isBindingElement(el)) return "_";
  const n = el.propertyName ?? el.name;
  return tsv.isIdentifier(n) || tsv.isStringLiteral(n) || tsv.isNumericLiteral(n) ? n.text : "_";
}

const SHORT: Record<DType, string> = { float32: "f32", float64: "f64", int32: "i32", uint32: "u32", bool: "bool" };

/**
 * `x: f32[B, x_1], k: number`: the symbolic signature as `numjit inspect` prints it; `resolve` prints a
 * symbol as what the trace found it equal to (`w_0` unified with `x_1` by a matmul prints as `x_1`).
 */
export function signatureToString(
  slots: readonly SigSlot[],
  names: readonly string[],
  resolve: (symbol: string) => string = (d) => d,
): string {
  const dim = (d: SigDim): string => (typeof d === "string" ? resolve(d) : String(d));
  const str = (s: SigSlot): string => {
    switch (s.kind) {
      case "array":
        return `${SHORT[s.dtype]}[${s.anyRank ? `...${s.dims![0]}` : (s.dims?.map(dim) ?? ["?"]).join(", ")}]`;
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "object":
        return `{ ${s.fields.map(([k, f]) => `${k}: ${str(f)}`).join(", ")} }`;
      case "tuple":
        return `[${s.items.map(str).join(", ")}]`;
      case "static":
        return `static ${JSON.stringify(s.value)}`;
      case "staticValue":
        return "static number (a kernel argument)";
    }
  };
  return slots.map((s, i) => `${names[i] ?? `arg${i}`}: ${str(s)}`).join(", ");
}
