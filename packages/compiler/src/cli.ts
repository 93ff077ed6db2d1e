#!/usr/bin/env node
// numjit: build | inspect | check. Thin shell over the compiler (buildFile / compileModule).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cliProgress from "cli-progress";
import { type FileResult, UsageError, buildFile, collectFiles, outputName } from "./build.js";
import { compileConverted, parse, parseErrors } from "./compile-module.js";
import { ModuleGraph } from "./module-graph.js";
import { CODES, type Diagnostic, formatDiagnostic } from "./diagnostics.js";

interface Flag {
  name: string;
  value?: string;
  help: string;
}

const COMMON: Flag[] = [
  { name: "help", help: "show this help" },
  { name: "quiet", help: "print errors and the summary only" },
  { name: "no-color", help: "plain output" },
];

const COMMANDS: Record<string, { usage: string; about: string; flags: Flag[] }> = {
  build: {
    usage: "numjit build <files|dirs...> --outDir <dir> [options]",
    about: "Compile TS/JS files to JS with jit() functions precompiled; writes .js and .js.map files.",
    flags: [
      { name: "outDir", value: "dir", help: "output directory (required); mirrors each input directory" },
      { name: "no-sourcemap", help: "do not write source maps" },
      { name: "emit-ir", help: "add each function's IR as a comment next to its kernels" },
      { name: "target", value: "es2020|es2022|esnext", help: "JS language target (default es2022)" },
      { name: "plain", help: "transpile only, without numjit (for throughput comparison)" },
      ...COMMON,
    ],
  },
  inspect: {
    usage: "numjit inspect <file> [--function <name>]",
    about: "Show, per jit() function: status, traced argument shapes, IR, optimized IR, fusion groups, kernel source.",
    flags: [
      { name: "function", value: "name", help: "only this function" },
      { name: "no-kernels", help: "omit kernel sources" },
      ...COMMON,
    ],
  },
  check: {
    usage: "numjit check <files|dirs...> [--codes]",
    about: "Diagnostics only (no output files). Exit code 1 when there are errors (NJ8xx).",
    flags: [
      { name: "codes", help: "list every diagnostic code and exit" },
      { name: "warnings-as-errors", help: "exit 1 on warnings (NJ7xx) too" },
      ...COMMON,
    ],
  },
};

const MAIN_HELP = `numjit — build-time compiler for numjit jit() functions

Usage:
  numjit build <files|dirs...> --outDir <dir>   compile to JS with precompiled kernels
  numjit inspect <file>                         show IR, fusion groups and kernels per jit function
  numjit check <files|dirs...>                  diagnostics only (exit 1 on errors)

Run 'numjit <command> --help' for the options of a command. 'numjit --version' prints the version.`;

let color = process.stdout.isTTY && !process.env["NO_COLOR"];
const paint = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const red = paint("31"),
  yellow = paint("33"),
  green = paint("32"),
  dim = paint("2"),
  bold = paint("1");

function commandHelp(cmd: string): string {
  const c = COMMANDS[cmd]!;
  const w = Math.max(...c.flags.map((f) => f.name.length + (f.value ? f.value.length + 3 : 0)));
  const lines = c.flags.map((f) => `  --${(f.name + (f.value ? ` <${f.value}>` : "")).padEnd(w + 2)} ${f.help}`);
  return `${c.about}\n\nUsage:\n  ${c.usage}\n\nOptions:\n${lines.join("\n")}`;
}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(cmd: string, argv: string[]): Parsed {
  const spec = COMMANDS[cmd]!.flags;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === "-h") {
      flags.set("help", true);
      continue;
    }
    if (!a.startsWith("--")) {
      if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option '${a}' for 'numjit ${cmd}' (see 'numjit ${cmd} --help')`);
      positional.push(a);
      continue;
    }
    let [name, value] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
    const f = spec.find((s) => s.name === name) ?? spec.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!f) {
      const near = spec.map((s) => s.name).find((n) => n.toLowerCase().startsWith(name.toLowerCase().slice(0, 3)));
      throw new UsageError(
        `unknown option '--${name}' for 'numjit ${cmd}'${near ? `; did you mean '--${near}'?` : ""} (see 'numjit ${cmd} --help')`,
      );
    }
    name = f.name;
    if (f.value) {
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined || value.startsWith("--")) throw new UsageError(`option '--${name}' needs a value <${f.value}>`);
      }
      flags.set(name, value);
    } else {
      if (value !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      flags.set(name, true);
    }
  }
  return { positional, flags };
}

export function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + "\n"),
  err: (s: string) => void = (s) => process.stderr.write(s + "\n"),
): number {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === "--help" || cmd === "-h" || cmd === "help") {
      out(rest[0] && COMMANDS[rest[0]] ? commandHelp(rest[0]) : MAIN_HELP);
      return cmd ? 0 : 1;
    }
    if (cmd === "--version" || cmd === "-v") {
      out(version());
      return 0;
    }
    if (!COMMANDS[cmd]) {
      const near = Object.keys(COMMANDS).find((c) => c.startsWith(cmd.slice(0, 2)));
      throw new UsageError(
        `unknown command '${cmd}'${near ? `; did you mean '${near}'?` : ""} (commands: ${Object.keys(COMMANDS).join(", ")})`,
      );
    }
    const args = parseArgs(cmd, rest);
    if (args.flags.has("help")) {
      out(commandHelp(cmd));
      return 0;
    }
    if (args.flags.has("no-color")) color = false;
    if (cmd === "build") return cmdBuild(args, out, err);
    if (cmd === "inspect") return cmdInspect(args, out, err);
    return cmdCheck(args, out, err);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${red("numjit: error:")} ${e.message}`);
      return 2;
    }
    throw e;
  }
}

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "package.json"), "utf8")) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return "unknown";
  }
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith("..") ? r : p;
}

