// Shared helpers for the compiler's execution tests: build a generated TS module with the compiler,
// write it next to the repo (so "@numjit/runtime" resolves), import it; bundle it for a vm context.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";
import { type FileResult, buildFile } from "@numjit/compiler";
import { type RefCase, type RefFile, loadRefs, makeInput } from "../numpy/runner.js";

const SHORT = { float32: "f32", float64: "f64", int32: "i32", uint32: "u32", bool: "bool" } as const;

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = path.join(REPO, "test-artifacts", "compiler");

export interface Built {
  file: string;
  result: FileResult;
}

/** Compile `source` (a TS module) with the compiler and write `<name>.js` under test-artifacts/compiler. */
export function buildModule(name: string, source: string): Built {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tsFile = path.join(ARTIFACTS, `${name}.ts`);
  fs.writeFileSync(tsFile, source);
  const result = buildFile(tsFile, source, { sourceMap: false });
  if (result.syntax.length) throw new Error(`syntax errors in generated module ${name}: ${result.syntax.map((d) => d.message).join("; ")}`);
  const file = path.join(ARTIFACTS, `${name}.js`);
  fs.writeFileSync(file, result.code);
  return { file, result };
}

/** Plain transpile (no numjit) of the same source: the runtime-jit baseline module. */
export function writePlain(name: string, source: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const result = buildFile(path.join(ARTIFACTS, `${name}.ts`), source, { sourceMap: false, plain: true });
  const file = path.join(ARTIFACTS, `${name}.plain.js`);
  fs.writeFileSync(file, result.code);
  return file;
}

export async function importFresh<T = Record<string, unknown>>(file: string): Promise<T> {
  return (await import(/* @vite-ignore */ `${file}?t=${Date.now()}${Math.random()}`)) as T;
}

/**
 * Bundle `entry` (which may import @numjit/runtime and built modules) into one IIFE script and run it
 * in a fresh vm context where code generation from strings (eval / new Function) and wasm are off.
 * Returns the entry's exports as seen inside the context.
 */
export async function runInNoEvalContext<T = Record<string, unknown>>(
  entry: string,
): Promise<{ exports: T; context: vm.Context; logs: string[] }> {
  const { rolldown } = await import("rolldown");
  // default tree-shaking on purpose: this also checks that the runtime's package.json declares its
  // side-effectful entry files (eager kernels, methods), which a bundler would otherwise drop
  const bundle = await rolldown({ input: entry, platform: "neutral", logLevel: "silent", resolve: { mainFields: ["module", "main"] } });
  const { output } = await bundle.generate({ format: "iife", name: "__entry" });
  await bundle.close();
  const code = output[0].code;
  const logs: string[] = [];
  const log = (...a: unknown[]) => logs.push(a.map(String).join(" "));
  const context = vm.createContext(
    { console: { log, warn: log, error: log, info: log, debug: log }, performance: { now: () => performance.now() } },
    { codeGeneration: { strings: false, wasm: false } },
  );
  vm.runInContext(code, context, { filename: path.basename(entry) + ".bundle.js" });
  return { exports: context["__entry"] as T, context, logs };
}

/** Parameter names of an arrow/function source (simple identifiers only), or undefined. */
export function paramNames(src: string): string[] | undefined {
  const m = /^\s*(?:\(([^()]*)\)|([A-Za-z_$][\w$]*))\s*=>/.exec(src);
  if (!m) return undefined;
  const list = m[1] !== undefined ? m[1] : m[2]!;
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return names.every((n) => /^[A-Za-z_$][\w$]*$/.test(n)) ? names : undefined;
}

/** A TS module with one `export const c<i> = jit(<case fn>)` per reference case, optionally with exact @numjit annotations. */
export function moduleSource(cases: RefCase[], annotate: boolean): string {
  const lines = [`import { numpy as np, nn, lax, scipySpecial, scipyLinalg, jit } from "@numjit/runtime";`, ""];
  cases.forEach((c, i) => {
    const names = paramNames(c.fn);
    if (annotate && names && names.length === c.inputs.length && c.inputs.length) {
      const specs = c.inputs.map((s, k) => {
        const x = makeInput(s); // after `prep` (views change the shape)
        return `${names[k]}: ${SHORT[x.dtype]}[${x.shape.join(", ")}]`;
      });
      lines.push(`/** @numjit ${specs.join(", ")} */`);
    }
    lines.push(`export const c${i} = jit(${c.fn});`);
  });
  return lines.join("\n") + "\n";
}

