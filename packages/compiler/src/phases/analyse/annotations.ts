// The `@numjit` annotation: optional shape/dtype facts about a jit function's parameters, written in
// a comment right before the jit() statement or the function declaration.
//
//   /** @numjit x: f32[N, 3], w: f32[3, M]   -- arrays: dtype and dims (integers or symbols)
//    *  @numjit lr: number                     -- a JS number (weakly typed scalar)
//    *  @numjit params: { w: f32[3, 4], b: f32[4] }   -- pytrees: objects and [tuples]
//    *  @numjit axis = 0 | -1                  -- values of a static argument to precompile for */
//
// Symbols are shape variables: the same symbol means the same size everywhere, distinct symbols are
// assumed to be distinct sizes (as in JAX's shape polymorphism), so `x: f32[N]` + `y: f32[M]` is a
// broadcast error unless N and M are the same symbol.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import type { DType } from "@numjit/runtime";
import { type RawDiagnostic, diag } from "../../diagnostics.js";

export type TypeSpec =
  | { kind: "array"; dtype: DType; dims: (number | string)[] }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "object"; fields: [string, TypeSpec][] }
  | { kind: "tuple"; items: TypeSpec[] };

export type StaticValue = number | boolean | string | null | StaticValue[];

export interface Annotations {
  types: Map<string, TypeSpec>;
  statics: Map<string, StaticValue[]>;
  /** Where each annotation was written, for diagnostics. */
  at: Map<string, { pos: number; end: number }>;
}

const DTYPES: Record<string, DType> = {
  f32: "float32",
  float32: "float32",
  f64: "float64",
  float64: "float64",
  i32: "int32",
  int32: "int32",
  u32: "uint32",
  uint32: "uint32",
  bool: "bool",
};

/** Collect @numjit annotations from the comments leading the given nodes. */
export function readAnnotations(nodes: readonly ts.Node[], sf: ts.SourceFile, diagnostics: RawDiagnostic[]): Annotations {
  const ann: Annotations = { types: new Map(), statics: new Map(), at: new Map() };
  const seen = new Set<number>();
  for (const node of nodes) {
    for (const c of tsv.getLeadingCommentRanges(sf.text, node.pos) ?? []) {
      if (seen.has(c.pos)) continue;
      seen.add(c.pos);
      const text = sf.text.slice(c.pos, c.end);
      const re = /@numjit\b([^\n]*)/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const start = m.index + "@numjit".length;
        let end = start + (m[1] ?? "").length;
        // a pytree type left open at the end of the line continues on the next comment lines
        while (unclosed(text.slice(start, end)) && end < text.length && !/^\n[\s*/]*@numjit\b/.test(text.slice(end))) {
          const next = text.indexOf("\n", end + 1);
          end = next < 0 ? text.length : next;
        }
        re.lastIndex = Math.max(re.lastIndex, end);
        // line breaks and comment leaders become spaces: offsets into the source stay exact
        let body = text.slice(start, end).replace(/\n[ \t]*(?:\*(?!\/)|\/\/)?/g, (s) => " ".repeat(s.length));
        const close = body.indexOf("*/");
        if (close >= 0) body = body.slice(0, close);
        parseTag(body, c.pos + start, ann, diagnostics);
      }
    }
  }
  return ann;
}

/** More `{` / `[` than `}` / `]` in `s`. */
function unclosed(s: string): boolean {
  let depth = 0;
  for (const ch of s) depth += ch === "{" || ch === "[" ? 1 : ch === "}" || ch === "]" ? -1 : 0;
  return depth > 0;
}

