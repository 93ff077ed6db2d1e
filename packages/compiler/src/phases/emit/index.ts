// Phase 6: emit. Plans the edits to the module, as text, so each front door can apply them its own way
// (magic-string for transform(), TS factory nodes for the tsc transformer):
//   - the import of `precompiled`, after the last import (imports are hoisted, so it is bound wherever
//     it sits, and the module's imports keep their evaluation order): from the light
//     "@numjit/runtime/precompiled" when every precompiled function of the module has plans (the app
//     need not bundle the tracer, passes, scheduler or code generator), else from
//     "@numjit/runtime/internal", which also brings the runtime jit a function without plans runs on;
//   - the kernel declarations and plan factories (pasted sources, no eval), one kernel table and one
//     plan list per function, as `const`s before the first statement that runs (after the leading
//     imports): a `const` is in its TDZ until its declaration runs, and an import may legally follow
//     code that calls jit();
//   - the module's wasm kernels (phase 5), when any kernel has a wasm form or a function draws random
//     numbers (the threefry2x32 function is then in the module too): one `__nj_w` record shared
//     by every function of the module, its module bytes inline as base64 (the CLI, the tsc
//     transformer, `vite dev`) or, through the `wasm` option, an asset URL expression (`vite build`);
//     each plan lists per kernel its wasm export (or null) and its size, for the backend's size rule;
//   - per precompiled call: the callee `jit` / `nj.jit` becomes `__nj_pre`, and the options gain
//     `name`, `kernels`, `plans` and `wasm`. A call runs its plan (guard, sizes, kernels: no trace); the original
//     function stays as written for the runtime jit (a call no plan serves) and for transformations.
// Every added name starts with the module's emit prefix (phase 1: "__nj_" unless the module already
// uses a name starting with it), so the names neither collide with nor are shadowed by the user's.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import type MagicString from "magic-string";
import type { SourceMap } from "magic-string";
import type { ModuleScope } from "../find/index.js";
import type { ScheduledCall } from "../schedule/index.js";
import type { AnalysedCall } from "../analyse/index.js";
import { type ModuleKernels, parsesAlone } from "../codegen/index.js";
import { codegenVersion } from "@numjit/runtime/internal";

export const INTERNAL_MODULE = "@numjit/runtime/internal";
/** The light entry: `precompiled` without the tracer, passes, scheduler or code generator. */
export const PRECOMPILED_MODULE = "@numjit/runtime/precompiled";
/** The local name of `precompiled` for a module's emit prefix. */
export const preName = (prefix: string): string => `${prefix}pre`;

export interface CallEdit {
  call: ts.CallExpression;
  calleeStart: number;
  calleeEnd: number;
  /** Properties to add to the options: `name: "f", kernels: __nj_t0`. */
  props: string;
  /** False when the user's options already give a name. */
  addName: boolean;
  /** Existing options object literal, if any (props go right after its `{`). */
  options: ts.ObjectLiteralExpression | undefined;
  /** Where to append `, { props }` when there are no options. */
  appendAt: number;
  name: string;
  tableId: string;
  /** Static positions traced as scalar inputs (`tracedStatics` of the precompiled spec), if any. */
  tracedStatics: number[];
  /** `[index, value]` number defaults of traced parameters (`defaults` of the precompiled spec), if any. */
  defaults: [number, number][];
  /** The call's plan list, when it has plans. */
  plansId: string | undefined;
  /** The module's shipped wasm record, when some kernel of the call is in it. */
  wasmId: string | undefined;
  /** The call has plans: no runtime jit needed for the calls they serve. */
  hasPlans: boolean;
}

export interface EmitPlan {
  /** Local name of `precompiled` (the new callee of every rewritten call). */
  pre: string;
  /** Where the import goes: after the last import declaration (imports are hoisted). */
  importPos: number;
  /** Where the kernel declarations go: before the first statement that runs. */
  declsPos: number;
  /** Where `precompiled` comes from: PRECOMPILED_MODULE or INTERNAL_MODULE. */
  module: string;
  /** `import { precompiled as <pre> } from "<module>";` */
  importText: string;
  declTexts: DeclText[];
  calls: CallEdit[];
}