/**
 * Reference cases the build-time compiler cannot precompile by design, keyed "area/name", with the reason
 * (e.g. a data-dependent output shape). With exact @numjit annotations every other case must build as
 * "precompiled" (or as a build-time "error" where the reference expects an error); a listed case must
 * not, so an entry that starts precompiling fails as stale. A key that names no case fails as well.
 */
export const NOT_PRECOMPILED: Record<string, string> = {
  ...Object.fromEntries(
    [
      ...["unique with NaN", "unique int 2-d", "nonzero", "argwhere", "flatnonzero", "bincount", "bincount weights minlength"].map(
        (n) => `breadth/${n}`,
      ),
      ...["unique index inverse counts", "unique equalNan false", "unique rows axis 0"].map((n) => `breadth-rest/${n}`),
      ...[
        "polydiv trimLeadingZeros",
        "roots real (sorted)",
        "roots leading and trailing zeros",
        "roots float32 (sorted)",
        "roots complex pairs",
        "roots constant",
      ].map((n) => `api-math/${n}`),
    ].map((k) => [k, "a result length that depends on the data (no { size }): the runtime jit raises the ConcretizationError"]),
  ),
  // api-arrays marks its data-dependent cases eagerOnly in the reference file (set operations, unique_*,
  // compress/extract without size, trim_zeros, delete by mask, the value checks of mode 'raise')
  ...Object.fromEntries(
    eagerOnlyCases("api-arrays").map((n) => [
      `api-arrays/${n}`,
      "a result length or a check that depends on the data: the runtime jit raises",
    ]),
  ),
  "api-arrays/fromiter generator float64":
    "a generator function (function*) is outside the build-time subset: the call runs on the runtime jit",
  "deviations/pad with a dict, negative axis, one width":
    "`{ [-2]: 1 }` has a computed key, outside the build-time subset (a dynamic-property warning): the call runs on the runtime jit",
};

/** Names of an area's eagerOnly cases (none when the area is not among the loaded references). */
function eagerOnlyCases(area: string): string[] {
  const loaded = loadArea(area);
  return "refs" in loaded ? loaded.refs.cases.filter((c) => c.eagerOnly).map((c) => c.name) : [];
}

/** Why case `c` of `area`, built with exact annotations to `status`, breaks the precompile expectation (or undefined). */
export function precompileProblem(area: string, c: RefCase, status: string | undefined): string | undefined {
  const reason = NOT_PRECOMPILED[`${area}/${c.name}`];
  const expectsError = !Array.isArray(c.expected) && "error" in c.expected;
  if (reason !== undefined) {
    if (status !== "precompiled") return undefined;
    return `${area}/${c.name}: precompiles, but NOT_PRECOMPILED lists it (${reason}): remove the entry`;
  }
  if (status === "precompiled" || (status === "error" && expectsError)) return undefined;
  return (
    `${area}/${c.name}: built as ${status ?? "missing"} with exact annotations; ` +
    "precompile it, or list it in NOT_PRECOMPILED with the reason"
  );
}

/** Keys of NOT_PRECOMPILED that name no case of the reference areas. */
export function staleNotPrecompiled(cases: Map<string, RefCase[]>): string[] {
  return Object.keys(NOT_PRECOMPILED).filter((k) => {
    const area = k.slice(0, k.indexOf("/"));
    const name = k.slice(area.length + 1);
    return !(cases.get(area) ?? []).some((c) => c.name === name);
  });
}

/** A reference area's file, or why it cannot run (unreadable, malformed, no cases, count off): never zero cases silently. */
export function loadArea(area: string): { refs: RefFile } | { error: Error } {
  try {
    const refs = loadRefs(area);
    if (!Array.isArray(refs.cases) || !refs.cases.length) throw new Error(`refs/${area}.json has no cases`);
    const n = refs.cases.length;
    if (n !== refs.count) throw new Error(`refs/${area}.json holds ${n} cases, its count says ${refs.count}`);
    return { refs };
  } catch (err) {
    return { error: err instanceof Error ? err : new Error(String(err)) };
  }
}
