// The table runner must be able to fail: every kind of wrong answer is caught.
import { describe, expect, it } from "vitest";
import { NDArray, numpy as np } from "@numjit/runtime";
import { type ArraySpec, type RefCase, compareArray, loadRefs, makeInput, runCase } from "./runner.js";

const spec = (dtype: ArraySpec["dtype"], shape: number[], data: ArraySpec["data"], extra: Partial<ArraySpec> = {}): ArraySpec =>
  ({ dtype, shape, data, ...extra });

describe("runner: compareArray catches every kind of mismatch", () => {
  const x = new NDArray(Float32Array.from([1, 2, NaN]), [3], "float32");
  it("accepts an equal array (NaN == NaN)", () => {
    expect(compareArray(x, spec("float32", [3], [1, 2, "NaN"]))).toEqual([]);
  });
  it("rejects a wrong value, a wrong dtype, a wrong shape", () => {
    expect(compareArray(x, spec("float32", [3], [1, 2.001, "NaN"]))).toHaveLength(1);
    expect(compareArray(x, spec("float64", [3], [1, 2, "NaN"]))[0]).toMatch(/dtype/);
    expect(compareArray(x, spec("float32", [1, 3], [1, 2, "NaN"]))[0]).toMatch(/shape/);
  });
  it("rejects NaN for a number and a number for NaN", () => {
    expect(compareArray(x, spec("float32", [3], [1, 2, 3]))).toHaveLength(1);
    const y = new NDArray(Float32Array.from([1, 2, 3]), [3], "float32");
    expect(compareArray(y, spec("float32", [3], [1, 2, "NaN"]))).toHaveLength(1);
  });
  it("uses float32 rtol 2e-5 and float64 1e-9, exact ints", () => {
    const f = new NDArray(Float32Array.from([1.00001]), [1], "float32");
    expect(compareArray(f, spec("float32", [1], [1]))).toEqual([]);
    const g = new NDArray(Float32Array.from([1.0001]), [1], "float32");
    expect(compareArray(g, spec("float32", [1], [1]))).toHaveLength(1);
    const d = new NDArray(Float64Array.from([1 + 1e-8]), [1], "float64");
    expect(compareArray(d, spec("float64", [1], [1]))).toHaveLength(1);
    const i = new NDArray(Int32Array.from([3]), [1], "int32");
    expect(compareArray(i, spec("int32", [1], [4]))).toHaveLength(1);
  });
  it("checks weakType when the reference records it", () => {
    expect(compareArray(np.add(2, 3), spec("int32", [], [5], { weak: true }))).toEqual([]);
    expect(compareArray(np.add(2, 3), spec("int32", [], [5], { weak: false }))[0]).toMatch(/weakType/);
  });
  it("rejects a non-array", () => {
    expect(compareArray(3, spec("float32", [], [3]))[0]).toMatch(/NDArray/);
  });
});

describe("runner: a case fails when the function is wrong", () => {
  const good: RefCase = { name: "add", fn: "(a, b) => np.add(a, b)", inputs: [spec("int32", [2], [1, 2]), spec("int32", [2], [3, 4])], expected: spec("int32", [2], [4, 6]) };
  it("passes the right function", () => {
    expect(() => runCase(good, "eager")).not.toThrow();
  });
  it("fails a wrong value, a wrong function, a missing error, a wrong error code", () => {
    expect(() => runCase({ ...good, expected: spec("int32", [2], [4, 7]) }, "eager")).toThrow();
    expect(() => runCase({ ...good, fn: "(a, b) => np.subtract(a, b)" }, "eager")).toThrow();
    expect(() => runCase({ ...good, expected: { error: "ShapeError", code: "NJ101" } }, "eager")).toThrow(/expected ShapeError/);
    const bad = { ...good, inputs: [spec("int32", [2], [1, 2]), spec("int32", [3], [1, 2, 3])] };
    expect(() => runCase({ ...bad, expected: { error: "ShapeError", code: "NJ101" } }, "eager")).not.toThrow();
    expect(() => runCase({ ...bad, expected: { error: "ShapeError", code: "NJ102" } }, "eager")).toThrow();
    expect(() => runCase({ ...bad, expected: { error: "DTypeError", code: "NJ101" } }, "eager")).toThrow();
    expect(() => runCase({ ...bad, expected: { error: "ShapeError", code: "NJ101", contains: ["(7,)"] } }, "eager")).toThrow();
  });
  it("strided mode rebuilds inputs as non-contiguous views with the same values", () => {
    for (const [shape, data] of [[[2, 3], [1, 2, 3, 4, 5, 6]], [[3], [7, 8, 9]], [[], [5]], [[0, 2], []], [[2, 1, 2], [1, 2, 3, 4]]] as [number[], number[]][]) {
      const x = makeInput(spec("int32", shape, data), true);
      expect(x.shape).toEqual(shape);
      expect(Array.from(x.toTypedArray())).toEqual(data);
      if (data.length > 1) expect(x.isContiguous).toBe(false);
    }
  });
  it("builds strided inputs from `prep`", () => {
    const x = makeInput(spec("int32", [2, 3], [1, 2, 3, 4, 5, 6], { prep: "x => x.T" }));
    expect(x.shape).toEqual([3, 2]);
    expect(x.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });
});

describe("reference files", () => {
  for (const area of ["creation", "elementwise", "extras", "indexing", "linalg", "nn", "reductions", "shape"]) {
    it(`${area}: every case has inputs matching its function's arity`, () => {
      const refs = loadRefs(area);
      for (const c of refs.cases) {
        const f = new Function("np", "nn", `return (${c.fn});`)(null, null) as (...a: unknown[]) => unknown;
        expect(f.length, c.name).toBe(c.inputs.length);
      }
    });
  }
});
