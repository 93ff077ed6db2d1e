// Symbolic dimensions (JAX's shape polymorphism, docs/export/shape_poly.md). A dimension is a JS number
// or a `SymDim`: a polynomial with integer coefficients over atoms, where an atom is a dimension variable
// (a symbol, always >= 1) or an opaque term `floordiv(e, c)`, `mod(e, c)` (c > 0 constant), `max(a, b)` or
// `min(a, b)`.
// Every SymDim is kept in one canonical normal form (terms sorted by key, zero terms dropped, nested atoms
// normalized), so equality of dimensions is equality of keys, and an expression that normalizes to a
// constant is returned as a plain number: `dimSub(N, N) === 0`. Inequalities are decided from interval
// bounds (every symbol >= 1); what the bounds cannot decide is `undefined`, and the caller raises.
import { shapeError } from "../errors.js";

type Atom =
  | { readonly kind: "sym"; readonly name: string; readonly key: string }
  | { readonly kind: "floordiv" | "mod"; readonly e: SymDim; readonly c: number; readonly key: string }
  | { readonly kind: "max" | "min"; readonly a: Dim; readonly b: Dim; readonly key: string };

/** A product of atoms with positive powers, atoms sorted by key. */
interface Mono {
  readonly factors: readonly (readonly [Atom, number])[];
  readonly key: string;
  readonly degree: number;
}
interface Term {
  readonly mono: Mono;
  readonly coef: number;
}

export class SymDim {
  /** Canonical text of the normal form (also what `toString` prints). */
  constructor(
    readonly terms: readonly Term[],
    readonly constant: number,
    readonly key: string = printTerms(terms, constant),
  ) {}
  toString(): string {
    return this.key;
  }
  toJSON(): string {
    return this.key;
  }
  /**
   * Arithmetic or ordering on a symbolic dimension (`d * 2`, `d < 3`, `Math.max(d, 1)`) would compute
   * garbage from an object: it is NJ115 (JAX's InconclusiveDimensionOperation); use the dims.ts helpers.
   */
  valueOf(): never {
    throw shapeError.dimArithmetic("arithmetic", this);
  }
}

// SymDims are interned by key: one object per normal form, so `a === b` is structural equality and the
// shape code written for numbers (`d === e`, `d === 1`, `shapesEqual`) stays correct on symbols. The
// table only grows with the distinct expressions the traced programs mention.
const interned = new Map<string, SymDim>();
function intern(terms: readonly Term[], constant: number): SymDim {
  const key = printTerms(terms, constant);
  const prev = interned.get(key);
  if (prev !== undefined) return prev;
  const d = new SymDim(terms, constant, key);
  interned.set(key, d);
  return d;
}

export type Dim = number | SymDim;
export type Bindings = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export const isSymbolic = (d: Dim): d is SymDim => typeof d !== "number";
export function isConcreteShape(s: readonly Dim[]): s is readonly number[] {
  for (let i = 0; i < s.length; i++) if (typeof s[i] !== "number") return false;
  return true;
}

// ---- construction and normalization -------------------------------------------------------------

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function atomDim(atom: Atom): SymDim {
  return intern([{ mono: { factors: [[atom, 1]], key: atom.key, degree: 1 }, coef: 1 }], 0);
}

/** A dimension variable, assumed >= 1 (as in JAX). */
export function sym(name: string): SymDim {
  if (!NAME.test(name)) throw shapeError.dim("sym", `invalid dimension variable name '${name}'`, [name]);
  return atomDim({ kind: "sym", name, key: name });
}

function monoKey(factors: readonly (readonly [Atom, number])[]): string {
  return factors.map(([a, p]) => (p === 1 ? a.key : `${a.key}^${p}`)).join("*");
}

