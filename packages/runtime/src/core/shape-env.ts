// The constraint context of one symbolic trace. Shape rules that meet two dimensions they cannot prove
// equal (or a size they cannot prove divisible) record the assumption here instead of failing; the build
// emits `checkConstraints` as part of a compiled function's guard, so a call whose sizes break an
// assumption falls back to the runtime jit rather than computing a wrong answer. Simple equalities are
// solved on the way (`B == 8` binds B, `B == N` unifies the two symbols, `B == 2*N` substitutes B), so
// later rules see one canonical dimension. Constraints are kept as recorded, over the original symbols,
// so checking them needs only the sizes bound from the inputs' shapes.
import { shapeError } from "../errors.js";
import {
  type Bindings,
  type Dim,
  bounds,
  dimEq,
  dimGe,
  dimFloorDiv,
  dimMod,
  dimMul,
  dimNeg,
  dimSub,
  dimSymbols,
  dimToString,
  evalDim,
  substitute,
  symbolName,
  sym,
} from "./dims.js";

export type DimConstraint =
  | { readonly kind: "eq"; readonly op: string; readonly a: Dim; readonly b: Dim }
  | { readonly kind: "divisible"; readonly op: string; readonly e: Dim; readonly by: number }
  | { readonly kind: "ge"; readonly op: string; readonly a: Dim; readonly b: Dim };

/** A constraint that given sizes violate, with both sides evaluated. */
export interface ConstraintViolation {
  readonly constraint: DimConstraint | { readonly kind: "positive"; readonly op: "bind"; readonly symbol: string };
  /** The constraint as text, e.g. `B == 2*N`. */
  readonly text: string;
  /** The evaluated sides: [lhs, rhs] (for `divisible`: [e, by]; for `positive`: [value, 1]). */
  readonly values: readonly [number, number];
}

export function describeConstraint(c: DimConstraint): string {
  switch (c.kind) {
    case "eq":
      return `${dimToString(c.a)} == ${dimToString(c.b)}`;
    case "ge":
      return `${dimToString(c.a)} >= ${dimToString(c.b)}`;
    case "divisible":
      return `mod(${dimToString(c.e)}, ${c.by}) == 0`;
  }
}

export class ShapeEnv {
  readonly constraints: DimConstraint[] = [];
  private readonly subst = new Map<string, Dim>();
  private fresh = 0;

  /** A new dimension variable `_0`, `_1`, ... (for arrays without an annotation). */
  freshSym(prefix = "_"): Dim {
    return sym(`${prefix}${this.fresh++}`);
  }

  /** The solved substitution: symbol -> the dimension it was found equal to. */
  get substitution(): ReadonlyMap<string, Dim> {
    return this.subst;
  }

  /** `d` with every solved symbol replaced. */
  resolve(d: Dim): Dim {
    return typeof d === "number" || this.subst.size === 0 ? d : substitute(d, this.subst);
  }

  /**
   * Assume `a == b` (recorded for the guard) and return the dimension both now stand for. Raises NJ114
   * when the two can never be equal (e.g. `N + 1` and `N`, or `B` after `B == 8` against 9).
   */
  assumeEqual(op: string, a: Dim, b: Dim): Dim {
    const ra = this.resolve(a),
      rb = this.resolve(b);
    if (dimEq(ra, rb)) return ra;
    const diff = dimSub(ra, rb);
    const [lo, hi] = bounds(diff);
    if (lo > 0 || hi < 0) {
      throw shapeError.constraint(op, `dimensions ${dimToString(a)} and ${dimToString(b)} can never be equal`, { kind: "eq", op, a, b }, [
        a,
        b,
      ]);
    }
    if (this.impliedByDivisible(diff)) return ra;
    this.constraints.push({ kind: "eq", op, a, b });
    this.solve(diff);
    return this.resolve(ra);
  }

  /** `diff == 0` is `mod(e, c) == 0` of a recorded divisibility: `N == 2*floordiv(N, 2)` after reshape's -1. */
  private impliedByDivisible(diff: Dim): boolean {
    for (const c of this.constraints) {
      if (c.kind !== "divisible") continue;
      const r = dimSub(c.e, dimMul(c.by, dimFloorDiv(c.e, c.by)));
      if (r === diff || dimNeg(r) === diff) return true;
    }
    return false;
  }

  /** Assume `e` is divisible by `by` (reshape with -1); raises NJ114 if it never is. */
  assumeDivisible(op: string, e: Dim, by: number): void {
    const r = dimMod(this.resolve(e), by);
    if (r === 0) return;
    if (typeof r === "number") {
      throw shapeError.constraint(op, `${dimToString(e)} is not divisible by ${by}`, { kind: "divisible", op, e, by }, [e, by]);
    }
    this.constraints.push({ kind: "divisible", op, e, by });
  }

