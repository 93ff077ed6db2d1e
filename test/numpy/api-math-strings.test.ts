// NumPy's strings for np.einsumPath (the path and the printed report) and for array printing
// (arrayStr, arrayRepr, array2string with options, printoptions) against api-math-strings.json, written by
// gen_api_math_strings in scripts/gen_numpy_refs.py. Floats, ints and bools, 0-d to 3-d, summarized,
// wrapped, NaN/inf, every floatmode and sign.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type NDArray, jit, numpy as np } from "@numjit/runtime";
import { type ArraySpec, makeInput } from "./runner.js";

interface Doc {
  einsumPath: { subscripts: string; optimize: boolean | string | unknown[]; shapes: number[][]; path: unknown[]; report: string }[];
  arrays: ArraySpec[];
  printing: { fn: "arrayStr" | "arrayRepr" | "array2string"; input: number; kw: Record<string, unknown>; out: string }[];
  scopedPrintoptions: { input: number; repr: string; str: string }[];
}
const doc = JSON.parse(readFileSync(new URL("./api-math-strings.json", import.meta.url), "utf8")) as Doc;

describe("np.einsumPath matches NumPy's path and report", () => {
  it("has cases", () => expect(doc.einsumPath.length).toBeGreaterThan(20));
  for (const c of doc.einsumPath)
    it(`${c.subscripts} optimize=${JSON.stringify(c.optimize)} ${JSON.stringify(c.shapes)}`, () => {
      const ops = c.shapes.map((s) => np.zeros(s));
      const [path, report] = np.einsumPath(c.subscripts, ...ops, { optimize: c.optimize as never });
      expect(path).toEqual(c.path);
      expect(report).toBe(c.report);
    });
  it("works on traced operands (only shapes are read)", () => {
    const c = doc.einsumPath[0]!;
    const f = jit((a: NDArray, b: NDArray, d: NDArray) => {
      expect(np.einsumPath(c.subscripts, a, b, d, { optimize: c.optimize as never })[0]).toEqual(c.path);
      return np.einsum(c.subscripts, a, b, d);
    });
    f(...(c.shapes.map((s) => np.ones(s)) as [NDArray, NDArray, NDArray]));
  });
});

describe("printing matches NumPy's strings", () => {
  it("has cases", () => expect(doc.printing.length).toBeGreaterThan(200));
  doc.printing.forEach((c, k) => {
    it(`${k}: ${c.fn} ${JSON.stringify(doc.arrays[c.input]!.shape)} ${doc.arrays[c.input]!.dtype} ${JSON.stringify(c.kw)}`, () => {
      // a strided view with the same values prints the same
      for (const layout of ["dense", "negative"] as const) {
        const a = makeInput(doc.arrays[c.input]!, layout);
        const kw = c.kw as { maxLineWidth?: number; precision?: number; suppressSmall?: boolean };
        const out =
          c.fn === "array2string"
            ? np.array2string(a, c.kw)
            : np[c.fn](a, kw.maxLineWidth ?? null, kw.precision ?? null, kw.suppressSmall ?? null);
        expect(out, layout).toBe(c.out);
      }
    });
  });
  it("printoptions(opts, fn) applies the options inside fn only, and restores them after a throw", () => {
    const before = np.getPrintoptions();
    const opts = { precision: 3, threshold: 10, edgeitems: 2, linewidth: 40, suppress: true, nanstr: "NaN", infstr: "Inf" };
    np.printoptions(opts, () => {
      for (const c of doc.scopedPrintoptions) {
        const a = makeInput(doc.arrays[c.input]!);
        expect(np.arrayRepr(a)).toBe(c.repr);
        expect(np.arrayStr(a)).toBe(c.str);
      }
      expect(np.getPrintoptions()).toMatchObject(opts);
    });
    expect(np.getPrintoptions()).toEqual(before);
    expect(() =>
      np.printoptions({ precision: 2 }, () => {
        throw new Error("inside");
      }),
    ).toThrow("inside");
    expect(np.getPrintoptions()).toEqual(before);
    np.setPrintoptions({ precision: 2 });
    expect(np.arrayStr(np.array([1.23456]))).toBe("[1.23]");
    np.setPrintoptions(before);
    expect(np.getPrintoptions()).toEqual(before);
  });
  it("under jit, printing a traced value is a ConcretizationError", () => {
    expect(() => jit((a: NDArray) => np.arrayStr(a))(np.ones(2))).toThrow(expect.objectContaining({ code: "NJ401" }));
  });
});
