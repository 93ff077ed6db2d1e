// jit options: validated once, when jit() is called, so that a bad option is an ArgumentError naming
// it and its value instead of a hang (cacheSize -1), an unbounded cache (NaN) or an ignored setting.
import { BACKENDS, type Backend } from "../codegen/backend.js";
import { argumentError } from "../errors.js";

export interface JitOptions {
  /** Positions of arguments traced by value (hashable, one compile per value): 0 <= i < parameter count. */
  staticArgnums?: number | number[];
  /** Parameter names of arguments traced by value (simple identifier parameters only). */
  staticArgnames?: string | string[];
  /** Log why a call missed the cache (also on with NUMJIT_DEBUG>=1). */
  explainCacheMisses?: boolean;
  /** LRU bound on compiled entries (default 64): a non-negative integer or Infinity. */
  cacheSize?: number;
  /** Warn once when the function has compiled more than this many times (default 10). */
  recompileWarning?: number;
  name?: string;
  /** Kernel backend for this function: "auto" (default), "wasm" or "js"; see codegen/backend.ts. */
  backend?: Backend;
}

const OPTION_NAMES: readonly (keyof JitOptions)[] = [
  "staticArgnums",
  "staticArgnames",
  "explainCacheMisses",
  "cacheSize",
  "recompileWarning",
  "name",
  "backend",
];

/** What jit knows of a function's parameter list (parsed from its source). */
export interface Signature {
  /** Parameter names; null for a destructured parameter. */
  names: (string | null)[];
  /** The list ends in a rest parameter (...xs): any position past the named ones is valid. */
  rest: boolean;
}

export interface ResolvedOptions {
  name: string;
  staticNums: Set<number>;
  cacheSize: number;
  warnAfter: number;
  explainCacheMisses: boolean;
  /** undefined: the global backend at compile time (setBackend / NUMJIT_BACKEND). */
  backend: Backend | undefined;
}

const show = (v: unknown): string => {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (typeof v === "function") return "a function";
  if (v !== null && typeof v === "object") return (v as object).constructor?.name ?? "object";
  return String(v);
};

function bad(option: string, value: unknown, detail: string): Error {
  return argumentError.jitOption(option, value, `${option} = ${show(value)}: ${detail}`);
}

const isCount = (v: unknown): v is number => v === Infinity || (typeof v === "number" && Number.isInteger(v) && v >= 0);

/** Validate `opts` against the function `f`; every problem is an ArgumentError (NJ306) naming the option and value. */
export function resolveJitOptions(f: Function, opts: unknown): ResolvedOptions {
  if (opts === undefined || opts === null) opts = {};
  if (typeof opts !== "object" || Array.isArray(opts))
    throw bad("options", opts, "expected an options object ({ staticArgnums, cacheSize, ... })");
  const o = opts as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(OPTION_NAMES as readonly string[]).includes(k))
      throw bad(k, o[k], `unknown jit option (the options are ${OPTION_NAMES.join(", ")})`);
  }
  if (o.name !== undefined && typeof o.name !== "string") throw bad("name", o.name, "expected a string");
  const name = (o.name as string | undefined) ?? (f.name || "<anonymous>");
  if (o.explainCacheMisses !== undefined && typeof o.explainCacheMisses !== "boolean")
    throw bad("explainCacheMisses", o.explainCacheMisses, "expected a boolean");
  if (o.backend !== undefined && !(BACKENDS as readonly unknown[]).includes(o.backend))
    throw bad("backend", o.backend, `expected one of ${BACKENDS.map((b) => JSON.stringify(b)).join(", ")}`);
  if (o.cacheSize !== undefined && !isCount(o.cacheSize))
    throw bad("cacheSize", o.cacheSize, "expected a non-negative integer or Infinity");
  if (o.recompileWarning !== undefined && !isCount(o.recompileWarning))
    throw bad("recompileWarning", o.recompileWarning, "expected a non-negative integer or Infinity");

  const sig = signatureOf(f);
  const nparams = sig ? sig.names.length : undefined;
  const restNote = sig?.rest ? " (the last a rest parameter)" : "";
  const described = sig ? `${name} takes ${nparams} parameter${nparams === 1 ? "" : "s"}${restNote}` : "";
  const staticNums = new Set<number>();
  const nums = o.staticArgnums;
  if (nums !== undefined) {
    const list = typeof nums === "number" ? [nums] : nums;
    if (!Array.isArray(list)) throw bad("staticArgnums", nums, "expected an integer or an array of integers");
    for (const i of list) {
      if (typeof i !== "number" || !Number.isInteger(i)) {
        const hint = typeof i === "string" ? " (use staticArgnames for names)" : "";
        throw bad("staticArgnums", nums, `${show(i)} is not an integer argument position${hint}`);
      }
      if (i < 0) throw bad("staticArgnums", nums, `${i} is negative; give the position counted from 0`);
      if (sig && !sig.rest && i >= sig.names.length) throw bad("staticArgnums", nums, `${i} is out of range: ${described}`);
      staticNums.add(i);
    }
  }
  const names = o.staticArgnames;
  if (names !== undefined) {
    const list = typeof names === "string" ? [names] : names;
    if (!Array.isArray(list)) throw bad("staticArgnames", names, "expected a parameter name or an array of names");
    for (const n of list) {
      if (typeof n !== "string") throw bad("staticArgnames", names, `${show(n)} is not a parameter name (use staticArgnums for positions)`);
      const i = sig ? sig.names.indexOf(n) : -1;
      if (i < 0) {
        const known = sig ? sig.names.filter((x): x is string => x !== null) : [];
        throw argumentError.jitOption(
          "staticArgnames",
          names,
          `staticArgnames: '${n}' is not a parameter of ${name} (parameters: ${known.join(", ") || "none that can be named"})`,
        );
      }
      staticNums.add(i);
    }
  }
  return {
    name,
    staticNums,
    cacheSize: (o.cacheSize as number | undefined) ?? 64,
    warnAfter: (o.recompileWarning as number | undefined) ?? 10,
    explainCacheMisses: (o.explainCacheMisses as boolean | undefined) ?? false,
    backend: o.backend as Backend | undefined,
  };
}

/**
 * The parameter list of `f` from its source: split at top-level commas (defaults and destructuring may
 * nest brackets and strings). null when the source does not show it (native or bound functions).
 */
export function signatureOf(f: Function): Signature | null {
  const src = Function.prototype.toString.call(f);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) return null;
  let i = 0;
  const arrowOne = src.match(/^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/);
  if (arrowOne) return { names: [arrowOne[1]!], rest: false };
  i = src.indexOf("(");
  if (i < 0) return null;
  const params: string[] = [];
  let depth = 0,
    cur = "",
    quote = "";
  for (i = i + 1; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      cur += c;
      if (c === "\\") cur += src[++i] ?? "";
      else if (c === quote) quote = "";
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0) {
      params.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  if (cur.trim() !== "") params.push(cur);
  const rest = params.length > 0 && params[params.length - 1]!.trim().startsWith("...");
  const names = params.map((p) => {
    const m = p
      .trim()
      .replace(/^\.\.\./, "")
      .match(/^([A-Za-z_$][\w$]*)\s*(?:=|$)/);
    return m ? (m[1] ?? null) : null;
  });
  return { names, rest };
}