  /** Assume `a >= b` (e.g. a crop no larger than its dimension); raises NJ114 if it never holds. */
  assumeGe(op: string, a: Dim, b: Dim): void {
    const ge = dimGe(this.resolve(a), this.resolve(b));
    if (ge === true) return;
    if (ge === false) {
      throw shapeError.constraint(op, `${dimToString(a)} >= ${dimToString(b)} never holds`, { kind: "ge", op, a, b }, [a, b]);
    }
    this.constraints.push({ kind: "ge", op, a, b });
  }

  /**
   * Solve `diff == 0` for one symbol with coefficient +-1 that the rest of `diff` does not mention.
   * Fresh symbols (`_k`) are eliminated before named ones, so annotations keep their names.
   */
  private solve(diff: Dim): void {
    if (typeof diff === "number") return;
    const candidates: { name: string; coef: number }[] = [];
    for (const t of diff.terms) {
      const name = t.mono.factors.length === 1 && t.mono.degree === 1 ? t.mono.factors[0]![0] : undefined;
      if (name?.kind === "sym" && (t.coef === 1 || t.coef === -1)) candidates.push({ name: name.name, coef: t.coef });
    }
    candidates.sort((x, y) => Number(!x.name.startsWith("_")) - Number(!y.name.startsWith("_")) || (x.name < y.name ? 1 : -1));
    for (const { name, coef } of candidates) {
      // diff = coef*s + rest = 0  =>  s = -rest/coef
      const rest = dimSub(diff, coef === 1 ? sym(name) : dimSub(0, sym(name)));
      if (dimSymbols(rest).includes(name)) continue;
      const value = coef === 1 ? dimSub(0, rest) : rest;
      const one = new Map([[name, value]]);
      for (const [k, v] of this.subst) this.subst.set(k, substitute(v, one));
      this.subst.set(name, value);
      return;
    }
  }

  /**
   * The first constraint that `bindings` (the symbols' sizes, read from the inputs' shapes) violate, or
   * undefined. Every bound symbol must also be an integer >= 1, as the rules assumed.
   */
  checkConstraints(bindings: Bindings): ConstraintViolation | undefined {
    return checkConstraints(this.constraints, bindings);
  }
}

// The env of the symbolic trace in progress (traceSymbolic), read by the numpy layer's shape helpers
// (broadcasting, reshape, slicing) so that they unify dims or record constraints as the rules do.
let current: ShapeEnv | undefined;

export function currentShapeEnv(): ShapeEnv | undefined {
  return current;
}

/** Run f with `env` as the current env (undefined: none, so undecidable comparisons raise NJ112). */
export function withShapeEnv<T>(env: ShapeEnv | undefined, f: () => T): T {
  const prev = current;
  current = env;
  try {
    return f();
  } finally {
    current = prev;
  }
}

export function checkConstraints(constraints: readonly DimConstraint[], bindings: Bindings): ConstraintViolation | undefined {
  const entries: Iterable<[string, number]> = bindings instanceof Map ? bindings : Object.entries(bindings);
  for (const [symbol, v] of entries) {
    if (!Number.isInteger(v) || v < 1) {
      return { constraint: { kind: "positive", op: "bind", symbol }, text: `${symbol} >= 1`, values: [v, 1] };
    }
  }
  for (const c of constraints) {
    const text = describeConstraint(c);
    switch (c.kind) {
      case "eq": {
        const a = evalDim(c.a, bindings),
          b = evalDim(c.b, bindings);
        if (a !== b) return { constraint: c, text, values: [a, b] };
        break;
      }
      case "ge": {
        const a = evalDim(c.a, bindings),
          b = evalDim(c.b, bindings);
        if (a < b) return { constraint: c, text, values: [a, b] };
        break;
      }
      case "divisible": {
        const e = evalDim(c.e, bindings);
        if (e % c.by !== 0) return { constraint: c, text, values: [e, c.by] };
        break;
      }
    }
  }
  return undefined;
}

/** Bind the symbols of `shape` from a concrete shape: a lone symbol binds; other dims are checked after. */
export function bindShape(shape: readonly Dim[], concrete: readonly number[], into: Map<string, number>): boolean {
  if (shape.length !== concrete.length) return false;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!,
      n = concrete[i]!;
    if (typeof d === "number") {
      if (d !== n) return false;
      continue;
    }
    const name = symbolName(d);
    if (name === undefined) continue;
    const cur = into.get(name);
    if (cur !== undefined && cur !== n) return false;
    into.set(name, n);
  }
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (typeof d !== "number" && symbolName(d) === undefined && dimSymbols(d).every((s) => into.has(s)) && evalDim(d, into) !== concrete[i])
      return false;
  }
  return true;
}
