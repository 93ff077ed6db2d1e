// Phase 5: codegen. The runtime's codegen already produced each kernel's JS source and each plan's
// (emitPlan); this phase builds the module's kernel table (deduplicated across functions by signature)
// and plan list, names the declarations, and checks every source is a single plain function expression
// that cannot reach eval / Function / dynamic import — the emitted module must run where code
// generation is forbidden. The kernels that have a WebAssembly form also go into one wasm module for the
// whole source module (the runtime's shipWasm: exports named after the JS declarations), with the
// threefry2x32 function when a precompiled function draws random numbers, which the emit phase ships
// inline or as an asset.
import type * as ts from "typescript";
import { type ShippedWasm, shipWasm } from "@numjit/runtime/internal";
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
  for (const c of calls) {
    if (c.status !== "precompiled") continue;
    const bad = c.kernels.map((k) => checkKernel(k)).find((x) => x !== undefined);
    const shadowed = bad ? undefined : c.kernels.flatMap((k) => freeNames(k.source)).find((n) => topLevel.has(n));
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
    const usable = c.plans.every(
      (p) => checkSource(`plan ${p.key}`, p.source) === undefined && !freeNames(p.source).some((n) => topLevel.has(n)),
    );
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
  const wasm = shipWasm(
    decls.map((d) => ({ name: d.id, signature: d.signature, ir: d.ir })),
    { threefry },
  );
  return { decls, tables, wasm };
}

const freeCache = new Map<string, string[]>();
/** Sources that parsed without a syntax error (read by the emit phase: the output check skips them). */
const parsedClean = new Set<string>();

/** The source (a kernel's or a plan's) parsed alone without a syntax error (in freeNames, which every source goes through). */
export const parsesAlone = (source: string): boolean => parsedClean.has(source);

/** Identifiers a kernel source uses but does not declare: the globals it needs from the module's scope. */
export function freeNames(source: string): string[] {
  const hit = freeCache.get(source);
  if (hit) return hit;
  const sf = tsv.createSourceFile("kernel.js", `(${source})`, tsv.ScriptTarget.Latest, true, tsv.ScriptKind.JS);
  if (!(sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) parsedClean.add(source);
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
