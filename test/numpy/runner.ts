// Table-test runner for the NumPy reference cases in refs/*.json (written by scripts/gen_numpy_refs.py).
//
// A case is (name, fn: (np, nn, ...args) => NDArray | NDArray[], inputs, expected). It runs once per MODE:
//   eager       fn called directly on dense inputs;
//   jit         jit(fn) called twice with fresh copies of the inputs (first call traces + compiles,
//               second hits the cache);
//   eager views / jit views: the same, once per VIEW_LAYOUT, every input rebuilt as a view with the same
//               values (built with explicit strides, not with the runtime's slicing), sentinel values
//               around and between the elements:
//                 strided     doubled strides, axis 0 reversed;
//                 offset      dense, row-major, from a nonzero offset (a contiguous slice of a larger buffer);
//                 transposed  column-major strides (non-C order), from an offset;
//                 negative    every axis stored reversed (all strides negative);
//                 broadcast   stride 0 on every axis along which the values repeat (and on size-1 axes): a
//                             broadcast of a smaller stored array, from an offset.
//               jit views compiles once (layouts do not change the cache key) and calls the cached entry
//               with every layout, so both the first-call and the cached-call paths see views.
// Every case asserts shape, dtype and every element (float32 rtol 2e-5 / atol 1e-6, float64 1e-9,
// int/bool exact, NaN == NaN), or the error class and code; inputs (their whole backing buffers, gaps
// included) must be left unchanged.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as runtime from "@numjit/runtime";
import { NDArray, lax, nn, numpy as np, scipyLinalg, scipySpecial } from "@numjit/runtime";

export type DTypeName = "float32" | "float64" | "int32" | "uint32" | "bool";
export type JsonValue = number | boolean | string;

export interface ArraySpec {
  dtype: DTypeName;
  shape: number[];
  /** Flat row-major values; absent when `gen` describes them. */
  data?: JsonValue[];
  /** [mult, mod, scale, shift]: value i = ((i * mult) % mod) * scale + shift, cast to dtype (large inputs). */
  gen?: [number, number, number, number];
  /** JS source `x => ...` applied to the input before the call (to pass a strided view). */
  prep?: string;
  /** Expected JAX weak type of a result (checked when present). */
  weak?: boolean;
}
export interface ErrorSpec {
  error: string;
  code: string;
  /** Substrings the message must contain (the op, the shapes, the axis, the dtype). */
  contains?: string[];
}
export interface RefCase {
  name: string;
  fn: string;
  inputs: ArraySpec[];
  expected: ArraySpec | ArraySpec[] | ErrorSpec;
  tol?: { rtol: number; atol: number };
  valuesUnspecified?: boolean;
  /** A data-dependent result shape (unique, nonzero without size): the jit modes expect a ConcretizationError. */
  eagerOnly?: boolean;
}
export interface RefFile {
  generator: string;
  numpy: string;
  count: number;
  cases: RefCase[];
}

export type Mode = "eager" | "jit" | "eager views" | "jit views";
export type ViewLayout = "strided" | "offset" | "transposed" | "negative" | "broadcast";
/** How makeInput lays out an input: dense (a fresh typed array) or one of the view layouts. */
export type Layout = "dense" | ViewLayout;
type AnyFn = (...args: NDArray[]) => unknown;
type JitFn = (f: AnyFn) => AnyFn;

/** The jit transform. Every mode always runs: a runtime that stops exporting `jit` fails the jit modes. */
export const jit = (runtime as unknown as Record<string, unknown>).jit as JitFn | undefined;
export const MODES: readonly Mode[] = ["eager", "eager views", "jit", "jit views"];
export const VIEW_LAYOUTS: readonly ViewLayout[] = ["strided", "offset", "transposed", "negative", "broadcast"];

