// Phase 5: codegen. The runtime's codegen already produced each kernel's JS source and each plan's
// (emitPlan); this phase builds the module's kernel table (deduplicated across functions by signature)
// and plan list, names the declarations, and checks every source is a single plain function expression
// that cannot reach eval / Function / dynamic import — the emitted module must run where code
// generation is forbidden. The kernels that have a WebAssembly form also go into one wasm module for the
// whole source module (the runtime's shipWasm: exports named after the JS declarations), with the
// threefry2x32 function when a precompiled function draws random numbers, which the emit phase ships
// inline or as an asset.
import vm from "node:vm";
import type * as ts from "typescript";
import { type ShippedWasm, clearCodegenCaches, shipWasm } from "@numjit/runtime/internal";
import { tsv } from "../../ts.js";
import { type RawDiagnostic, diag } from "../../diagnostics.js";
import type { KernelSource, ScheduledCall } from "../schedule/index.js";

export interface KernelDecl extends KernelSource {
  /** Identifier of the declaration in the emitted module. */
  id: string;
}

/** A plan of one call: its key, the declaration of its factory and the ids of the kernels it calls. */
export interface PlanDecl {
  key: string;
  id: string;
  source: string;
  kernelIds: string[];
  broadcasts: boolean;
}

export interface ModuleKernels {
  decls: KernelDecl[];
  /**
   * Per precompiled call (by jit index): table identifier, the signatures it maps, and its plans (none when
   * the build has no plan for some trace, or a plan would use a global the module shadows).
   */
  tables: Map<number, { id: string; entries: [string, string][]; plans: PlanDecl[]; plansId: string | undefined; threefry: boolean }>;
  /**
   * The module's wasm kernels (export name = the JS kernel's declaration id), and the threefry2x32 function
   * when a precompiled function draws random numbers; undefined when there is neither.
   */
  wasm: { bytes: Uint8Array; kernels: ShippedWasm["kernels"]; threefry?: string } | undefined;
}

/**
 * `prefix`: the module's emit prefix (phase 1), so declaration names cannot collide with the user's.
 * `topLevel`: the names the module binds at top level; a kernel whose globals (Math, Int32Array, ...)
 * include one of them is not pasted in (it would silently use the module's binding): fallback, NJ716.
 */
export function codegen(
  calls: ScheduledCall[],
  problems: Map<number, RawDiagnostic[]>,
  prefix = "__nj_",
  topLevel: ReadonlySet<string> = new Set(),
): ModuleKernels {
  const decls: KernelDecl[] = [];
  const bySig = new Map<string, KernelDecl>();
  const tables: ModuleKernels["tables"] = new Map();
  let tableN = 0,
    planN = 0;
  // generated sources declare every local and parameter they use: their only free names are JS globals, so
  // only a top-level name that is a global can shadow one (most modules bind none, and nothing is scanned)
  const shadowing = new Set([...topLevel].filter((n) => n in globalThis));
  for (const c of calls) {
    if (c.status !== "precompiled") continue;
    const bad = c.kernels.map((k) => checkKernel(k)).find((x) => x !== undefined);
    const shadowed = bad ? undefined : c.kernels.map((k) => shadowedName(k.source, shadowing)).find((n) => n !== undefined);
    if (bad || shadowed) {
      c.status = "fallback";
      const at = c.built.analysed.jit.call;
      const d = bad ? diag.runtimeUnavailable(at, bad) : diag.shadowedGlobal(at, shadowed!);
      c.reasons.push(d);
      (problems.get(c.built.analysed.jit.index) ?? problems.set(c.built.analysed.jit.index, []).get(c.built.analysed.jit.index)!).push(d);
      continue;
    }
    const entries: [string, string][] = [];
    for (const k of c.kernels) {
      let d = bySig.get(k.signature);
      if (!d) {
        d = { ...k, id: `${prefix}k${decls.length}` };
        decls.push(d);
        bySig.set(k.signature, d);
      }
      entries.push([k.signature, d.id]);
    }
    const ids = new Map(entries);
    const usable = c.plans.every((p) => checkSource(`plan ${p.key}`, p.source) === undefined && !shadowedName(p.source, shadowing));
    const plans = usable
      ? c.plans.map((p) => ({
          key: p.key,
          id: `${prefix}p${planN++}`,
          source: p.source,
          kernelIds: p.kernels.map((sig) => ids.get(sig)!),
          broadcasts: p.broadcasts,
        }))
      : [];
    const tableId = `${prefix}t${tableN++}`;
    const threefry = c.built.traces.some((t) => t.result.threefry);
    tables.set(c.built.analysed.jit.index, { id: tableId, entries, plans, plansId: plans.length ? `${tableId}p` : undefined, threefry });
  }
  const threefry = [...tables.values()].some((t) => t.threefry);
  return { decls, tables, wasm: moduleWasm(decls, threefry) };
}

// Content-keyed caches of this phase (a dev server rebuilds a module whose functions mostly did not change):
// by kernel or plan source, and the module's wasm by its kernels' names and signatures (equal signatures
// mean interchangeable kernels, the runtime's own wasm cache is keyed the same way) and the threefry flag.
const wasmCache = new Map<string, ModuleKernels["wasm"]>();

function moduleWasm(decls: KernelDecl[], threefry: boolean): ModuleKernels["wasm"] {
  const key = `${threefry}:${decls.map((d) => `${d.id}=${d.signature}`).join(",")}`;
  if (!wasmCache.has(key)) {
    const kernels = decls.map((d) => ({ name: d.id, signature: d.signature, ir: d.ir }));
    wasmCache.set(key, shipWasm(kernels, { threefry }));
  }
  return wasmCache.get(key);
}

