// Every jit function of examples/, bench/kernels/ and the compiler samples, built with the compiler, runs
// precompiled: one call per traced signature with inputs made from that signature (symbols at small sizes,
// seeded values) goes through the emitted plan with `traces: 0` and `precompiledCalls > 0`. The function
// handed to `precompiled` throws when called, so a call that would trace at run time fails loudly instead
// of answering through the runtime jit. The plans and kernels are the ones the build writes into the module
// (the compiler's ModuleResult: modules such as examples/mlp/main.mjs run a whole program at top level, so
// they are not imported). Examples and bench kernels must all precompile; samples are checked for every
// function the build precompiled (the warn-*/error-* samples fall back by design, their diagnostics are
// snapshotted in samples.test.ts). A function that cannot run precompiled yet is listed in PENDING.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { type NDArray, numpy as np } from "@numjit/runtime";
import { type Dim, type PlanEntry, dimSymbols, evalDim, precompiled, sym } from "@numjit/runtime/internal";
import { type CallReport, buildFile, collectFiles } from "@numjit/compiler";
import { REPO } from "./helpers.js";

/**
 * Functions that do not run precompiled yet, "file#function" -> why. Lax control flow (scan/cond/while)
 * and nested jit are being made emittable by plans (jit/emit-plan.ts); once that lands, delete an entry
 * and the function must run with `traces: 0` (a listed function that passes fails as stale).
 */
const PENDING: Record<string, string> = {};

const SOURCES = [
  ...collectFiles([path.join(REPO, "examples"), path.join(REPO, "bench/kernels")]).files,
  ...collectFiles([path.join(REPO, "test/samples")]).files.filter((f) => /\/input\.[cm]?[jt]sx?$/.test(f)),
];

type Slot = CallReport["scheduled"] extends infer S ? (S extends { built: { traces: (infer T)[] } } ? T : never) : never;
type Sig = Slot extends { signature: infer G } ? G : never;
type SigSlot = Sig extends { slots: (infer X)[] } ? X : never;

/** Deterministic values in [-1, 1) (ints in 0..2, keys and uint32 in 0..6, bools alternating). */
function input(dtype: string, shape: number[], seed: number): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => Math.sin((i + 1) * 12.9898 + seed * 78.233) * 0.999);
  const values =
    dtype === "int32"
      ? data.map((v) => Math.floor((v + 1) * 1.5))
      : dtype === "uint32"
        ? data.map((v) => Math.floor((v + 1) * 3.5))
        : dtype === "bool"
          ? data.map((v) => v > 0)
          : data;
  return np.array(values, { dtype: dtype as "float32" }).reshape(shape);
}

/** The call's arguments for one signature: each symbol (after the trace's unification) at `size(name)`. */
function argsFor(slots: readonly SigSlot[], subst: ReadonlyMap<string, Dim>, polyShape: number[]): unknown[] {
  let seed = 0;
  const sizes = new Map<string, number>();
  const dim = (d: number | string): number => {
    if (typeof d === "number") return d;
    const u = subst.get(d) ?? sym(d);
    for (const name of dimSymbols(u)) if (!sizes.has(name)) sizes.set(name, 3 + (sizes.size % 3));
    return evalDim(u, sizes);
  };
  const make = (s: SigSlot): unknown => {
    switch (s.kind) {
      case "array":
        return input(s.dtype, s.anyRank ? polyShape : s.dims!.map(dim), ++seed);
      case "number":
      case "staticValue":
        return 0.75;
      case "boolean":
        return true;
      case "static":
        return s.value;
      case "object":
        return Object.fromEntries(s.fields.map(([k, f]) => [k, make(f)]));
      case "tuple":
        return s.items.map(make);
    }
  };
  return slots.map(make);
}

const instantiate = (source: string): any => new Function(`return (${source});`)();

/** What running a precompiled call of `c` found wrong (empty: every trace ran its plan, nothing traced). */
function runProblems(c: CallReport): string[] {
  const s = c.scheduled!;
  if (!s.plans.length) return [`no plan (${s.planProblem ?? "none written"})`];
  const kernels = Object.fromEntries(s.kernels.map((k) => [k.signature, instantiate(k.source)]));
  const plans: PlanEntry[] = s.plans.map((p) => ({ key: p.key, make: instantiate(p.source), kernels: p.kernels.map((k) => kernels[k]) }));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of s.built.traces) {
    // a rank-polymorphic signature is traced at rank 1 and at rank 2: one call at each
    const ranks = t.signature.polymorphic ? [[7], [3, 4]] : [[]];
    for (const poly of ranks) {
      const args = argsFor(t.signature.slots, t.result.substitution, poly);
      const key = `${t.label}|${poly.join(",")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const analysed = s.built.analysed;
      // as many parameters as the function (the static argument positions are checked against it)
      const params = analysed.params.map((_, i) => `p${i}`).join(", ");
      const trap = new Function("message", `return (${params}) => { throw new Error(message); };`)(
        `${c.name} traced at run time: no plan served [${t.label}] ${t.argsText}`,
      );
      const f = precompiled(trap, {
        name: c.name,
        kernels,
        plans,
        staticArgnums: analysed.staticArgnums,
        tracedStatics: s.built.tracedStatics,
      });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        f(...args);
        const info = f.cacheInfo();
        if (info.traces !== 0 || info.precompiledCalls !== 1) problems.push(`[${t.label}] ${JSON.stringify(info)}`);
      } catch (e) {
        const why = warn.mock.calls.map((w) => String(w[0])).join("; ");
        problems.push(`[${t.label}] ${t.argsText}: ${(e as Error).message}${why ? ` (${why})` : ""}`);
      } finally {
        warn.mockRestore();
      }
    }
  }
  return problems;
}

describe("every jit of examples/, bench/kernels/ and the samples runs precompiled (traces: 0)", () => {
  it("finds the files (a wrong path must not pass as zero functions)", () => {
    expect(SOURCES.filter((f) => f.includes("/examples/")).length).toBeGreaterThan(8);
    expect(SOURCES.filter((f) => f.includes("/bench/kernels/")).length).toBeGreaterThan(5);
    expect(SOURCES.filter((f) => f.includes("/test/samples/")).length).toBeGreaterThan(40);
  });

  const listed = new Set<string>();
  for (const file of SOURCES) {
    const rel = path.relative(REPO, file);
    const sample = rel.startsWith("test/samples/");
    const r = buildFile(file, fs.readFileSync(file, "utf8"), { sourceMap: false });
    for (const c of r.module?.calls ?? []) {
      const id = `${rel}#${c.name}`;
      if (sample && c.status !== "precompiled") continue;
      const pending = PENDING[id];
      if (pending !== undefined) listed.add(id);
      const body = () => {
        const why = c.reasons.map((d) => `${d.code} ${d.message}`).join("; ");
        expect(c.status, `${id}: ${why}`).toBe("precompiled");
        expect(runProblems(c), id).toEqual([]);
      };
      if (pending === undefined) it(id, body);
      else it.fails(`${id} [pending: ${pending}]`, body);
    }
  }

  it("PENDING names functions that exist", () => {
    expect(Object.keys(PENDING).filter((k) => !listed.has(k))).toEqual([]);
  });
});