function printDiagnostic(d: Diagnostic, err: (s: string) => void): void {
  const text = formatDiagnostic({ ...d, file: rel(d.file) });
  const [head, ...frame] = text.split("\n");
  const h = head!.replace(
    / - (error|warning) (NJ\d+)/,
    (_m, sev: string, code: string) => ` - ${sev === "error" ? red(sev) : yellow(sev)} ${dim(code)}`,
  );
  err([h, ...frame.map(dim)].join("\n"));
}

function cmdBuild(args: Parsed, out: (s: string) => void, err: (s: string) => void): number {
  const outDir = args.flags.get("outDir");
  if (typeof outDir !== "string") throw new UsageError("'numjit build' needs --outDir <dir>");
  if (!args.positional.length) throw new UsageError("'numjit build' needs at least one file or directory");
  const target = args.flags.get("target");
  const targets: Record<string, number> = { es2020: 7, es2021: 8, es2022: 9, es2023: 10, es2024: 11, esnext: 99 };
  if (target !== undefined && (typeof target !== "string" || !(target.toLowerCase() in targets)))
    throw new UsageError(`--target must be one of ${Object.keys(targets).join(", ")}`);
  const { files, bases } = collectFiles(args.positional);
  if (!files.length) throw new UsageError(`no .ts/.js files found in ${args.positional.join(", ")}`);
  const quiet = args.flags.has("quiet");
  const t0 = performance.now();
  const graph = ModuleGraph.ofFiles(files);
  const bar =
    files.length > 1 && !quiet && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: "numjit build [{bar}] {value}/{total} {file}", stream: process.stderr, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(files.length, 0, { file: "" });
  const results: FileResult[] = [];
  for (const file of files) {
    bar?.increment(0, { file: path.basename(file) });
    const code = fs.readFileSync(file, "utf8");
    const r = buildFile(file, code, {
      sourceMap: !args.flags.has("no-sourcemap"),
      emitIR: args.flags.has("emit-ir"),
      plain: args.flags.has("plain"),
      graph,
      ...(typeof target === "string" ? { target: targets[target.toLowerCase()] } : {}),
    });
    const dest = path.join(path.resolve(outDir), path.relative(bases.get(file)!, outputName(file)));
    results.push(r);
    bar?.increment(1, { file: path.basename(file) });
    // output of an input with syntax errors, or output that would not load, is never written (its errors
    // fail the build below), nor is a stale output of an earlier build left to pass for this one
    if (!r.valid) {
      for (const f of [dest, dest + ".map"]) fs.rmSync(f, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    let js = r.code;
    if (r.map) {
      const mapName = path.basename(dest) + ".map";
      js = js.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${mapName}`);
      const map = JSON.parse(r.map) as { file: string; sources: string[] };
      map.file = path.basename(dest);
      map.sources = [path.relative(path.dirname(dest), file).split(path.sep).join("/")];
      writeAtomic(dest + ".map", JSON.stringify(map));
    }
    writeAtomic(dest, js);
    r.out = dest;
  }
  bar?.stop();
  const ms = performance.now() - t0;
  return summarize(results, ms, quiet, out, err);
}

/** Write to a temporary file next to `dest`, then rename: a reader never sees a half-written file. */
function writeAtomic(dest: string, text: string): void {
  const tmp = `${dest}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, dest);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function summarize(results: FileResult[], ms: number, quiet: boolean, out: (s: string) => void, err: (s: string) => void): number {
  const all = results.flatMap((r) => [...r.syntax, ...r.diagnostics]);
  for (const d of all) if (!quiet || d.severity === "error") printDiagnostic(d, err);
  const mods = results.map((r) => r.module).filter((m) => m !== undefined);
  const fns = mods.reduce((s, m) => s + m.stats.functions, 0);
  const pre = mods.reduce((s, m) => s + m.stats.precompiled, 0);
  const kernels = mods.reduce((s, m) => s + m.stats.kernels, 0);
  const fallbacks = results.flatMap((r) => (r.module?.calls ?? []).filter((c) => c.status !== "precompiled").map((c) => ({ r, c })));
  const errors = all.filter((d) => d.severity === "error").length;
  const lines = [
    bold("numjit build summary"),
    `  files                 ${results.length}`,
    `  jit functions         ${fns}`,
    `  precompiled           ${green(String(pre))}`,
    `  fallbacks (runtime)   ${fallbacks.length ? yellow(String(fallbacks.length)) : "0"}`,
    ...fallbacks.map(
      ({ r, c }) =>
        `    ${c.name} (${rel(r.file)}:${c.line}): ${c.reasons.map((d) => `${d.code} ${d.message}`).join("; ") || "no trace succeeded"}`,
    ),
    `  kernels emitted       ${kernels}`,
    `  errors                ${errors ? red(String(errors)) : "0"}`,
    `  time                  ${ms.toFixed(0)} ms (${(results.length / (ms / 1000)).toFixed(1)} files/s)`,
  ];
  out(lines.join("\n"));
  return errors ? 1 : 0;
}

function cmdCheck(args: Parsed, out: (s: string) => void, err: (s: string) => void): number {
  if (args.flags.has("codes")) {
    out(
      Object.entries(CODES)
        .map(([c, s]) => `${c}  ${c.startsWith("NJ7") ? "warning" : "error  "}  ${s}`)
        .join("\n"),
    );
    return 0;
  }
  if (!args.positional.length) throw new UsageError("'numjit check' needs at least one file or directory");
  const { files } = collectFiles(args.positional);
  const graph = ModuleGraph.ofFiles(files);
  let errors = 0,
    warnings = 0,
    fns = 0,
    pre = 0;
  for (const file of files) {
    const code = fs.readFileSync(file, "utf8");
    const sf = parse(code, file);
    const syntax = parseErrors(sf, file);
    let ds = syntax;
    if (!syntax.length) {
      const m = compileConverted(sf, file, { graph }).mod;
      ds = m.diagnostics;
      fns += m.stats.functions;
      pre += m.stats.precompiled;
    }
    for (const d of ds) {
      if (d.severity === "error") errors++;
      else warnings++;
      if (!args.flags.has("quiet") || d.severity === "error") printDiagnostic(d, err);
    }
  }
  out(
    `numjit check: ${files.length} file${files.length === 1 ? "" : "s"}, ` +
      `${fns} jit function${fns === 1 ? "" : "s"} (${pre} precompilable), ` +
      `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
  );
  return errors || (args.flags.has("warnings-as-errors") && warnings) ? 1 : 0;
}

function cmdInspect(args: Parsed, out: (s: string) => void, err: (s: string) => void): number {
  if (args.positional.length !== 1) throw new UsageError("'numjit inspect' takes exactly one file");
  const { files } = collectFiles(args.positional);
  const file = files[0]!;
  const code = fs.readFileSync(file, "utf8");
  const sf = parse(code, file);
  const syntax = parseErrors(sf, file);
  if (syntax.length) {
    for (const d of syntax) printDiagnostic(d, err);
    return 1;
  }
  const m = compileConverted(sf, file, { graph: ModuleGraph.ofFiles(files) }).mod;
  const only = args.flags.get("function");
  const calls = m.calls.filter((c) => only === undefined || c.name === only);
  if (only !== undefined && !calls.length)
    throw new UsageError(`no jit function named '${only}' in ${rel(file)} (found: ${m.calls.map((c) => c.name).join(", ") || "none"})`);
  if (!m.calls.length) out(`${rel(file)}: no jit() calls of @numjit/runtime found`);
  const kernelIds = new Map(m.kernels.decls.map((d) => [d.signature, d.id]));
  for (const c of calls) {
    const status = c.status === "precompiled" ? green(c.status) : c.status === "error" ? red(c.status) : yellow(c.status);
    out(bold(`== ${c.name}  (${rel(file)}:${c.line})  ${status}`));
    for (const d of c.reasons) out(`  ${d.severity} ${d.code} at ${d.line}:${d.column}: ${d.message}`);
    const s = c.scheduled;
    if (!s) continue;
    for (const g of s.groups) {
      const t = g.trace;
      out(`\n-- trace [${t.label}]  ${t.argsText}`);
      out(`IR:\n${indent(t.result.jaxprText)}`);
      out(`optimized IR:\n${indent(t.result.optimizedText)}`);
      out(`fusion groups:\n${indent(g.text || "(none)")}`);
      const kernelNames = t.result.kernels.map(
        (k) => `${k.signature}${kernelIds.has(k.signature) ? ` -> ${kernelIds.get(k.signature)}` : ""}`,
      );
      out(`kernels: ${kernelNames.join(", ") || "(none)"}`);
    }
    if (!args.flags.has("no-kernels")) {
      for (const k of s.kernels) out(`\n-- kernel ${kernelIds.get(k.signature) ?? ""} ${k.signature} (${k.kind})\n${k.source}`);
    }
    out("");
  }
  return m.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (isMain) process.exitCode = main(process.argv.slice(2));
