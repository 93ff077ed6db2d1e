// What exists in the runtime, read from the runtime module itself (never a copied list), and the
// arity of its functions, read from their own parameter lists.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import * as runtime from "@numjit/runtime";

export type RuntimeLookup =
  | { kind: "function"; value: (...args: unknown[]) => unknown }
  | { kind: "value"; value: unknown }
  | { kind: "missing" };

const ROOT = runtime as unknown as Record<string, unknown>;

/** By path: the runtime does not change while the compiler runs, and the analysis asks for the same names often. */
const lookups = new Map<string, RuntimeLookup>();

export function lookupRuntime(path: readonly string[]): RuntimeLookup {
  const key = path.join("\0");
  let hit = lookups.get(key);
  if (hit === undefined) lookups.set(key, (hit = lookupUncached(path)));
  return hit;
}

function lookupUncached(path: readonly string[]): RuntimeLookup {
  let cur: unknown = ROOT;
  for (const p of path) {
    if (cur === null || (typeof cur !== "object" && typeof cur !== "function")) return { kind: "missing" };
    if (!Object.hasOwn(cur, p) && !(typeof cur === "object" && p in (cur as object))) return { kind: "missing" };
    cur = (cur as Record<string, unknown>)[p];
    if (cur === undefined) return { kind: "missing" };
  }
  return typeof cur === "function" ? { kind: "function", value: cur as (...args: unknown[]) => unknown } : { kind: "value", value: cur };
}

export function runtimeRoot(): Record<string, unknown> {
  return ROOT;
}

/**
 * The closest existing name (edit distance <= 3), for "did you mean": looked up in the same namespace
 * and in the runtime's other namespaces (`np.sofmax` -> `nn.softmax`, `np.logsumexp` -> `nn.logsumexp`);
 * on a tie the same namespace wins.
 */
export function suggest(path: readonly string[]): string | undefined {
  const parent = lookupRuntime(path.slice(0, -1));
  const own = path.length === 1 ? ROOT : parent.kind === "missing" ? undefined : parent.value;
  const want = path[path.length - 1]!.toLowerCase();
  const spaces: { prefix: string[]; ns: object }[] = [];
  if (own && typeof own === "object") spaces.push({ prefix: path.slice(0, -1), ns: own });
  for (const [k, v] of Object.entries(ROOT)) {
    if (v !== own && v && typeof v === "object" && !Array.isArray(v) && Object.values(v).some((f) => typeof f === "function")) {
      spaces.push({ prefix: [k], ns: v });
    }
  }
  let best: string | undefined,
    bestD = 4;
  for (const { prefix, ns } of spaces) {
    for (const k of Object.keys(ns)) {
      const d = editDistance(want, k.toLowerCase());
      if (d < bestD) [best, bestD] = [[...prefix, k].join("."), d];
    }
  }
  return best;
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
      const sf = tsv.createSourceFile("f.js", `(${src.replace(/^async\s+/, "")})`, tsv.ScriptTarget.Latest, false, tsv.ScriptKind.JS);
      const st = sf.statements[0];
      let e: ts.Expression | undefined = st && tsv.isExpressionStatement(st) ? st.expression : undefined;
      while (e && tsv.isParenthesizedExpression(e)) e = e.expression;
      if (
        e &&
        (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) &&
        (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0
      ) {
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

type Arity = { min: number; max: number };
let declared: Map<string, Arity> | undefined;

/**
 * Arity of numpy/nn/scipySpecial functions from the runtime's own type declarations (dist/numpy/*.d.ts, dist/nn.d.ts, …):
 * the JS source cannot tell an optional parameter (`axes?: number[]`) from a required one.
 */
function declaredArities(): Map<string, Arity> {
  if (declared) return declared;
  declared = new Map();
  let dist: string;
  try {
    dist = path.dirname(createRequire(import.meta.url).resolve("@numjit/runtime"));
  } catch {
    return declared;
  }
  const files: [string, string][] = [];
  try {
    for (const f of fs.readdirSync(path.join(dist, "numpy"))) if (f.endsWith(".d.ts")) files.push(["numpy", path.join(dist, "numpy", f)]);
  } catch {
    /* no declarations shipped */
  }
  files.push(["nn", path.join(dist, "nn.d.ts")], ["scipySpecial", path.join(dist, "scipy-special.d.ts")]);
  const aliases: [string, string, string][] = [];
  const ofParams = (ps: readonly ts.ParameterDeclaration[]): Arity => {
    let min = 0;
    for (const p of ps) {
      if (p.questionToken || p.initializer || p.dotDotDotToken) break;
      min++;
    }
    return { min, max: ps.some((p) => p.dotDotDotToken) ? Infinity : ps.length };
  };
  const add = (key: string, a: Arity) => {
    const prev = declared!.get(key);
    declared!.set(key, prev ? { min: Math.min(prev.min, a.min), max: Math.max(prev.max, a.max) } : a);
  };
  for (const [ns, file] of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const sf = tsv.createSourceFile(file, text, tsv.ScriptTarget.Latest, false, tsv.ScriptKind.TS);
    for (const st of sf.statements) {
      if (tsv.isFunctionDeclaration(st) && st.name) add(`${ns}.${st.name.text}`, ofParams(st.parameters));
      else if (tsv.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!tsv.isIdentifier(d.name) || !d.type) continue;
          if (tsv.isFunctionTypeNode(d.type)) add(`${ns}.${d.name.text}`, ofParams(d.type.parameters));
          else if (tsv.isTypeQueryNode(d.type) && tsv.isIdentifier(d.type.exprName)) aliases.push([ns, d.name.text, d.type.exprName.text]);
        }
      } else if (tsv.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && tsv.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) if (el.propertyName) aliases.push([ns, el.name.text, el.propertyName.text]);
      }
    }
  }
  for (const [ns, name, of] of aliases) {
    const a = declared.get(`${ns}.${of}`);
    if (a) declared.set(`${ns}.${name}`, a);
  }
  return declared;
}

/** undefined if `n` arguments are acceptable, else a description of what is expected. */
export function checkArity(f: (...args: unknown[]) => unknown, n: number, path?: readonly string[]): string | undefined {
  const d = path ? declaredArities().get(path.join(".")) : undefined;
  // from JS source only the maximum is reliable (optional parameters compile to plain ones)
  const js = arityOf(f);
  const a = d ?? (js ? { min: 0, max: js.max } : null);
  if (!a) return undefined;
  if (n >= a.min && n <= a.max) return undefined;
  if (a.min === a.max) return String(a.min);
  if (a.max === Infinity) return `at least ${a.min}`;
  return `${a.min} to ${a.max}`;
}
