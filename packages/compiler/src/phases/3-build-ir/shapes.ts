// Abstract arguments for build-time tracing.
//
// Kernels are shape-polymorphic (sizes and strides are run-time arguments), so one trace per
// *structure* is enough; shapes only have to be valid. With a full @numjit annotation the shapes
// are exact (symbols become distinct sizes). Without one the compiler guesses: every array argument
// gets the same rank r (2, then 1, then 3) with a distinct prime size per dimension, and when tracing
// fails with a broadcast or matmul mismatch between two guessed sizes, the two are unified and the
// trace retried (a tiny constraint solver driven by the runtime's own shape errors).
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import { type DType, NDArray } from "@numjit/runtime";
import type { StaticValue, TypeSpec } from "../2-analyse/annotations.js";
import type { AnalysedCall } from "../2-analyse/index.js";
import type { FunctionNode, ModuleScope } from "../1-find/index.js";
import { placeholder } from "../../runtime.js";

export type Slot =
  | { kind: "array"; dtype: DType; dims: number[] }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "object"; fields: [string, Slot][] }
  | { kind: "tuple"; items: Slot[] }
  | { kind: "static"; value: StaticValue };

export interface Candidate {
  label: string;
  slots: Slot[];
  /** Sizes that came from annotations: never renamed by unification. */
  fixed: Set<number>;
  /** True when every non-static argument is annotated: errors are then real errors. */
  exact: boolean;
}

const PRIMES = [
  11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151,
  157, 163, 167, 173, 179, 181, 191, 193, 197, 199,
];
/** Ranks guessed for unannotated arrays: 2 and 1 always; 3 only when neither traces (kernels are
 * rank-polymorphic, so a rank-3 trace rarely adds a signature and costs a third of the build time). */
export const GUESS_RANKS = [2, 1, 3] as const;

/** Candidate argument lists for one static-value combination. */
export function candidates(a: AnalysedCall, statics: Map<number, StaticValue>, dtype: DType = "float32", scope?: ModuleScope): Candidate[] {
  const literalDims = new Set<number>();
  const symbols = new Map<string, number>();
  const collect = (t: TypeSpec): void => {
    if (t.kind === "array") for (const d of t.dims) if (typeof d === "number") literalDims.add(d);
    if (t.kind === "object") t.fields.forEach(([, f]) => collect(f));
    if (t.kind === "tuple") t.items.forEach(collect);
  };
  a.annotations.types.forEach(collect);
  const pool = PRIMES.filter((p) => !literalDims.has(p));
  let next = 0;
  const fresh = (): number => pool[next++ % pool.length]! + (next > pool.length ? 1000 * Math.floor(next / pool.length) : 0);
  const fixed = new Set<number>(literalDims);
  const fromType = (t: TypeSpec): Slot => {
    switch (t.kind) {
      case "array":
        return {
          kind: "array",
          dtype: t.dtype,
          dims: t.dims.map((d) => {
            if (typeof d === "number") return d;
            let v = symbols.get(d);
            if (v === undefined) {
              v = fresh();
              symbols.set(d, v);
              fixed.add(v);
            }
            return v;
          }),
        };
      case "number":
        return { kind: "number" };
      case "boolean":
        return { kind: "boolean" };
      case "object":
        return { kind: "object", fields: t.fields.map(([k, f]) => [k, fromType(f)]) };
      case "tuple":
        return { kind: "tuple", items: t.items.map(fromType) };
    }
  };
  const annotated = new Map<number, Slot>();
  let exact = true;
  for (const p of a.params) {
    if (statics.has(p.index)) continue;
    const t = a.annotations.types.get(p.name);
    if (t) annotated.set(p.index, fromType(t));
    else exact = false;
  }
  const firstGuess = next;
  const build = (rank: number, size?: number): Slot[] =>
    a.params.map((p) => {
      if (statics.has(p.index)) return { kind: "static", value: statics.get(p.index)! };
      const ann = annotated.get(p.index);
      if (ann) return ann;
      if (typeof p.defaultValue === "number") return { kind: "number" };
      if (typeof p.defaultValue === "boolean") return { kind: "boolean" };
      const arr = (): Slot => ({ kind: "array", dtype, dims: Array.from({ length: rank }, () => size ?? fresh()) });
      const pat = p.node.name;
      const declared = p.node.type ? fromTypeNode(p.node.type, arr) : undefined;
      if (declared) return declared;
      if (tsv.isIdentifier(pat)) {
        const used = usageOf(a.fn, pat.text, scope);
        if (used.fields.size) return { kind: "object", fields: [...used.fields].sort().map((k) => [k, arr()] as [string, Slot]) };
        if (used.items > 0) return { kind: "tuple", items: Array.from({ length: used.items }, arr) };
      }
      if (tsv.isObjectBindingPattern(pat)) {
        return { kind: "object", fields: pat.elements.map((el) => [keyOf(el), arr()] as [string, Slot]) };
      }
      if (tsv.isArrayBindingPattern(pat)) return { kind: "tuple", items: pat.elements.map(() => arr()) };
      return arr();
    });
  if (exact) return [{ label: "annotated", slots: build(0), fixed, exact: true }];
  const out: Candidate[] = [];
  for (const r of GUESS_RANKS) {
    next = firstGuess;
    out.push({ label: `rank ${r}${dtype === "float32" ? "" : ` ${dtype}`}`, slots: build(r), fixed, exact: false });
  }
  // composite sizes (reshape-friendly) as a last resort per rank
  for (const r of GUESS_RANKS)
    out.push({
      label: `rank ${r}${dtype === "float32" ? "" : ` ${dtype}`}, size 12`,
      slots: build(r, 12),
      fixed: new Set([...fixed, 12]),
      exact: false,
    });
  return out;
}