/**
 * One declaration the emit adds; `parsed`: its text is known to parse alone (a kernel or plan source that
 * parsed alone, or a literal the emit built from JSON text, numbers and its own identifiers), so the output
 * check need not parse it again.
 */
export interface DeclText {
  id: string;
  text: string;
  parsed: boolean;
}

export interface EmitOptions {
  /** Add each function's jaxpr as a comment before its kernel table. */
  emitIR?: boolean;
  /**
   * How the module's wasm kernels ship: "inline" (default: the module bytes as base64 in the module),
   * "none" (JS kernels only), or a function given the module bytes that returns a JS expression for
   * their URL (a bundler asset: the Vite plugin emits a `.wasm` file).
   */
  wasm?: "inline" | "none" | ((bytes: Uint8Array) => string);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * `[index, value]` of the traced (non-static) parameters whose default is a number literal (`eps = 1e-5`):
 * the plan traced them as scalar inputs, so a call that leaves them out is served by passing the default.
 */
function numericDefaults(a: AnalysedCall): [number, number][] {
  return a.params.flatMap((p): [number, number][] =>
    typeof p.defaultValue === "number" && !a.staticArgnums.includes(p.index) && !p.node.dotDotDotToken ? [[p.index, p.defaultValue]] : [],
  );
}

export function planEmit(scope: ModuleScope, calls: ScheduledCall[], kernels: ModuleKernels, opts: EmitOptions = {}): EmitPlan | undefined {
  const edits: CallEdit[] = [];
  const wasm = opts.wasm === "none" ? undefined : kernels.wasm;
  const wasmId = `${scope.emitPrefix}w`;
  for (const c of calls) {
    const t = kernels.tables.get(c.built.analysed.jit.index);
    if (c.status !== "precompiled" || !t) continue;
    const jc = c.built.analysed.jit;
    const opt = jc.options && unwrap(jc.options);
    const userNamed =
      !!opt &&
      tsv.isObjectLiteralExpression(opt) &&
      opt.properties.some((p) => p.name !== undefined && tsv.isIdentifier(p.name) && p.name.text === "name");
    const traced = c.built.tracedStatics.length ? `, tracedStatics: ${JSON.stringify(c.built.tracedStatics)}` : "";
    const defaults = numericDefaults(c.built.analysed);
    const withDefaults = defaults.length ? `, defaults: ${JSON.stringify(defaults)}` : "";
    const shipsWasm = !!wasm && (t.entries.some(([, id]) => id in wasm.kernels) || (t.threefry && wasm.threefry !== undefined));
    const props =
      `kernels: ${t.id}${t.plansId ? `, plans: ${t.plansId}` : ""}` + traced + withDefaults + (shipsWasm ? `, wasm: ${wasmId}` : "");
    edits.push({
      call: jc.call,
      calleeStart: jc.call.expression.getStart(scope.sf),
      calleeEnd: jc.call.expression.end,
      props: userNamed ? props : `name: ${JSON.stringify(jc.name)}, ${props}`,
      addName: !userNamed,
      options: opt && tsv.isObjectLiteralExpression(opt) ? opt : undefined,
      appendAt: jc.target.end,
      name: jc.name,
      tableId: t.id,
      tracedStatics: c.built.tracedStatics,
      defaults,
      plansId: t.plansId,
      wasmId: shipsWasm ? wasmId : undefined,
      hasPlans: t.plansId !== undefined,
    });
  }
  if (!edits.length) return undefined;
  const pre = preName(scope.emitPrefix);
  // a function without plans traces every call: that needs the runtime jit
  const module = edits.every((e) => e.hasPlans) ? PRECOMPILED_MODULE : INTERNAL_MODULE;
  const importText = importOf(pre, module);
  const declTexts: DeclText[] = [];
  const fn = (id: string, source: string): DeclText => ({ id, text: `const ${id} = ${source};`, parsed: parsesAlone(source) });
  for (const d of kernels.decls) declTexts.push(fn(d.id, d.source));
  if (wasm && edits.some((e) => e.wasmId !== undefined)) {
    // an asset URL is the caller's expression: parsed with the output; inline bytes are a JSON string
    const url = typeof opts.wasm === "function" ? opts.wasm(wasm.bytes) : undefined;
    const where = url !== undefined ? `url: ${url}` : `bytes: ${JSON.stringify(base64(wasm.bytes))}`;
    const threefry = wasm.threefry !== undefined ? `, threefry: ${JSON.stringify(wasm.threefry)}` : "";
    declTexts.push({
      id: wasmId,
      text: `const ${wasmId} = { ${where}, kernels: ${JSON.stringify(wasm.kernels)}${threefry} };`,
      parsed: url === undefined,
    });
  }
  for (const c of calls) {
    const t = kernels.tables.get(c.built.analysed.jit.index);
    if (!t || c.status !== "precompiled") continue;
    // "@codegen" names the generator that made these kernels; the runtime warns when it differs
    const entries = [`"@codegen": ${JSON.stringify(codegenVersion())}`, ...t.entries.map(([sig, id]) => `${JSON.stringify(sig)}: ${id}`)];
    let text = `const ${t.id} = { ${entries.join(", ")} };`;
    if (opts.emitIR) {
      const ir = c.built.traces.map((tr) => `${c.built.analysed.jit.name} (${tr.argsText}):\n${tr.result.optimizedText}`).join("\n");
      text = `/* numjit IR\n${ir.replace(/\*\//g, "* /")}\n*/\n${text}`;
    }
    declTexts.push({ id: t.id, text, parsed: !opts.emitIR });
    for (const p of t.plans) declTexts.push(fn(p.id, p.source));
    if (t.plansId) {
      const list = t.plans.map((p) => {
        const ship = wasm && p.kernelIds.some((id) => id in wasm.kernels);
        const exports = p.kernelIds.map((id) => (wasm && id in wasm.kernels ? JSON.stringify(id) : "null"));
        const w = ship ? `, wasm: [${exports.join(", ")}]` : "";
        const b = p.broadcasts ? ", broadcasts: true" : "";
        return `{ key: ${JSON.stringify(p.key)}, make: ${p.id}, kernels: [${p.kernelIds.join(", ")}]${w}${b} }`;
      });
      declTexts.push({ id: t.plansId, text: `const ${t.plansId} = [${list.join(", ")}];`, parsed: true });
    }
  }
  return {
    pre,
    module,
    importPos: Math.max(scope.importsEnd, scope.codeStart),
    declsPos: scope.codeStart,
    importText,
    declTexts,
    calls: edits,
  };
}

/** The import of `precompiled` as `local` from `module` (an ES module's). */
export const importOf = (local: string, module: string): string => `import { precompiled as ${local} } from ${JSON.stringify(module)};`;

function unwrap(e: ts.Expression): ts.Expression {
  while (tsv.isParenthesizedExpression(e) || tsv.isAsExpression(e) || tsv.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/**
 * Apply the plan to a MagicString over the original text; `at` maps the plan's positions (in the text
 * the pipeline parsed: the AutoGraph-converted module) to it.
 */
export function applyPlan(ms: MagicString, plan: EmitPlan, at: (pos: number) => number = (p) => p): void {
  const decls = plan.declTexts.map((d) => d.text).join("\n");
  if (plan.importPos === plan.declsPos) ms.appendLeft(at(plan.declsPos), `\n${plan.importText}\n${decls}\n`);
  else {
    ms.appendLeft(at(plan.declsPos), `\n${decls}\n`);
    ms.appendLeft(at(plan.importPos), `\n${plan.importText}`);
  }
  for (const e of plan.calls) {
    ms.overwrite(at(e.calleeStart), at(e.calleeEnd), plan.pre);
    if (e.options) {
      const brace = at(e.options.getStart() + 1);
      ms.appendLeft(brace, e.options.properties.length ? ` ${e.props},` : ` ${e.props} `);
    } else {
      ms.appendLeft(at(e.appendAt), `, { ${e.props} }`);
    }
  }
}

export type { SourceMap };
