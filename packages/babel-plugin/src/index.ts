// @numjit/babel-plugin: numjit in any pipeline built on @babel/core (babel-loader, Jest, Metro/React
// Native, Next.js with a Babel config).
//
// A thin shell over `transform` from @numjit/compiler, which works on source text: the plugin's
// `parserOverride` hands it the file's text, parses the result with Babel's own parser (same parser
// options, so TypeScript/JSX syntax plugins still apply) and moves every node's location back to the
// original text through the transform's source map. Babel's generator then maps the output to the
// original file and chains any input source map as usual. NJ8xx errors are thrown as Babel code-frame
// errors; warnings are printed Babel-style (file:line:col, code frame) to stderr.
import { decode } from "@jridgewell/sourcemap-codec";
import { type Diagnostic, type Totals, addStats, diagnosticText, emptyTotals, summaryLine, transform } from "@numjit/compiler";

export interface NumjitBabelOptions {
  /** "warn" (default): fallbacks to the runtime jit are warnings. "error": they fail the file too. */
  diagnostics?: "warn" | "error";
  /** Print the build summary when the process exits (Babel has no end-of-build hook). Default false. */
  summary?: boolean;
  /** Where warnings go. Default: console.warn. */
  warn?: (text: string) => void;
}

/** The part of Babel's plugin API used here (kept structural: no @types/babel__core dependency). */
interface BabelApi {
  assertVersion(range: number | string): void;
}

interface Position {
  line: number;
  column: number;
  index?: number;
}

interface Loc {
  start: Position;
  end: Position;
}

type Parse = (code: string, opts: object) => unknown;

interface PluginObject {
  name: string;
  parserOverride(code: string, parserOpts: { sourceFileName?: string; sourceFilename?: string }, parse: Parse): unknown;
  visitor: object;
}

const CODE_FILTER = /\bjit\b/;
const totals: Totals = emptyTotals();
let summaryHooked = false;

export function numjitBabel(api: BabelApi, options: NumjitBabelOptions = {}): PluginObject {
  api.assertVersion(7);
  const warn = options.warn ?? ((t: string) => console.warn(t));
  if (options.summary && !summaryHooked) {
    summaryHooked = true;
    process.once("exit", () => console.log(summaryLine(totals)));
  }
  return {
    name: "numjit",
    parserOverride(code, parserOpts, parse) {
      if (!CODE_FILTER.test(code)) return parse(code, parserOpts);
      const file = parserOpts.sourceFileName ?? parserOpts.sourceFilename ?? "unknown.js";
      const t0 = performance.now();
      const r = transform(code, file, { sourceMap: true });
      addStats(totals, r.stats, performance.now() - t0);
      const errors = r.diagnostics.filter((d) => d.severity === "error" || options.diagnostics === "error");
      for (const d of r.diagnostics) if (!errors.includes(d)) warn(babelStyle(d, code, "warning"));
      if (errors.length > 0) throw parseStyleError(errors);
      if (r.code === code || r.map === null) return parse(code, parserOpts);
      const ast = parse(r.code, parserOpts);
      remapLocations(ast, lookup(r.map.mappings));
      return ast;
    },
    visitor: {},
  };
}

export default numjitBabel;

/**
 * Babel turns an error thrown from parsing that carries `loc` into its own format: "file: message" and a
 * code frame at loc (BABEL_PARSE_ERROR). The first error is located; any others ride in the message.
 */
function parseStyleError(errors: Diagnostic[]): Error {
  const [first, ...rest] = errors as [Diagnostic, ...Diagnostic[]];
  const more = rest.map((d) => `\n  ${d.code} ${d.message} (${d.line}:${d.column})`).join("");
  const e = new SyntaxError(`${first.code} ${first.message}${more}`) as SyntaxError & { loc: object; code: string; numjit: Diagnostic[] };
  e.loc = { line: first.line, column: first.column - 1 };
  e.numjit = errors;
  return e;
}

function babelStyle(d: Diagnostic, code: string, kind: "warning" | "error"): string {
  return `${d.file}:${d.line}:${d.column} - ${kind} ${diagnosticText(d, code).replace(/\n {2}at [^\n]*/, "")}`;
}

/** generated (1-based line, 0-based column) -> original, from a hires magic-string map with one source. */
function lookup(mappings: string): (p: Position) => Position | null {
  const lines = decode(mappings);
  return (p) => {
    const segs = lines[p.line - 1];
    if (!segs || segs.length === 0) return null;
    let lo = 0,
      hi = segs.length - 1,
      best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid]![0] <= p.column) [best, lo] = [mid, mid + 1];
      else hi = mid - 1;
    }
    const s = best >= 0 ? segs[best] : undefined;
    if (!s || s.length < 4) return null;
    return { line: s[2]! + 1, column: s[3]! + (p.column - s[0]) };
  };
}

/**
 * Points every node (and comment) of the re-parsed program back at the original text. Nodes of inserted
 * code (kernels, the kernel table) have no original; they lose their location (Babel's generator then
 * carries the last mapped position forward: the statement before the insertion). (`start`/`end` offsets stay those of the transformed text:
 * Babel's generator maps from `loc` only.)
 */
function remapLocations(ast: unknown, map: (p: Position) => Position | null): void {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as { type?: unknown; loc?: Loc | null; start?: number | null; end?: number | null };
    if (typeof n.type === "string" && n.loc) {
      const start = map(n.loc.start);
      const end = map(n.loc.end) ?? start;
      if (start && end) n.loc = { ...n.loc, start, end };
      else n.loc = null;
    }
    for (const [k, v] of Object.entries(node)) if (k !== "loc" && typeof v === "object") visit(v);
  };
  visit(ast);
}
