// Table-test runner for the NumPy reference cases in refs/*.json (written by scripts/gen_numpy_refs.py).
//
// A case is (name, fn: (np, nn, ...args) => NDArray | NDArray[], inputs, expected). It runs once per MODE:
//   eager          fn called directly;
//   jit            jit(fn) called twice with fresh copies of the inputs (first call traces + compiles,
//                  second hits the cache). On as soon as @numjit/runtime exports `jit`;
//   eager strided  / jit strided: the same, with every input rebuilt as a non-contiguous view with
//                  the same values (doubled strides, axis 0 reversed, sentinel values in the gaps).
// Every case asserts shape, dtype and every element (float32 rtol 2e-5 / atol 1e-6, float64 1e-9,
// int/bool exact, NaN == NaN), or the error class and code; inputs must be left unchanged.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as runtime from "@numjit/runtime";
import { NDArray, nn, numpy as np } from "@numjit/runtime";

export type DTypeName = "float32" | "float64" | "int32" | "bool";
export type JsonValue = number | boolean | string;

export interface ArraySpec {
  dtype: DTypeName;
  shape: number[];
  data: JsonValue[];
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
}
export interface RefFile {
  generator: string;
  numpy: string;
  count: number;
  cases: RefCase[];
}

export type Mode = "eager" | "jit" | "eager strided" | "jit strided";
type AnyFn = (...args: NDArray[]) => unknown;
type JitFn = (f: AnyFn) => AnyFn;

const jitExport = (runtime as unknown as Record<string, unknown>).jit;
/** The jit transform, once the runtime exports it. */
export const jit: JitFn | undefined = typeof jitExport === "function" ? (jitExport as JitFn) : undefined;
export const MODES: Mode[] = jit ? ["eager", "eager strided", "jit", "jit strided"] : ["eager", "eager strided"];

