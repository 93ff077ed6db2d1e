// Every diagnostic the compiler can produce, in one file, one function per code.
// NJ7xx are warnings: the construct is not analysable at build time, so the jit() call is left to the
// runtime jit (it still works, it just compiles at run time). They never break a build.
// NJ8xx are errors: the program is wrong whatever the runtime does (incompatible shapes under an
// annotation, wrong arity, unknown numpy function, a malformed annotation).
import type * as ts from "typescript";

export type Severity = "warning" | "error";

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  frame?: string;
  /** The runtime error behind it (NJ715, NJ8xx): its code and structured data (op, shapes, dims...). */
  cause?: DiagnosticCause;
}

export interface DiagnosticCause {
  code: string;
  data: Readonly<Record<string, unknown>>;
}

/** A located diagnostic before file/line/column are resolved (positions are offsets in the source text). */
export interface RawDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  pos: number;
  end: number;
  cause?: DiagnosticCause;
}

const warn =
  (code: string) =>
  (pos: Span, message: string): RawDiagnostic => ({ code, severity: "warning", message, ...span(pos) });
const err =
  (code: string) =>
  (pos: Span, message: string): RawDiagnostic => ({ code, severity: "error", message, ...span(pos) });

export type Span = ts.Node | { pos: number; end: number };
function span(s: Span): { pos: number; end: number } {
  if ("getStart" in s && typeof s.getStart === "function") {
    try {
      return { pos: s.getStart(), end: s.end };
    } catch {
      return { pos: s.pos, end: s.end };
    }
  }
  return { pos: s.pos, end: s.end };
}

/** The catalogue. Each entry: code, one-line summary (used by docs and `numjit check --codes`), factory. */
export const diag = {
  // ---- NJ7xx: not analysable, left to the runtime jit --------------------------------------------
  /** jit(...) argument is not a function literal, a same-module function, or grad/valueAndGrad/vmap of one. */
  notAFunction: (at: Span, what: string) =>
    warn("NJ701")(
      at,
      `jit argument is ${what}; only an arrow function, a function expression or a function declared in this module can be precompiled`,
    ),
  /** A statement or expression form outside the analysable subset. */
  unsupportedSyntax: (at: Span, what: string) => warn("NJ702")(at, `${what} is not supported at build time`),
  /** A call to something that is neither numpy/nn/a transform nor a function of this module. */
  unknownCallee: (at: Span, name: string, why = "is not a numjit function or a function declared in this module") =>
    warn("NJ703")(at, `call to '${name}', which ${why}`),
  /** obj[expr] with a non-literal key, or property access on a value the compiler cannot see into. */
  dynamicProperty: (at: Span, what: string) => warn("NJ704")(at, `dynamic property access ${what}`),
  /** if / ?: / && / JS arithmetic on a traced array: control flow or a JS value depends on array data. */
  dataDependent: (at: Span, what: string) =>
    warn("NJ705")(at, `${what} depends on array data (a traced value); use np.where or make the argument static`),
  /** A for loop whose bounds are not known at build time. */
  loopBound: (at: Span, why: string) =>
    warn("NJ706")(at, `for loop bound is not static (${why}); only loops with constant bounds are unrolled`),
  /** An identifier that resolves to nothing the compiler can evaluate (mutable module state, globals). */
  freeVariable: (at: Span, name: string, why: string) => warn("NJ707")(at, `'${name}' ${why}`),
  /** staticArgnums names an argument whose values cannot be known at build time. */
  staticValues: (at: Span, param: string) =>
    warn("NJ708")(
      at,
      `static argument '${param}' has no value known at build time; give it a default, ` +
        `call the jitted function with a literal in this module, or add '@numjit ${param} = <value> | <value>'`,
    ),
  /** jit options that are not a literal object of staticArgnums/staticArgnames. */
  options: (at: Span, what: string) => warn("NJ709")(at, `jit options ${what}`),
  /** The rank of unannotated array arguments is not known at build time (one diagnostic per function). */
  unknownRank: (at: Span, fn: string, paths: readonly string[], example: string) =>
    warn("NJ710")(
      at,
      `the rank of ${paths.map((p) => `'${p}'`).join(", ")} is not known at build time: no @numjit annotation, no call of ${fn} ` +
        `the compiler can see gives it, and ${fn} is not elementwise; annotate it, e.g. '/** @numjit ${example} */' ` +
        "(dims are symbols or numbers)",
    ),
  /** grad/vmap/... not available in the runtime, or used with options the compiler cannot evaluate. */
  transform: (at: Span, what: string, why: string) => warn("NJ711")(at, `cannot apply ${what} at build time: ${why}`),
  /** Inlining went too deep (recursion). */
  recursion: (at: Span, name: string) => warn("NJ712")(at, `recursive call to '${name}' cannot be inlined`),
  /** The runtime's build-time entry (@numjit/runtime/internal buildKernels) is missing or failed. */
  runtimeUnavailable: (at: Span, why: string) => warn("NJ713")(at, `the runtime could not build kernels: ${why}`),
  /** Assignment to something other than a local variable (outer state, object properties). */
  mutation: (at: Span, what: string) => warn("NJ714")(at, `assignment to ${what} has effects outside the function`),
  /** Tracing hit a runtime error the compiler cannot attribute to a static shape fact. */
  traceFailed: (at: Span, message: string) => warn("NJ715")(at, `tracing at build time failed: ${message}`),
  /** A kernel uses a global (Math, Int32Array, ...) that the module redeclares: pasted in, it would bind the module's. */
  shadowedGlobal: (at: Span, name: string) =>
    warn("NJ716")(
      at,
      `the kernels use the global '${name}', which this module declares at top level; ` +
        "pasted into the module they would use the module's",
    ),
  /** AutoGraph kept an if/while as JS (break, early return, outer mutation) and its condition is traced. */
  autograph: (at: Span, construct: string, reason: string) =>
    warn("NJ717")(
      at,
      `${construct} on a traced value cannot be lowered to lax control flow: ${reason}; ` +
        "restructure it (np.where, lax.cond/whileLoop/foriLoop) or make the condition static",
    ),

  // ---- NJ8xx: real errors -------------------------------------------------------------------------
  /** Statically incompatible shapes under a shape annotation (matmul inner dims, broadcast, reshape...). */
  shape: (at: Span, message: string) => err("NJ801")(at, message),
  /** Wrong number of arguments to a numpy/nn function, a module function, or a jitted function. */
  arity: (at: Span, name: string, expected: string, got: number) =>
    err("NJ802")(at, `${name} expects ${expected} argument${expected === "1" ? "" : "s"}, got ${got}`),
  /** np.foo / nn.foo / x.foo() that does not exist in the runtime. */
  unknownFunction: (at: Span, name: string, suggestion?: string) =>
    err("NJ803")(at, `unknown numjit function '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ""}`),
  /** A dtype error under an annotation (e.g. np.sin on int32 where float is required). */
  dtype: (at: Span, message: string) => err("NJ804")(at, message),
  /** Malformed @numjit annotation, or one naming a parameter that does not exist. */
  annotation: (at: Span, message: string) => err("NJ805")(at, `@numjit annotation: ${message}`),
  /** staticArgnums out of range for the function. */
  staticArgnums: (at: Span, message: string) => err("NJ806")(at, `staticArgnums: ${message}`),
  /** Other argument errors raised by numpy functions under an annotation (bad axis, bad option). */
  argument: (at: Span, message: string) => err("NJ807")(at, message),
  /** The input could not be parsed. */
  parse: (at: Span, message: string) => err("NJ808")(at, `syntax error: ${message}`),
  /** A transformation rejects the function under an annotation (grad of a non-scalar, bad argnums). */
  transformation: (at: Span, message: string) => err("NJ809")(at, message),
  /** The compiler's output does not parse or binds a name twice (a compiler bug): it is never handed on. */
  emitted: (at: Span, line: number, column: number, why: string) =>
    err("NJ810")(at, `the emitted code does not load (at ${line}:${column} of the output): ${why}`),
} as const;