function mulMono(a: Mono, b: Mono): Mono {
  const m = new Map<string, [Atom, number]>();
  for (const [at, p] of [...a.factors, ...b.factors]) {
    const cur = m.get(at.key);
    m.set(at.key, [at, (cur ? cur[1] : 0) + p]);
  }
  const factors = [...m.values()].sort((x, y) => cmpStr(x[0].key, y[0].key));
  return { factors, key: monoKey(factors), degree: a.degree + b.degree };
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Collect terms by monomial key, drop zeros, sort (degree descending, then key); a constant becomes a number. */
function make(terms: Iterable<Term>, constant: number): Dim {
  const m = new Map<string, Term>();
  for (const t of terms) {
    const cur = m.get(t.mono.key);
    m.set(t.mono.key, { mono: t.mono, coef: (cur ? cur.coef : 0) + t.coef });
  }
  const out = [...m.values()].filter((t) => t.coef !== 0);
  if (out.length === 0) return constant || 0;
  out.sort((x, y) => y.mono.degree - x.mono.degree || cmpStr(x.mono.key, y.mono.key));
  return intern(out, constant);
}

const termsOf = (d: Dim): readonly Term[] => (typeof d === "number" ? [] : d.terms);
const constOf = (d: Dim): number => (typeof d === "number" ? d : d.constant);

function checkInt(op: string, d: Dim): void {
  if (typeof d === "number" && !Number.isInteger(d)) throw shapeError.dim(op, `dimension ${d} is not an integer`, [d]);
}

export function dimAdd(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a + b;
  return make([...termsOf(a), ...termsOf(b)], constOf(a) + constOf(b));
}

export function dimNeg(a: Dim): Dim {
  if (typeof a === "number") return 0 - a; // never -0
  return make(
    a.terms.map((t) => ({ mono: t.mono, coef: -t.coef })),
    -a.constant,
  );
}

export function dimSub(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return dimAdd(a, dimNeg(b));
}

export function dimMul(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a * b;
  const ta = termsOf(a),
    tb = termsOf(b),
    ca = constOf(a),
    cb = constOf(b);
  const out: Term[] = [];
  for (const x of ta) for (const y of tb) out.push({ mono: mulMono(x.mono, y.mono), coef: x.coef * y.coef });
  if (cb !== 0) for (const x of ta) out.push({ mono: x.mono, coef: x.coef * cb });
  if (ca !== 0) for (const y of tb) out.push({ mono: y.mono, coef: y.coef * ca });
  return make(out, ca * cb);
}

const pyMod = (a: number, c: number) => ((a % c) + c) % c;

/** Split `e` into `c*q + r` with every coefficient of r in [0, c): floor(e / c) = q + floor(r / c). */
function splitByConst(e: SymDim, c: number): { q: Dim; r: Dim } {
  const q: Term[] = [],
    r: Term[] = [];
  for (const t of e.terms) {
    const k = Math.floor(t.coef / c);
    if (k !== 0) q.push({ mono: t.mono, coef: k });
    const rem = t.coef - k * c;
    if (rem !== 0) r.push({ mono: t.mono, coef: rem });
  }
  const kc = Math.floor(e.constant / c);
  return { q: make(q, kc), r: make(r, e.constant - kc * c) };
}

/** If `b` is a single monomial (times a constant) dividing every term of `a` exactly, the quotient. */
function exactDiv(a: SymDim, b: SymDim): Dim | undefined {
  if (b.terms.length !== 1 || b.constant !== 0 || a.constant !== 0) return undefined;
  const [bt] = b.terms as [Term];
  const out: Term[] = [];
  let constant = 0;
  for (const t of a.terms) {
    if (t.coef % bt.coef !== 0) return undefined;
    const rest = new Map(t.mono.factors.map(([at, p]) => [at.key, [at, p] as [Atom, number]]));
    for (const [at, p] of bt.mono.factors) {
      const cur = rest.get(at.key);
      if (!cur || cur[1] < p) return undefined;
      if (cur[1] === p) rest.delete(at.key);
      else rest.set(at.key, [at, cur[1] - p]);
    }
    const factors = [...rest.values()].sort((x, y) => cmpStr(x[0].key, y[0].key));
    const mono = { factors, key: monoKey(factors), degree: t.mono.degree - bt.mono.degree };
    if (factors.length === 0) constant += t.coef / bt.coef;
    else out.push({ mono, coef: t.coef / bt.coef });
  }
  return make(out, constant);
}

/** Python's `a // b`. A symbolic divisor must divide exactly; a constant divisor gives a `floordiv` atom. */
export function dimFloorDiv(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw shapeError.dim("floordiv", "division by zero", [a, b]);
    return Math.floor(a / b);
  }
  checkInt("floordiv", a);
  checkInt("floordiv", b);
  if (typeof b !== "number") {
    if (a === 0) return 0;
    if (dimEq(a, b)) return 1;
    const q = typeof a === "number" ? undefined : exactDiv(a, b);
    if (q === undefined) throw shapeError.inconclusive("floordiv", `cannot divide ${a} by ${b}: the divisor is symbolic`, [a, b]);
    return q;
  }
  if (b === 0) throw shapeError.dim("floordiv", "division by zero", [a, b]);
  if (b < 0) return dimFloorDiv(dimNeg(a), -b);
  if (b === 1) return a;
  const { q, r } = splitByConst(a as SymDim, b);
  if (typeof r === "number") return dimAdd(q, Math.floor(r / b));
  return dimAdd(q, atomDim({ kind: "floordiv", e: r, c: b, key: `floordiv(${r.key}, ${b})` }));
}

