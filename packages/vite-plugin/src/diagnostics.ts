// Compiler diagnostics -> Rollup/Rolldown logs, so Vite prints them with a location and a code frame and
// the dev-server overlay can show an error on the offending line.
//
// Conventions differ: the compiler reports 1-based lines and columns (editor style); Rollup's `loc` uses a
// 1-based line and a 0-based column, and Vite maps `loc` through the module's source map with that
// convention. We convert here and nowhere else.
import type { Rollup } from "vite";
import type { Diagnostic } from "./compiler.js";

export type DiagnosticsMode = "warn" | "error";

export interface NumjitLog extends Rollup.RollupLog {
  code: string;
  message: string;
  loc: { file: string; line: number; column: number };
  frame: string;
}

/** How a diagnostic is reported: "warning" logs and keeps building, "error" fails the module. */
export function effectiveSeverity(d: Diagnostic, mode: DiagnosticsMode): "warning" | "error" {
  return d.severity === "error" || mode === "error" ? "error" : "warning";
}

export function toLog(d: Diagnostic, file: string, source: string, withLocationInMessage: boolean): NumjitLog {
  const line = Math.max(1, d.line);
  const column = Math.max(1, d.column);
  const frame = d.frame ?? codeFrame(source, line, column);
  const head = d.message.startsWith(d.code) ? d.message : `${d.code} ${d.message}`;
  // `vite build` prints plugin warnings as "[plugin numjit] <message>" only (no loc, no frame), so in
  // build mode the location and the frame travel inside the message. In dev Vite appends both itself.
  const message = withLocationInMessage ? `${head}\n  at ${file}:${line}:${column}\n${indent(frame)}` : head;
  return { code: d.code, message, loc: { file, line, column: column - 1 }, frame: overlayFrame(frame) };
}

/**
 * Babel-style frames mark the current line with "> " and right-align line numbers. Vite's overlay shows
 * `frame.trim()`, which would eat the first line's indentation and shear the frame; Vite's own frames
 * left-align the numbers and use no marker (the caret line says where). Rewrite to that shape.
 */
export function overlayFrame(frame: string): string {
  const rows = frame.split("\n").map((l) => /^[> ] ( *)(\d*) \|(.*)$/.exec(l));
  if (rows.some((m) => m === null)) return frame;
  const width = Math.max(...rows.map((m) => m![2]!.length));
  return rows.map((m) => `${m![2]!.padEnd(width)} |${m![3]}`).join("\n");
}

/** Several errors in one module: the first is thrown with its location, the others ride in the message. */
export function combineErrors(logs: NumjitLog[]): NumjitLog {
  const [first, ...rest] = logs;
  if (first === undefined) throw new Error("combineErrors: no errors");
  if (rest.length === 0) return first;
  const more = rest.map((l) => `  ${l.message.split("\n")[0]} (${l.loc.file}:${l.loc.line}:${l.loc.column + 1})`);
  return { ...first, message: `${first.message}\n(and ${rest.length} more in this module)\n${more.join("\n")}` };
}

/** A Babel-style frame: two lines of context either side and a caret under the column. */
export function codeFrame(source: string, line: number, column: number, context = 2): string {
  const lines = source.split(/\r\n|\r|\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? "";
    const gutter = `${n === line ? ">" : " "} ${String(n).padStart(width)} |`;
    out.push(text.length > 0 ? `${gutter} ${text}` : gutter);
    if (n === line) {
      const pad = text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, " ");
      out.push(`  ${" ".repeat(width)} | ${pad}^`);
    }
  }
  return out.join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