export const TOL: Record<DTypeName, { rtol: number; atol: number }> = {
  float32: { rtol: 2e-5, atol: 1e-6 },
  float64: { rtol: 1e-9, atol: 1e-12 },
  int32: { rtol: 0, atol: 0 },
  uint32: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

/** NUMJIT_REFS_DIR=<dir> runs references written elsewhere (gen_numpy_refs.py --out <dir>), e.g. a large
 * exploratory random area that is not committed. */
export function loadRefs(area: string): RefFile {
  const dir = process.env.NUMJIT_REFS_DIR;
  const url = dir ? new URL(`file://${dir.replace(/\/?$/, "/")}${area}.json`) : new URL(`./refs/${area}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as RefFile;
}

/** Every reference area: the names of the refs/*.json files (or of NUMJIT_REFS_DIR's), sorted. */
export function refAreas(): string[] {
  const dir = process.env.NUMJIT_REFS_DIR;
  const url = dir ? new URL(`file://${dir.replace(/\/?$/, "/")}`) : new URL("./refs/", import.meta.url);
  return readdirSync(url)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

export function decodeValue(v: JsonValue): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (typeof v === "string") throw new Error(`bad value in reference: ${v}`);
  return v;
}

const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint32: Uint32Array, bool: Uint8Array } as const;

/**
 * The input as an NDArray built directly on a typed array (independent of np.array), dense or as a view
 * with the given layout; `prep` is applied after. `true` is the strided layout (older callers).
 */
export function makeInput(spec: ArraySpec, layout: Layout | boolean = "dense"): NDArray {
  const values = specValues(spec);
  const l: Layout = layout === true ? "strided" : layout === false ? "dense" : layout;
  const x = l === "dense" ? new NDArray(CTORS[spec.dtype].from(values), spec.shape.slice(), spec.dtype) : viewOf(values, spec, l);
  return spec.prep ? (compile(spec.prep) as (a: NDArray) => NDArray)(x) : x;
}

/** The input's values as JS numbers (decoded, or generated by the same formula as the generator). */
function specValues(spec: ArraySpec): number[] {
  if (spec.data) return spec.data.map(decodeValue);
  if (!spec.gen) throw new Error("input spec has neither data nor gen");
  const [mult, mod, scale, shift] = spec.gen;
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const cast =
    spec.dtype === "int32" || spec.dtype === "uint32"
      ? Math.trunc
      : spec.dtype === "bool"
        ? (v: number) => (v !== 0 ? 1 : 0)
        : (v: number) => v;
  return Array.from({ length: n }, (_, i) => cast(((i * mult) % mod) * scale + shift));
}

const SENTINEL = { float32: NaN, float64: NaN, int32: 123456789, uint32: 3123456789, bool: 1 } as const;
/** Sentinel elements before the first and after the last element of a view's buffer. */
const PAD = 3;

const rowMajor = (shape: number[]) => shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));

/** Element strides of a view layout over `shape` holding `values` (row-major). */
function layoutStrides(values: number[], shape: number[], layout: ViewLayout): number[] {
  switch (layout) {
    case "strided": {
      const st = rowMajor(shape).map((s) => 2 * s);
      if (st.length) st[0] = -st[0]!;
      return st;
    }
    case "offset":
      return rowMajor(shape);
    case "transposed":
      return shape.map((_, i) => shape.slice(0, i).reduce((a, b) => a * b, 1));
    case "negative":
      return rowMajor(shape).map((s) => -s);
    case "broadcast": {
      const rep = shape.map((d, i) => d === 1 || (d > 1 && repeatsAlong(values, shape, i)));
      const st = rowMajor(shape.map((d, i) => (rep[i] ? 1 : d)));
      return st.map((s, i) => (rep[i] ? 0 : s));
    }
  }
}

/** True when the values do not change along axis `ax` (NaN equals NaN, -0 differs from 0). */
function repeatsAlong(values: number[], shape: number[], ax: number): boolean {
  const inner = rowMajor(shape)[ax]!,
    d = shape[ax]!;
  for (let i = 0; i < values.length; i++) {
    const k = Math.floor(i / inner) % d;
    if (k !== 0 && !Object.is(values[i], values[i - k * inner])) return false;
  }
  return true;
}

/**
 * The same values as a view with the layout's strides, in a buffer of sentinels: PAD before the lowest
 * and after the highest address, and in every gap the strides leave.
 */