/** Python's `a % b` (the divisor's sign). */
export function dimMod(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw shapeError.dim("mod", "modulo by zero", [a, b]);
    return a - b * Math.floor(a / b);
  }
  checkInt("mod", a);
  checkInt("mod", b);
  if (typeof b !== "number") {
    if (a === 0 || dimEq(a, b)) return 0;
    if (typeof a !== "number" && exactDiv(a, b) !== undefined) return 0;
    throw shapeError.inconclusive("mod", `cannot take ${a} modulo ${b}: the divisor is symbolic`, [a, b]);
  }
  if (b === 0) throw shapeError.dim("mod", "modulo by zero", [a, b]);
  if (b < 0) return dimNeg(dimMod(dimNeg(a), -b));
  if (b === 1) return 0;
  const { r } = splitByConst(a as SymDim, b);
  if (typeof r === "number") return pyMod(r, b);
  return atomDim({ kind: "mod", e: r, c: b, key: `mod(${r.key}, ${b})` });
}

const dimKey = (d: Dim) => (typeof d === "number" ? String(d) : d.key);

function maxMin(kind: "max" | "min", a: Dim, b: Dim): Dim {
  const ge = dimGe(a, b) ?? (dimGe(b, a) === true ? false : undefined);
  if (ge !== undefined) return ge === (kind === "max") ? a : b;
  const [x, y] = cmpStr(dimKey(a), dimKey(b)) <= 0 ? [a, b] : [b, a];
  return atomDim({ kind, a: x, b: y, key: `${kind}(${dimKey(x)}, ${dimKey(y)})` });
}

export function dimMax(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a > b ? a : b;
  return maxMin("max", a, b);
}

export function dimMin(a: Dim, b: Dim): Dim {
  if (typeof a === "number" && typeof b === "number") return a < b ? a : b;
  return maxMin("min", a, b);
}

// ---- comparison ---------------------------------------------------------------------------------

/** Structural equality of normal forms (JAX's `==` on dimensions): SymDims are interned, so it is `===`. */
export function dimEq(a: Dim, b: Dim): boolean {
  return a === b;
}

type Interval = readonly [number, number];

function mulIv([a, b]: Interval, [c, d]: Interval): Interval {
  // Values are finite, so 0 * Infinity is 0.
  const m = (x: number, y: number) => (x === 0 || y === 0 ? 0 : x * y);
  const ps = [m(a, c), m(a, d), m(b, c), m(b, d)];
  return [Math.min(...ps), Math.max(...ps)];
}

function atomBounds(at: Atom): Interval {
  switch (at.kind) {
    case "sym":
      return [1, Infinity];
    case "floordiv": {
      const [l, h] = bounds(at.e);
      return [Math.floor(l / at.c), Math.floor(h / at.c)];
    }
    case "mod":
      return [0, at.c - 1];
    case "max":
    case "min": {
      const [la, ha] = bounds(at.a),
        [lb, hb] = bounds(at.b);
      const f = at.kind === "max" ? Math.max : Math.min;
      return [f(la, lb), f(ha, hb)];
    }
  }
}

/** Lower and upper bound of a dimension, from every symbol >= 1 (may be +-Infinity). */
export function bounds(d: Dim): Interval {
  if (typeof d === "number") return [d, d];
  let lo = d.constant,
    hi = d.constant;
  for (const t of d.terms) {
    let iv: Interval = [1, 1];
    for (const [at, p] of t.mono.factors) {
      const ab = atomBounds(at);
      for (let i = 0; i < p; i++) iv = mulIv(iv, ab);
    }
    const [l, h] = mulIv(iv, [t.coef, t.coef]);
    lo += l;
    hi += h;
  }
  return [lo, hi];
}

