// Declarations printed after the emit (buildFile): the tsc transformer can print the kernel, plan and table
// declarations as one-line stubs (`const __nj_k0 = 0;`, see validate.ts), and the text goes in after
// TypeScript's printer ran — the printer need not write (and track the lines and columns of) most of an
// emitted module's text, and the output check need not read it. The source map gains one empty line per
// extra line of each declaration: they come from no source, so no segment moves.
import type { DeclText } from "./phases/emit/index.js";
import { stub } from "./validate.js";

/** Line terminators as TypeScript counts them for its source maps. */
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;
const lineBreaks = (s: string): number => s.match(LINE_BREAK)?.length ?? 0;

/** `code` with each deferred declaration's stub replaced by its text (in order), and `map` (JSON) to match. */
export function spliceDecls(code: string, map: string | undefined, decls: readonly DeclText[]): { code: string; map: string | undefined } {
  if (!decls.length) return { code, map };
  const parts: string[] = [];
  const inserted: [line: number, count: number][] = [];
  let from = 0,
    line = 0;
  for (const d of decls) {
    const s = stub(d.id);
    const pos = code.indexOf(s, from);
    if (pos < 0) throw new Error(`numjit: internal error: the emitted module lost the declaration of ${d.id}`);
    line += lineBreaks(code.slice(from, pos));
    parts.push(code.slice(from, pos), d.text);
    inserted.push([line, lineBreaks(d.text)]);
    from = pos + s.length;
  }
  parts.push(code.slice(from));
  if (map === undefined) return { code: parts.join(""), map };
  const raw = JSON.parse(map) as { mappings: string };
  const lines = raw.mappings.split(";");
  for (let i = inserted.length - 1; i >= 0; i--) {
    const [at, count] = inserted[i]!;
    if (count) lines.splice(at + 1, 0, ...new Array<string>(count).fill(""));
  }
  raw.mappings = lines.join(";");
  return { code: parts.join(""), map: JSON.stringify(raw) };
}
