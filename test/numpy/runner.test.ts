// The table runner must be able to fail: every kind of wrong answer is caught.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NDArray, numpy as np } from "@numjit/runtime";
import { type ArraySpec, MODES, type RefCase, VIEW_LAYOUTS, compareArray, jit, loadRefs, makeInput, runCase } from "./runner.js";

const spec = (dtype: ArraySpec["dtype"], shape: number[], data: ArraySpec["data"], extra: Partial<ArraySpec> = {}): ArraySpec => ({
  dtype,
  shape,
  data,
  ...extra,
});

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
  const good: RefCase = {
    name: "add",
    fn: "(a, b) => np.add(a, b)",
    inputs: [spec("int32", [2], [1, 2]), spec("int32", [2], [3, 4])],
    expected: spec("int32", [2], [4, 6]),
  };
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
    for (const [shape, data] of [
      [
        [2, 3],
        [1, 2, 3, 4, 5, 6],
      ],
      [[3], [7, 8, 9]],
      [[], [5]],
      [[0, 2], []],
      [
        [2, 1, 2],
        [1, 2, 3, 4],
      ],
    ] as [number[], number[]][]) {
      const x = makeInput(spec("int32", shape, data), true);
      expect(x.shape).toEqual(shape);
      expect(Array.from(x.toTypedArray())).toEqual(data);
      if (data.length > 1) expect(x.isContiguous).toBe(false);
    }
  });
  it("builds strided inputs from `prep`", () => {
    const x = makeInput(spec("int32", [2, 3], [1, 2, 3, 4, 5, 6], { prep: "x => x.T" }));
    expect(x.shape).toEqual([3, 2]);
    expect(x.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
});

describe("runner: views modes", () => {
  const vals = [1, 2, 3, 4, 5, 6];
  const sp = spec("int32", [2, 3], vals);
  it("every layout keeps shape and values, with sentinels around the elements", () => {
    for (const l of VIEW_LAYOUTS) {
      const x = makeInput(sp, l);
      expect([x.shape, Array.from(x.toTypedArray())], l).toEqual([[2, 3], vals]);
      expect(x.offset, l).toBeGreaterThan(0);
      expect(x.data.length, l).toBeGreaterThan(x.size);
    }
    expect(makeInput(sp, "offset").isContiguous).toBe(true);
    expect(makeInput(sp, "offset").strides).toEqual([3, 1]);
    expect(makeInput(sp, "transposed").strides).toEqual([1, 2]);
    expect(makeInput(sp, "negative").strides).toEqual([-3, -1]);
    expect(makeInput(sp, "strided").strides).toEqual([-6, 2]);
    for (const l of ["transposed", "negative", "strided"] as const) expect(makeInput(sp, l).isContiguous, l).toBe(false);
  });
  it("broadcast: stride 0 along every axis where the values repeat, over a smaller stored array", () => {
    const rows = makeInput(spec("float32", [3, 2], [1, "NaN", 1, "NaN", 1, "NaN"]), "broadcast");
    expect(rows.strides).toEqual([0, 1]);
    expect(Array.from(rows.toTypedArray())).toEqual([1, NaN, 1, NaN, 1, NaN]);
    const cols = makeInput(spec("int32", [2, 1, 3], [7, 7, 7, 8, 8, 8]), "broadcast");
    expect(cols.strides).toEqual([1, 0, 0]);
    expect(cols.toArray()).toEqual([[[7, 7, 7]], [[8, 8, 8]]]);
    expect(makeInput(spec("float32", [2], [0, -0]), "broadcast").strides).toEqual([1]); // -0 is not 0
    expect(makeInput(sp, "broadcast").strides).toEqual([3, 1]);
  });
  it("0-d, size-0 and bool inputs in every layout", () => {
    for (const l of VIEW_LAYOUTS) {
      expect(makeInput(spec("float64", [], [2.5]), l).toArray(), l).toBe(2.5);
      expect(makeInput(spec("float32", [0, 3], []), l).shape, l).toEqual([0, 3]);
      expect(makeInput(spec("bool", [2, 2], [true, false, false, true]), l).toArray(), l).toEqual([
        [true, false],
        [false, true],
      ]);
    }
  });
  const id: RefCase = { name: "id", fn: "(x) => np.add(x, 0)", inputs: [sp], expected: spec("int32", [2, 3], vals) };
  // a "kernel" that reads a view's buffer from 0 (the offset bug), and one that writes into its input's buffer
  const dropsOffset = { ...id, fn: "(x) => new x.constructor(x.data.slice(0, x.size), x.shape, x.dtype)" };
  const writesGap = { ...id, fn: "(x) => { x.data[0] = 7; return np.add(x, 0); }" };
  it("passes a correct function in every mode", () => {
    for (const m of MODES) expect(() => runCase(id, m), m).not.toThrow();
  });
  it("a dropped offset passes dense and fails every view layout, each one reported", () => {
    expect(() => runCase(dropsOffset, "eager")).not.toThrow();
    let msg = "";
    try {
      runCase(dropsOffset, "eager views");
    } catch (e) {
      msg = (e as Error).message;
    }
    for (const l of VIEW_LAYOUTS) expect(msg).toContain(`eager views (${l})`);
  });
  it("an op writing into its input's buffer (even outside the view) fails", () => {
    expect(() => runCase(writesGap, "eager views")).toThrow(/input 0 unchanged/);
  });
  it("a layout listed as a known failure must fail, and is reported once it passes", () => {
    const all = Object.fromEntries(VIEW_LAYOUTS.map((l) => [l, "bug"]));
    expect(() => runCase(dropsOffset, "eager views", all)).not.toThrow();
    expect(() => runCase(id, "eager views", { negative: "bug" })).toThrow(/eager views \(negative\): passes, but KNOWN_FAILURES lists it/);
  });
});

describe("runner: nothing is skipped silently", () => {
  it("the runtime exports jit and every mode runs", () => {
    expect(typeof jit).toBe("function");
    expect(MODES).toEqual(["eager", "eager views", "jit", "jit views"]);
  });
  const areas = readdirSync(new URL("./refs/", import.meta.url))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
  it("every reference file has a test file that runs it", () => {
    expect(areas.length).toBeGreaterThanOrEqual(11);
    for (const area of areas) {
      let src = "";
      try {
        src = readFileSync(new URL(`./${area}.test.ts`, import.meta.url), "utf8");
      } catch {
        // missing file: src stays empty and the assertion below names the area
      }
      expect(src, `${area}.test.ts runs refs/${area}.json`).toContain(`runRefFile("${area}")`);
    }
  });
  for (const area of areas) {
    it(`${area}: every case has inputs matching its function's arity`, () => {
      const refs = loadRefs(area);
      for (const c of refs.cases) {
        const f = new Function("np", "nn", `return (${c.fn});`)(null, null) as (...a: unknown[]) => unknown;
        expect(f.length, c.name).toBe(c.inputs.length);
      }
    });
  }
});
