// JS arithmetic on symbolic dimensions in the interpreted subset. Under a symbolic trace `x.shape[0]` is a
// SymDim, and JS has no operator overloading, so `n - 1`, `n * m` or `Math.floor(n / 2)` run by the host
// would throw NJ115. The interpreter routes them here instead and gets the dimension expression a
// concrete trace would have computed as a number (JAX's `x.shape[0] // 2` under shape polymorphism):
// `+ - *` of dims and integers, `d % k` and `Math.floor(d / k)` / `Math.ceil(d / k)` for a positive
// integer k, `Math.max` / `Math.min`, and the comparisons the symbols' bounds decide. Anything else
// (`d / k` used as a number, a comparison that depends on the sizes, a fractional operand) is NJ115, so
// the function goes to the runtime jit with a warning.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import {
  type Dim,
  type DimComparison,
  SymDim,
  dimAdd,
  dimCompare,
  dimFloorDiv,
  dimMax,
  dimMin,
  dimMod,
  dimMul,
  dimSub,
  shapeError,
} from "@numjit/runtime/internal";

/** `d / k` before Math.floor or Math.ceil makes it a dimension again. */
export class DimQuotient {
  constructor(
    readonly num: Dim,
    readonly den: number,
  ) {}
  valueOf(): never {
    throw inconclusive("division", this.num);
  }
}

const inconclusive = (op: string, d: unknown): Error => shapeError.dimArithmetic(op, d as Dim);

export const isDimOperand = (v: unknown): boolean => v instanceof SymDim || v instanceof DimQuotient;

const asDim = (op: string, v: unknown, d: unknown): Dim => {
  if (v instanceof SymDim || (typeof v === "number" && Number.isInteger(v))) return v as Dim;
  throw inconclusive(op, d);
};
const positiveInt = (op: string, v: unknown, d: unknown): number => {
  if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  throw inconclusive(op, d);
};

const COMPARE: Partial<Record<ts.SyntaxKind, DimComparison>> = {
  [tsv.SyntaxKind.LessThanToken]: "<",
  [tsv.SyntaxKind.LessThanEqualsToken]: "<=",
  [tsv.SyntaxKind.GreaterThanToken]: ">",
  [tsv.SyntaxKind.GreaterThanEqualsToken]: ">=",
  [tsv.SyntaxKind.EqualsEqualsToken]: "==",
  [tsv.SyntaxKind.ExclamationEqualsToken]: "!=",
};

/** `l <op> r` where at least one side is a symbolic dimension (isDimOperand). */
export function dimBinary(k: ts.SyntaxKind, l: unknown, r: unknown): unknown {
  const d = isDimOperand(l) ? l : r;
  const op = `'${tsv.tokenToString(k)}'`;
  switch (k) {
    case tsv.SyntaxKind.PlusToken:
      return dimAdd(asDim(op, l, d), asDim(op, r, d));
    case tsv.SyntaxKind.MinusToken:
      return dimSub(asDim(op, l, d), asDim(op, r, d));
    case tsv.SyntaxKind.AsteriskToken:
      return dimMul(asDim(op, l, d), asDim(op, r, d));
    case tsv.SyntaxKind.SlashToken:
      return new DimQuotient(asDim(op, l, d), positiveInt(op, r, d));
    case tsv.SyntaxKind.PercentToken:
      return dimMod(asDim(op, l, d), positiveInt(op, r, d));
  }
  const cmp = COMPARE[k];
  if (cmp !== undefined) {
    const v = dimCompare(asDim(op, l, d), cmp, asDim(op, r, d));
    if (v !== undefined) return v;
  }
  throw inconclusive(op, d);
}

/** Math with the dimension-aware floor, ceil, trunc, max and min the interpreter resolves `Math` to. */
export const DIM_MATH: Readonly<Record<string, unknown>> = Object.freeze(
  Object.assign(Object.create(Math) as Record<string, unknown>, {
    floor: (x: unknown) => (x instanceof DimQuotient ? dimFloorDiv(x.num, x.den) : Math.floor(x as number)),
    // the quotient of dims (>= 0) by k > 0 is >= 0: trunc is floor
    trunc: (x: unknown) => (x instanceof DimQuotient ? dimFloorDiv(x.num, x.den) : Math.trunc(x as number)),
    ceil: (x: unknown) => (x instanceof DimQuotient ? dimFloorDiv(dimAdd(x.num, x.den - 1), x.den) : Math.ceil(x as number)),
    max: (...xs: unknown[]) =>
      xs.some(isDimOperand) ? xs.map((x) => asDim("Math.max", x, x)).reduce((a, b) => dimMax(a, b)) : Math.max(...(xs as number[])),
    min: (...xs: unknown[]) =>
      xs.some(isDimOperand) ? xs.map((x) => asDim("Math.min", x, x)).reduce((a, b) => dimMin(a, b)) : Math.min(...(xs as number[])),
  }),
);