/** a >= b: true, false, or undefined when the bounds cannot decide. */
export function dimGe(a: Dim, b: Dim): boolean | undefined {
  if (typeof a === "number" && typeof b === "number") return a >= b;
  const [lo, hi] = bounds(dimSub(a, b));
  if (lo >= 0) return true;
  if (hi < 0) return false;
  return undefined;
}

export type DimComparison = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** Decide `a op b` for all values of the symbols (>= 1); `undefined` when it depends on them. */
export function dimCompare(a: Dim, op: DimComparison, b: Dim): boolean | undefined {
  const not = (x: boolean | undefined) => (x === undefined ? undefined : !x);
  switch (op) {
    case ">=":
      return dimGe(a, b);
    case "<=":
      return dimGe(b, a);
    case ">":
      return not(dimGe(b, a));
    case "<":
      return not(dimGe(a, b));
    case "==": {
      if (dimEq(a, b)) return true;
      const [lo, hi] = bounds(dimSub(a, b));
      return lo > 0 || hi < 0 ? false : undefined;
    }
    case "!=":
      return not(dimCompare(a, "==", b));
  }
}

// ---- evaluation ---------------------------------------------------------------------------------

function lookup(bindings: Bindings, name: string): number | undefined {
  return bindings instanceof Map ? bindings.get(name) : (bindings as Record<string, number>)[name];
}

function evalAtom(at: Atom, b: Bindings): number {
  switch (at.kind) {
    case "sym": {
      const v = lookup(b, at.name);
      if (v === undefined) throw shapeError.dim("evalDim", `dimension variable '${at.name}' is not bound`, [at.name]);
      return v;
    }
    case "floordiv":
      return Math.floor(evalDim(at.e, b) / at.c);
    case "mod":
      return pyMod(evalDim(at.e, b), at.c);
    case "max":
      return Math.max(evalDim(at.a, b), evalDim(at.b, b));
    case "min":
      return Math.min(evalDim(at.a, b), evalDim(at.b, b));
  }
}

/** The value of a dimension with every symbol bound to a number. */
export function evalDim(d: Dim, bindings: Bindings): number {
  if (typeof d === "number") return d;
  let v = d.constant;
  for (const t of d.terms) {
    let m = t.coef;
    for (const [at, p] of t.mono.factors) m *= evalAtom(at, bindings) ** p;
    v += m;
  }
  return v || 0;
}

export const evalShape = (s: readonly Dim[], bindings: Bindings): number[] => s.map((d) => evalDim(d, bindings));

/** The dimension variables a dimension mentions, sorted. */
export function dimSymbols(d: Dim | readonly Dim[], out = new Set<string>()): string[] {
  const visit = (x: Dim) => {
    if (typeof x === "number") return;
    for (const t of x.terms) for (const [at] of t.mono.factors) visitAtom(at);
  };
  const visitAtom = (at: Atom) => {
    if (at.kind === "sym") out.add(at.name);
    else if ("e" in at) visit(at.e);
    else visit(at.a), visit(at.b);
  };
  if (Array.isArray(d)) d.forEach(visit);
  else visit(d as Dim);
  return [...out].sort();
}

/** Replace symbols by dimensions (used to apply a solved constraint). */
export function substitute(d: Dim, subst: ReadonlyMap<string, Dim>): Dim {
  if (typeof d === "number" || subst.size === 0) return d;
  const atom = (at: Atom): Dim => {
    switch (at.kind) {
      case "sym":
        return subst.get(at.name) ?? atomDim(at);
      case "floordiv":
        return dimFloorDiv(substitute(at.e, subst), at.c);
      case "mod":
        return dimMod(substitute(at.e, subst), at.c);
      case "max":
        return dimMax(substitute(at.a, subst), substitute(at.b, subst));
      case "min":
        return dimMin(substitute(at.a, subst), substitute(at.b, subst));
    }
  };
  let v: Dim = d.constant;
  for (const t of d.terms) {
    let m: Dim = t.coef;
    for (const [at, p] of t.mono.factors) for (let i = 0; i < p; i++) m = dimMul(m, atom(at));
    v = dimAdd(v, m);
  }
  return v;
}