const freeCache = new Map<string, string[]>();
/** Whether a source compiled alone, by source (read by the emit phase: the output check skips those). */
const compiled = new Map<string, boolean>();

/**
 * The source (a kernel's or a plan's) compiles alone as strict-mode JS: V8 compiles it (never runs it),
 * several times faster than TypeScript's parser, and no less strict.
 */
export function parsesAlone(source: string): boolean {
  let ok = compiled.get(source);
  if (ok === undefined) {
    try {
      new vm.Script(`"use strict";(${source}\n)`);
      ok = true;
    } catch {
      ok = false;
    }
    compiled.set(source, ok);
  }
  return ok;
}

/** Comments and string literals, leftmost first (a quote inside a comment, a `//` in a string read as JS reads them). */
const COMMENTS_AND_STRINGS = /\/\*[\s\S]*?\*\/|\/\/[^\n\r]*|"(?:[^"\\\n\r]|\\[\s\S])*"|'(?:[^'\\\n\r]|\\[\s\S])*'/g;
/** A property name: a word after a single `.` (not after `...`: a spread reads a variable). */
const PROPERTY = /(?<!\.)\.\s*[A-Za-z_$][\w$]*/g;
/**
 * Where that scan could misread: template literals, non-ASCII text (identifiers beyond `\w`, other line
 * terminators), unicode escapes, a `/` that may open a regex literal.
 */
const UNSCANNABLE = /[`\u0080-\uffff]|\\u|(?:^|[(,=:[!&|?{};]|\breturn)\s*\/(?![/*])/;

/**
 * The first name of `topLevel` that `source` uses without declaring it (a global the module's binding would
 * shadow), if any. Parsed only when the source spells one of the names outside comments, strings and
 * property names (generated sources rarely do), or cannot be scanned that way; scanned only when one of
 * the names is in its text at all.
 */
export function shadowedName(source: string, topLevel: ReadonlySet<string>): string | undefined {
  for (const n of topLevel) if (source.includes(n)) return spelledName(source, topLevel);
  return undefined;
}

function spelledName(source: string, topLevel: ReadonlySet<string>): string | undefined {
  if (!UNSCANNABLE.test(source)) {
    const words = source
      .replace(COMMENTS_AND_STRINGS, " ")
      .replace(PROPERTY, " ")
      .split(/[^\w$]+/);
    if (!words.some((w) => topLevel.has(w))) return undefined;
  }
  return freeNames(source).find((n) => topLevel.has(n));
}

/** Identifiers a kernel source uses but does not declare: the globals it needs from the module's scope. */
export function freeNames(source: string): string[] {
  const hit = freeCache.get(source);
  if (hit) return hit;
  const sf = tsv.createSourceFile("kernel.js", `(${source})`, tsv.ScriptTarget.Latest, true, tsv.ScriptKind.JS);
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (n: ts.Node): void => {
    const binds = tsv.isVariableDeclaration(n) || tsv.isParameter(n) || tsv.isBindingElement(n);
    if (binds && tsv.isIdentifier(n.name)) declared.add(n.name.text);
    else if ((tsv.isFunctionExpression(n) || tsv.isFunctionDeclaration(n)) && n.name) declared.add(n.name.text);
    else if (tsv.isIdentifier(n) && !isPropertyName(n)) used.add(n.text);
    tsv.forEachChild(n, visit);
  };
  visit(sf);
  const free = [...used].filter((u) => !declared.has(u));
  freeCache.set(source, free);
  return free;
}

function isPropertyName(n: ts.Identifier): boolean {
  const p = n.parent;
  return (
    (tsv.isPropertyAccessExpression(p) && p.name === n) ||
    (tsv.isPropertyAssignment(p) && p.name === n) ||
    ((tsv.isLabeledStatement(p) || tsv.isBreakOrContinueStatement(p)) && p.label === n)
  );
}

const checked = new Map<string, string | undefined>();

/**
 * undefined when the kernel source is one closed function expression that cannot reach code
 * generation; else why not. A token scan (comments and string literals removed first) is enough:
 * kernels are generated by the runtime's codegen, this is the last line of the "no eval" promise.
 */
export function checkKernel(k: Pick<KernelSource, "signature" | "kind" | "source">): string | undefined {
  return checkSource(`kernel ${k.signature}`, k.source);
}

/** checkKernel for any emitted function source (kernels and plans); `what` names it in the reason. */
function checkSource(what: string, source: string): string | undefined {
  if (checked.has(source)) return checked.get(source);
  let why: string | undefined;
  const code = source
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, " ")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
  if (!/^\s*function\b[\s\S]*\}\s*$/.test(code) || !balanced(code)) why = `${what} is not a single function expression`;
  else {
    const m = /\b(eval|Function|require|globalThis|window|self|importScripts|process|import)\b/.exec(code);
    if (m) why = `${what} references '${m[1]}'`;
  }
  checked.set(source, why);
  return why;
}

/** Brackets balance and the top-level function closes only at the very end. */
function balanced(code: string): boolean {
  let depth = 0,
    closedAt = -1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") {
      depth--;
      if (depth < 0) return false;
      if (depth === 0 && c === "}") {
        if (closedAt >= 0) return false;
        closedAt = i;
      }
    }
  }
  return depth === 0 && code.slice(closedAt + 1).trim() === "";
}

/** Empty the build's content caches (a benchmark of first builds; a long-running watcher freeing memory). */
export function clearBuildCaches(): void {
  for (const c of [wasmCache, freeCache, compiled, checked]) c.clear();
  clearCodegenCaches();
}