function viewOf(values: number[], spec: ArraySpec, layout: ViewLayout): NDArray {
  const shape = spec.shape.slice(),
    n = values.length;
  const strides = layoutStrides(values, shape, layout);
  let lo = 0,
    hi = 0;
  if (n > 0) shape.forEach((d, i) => (strides[i]! < 0 ? (lo += strides[i]! * (d - 1)) : (hi += strides[i]! * (d - 1))));
  const offset = PAD - lo;
  const buf = new CTORS[spec.dtype](hi - lo + 1 + 2 * PAD).fill(SENTINEL[spec.dtype]);
  const cs = rowMajor(shape);
  for (let i = 0; i < n; i++) {
    let p = offset;
    for (let d = 0; d < shape.length; d++) p += (Math.floor(i / cs[d]!) % shape[d]!) * strides[d]!;
    buf[p] = values[i]!;
  }
  return new NDArray(buf, shape, spec.dtype, strides, offset);
}

const compiled = new Map<string, (...a: unknown[]) => unknown>();
/** JS source over the free names np, nn, lax and scipySpecial -> a function (cached: same source, same function). */
export function compile(src: string): (...a: unknown[]) => unknown {
  let f = compiled.get(src);
  if (!f) {
    f = new Function("np", "nn", "lax", "scipySpecial", "scipyLinalg", `"use strict"; return (${src});`)(
      np,
      nn,
      lax,
      scipySpecial,
      scipyLinalg,
    ) as (...a: unknown[]) => unknown;
    compiled.set(src, f);
  }
  return f;
}

/** The case's function in the (np, nn, ...args) form. */
export function caseFn(c: RefCase): (npArg: typeof np, nnArg: typeof nn, ...args: NDArray[]) => unknown {
  const body = new Function("np", "nn", "lax", "scipySpecial", "scipyLinalg", `"use strict"; return (${c.fn});`) as (
    a: typeof np,
    b: typeof nn,
    l: typeof lax,
    s: typeof scipySpecial,
    sl: typeof scipyLinalg,
  ) => AnyFn;
  return (npArg, nnArg, ...args) => body(npArg, nnArg, lax, scipySpecial, scipyLinalg)(...args);
}

function isError(e: RefCase["expected"]): e is ErrorSpec {
  return !Array.isArray(e) && "error" in e;
}

/** Element mismatches of `actual` against `exp` (empty = equal within tolerance). */
export function compareArray(actual: unknown, exp: ArraySpec, tol?: { rtol: number; atol: number }, valuesUnspecified = false): string[] {
  if (!(actual instanceof NDArray)) return [`expected an NDArray, got ${describeValue(actual)}`];
  const problems: string[] = [];
  if (JSON.stringify(actual.shape) !== JSON.stringify(exp.shape)) problems.push(`shape [${actual.shape}] != expected [${exp.shape}]`);
  if (actual.dtype !== exp.dtype) problems.push(`dtype ${actual.dtype} != expected ${exp.dtype}`);
  if (exp.weak !== undefined && actual.weakType !== exp.weak) problems.push(`weakType ${actual.weakType} != expected ${exp.weak}`);
  if (problems.length) return problems;
  const got = actual.toTypedArray();
  if (!exp.data) return ["expected spec has no data"];
  if (got.length !== exp.data.length) return [`${got.length} elements != expected ${exp.data.length}`];
  if (valuesUnspecified) return [];
  const { rtol, atol } = tol ?? TOL[exp.dtype];
  const bad: string[] = [];
  for (let i = 0; i < got.length; i++) {
    let e = decodeValue(exp.data[i]!);
    if (exp.dtype === "float32") e = Math.fround(e);
    const g = got[i]!;
    const ok = Number.isNaN(e) ? Number.isNaN(g) : g === e || Math.abs(g - e) <= atol + rtol * Math.abs(e);
    if (!ok) bad.push(`[${unravel(i, exp.shape)}] got ${g}, expected ${e}`);
  }
  if (bad.length > 8) return [...bad.slice(0, 8), `... ${bad.length - 8} more of ${got.length}`];
  return bad;
}

function unravel(i: number, shape: number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(i % shape[d]!);
    i = Math.floor(i / shape[d]!);
  }
  return idx.join(", ");
}

function describeValue(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return `array of ${x.length}`;
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return `${typeof x} ${String(x)}`;
}