/** Structure from a TS type annotation: NDArray -> array, number, boolean, { k: T } objects, [T, U] tuples. */
function fromTypeNode(t: ts.TypeNode, arr: () => Slot): Slot | undefined {
  if (t.kind === tsv.SyntaxKind.NumberKeyword) return { kind: "number" };
  if (t.kind === tsv.SyntaxKind.BooleanKeyword) return { kind: "boolean" };
  if (tsv.isParenthesizedTypeNode(t)) return fromTypeNode(t.type, arr);
  if (tsv.isTypeReferenceNode(t)) {
    const name = tsv.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
    return name === "NDArray" || name === "ArrayLike" ? arr() : undefined;
  }
  if (tsv.isTypeLiteralNode(t)) {
    const fields: [string, Slot][] = [];
    for (const m of t.members) {
      if (!tsv.isPropertySignature(m) || !m.type || !(tsv.isIdentifier(m.name) || tsv.isStringLiteral(m.name))) return undefined;
      const f = fromTypeNode(m.type, arr);
      if (!f) return undefined;
      fields.push([m.name.text, f]);
    }
    return { kind: "object", fields };
  }
  if (tsv.isTupleTypeNode(t)) {
    const items: Slot[] = [];
    for (const el of t.elements) {
      const f = fromTypeNode(tsv.isNamedTupleMember(el) ? el.type : el, arr);
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

function keyOf(el: ts.BindingElement): string {
  const n = el.propertyName ?? el.name;
  return tsv.isIdentifier(n) || tsv.isStringLiteral(n) || tsv.isNumericLiteral(n) ? n.text : "_";
}

/** The runtime argument list for a candidate: placeholders (NDArray), JS scalars, static values. */
export function toArgs(slots: Slot[]): unknown[] {
  const conv = (s: Slot): unknown => {
    switch (s.kind) {
      case "array":
        return placeholder(s.dims, s.dtype);
      case "number":
        return 0.5;
      case "boolean":
        return true;
      case "object":
        return Object.fromEntries(s.fields.map(([k, f]) => [k, conv(f)]));
      case "tuple":
        return s.items.map(conv);
      case "static":
        return s.value;
    }
  };
  return slots.map(conv);
}

const SHORT: Record<DType, string> = { float32: "f32", float64: "f64", int32: "i32", uint32: "u32", bool: "bool" };

export function slotsToString(slots: Slot[], names: string[]): string {
  const str = (s: Slot): string => {
    switch (s.kind) {
      case "array":
        return `${SHORT[s.dtype]}[${s.dims.join(",")}]`;
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
    }
  };
  return slots.map((s, i) => `${names[i] ?? `arg${i}`}: ${str(s)}`).join(", ");
}

/**
 * Repair guessed shapes from a runtime shape error: parse the two shapes named in the message and
 * unify the mismatching sizes the failing op needed equal. Returns false when nothing can be renamed.
 */
export function unifyFromError(c: Candidate, code: string, message: string): boolean {
  const tuples = [...message.matchAll(/\(([-\d,\s]*)\)/g)].map((m) =>
    m[1]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
  );
  if (tuples.length < 2) return false;
  const [a, b] = tuples as [number[], number[]];
  const pairs: [number, number][] = [];
  const alignRight = (x: number[], y: number[]) => {
    const n = Math.min(x.length, y.length);
    for (let i = 1; i <= n; i++) pairs.push([x[x.length - i]!, y[y.length - i]!]);
  };
  if (code === "NJ101") alignRight(a, b);
  else if (code === "NJ104") {
    const ka = a[a.length - 1],
      kb = b.length === 1 ? b[0] : b[b.length - 2];
    if (ka !== undefined && kb !== undefined) pairs.push([ka, kb]);
    if (a.length > 2 && b.length > 2) alignRight(a.slice(0, -2), b.slice(0, -2));
  } else return false;
  const present = new Set<number>();
  walkDims(c.slots, (d) => present.add(d));
  for (const [x, y] of pairs) {
    if (x === y || x === 1 || y === 1) continue;
    if (!present.has(x) || !present.has(y)) continue;
    const [from, to] = !c.fixed.has(y) ? [y, x] : !c.fixed.has(x) ? [x, y] : [undefined, undefined];
    if (from === undefined || to === undefined) continue;
    renameDim(c.slots, from, to);
    return true;
  }
  return false;
}

function walkDims(slots: Slot[], f: (d: number) => void): void {
  const w = (s: Slot): void => {
    if (s.kind === "array") s.dims.forEach(f);
    else if (s.kind === "object") s.fields.forEach(([, x]) => w(x));
    else if (s.kind === "tuple") s.items.forEach(w);
  };
  slots.forEach(w);
}

function renameDim(slots: Slot[], from: number, to: number): void {
  const w = (s: Slot): void => {
    if (s.kind === "array") s.dims = s.dims.map((d) => (d === from ? to : d));
    else if (s.kind === "object") s.fields.forEach(([, x]) => w(x));
    else if (s.kind === "tuple") s.items.forEach(w);
  };
  slots.forEach(w);
}