export type DiagnosticFactory = keyof typeof diag;

/** code -> summary, for README generation and `numjit check --codes`. */
export const CODES: Record<string, string> = {
  NJ701: "jit argument is not a function the compiler can see",
  NJ702: "unsupported syntax inside a jit function",
  NJ703: "call to an unknown function",
  NJ704: "dynamic property access",
  NJ705: "control flow or JS arithmetic on array data",
  NJ706: "for loop without static bounds",
  NJ707: "reference to a value not known at build time",
  NJ708: "static argument without build-time values",
  NJ709: "jit options not a literal",
  NJ710: "rank of an unannotated array argument not known at build time",
  NJ711: "transformation not available at build time",
  NJ712: "recursive function cannot be inlined",
  NJ713: "runtime build-time entry unavailable or failed",
  NJ714: "assignment with outside effects",
  NJ715: "tracing failed at build time",
  NJ716: "a kernel's global is redeclared by the module",
  NJ717: "control flow on a traced value that AutoGraph cannot lower",
  NJ801: "statically incompatible shapes",
  NJ802: "wrong number of arguments",
  NJ803: "unknown numjit function",
  NJ804: "dtype error",
  NJ805: "malformed @numjit annotation",
  NJ806: "staticArgnums out of range",
  NJ807: "invalid argument",
  NJ808: "syntax error",
  NJ809: "transformation rejects the function",
  NJ810: "emitted code does not parse (compiler bug)",
};

/** Resolve positions to 1-based line/column and attach a code frame. */
export function locate(raw: RawDiagnostic, sf: ts.SourceFile, file: string): Diagnostic {
  const start = Math.max(0, Math.min(raw.pos, sf.text.length));
  const { line, character } = sf.getLineAndCharacterOfPosition(start);
  return {
    code: raw.code,
    severity: raw.severity,
    message: raw.message,
    file,
    line: line + 1,
    column: character + 1,
    frame: codeFrame(sf.text, line, character, Math.max(1, Math.min(raw.end, lineEnd(sf.text, start)) - start)),
    ...(raw.cause ? { cause: raw.cause } : {}),
  };
}

function lineEnd(text: string, pos: number): number {
  const i = text.indexOf("\n", pos);
  return i < 0 ? text.length : i;
}

/** Two lines of context before, the line with a caret underline, one line after (Babel style). */
export function codeFrame(text: string, line0: number, col0: number, length: number): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(0, line0 - 2);
  const last = Math.min(lines.length - 1, line0 + 1);
  const width = String(last + 1).length;
  const out: string[] = [];
  for (let i = first; i <= last; i++) {
    const mark = i === line0 ? ">" : " ";
    out.push(`${mark} ${String(i + 1).padStart(width)} | ${lines[i]}`.trimEnd());
    if (i === line0) {
      const prefix = (lines[i] ?? "").slice(0, col0).replace(/[^\t]/g, " ");
      out.push(`  ${" ".repeat(width)} | ${prefix}${"^".repeat(Math.max(1, length))}`);
    }
  }
  return out.join("\n");
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`;
  return d.frame ? `${head}\n${d.frame}` : head;
}

/** Thrown by transform() with diagnostics: "error" when any error-severity diagnostic exists. */
export class NumjitCompileError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(
      diagnostics
        .filter((d) => d.severity === "error")
        .map(formatDiagnostic)
        .join("\n\n"),
    );
    this.name = "NumjitCompileError";
    this.diagnostics = diagnostics;
  }
}
