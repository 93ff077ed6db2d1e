// The vocabulary of the analysable subset, one list each, read by the analyse phase's static checks and by
// the trace phase's interpreter: the globals a jit function may read, the constructors it may call (constant
// data for np.array), and how constructs outside the subset are named in NJ702.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";

export const GLOBALS: Readonly<Record<string, unknown>> = { Math, Number, Infinity, NaN, undefined, Array, Boolean, String, Object };

export const CONSTRUCTIBLE = new Set([
  "Float32Array",
  "Float64Array",
  "Int32Array",
  "Int16Array",
  "Int8Array",
  "Uint8Array",
  "Uint16Array",
  "Uint32Array",
  "Uint8ClampedArray",
  "Array",
]);

const STATEMENTS: Partial<Record<ts.SyntaxKind, string>> = {
  [tsv.SyntaxKind.WhileStatement]: "a while loop",
  [tsv.SyntaxKind.DoStatement]: "a do..while loop",
  [tsv.SyntaxKind.ForInStatement]: "a for..in loop",
  [tsv.SyntaxKind.SwitchStatement]: "a switch statement",
  [tsv.SyntaxKind.TryStatement]: "a try statement",
  [tsv.SyntaxKind.ThrowStatement]: "a throw statement",
  [tsv.SyntaxKind.BreakStatement]: "break",
  [tsv.SyntaxKind.ContinueStatement]: "continue",
  [tsv.SyntaxKind.ClassDeclaration]: "a class declaration",
  [tsv.SyntaxKind.LabeledStatement]: "a labeled statement",
};

const EXPRESSIONS: Partial<Record<ts.SyntaxKind, string>> = {
  [tsv.SyntaxKind.NewExpression]: "'new'",
  [tsv.SyntaxKind.ThisKeyword]: "'this'",
  [tsv.SyntaxKind.AwaitExpression]: "'await'",
  [tsv.SyntaxKind.YieldExpression]: "'yield'",
  [tsv.SyntaxKind.DeleteExpression]: "'delete'",
  [tsv.SyntaxKind.TaggedTemplateExpression]: "a tagged template",
  [tsv.SyntaxKind.ClassExpression]: "a class expression",
  [tsv.SyntaxKind.RegularExpressionLiteral]: "a regular expression",
  [tsv.SyntaxKind.SuperKeyword]: "'super'",
};

/** "a while loop": how NJ702 names a statement outside the subset. */
export const statementName = (s: ts.Node): string => STATEMENTS[s.kind] ?? `a ${tsv.SyntaxKind[s.kind]}`;
/** "'new'": how NJ702 names an expression outside the subset. */
export const expressionName = (e: ts.Node): string => EXPRESSIONS[e.kind] ?? `a ${tsv.SyntaxKind[e.kind]} expression`;