function checkResult(c: RefCase, out: unknown, label: string): void {
  const exp = c.expected as ArraySpec | ArraySpec[];
  if (Array.isArray(exp)) {
    expect(Array.isArray(out), `${label}: expected a list of ${exp.length} arrays, got ${describeValue(out)}`).toBe(true);
    const outs = out as unknown[];
    expect(outs.length, `${label}: number of outputs`).toBe(exp.length);
    exp.forEach((e, k) => expect(compareArray(outs[k], e, c.tol, c.valuesUnspecified), `${label}: output ${k}`).toEqual([]));
  } else {
    expect(compareArray(out, exp, c.tol, c.valuesUnspecified), label).toEqual([]);
  }
}

function checkThrows(c: RefCase, run: () => unknown, label: string): void {
  const e = c.expected as ErrorSpec;
  let thrown: unknown;
  let out: unknown;
  try {
    out = run();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `${label}: expected ${e.error} ${e.code}, but it returned ${describeValue(out)}`).toBeDefined();
  const cls = (runtime as unknown as Record<string, unknown>)[e.error] as (new (...a: unknown[]) => Error) | undefined;
  expect(typeof cls, `error class ${e.error} is exported`).toBe("function");
  const msg = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  expect(thrown instanceof cls!, `${label}: expected ${e.error}, got ${msg}`).toBe(true);
  expect((thrown as { code?: string }).code, `${label}: ${msg}`).toBe(e.code);
  for (const part of e.contains ?? []) expect(msg, `${label}: the message names ${part}`).toContain(part);
}

/** What an input must still be after a call: the same view (data, offset, shape, strides) over the same bytes. */
export interface Frozen {
  x: NDArray;
  data: NDArray["data"];
  offset: number;
  shape: string;
  strides: string;
  bytes: Uint8Array;
}

const bytesOf = (d: NDArray["data"]) => new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

export function freeze(xs: NDArray[]): Frozen[] {
  return xs.map((x) => ({
    x,
    data: x.data,
    offset: x.offset,
    shape: JSON.stringify(x.shape),
    strides: JSON.stringify(x.strides),
    bytes: bytesOf(x.data).slice(),
  }));
}

/** No op writes into its arguments, nor into the gaps of their buffers, nor changes their views. */
export function expectUnchanged(frozen: Frozen[], label: string): void {
  frozen.forEach((f, i) => {
    const { x } = f;
    const view =
      x.data === f.data && x.offset === f.offset && JSON.stringify(x.shape) === f.shape && JSON.stringify(x.strides) === f.strides;
    expect(view, `${label}: input ${i} is still the same view`).toBe(true);
    const now = bytesOf(x.data);
    let same = now.length === f.bytes.length;
    for (let k = 0; same && k < now.length; k++) same = now[k] === f.bytes[k];
    expect(same, `${label}: input ${i} unchanged (its elements and the rest of its buffer)`).toBe(true);
  });
}

function jitOf(c: RefCase): AnyFn {
  if (typeof jit !== "function") throw new Error("@numjit/runtime does not export a `jit` function: the jit modes cannot run");
  // the case's function with its own arity, so jit sees one parameter per input
  return jit(compile(c.fn) as AnyFn);
}

/** One call of the case on fresh inputs in `layout`: eager (jitted null) or through `jitted`. */
function runOnce(c: RefCase, layout: Layout, label: string, jitted: AnyFn | null): void {
  const inputs = c.inputs.map((spec) => makeInput(spec, layout));
  const frozen = freeze(inputs);
  const run = jitted ? () => jitted(...inputs) : () => caseFn(c)(np, nn, ...inputs);
  const want = jitted ? underJit(c) : c;
  if (isError(want.expected)) checkThrows(want, run, label);
  else checkResult(c, run(), label);
  expectUnchanged(frozen, label);
}

/** The case as a jitted function must behave: an eagerOnly case (data-dependent shape) raises ConcretizationError NJ401. */
export function underJit(c: RefCase): RefCase {
  return c.eagerOnly ? { ...c, expected: { error: "ConcretizationError", code: "NJ401" } } : c;
}

/** Known failures of single view layouts of one case (see KNOWN_FAILURES). */
export type KnownByLayout = Partial<Record<ViewLayout, string>>;