export const TOL: Record<DTypeName, { rtol: number; atol: number }> = {
  float32: { rtol: 2e-5, atol: 1e-6 },
  float64: { rtol: 1e-9, atol: 1e-12 },
  int32: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

export function loadRefs(area: string): RefFile {
  const url = new URL(`./refs/${area}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as RefFile;
}

export function decodeValue(v: JsonValue): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (typeof v === "string") throw new Error(`bad value in reference: ${v}`);
  return v;
}

const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array } as const;

/** The input as an NDArray built directly on a typed array (independent of np.array). */
export function makeInput(spec: ArraySpec, strided = false): NDArray {
  const values = spec.data.map(decodeValue);
  const x = strided ? stridedView(values, spec) : new NDArray(CTORS[spec.dtype].from(values), spec.shape.slice(), spec.dtype);
  return spec.prep ? (compile(spec.prep) as (a: NDArray) => NDArray)(x) : x;
}

const SENTINEL = { float32: NaN, float64: NaN, int32: 123456789, bool: 1 } as const;

/**
 * The same values as a view that no kernel can treat as dense, built with explicit strides (not with
 * the runtime's slicing): every element followed by a sentinel (strides doubled) and axis 0 stored
 * in reverse (a negative stride).
 */
function stridedView(values: number[], spec: ArraySpec): NDArray {
  const shape = spec.shape.slice(), n = values.length;
  const buf = new (CTORS[spec.dtype])(2 * n + 1).fill(SENTINEL[spec.dtype]);
  const lead = shape.length ? shape[0] : 1, inner = lead ? n / lead : 0;
  for (let i = 0; i < lead; i++)
    for (let j = 0; j < inner; j++) buf[2 * ((lead - 1 - i) * inner + j)] = values[i * inner + j];
  const strides = shape.map((_, i) => 2 * shape.slice(i + 1).reduce((a, b) => a * b, 1));
  if (shape.length) strides[0] = -strides[0];
  const offset = shape.length && lead > 0 ? 2 * (lead - 1) * inner : 0;
  return new NDArray(buf, shape, spec.dtype, strides, offset);
}

const compiled = new Map<string, (...a: unknown[]) => unknown>();
/** JS source over the free names np and nn -> a function (cached: same source, same function). */
export function compile(src: string): (...a: unknown[]) => unknown {
  let f = compiled.get(src);
  if (!f) {
    f = new Function("np", "nn", `"use strict"; return (${src});`)(np, nn) as (...a: unknown[]) => unknown;
    compiled.set(src, f);
  }
  return f;
}

/** The case's function in the (np, nn, ...args) form. */
export function caseFn(c: RefCase): (npArg: typeof np, nnArg: typeof nn, ...args: NDArray[]) => unknown {
  const body = new Function("np", "nn", `"use strict"; return (${c.fn});`) as (a: typeof np, b: typeof nn) => AnyFn;
  return (npArg, nnArg, ...args) => body(npArg, nnArg)(...args);
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
  if (got.length !== exp.data.length) return [`${got.length} elements != expected ${exp.data.length}`];
  if (valuesUnspecified) return [];
  const { rtol, atol } = tol ?? TOL[exp.dtype];
  const bad: string[] = [];
  for (let i = 0; i < got.length; i++) {
    let e = decodeValue(exp.data[i]);
    if (exp.dtype === "float32") e = Math.fround(e);
    const g = got[i];
    const ok = Number.isNaN(e) ? Number.isNaN(g) : g === e || Math.abs(g - e) <= atol + rtol * Math.abs(e);
    if (!ok) bad.push(`[${unravel(i, exp.shape)}] got ${g}, expected ${e}`);
  }
  if (bad.length > 8) return [...bad.slice(0, 8), `... ${bad.length - 8} more of ${got.length}`];
  return bad;
}

function unravel(i: number, shape: number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
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
  let thrown: unknown = undefined;
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

/** Snapshot of the inputs' values, to check that no op writes into its arguments. */
function snapshot(xs: NDArray[]): number[][] {
  return xs.map((x) => Array.from(x.toTypedArray()));
}

export function runCase(c: RefCase, mode: Mode): void {
  const fn = caseFn(c);
  const error = isError(c.expected);
  const strided = mode.endsWith("strided");
  const make = () => c.inputs.map((spec) => makeInput(spec, strided));
  if (mode.startsWith("eager")) {
    const inputs = make();
    const before = snapshot(inputs);
    const run = () => fn(np, nn, ...inputs);
    if (error) checkThrows(c, run, "eager");
    else checkResult(c, run(), "eager");
    expect(snapshot(inputs), "inputs unchanged").toEqual(before);
    return;
  }
  // jit: the case's function with its own arity, so jit sees one parameter per input
  const inner = compile(c.fn) as AnyFn;
  const jitted = jit!(inner);
  for (const label of [`${mode} first call`, `${mode} cached call`]) {
    const inputs = make();
    const before = snapshot(inputs);
    const run = () => jitted(...inputs);
    if (error) checkThrows(c, run, label);
    else checkResult(c, run(), label);
    expect(snapshot(inputs), `${label}: inputs unchanged`).toEqual(before);
  }
}

/**
 * Bugs found by these cases in code this suite does not own, keyed "area/name" (all modes) or
 * "area/mode/name". Such a case runs as `it.fails`: it stays visible, and turns red once the bug is
 * fixed so the entry gets removed.
 */
export const KNOWN_FAILURES: Record<string, string> = {};

function knownFailure(area: string, mode: Mode, name: string): string | undefined {
  return KNOWN_FAILURES[`${area}/${mode}/${name}`] ?? KNOWN_FAILURES[`${area}/${name}`];
}

/** One describe block per reference file and mode, one test per case. */
export function runRefFile(area: string): void {
  const refs = loadRefs(area);
  describe(`numpy refs: ${area}`, () => {
    it("reference file is complete", () => {
      for (const key of Object.keys(KNOWN_FAILURES).filter((k) => k.startsWith(`${area}/`)))
        expect(refs.cases.some((c) => key.endsWith(`/${c.name}`)), `known failure ${key} names a case`).toBe(true);
      expect(refs.cases.length).toBe(refs.count);
      expect(refs.cases.length).toBeGreaterThan(10);
      expect(new Set(refs.cases.map((c) => c.name)).size).toBe(refs.cases.length);
    });
    for (const mode of MODES) {
      describe(mode, () => {
        for (const c of refs.cases) {
          const known = knownFailure(area, mode, c.name);
          if (known) it.fails(`${c.name} [known failure: ${known}]`, () => runCase(c, mode));
          else it(c.name, () => runCase(c, mode));
        }
      });
    }
  });
}
