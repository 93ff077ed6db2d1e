// What exists in the runtime, read from the runtime module itself (never a copied list), and the
// arity of its functions, read from their own parameter lists.
import ts from "typescript";
import * as runtime from "@numjit/runtime";

export type RuntimeLookup =
  | { kind: "function"; value: (...args: unknown[]) => unknown }
  | { kind: "value"; value: unknown }
  | { kind: "missing" };

const ROOT = runtime as unknown as Record<string, unknown>;

export function lookupRuntime(path: readonly string[]): RuntimeLookup {
  let cur: unknown = ROOT;
  for (const p of path) {
    if (cur === null || (typeof cur !== "object" && typeof cur !== "function")) return { kind: "missing" };
    if (!Object.prototype.hasOwnProperty.call(cur, p) && !(typeof cur === "object" && p in (cur as object))) return { kind: "missing" };
    cur = (cur as Record<string, unknown>)[p];
    if (cur === undefined) return { kind: "missing" };
  }
  return typeof cur === "function" ? { kind: "function", value: cur as (...args: unknown[]) => unknown } : { kind: "value", value: cur };
}

export function runtimeRoot(): Record<string, unknown> {
  return ROOT;
}

/** The closest existing name in the same namespace (edit distance <= 3), for "did you mean". */
export function suggest(path: readonly string[]): string | undefined {
  const parent = lookupRuntime(path.slice(0, -1));
  const ns = path.length === 1 ? ROOT : parent.kind === "missing" ? undefined : parent.value;
  if (!ns || typeof ns !== "object") return undefined;
  const want = path[path.length - 1]!.toLowerCase();
  let best: string | undefined, bestD = 4;
  for (const k of Object.keys(ns)) {
    const d = editDistance(want, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best === undefined ? undefined : [...path.slice(0, -1), best].join(".");
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

const arityCache = new WeakMap<object, { min: number; max: number } | null>();

/** min/max argument counts of a JS function, parsed from its source (defaults and rest detected). */
export function arityOf(f: (...args: unknown[]) => unknown): { min: number; max: number } | null {
  if (arityCache.has(f)) return arityCache.get(f)!;
  let res: { min: number; max: number } | null = null;
  try {
    const src = Function.prototype.toString.call(f);
    if (!src.includes("[native code]")) {
      const sf = ts.createSourceFile("f.js", `(${src.replace(/^async\s+/, "")})`, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
      const st = sf.statements[0];
      let e: ts.Expression | undefined = st && ts.isExpressionStatement(st) ? st.expression : undefined;
      while (e && ts.isParenthesizedExpression(e)) e = e.expression;
      if (e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0) {
        const ps = e.parameters;
        const rest = ps.some((p) => p.dotDotDotToken);
        let min = 0;
        for (const p of ps) {
          if (p.initializer || p.dotDotDotToken) break;
          min++;
        }
        res = { min, max: rest ? Infinity : ps.length };
      }
    }
  } catch {
    res = null;
  }
  arityCache.set(f, res);
  return res;
}

/** undefined if `n` arguments are acceptable, else a description of what is expected. */
export function checkArity(f: (...args: unknown[]) => unknown, n: number): string | undefined {
  const a = arityOf(f);
  if (!a) return undefined;
  if (n >= a.min && n <= a.max) return undefined;
  if (a.min === a.max) return String(a.min);
  if (a.max === Infinity) return `at least ${a.min}`;
  return `${a.min} to ${a.max}`;
}