/**
 * Run a case in a mode. The views modes run every layout and report every layout that fails (not only
 * the first); a layout listed in `known` must fail, and is reported when it passes.
 */
export function runCase(c: RefCase, mode: Mode, known: KnownByLayout = {}): void {
  if (mode === "eager") return runOnce(c, "dense", "eager", null);
  if (mode === "jit") {
    const jitted = jitOf(c);
    for (const what of ["first call", "cached call"]) runOnce(c, "dense", `jit ${what}`, jitted);
    return;
  }
  const jitted = mode === "jit views" ? jitOf(c) : null;
  // jit: compile on an offset view (the first call runs the generic plan), then every layout on the cache
  const calls: [ViewLayout, string][] = jitted
    ? [["offset", ", first call"], ...VIEW_LAYOUTS.map((l): [ViewLayout, string] => [l, ", cached call"])]
    : VIEW_LAYOUTS.map((l): [ViewLayout, string] => [l, ""]);
  const problems: string[] = [];
  for (const [layout, what] of calls) {
    const label = `${mode} (${layout}${what})`;
    let failure: string | undefined;
    try {
      runOnce(c, layout, label, jitted);
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    const k = known[layout];
    if (k === undefined && failure !== undefined) problems.push(failure.length > 2000 ? `${failure.slice(0, 2000)} ...` : failure);
    if (k !== undefined && failure === undefined) problems.push(`${label}: passes, but KNOWN_FAILURES lists it (${k}): remove the entry`);
  }
  if (problems.length) throw new Error(problems.join("\n\n"));
}

/**
 * Bugs found by these cases in code this suite does not own, keyed "area/name" (all modes),
 * "area/mode/name" (one mode; such a case runs as `it.fails`: it stays visible, and turns red once the
 * bug is fixed so the entry gets removed) or "area/mode:layout/name" (one view layout in a views mode:
 * that layout must fail, the others must pass).
 */
export const KNOWN_FAILURES: Record<string, string> = {};

function knownFailure(area: string, mode: Mode, name: string): string | undefined {
  return KNOWN_FAILURES[`${area}/${mode}/${name}`] ?? KNOWN_FAILURES[`${area}/${name}`];
}

function knownLayouts(area: string, mode: Mode, name: string): KnownByLayout {
  const out: KnownByLayout = {};
  for (const l of VIEW_LAYOUTS) {
    const why = KNOWN_FAILURES[`${area}/${mode}:${l}/${name}`];
    if (why !== undefined) out[l] = why;
  }
  return out;
}

/** One describe block per reference file and mode, one test per case. */
export function runRefFile(area: string): void {
  const refs = loadRefs(area);
  describe(`numpy refs: ${area}`, () => {
    it("reference file is complete", () => {
      // every entry names a case of this file, and a mode (and layout) that exists: a stale key would
      // otherwise be ignored silently
      const scopes = new Set(["", ...MODES.map((m) => `${m}/`), ...VIEW_LAYOUTS.flatMap((l) => [`eager views:${l}/`, `jit views:${l}/`])]);
      for (const key of Object.keys(KNOWN_FAILURES).filter((k) => k.startsWith(`${area}/`))) {
        const rest = key.slice(area.length + 1);
        const ok = refs.cases.some((c) => rest.endsWith(c.name) && scopes.has(rest.slice(0, rest.length - c.name.length)));
        expect(ok, `known failure ${key} names a case of ${area} (and a mode/layout that exists)`).toBe(true);
      }
      expect(refs.cases.length).toBe(refs.count);
      expect(refs.cases.length).toBeGreaterThan(10);
      expect(new Set(refs.cases.map((c) => c.name)).size).toBe(refs.cases.length);
    });
    for (const mode of MODES) {
      describe(mode, () => {
        for (const c of refs.cases) {
          const known = knownFailure(area, mode, c.name);
          const layouts = knownLayouts(area, mode, c.name);
          if (known) it.fails(`${c.name} [known failure: ${known}]`, () => runCase(c, mode, layouts));
          else it(c.name, () => runCase(c, mode, layouts));
        }
      });
    }
  });
}