class Parser {
  i = 0;
  constructor(
    readonly s: string,
    readonly base: number,
  ) {}
  ws(): void {
    while (this.i < this.s.length && /[\s*]/.test(this.s[this.i]!)) this.i++;
  }
  peek(): string {
    this.ws();
    return this.s[this.i] ?? "";
  }
  eat(ch: string): boolean {
    if (this.peek() === ch) {
      this.i++;
      return true;
    }
    return false;
  }
  expect(ch: string): void {
    if (!this.eat(ch)) throw this.fail(`expected '${ch}'${this.peek() ? ` but found '${this.peek()}'` : " at end of annotation"}`);
  }
  word(): string {
    this.ws();
    const m = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i));
    if (!m) throw this.fail(`expected a name${this.peek() ? ` but found '${this.peek()}'` : ""}`);
    this.i += m[0].length;
    return m[0];
  }
  fail(msg: string): Error & { at: number } {
    return Object.assign(new Error(msg), { at: this.base + this.i });
  }
  type(): TypeSpec {
    const c = this.peek();
    if (c === "{") {
      this.i++;
      const fields: [string, TypeSpec][] = [];
      while (!this.eat("}")) {
        const k = this.word();
        this.expect(":");
        fields.push([k, this.type()]);
        if (!this.eat(",") && this.peek() !== "}") throw this.fail("expected ',' or '}'");
      }
      return { kind: "object", fields };
    }
    if (c === "[") {
      this.i++;
      const items: TypeSpec[] = [];
      while (!this.eat("]")) {
        items.push(this.type());
        if (!this.eat(",") && this.peek() !== "]") throw this.fail("expected ',' or ']'");
      }
      return { kind: "tuple", items };
    }
    const start = this.i;
    const w = this.word();
    if (w === "number") return { kind: "number" };
    if (w === "boolean") return { kind: "boolean" };
    const dtype = DTYPES[w];
    if (!dtype) {
      this.i = start;
      this.ws();
      throw this.fail(`unknown dtype '${w}' (use f32, f64, i32 or bool, e.g. f32[N, 3])`);
    }
    this.expect("[");
    const dims: (number | string)[] = [];
    while (!this.eat("]")) {
      this.ws();
      const m = /^\d+/.exec(this.s.slice(this.i));
      if (m) {
        dims.push(Number(m[0]));
        this.i += m[0].length;
      } else dims.push(this.word());
      if (!this.eat(",") && this.peek() !== "]") throw this.fail("expected ',' or ']' in dims");
    }
    return { kind: "array", dtype, dims };
  }
  value(): StaticValue {
    const c = this.peek();
    if (c === "[") {
      this.i++;
      const xs: StaticValue[] = [];
      while (!this.eat("]")) {
        xs.push(this.value());
        if (!this.eat(",") && this.peek() !== "]") throw this.fail("expected ',' or ']'");
      }
      return xs;
    }
    if (c === '"' || c === "'") {
      const end = this.s.indexOf(c, this.i + 1);
      if (end < 0) throw this.fail("unterminated string");
      const v = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return v;
    }
    const m = /^-?(\d+\.?\d*(e[+-]?\d+)?|\.\d+)/i.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      return Number(m[0]);
    }
    const w = this.word();
    if (w === "true" || w === "false") return w === "true";
    if (w === "null") return null;
    throw this.fail(`expected a literal value, found '${w}'`);
  }
}

function parseTag(body: string, base: number, ann: Annotations, diagnostics: RawDiagnostic[]): void {
  const p = new Parser(body, base);
  try {
    while (p.peek() !== "") {
      const start = p.i;
      const name = p.word();
      const nameAt = { pos: base + start, end: base + p.i };
      if (p.eat(":")) ann.types.set(name, p.type());
      else if (p.eat("=")) {
        const vals = [p.value()];
        while (p.eat("|")) vals.push(p.value());
        ann.statics.set(name, vals);
      } else throw p.fail(`expected ':' (a type) or '=' (static values) after '${name}'`);
      ann.at.set(name, nameAt);
      if (!p.eat(",") && !p.eat(";") && p.peek() !== "") throw p.fail(`unexpected '${p.peek()}'`);
    }
  } catch (e) {
    const at = (e as { at?: number }).at ?? base;
    diagnostics.push(diag.annotation({ pos: at, end: at + 1 }, (e as Error).message));
  }
}

export function typeToString(t: TypeSpec): string {
  switch (t.kind) {
    case "array":
      return `${t.dtype}[${t.dims.join(", ")}]`;
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "object":
      return `{ ${t.fields.map(([k, v]) => `${k}: ${typeToString(v)}`).join(", ")} }`;
    case "tuple":
      return `[${t.items.map(typeToString).join(", ")}]`;
  }
}