/** If `d` is exactly one symbol, its name. */
export function symbolName(d: Dim): string | undefined {
  if (typeof d === "number" || d.constant !== 0 || d.terms.length !== 1) return undefined;
  const [t] = d.terms as [Term];
  if (t.coef !== 1 || t.mono.factors.length !== 1) return undefined;
  const [[at, p]] = t.mono.factors as [readonly [Atom, number]];
  return p === 1 && at.kind === "sym" ? at.name : undefined;
}

// ---- printing and parsing -----------------------------------------------------------------------

function printTerms(terms: readonly Term[], constant: number): string {
  let s = "";
  for (const t of terms) {
    const mag = Math.abs(t.coef);
    const body = mag === 1 ? t.mono.key : `${mag}*${t.mono.key}`;
    s += s === "" ? (t.coef < 0 ? `-${body}` : body) : t.coef < 0 ? ` - ${body}` : ` + ${body}`;
  }
  if (constant !== 0) s += constant < 0 ? ` - ${-constant}` : ` + ${constant}`;
  return s;
}

export const dimToString = (d: Dim): string => (typeof d === "number" ? String(d) : d.key);
/** A shape as JAX prints it: `(B, 2*N + 1)`. */
export const shapeToString = (s: readonly Dim[]): string => `(${s.map(dimToString).join(", ")}${s.length === 1 ? "," : ""})`;

/**
 * Parse a dimension expression: integers, variables, `+ - *`, `^` (integer power), `//` and `%` (Python),
 * parentheses and `floordiv(e, c)`, `mod(e, c)`, `max(a, b)`, `min(a, b)`. `parseDim(String(d))` is `d`.
 */
export function parseDim(text: string): Dim {
  const toks = text.match(/\s*(\d+|[A-Za-z_$][A-Za-z0-9_$]*|\/\/|[-+*%^(),]|\S)/g)?.map((t) => t.trim()) ?? [];
  let i = 0;
  const fail = (why: string): never => {
    throw shapeError.dim("parseDim", `cannot parse dimension '${text}': ${why}`, [text]);
  };
  const peek = () => toks[i];
  const eat = (t: string) => (toks[i] === t ? (i++, true) : false);
  const expect = (t: string) => {
    if (!eat(t)) fail(`expected '${t}'${peek() === undefined ? " at the end" : ` before '${peek()}'`}`);
  };
  const sum = (): Dim => {
    let v = eat("-") ? dimNeg(product()) : (eat("+"), product());
    for (;;) {
      if (eat("+")) v = dimAdd(v, product());
      else if (eat("-")) v = dimSub(v, product());
      else return v;
    }
  };
  const product = (): Dim => {
    let v = power();
    for (;;) {
      if (eat("*")) v = dimMul(v, power());
      else if (eat("//")) v = dimFloorDiv(v, power());
      else if (eat("%")) v = dimMod(v, power());
      else return v;
    }
  };
  const power = (): Dim => {
    const base = atom();
    if (!eat("^")) return base;
    const e = toks[i++];
    if (e === undefined || !/^\d+$/.test(e)) return fail("'^' needs a non-negative integer exponent");
    let v: Dim = 1;
    for (let k = 0; k < Number(e); k++) v = dimMul(v, base);
    return v;
  };
  const atom = (): Dim => {
    const t = toks[i++];
    if (t === undefined) return fail("unexpected end");
    if (/^\d+$/.test(t)) return Number(t);
    if (t === "(") {
      const v = sum();
      expect(")");
      return v;
    }
    if (t === "-") return dimNeg(atom());
    if (!NAME.test(t)) return fail(`unexpected '${t}'`);
    const fn = FUNCS[t];
    if (fn === undefined || peek() !== "(") return sym(t);
    i++;
    const a = sum();
    expect(",");
    const b = sum();
    expect(")");
    return fn(a, b);
  };
  const v = sum();
  if (i < toks.length) fail(`unexpected '${toks[i]}'`);
  return v;
}

const FUNCS: Record<string, (a: Dim, b: Dim) => Dim> = { floordiv: dimFloorDiv, mod: dimMod, max: dimMax, min: dimMin };
