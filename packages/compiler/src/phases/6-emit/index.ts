// Phase 6: emit. Plans the edits to the module, as text, so each front door can apply them its own way
// (magic-string for transform(), TS factory nodes for the tsc transformer):
//   - one header after the imports: the import of `precompiled` from "@numjit/runtime/internal",
//     the kernel declarations (pasted sources, no eval) and one kernel table per function;
//   - per precompiled call: the callee `jit` / `nj.jit` becomes `__nj_pre`, and the options gain
//     `name` and `kernels`. The original function stays as written: the runtime traces it for each
//     new shape (cheap) and takes kernels from the table by signature.
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import MagicString, { type SourceMap } from "magic-string";
import type { ModuleScope } from "../1-find/index.js";
import type { ScheduledCall } from "../4-schedule/index.js";
import type { ModuleKernels } from "../5-codegen/index.js";
import { codegenVersion } from "@numjit/runtime/internal";

export const INTERNAL_MODULE = "@numjit/runtime/internal";
export const PRE = "__nj_pre";

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
}

export interface EmitPlan {
  headerPos: number;
  /** Leading newline included; JS only. */
  header: string;
  /** The header split into statements (for the TS-factory front door). */
  importText: string;
  declTexts: { id: string; text: string }[];
  calls: CallEdit[];
}

export interface EmitOptions {
  /** Add each function's jaxpr as a comment before its kernel table. */
  emitIR?: boolean;
}

export function planEmit(scope: ModuleScope, calls: ScheduledCall[], kernels: ModuleKernels, opts: EmitOptions = {}): EmitPlan | undefined {
  const edits: CallEdit[] = [];
  for (const c of calls) {
    const t = kernels.tables.get(c.built.analysed.jit.index);
    if (c.status !== "precompiled" || !t) continue;
    const jc = c.built.analysed.jit;
    const opt = jc.options && unwrap(jc.options);
    const userNamed = !!opt && tsv.isObjectLiteralExpression(opt) && opt.properties.some((p) => p.name !== undefined && tsv.isIdentifier(p.name) && p.name.text === "name");
    edits.push({
      call: jc.call,
      calleeStart: jc.call.expression.getStart(scope.sf),
      calleeEnd: jc.call.expression.end,
      props: userNamed ? `kernels: ${t.id}` : `name: ${JSON.stringify(jc.name)}, kernels: ${t.id}`,
      addName: !userNamed,
      options: opt && tsv.isObjectLiteralExpression(opt) ? opt : undefined,
      appendAt: jc.target.end,
      name: jc.name,
      tableId: t.id,
    });
  }
  if (!edits.length) return undefined;
  const importText = `import { precompiled as ${PRE} } from ${JSON.stringify(INTERNAL_MODULE)};`;
  const declTexts: { id: string; text: string }[] = [];
  for (const d of kernels.decls) declTexts.push({ id: d.id, text: `const ${d.id} = ${d.source};` });
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
    declTexts.push({ id: t.id, text });
  }
  const header = `\n${importText}\n${declTexts.map((d) => d.text).join("\n")}\n`;
  return { headerPos: headerPosition(scope), header, importText, declTexts, calls: edits };
}

function unwrap(e: ts.Expression): ts.Expression {
  while (tsv.isParenthesizedExpression(e) || tsv.isAsExpression(e) || tsv.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** After the last import; else after a shebang and leading directives ("use strict"). */
function headerPosition(scope: ModuleScope): number {
  if (scope.importsEnd > 0) return scope.importsEnd;
  let pos = 0;
  for (const st of scope.sf.statements) {
    if (tsv.isExpressionStatement(st) && tsv.isStringLiteral(st.expression)) pos = st.end;
    else break;
  }
  if (pos === 0 && scope.sf.text.startsWith("#!")) pos = scope.sf.text.indexOf("\n") + 1 || scope.sf.text.length;
  return pos;
}

/** Apply the plan to source text with magic-string (keeps a precise source map). */
export function applyWithMagicString(code: string, plan: EmitPlan): MagicString {
  const ms = new MagicString(code);
  ms.appendLeft(plan.headerPos, plan.header);
  for (const e of plan.calls) {
    ms.overwrite(e.calleeStart, e.calleeEnd, PRE);
    if (e.options) {
      const brace = e.options.getStart() + 1;
      ms.appendLeft(brace, e.options.properties.length ? ` ${e.props},` : ` ${e.props} `);
    } else {
      ms.appendLeft(e.appendAt, `, { ${e.props} }`);
    }
  }
  return ms;
}

export type { SourceMap };
