// The NDArray surface next to the numpy functions: properties, conversions to JS, printing.
// Printing follows NumPy's repr (numbers, alignment, nesting); the dtype suffix differs on purpose:
// float32 is numjit's default dtype, so it is the one left unprinted (NumPy omits float64's).
import { describe, expect, it } from "vitest";
import { ArgumentError, NDArray, numpy as np } from "@numjit/runtime";

describe("NDArray properties", () => {
  it("shape, dtype, ndim, size, T", () => {
    const x = np.zeros([2, 3, 4], { dtype: "int32" });
    expect([x.shape, x.dtype, x.ndim, x.size]).toEqual([[2, 3, 4], "int32", 3, 24]);
    expect(x.T.shape).toEqual([4, 3, 2]);
    const s = np.array(1.5);
    expect([s.shape, s.ndim, s.size]).toEqual([[], 0, 1]);
    expect(np.zeros([3, 0]).size).toBe(0);
  });
  it("every op returns an NDArray, 0-d for full reductions", () => {
    const x = np.arange(6).reshape(2, 3);
    for (const r of [np.sum(x), np.max(x), np.mean(x), np.argmax(x), np.all(x), np.dot(np.arange(3), np.arange(3)), np.trace(np.eye(2))]) {
      expect(r).toBeInstanceOf(NDArray);
      expect(r.shape).toEqual([]);
    }
  });
});

describe("conversions to JS", () => {
  it("toArray gives nested arrays; booleans for bool; a number for 0-d", () => {
    expect(np.arange(6).reshape(2, 3).toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(np.array([true, false]).toArray()).toEqual([true, false]);
    expect(np.array([[true], [false]]).toArray()).toEqual([[true], [false]]);
    expect(np.array(2.5).toArray()).toBe(2.5);
    expect(np.zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(np.arange(6).reshape(2, 3).T.toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });
  it("item gives the single element; other sizes are an ArgumentError", () => {
    expect(np.array(7, { dtype: "int32" }).item()).toBe(7);
    expect(np.array([true]).item()).toBe(true);
    expect(np.sum(np.array([1.5, 2])).item()).toBe(3.5);
    expect(() => np.arange(2).item()).toThrow(ArgumentError);
  });
  it("toTypedArray is a row-major copy of the view, of the dtype's typed array", () => {
    const x = np.arange(6).reshape(2, 3);
    const t = x.T.toTypedArray();
    expect(t).toBeInstanceOf(Int32Array);
    expect(Array.from(t)).toEqual([0, 3, 1, 4, 2, 5]);
    const flat = x.toTypedArray();
    flat[0] = 99; // a copy: the array is unchanged
    expect(x.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(np.array([1.5]).toTypedArray()).toBeInstanceOf(Float32Array);
    expect(np.array([1.5], { dtype: "float64" }).toTypedArray()).toBeInstanceOf(Float64Array);
    expect(np.array([true]).toTypedArray()).toBeInstanceOf(Uint8Array);
    expect(Array.from(np.arange(10).slice("7:2:-2").toTypedArray())).toEqual([7, 5, 3]);
  });
  it("views are independent of later operations (no in-place ops)", () => {
    const x = np.arange(4);
    const v = x.slice("::-1");
    const y = np.add(x, 1);
    expect(v.toArray()).toEqual([3, 2, 1, 0]);
    expect(x.toArray()).toEqual([0, 1, 2, 3]);
    expect(y.toArray()).toEqual([1, 2, 3, 4]);
  });
});

describe("views where NumPy returns views (they share the base's buffer)", () => {
  const x = np.arange(24).reshape(2, 3, 4);
  const views: [string, () => NDArray][] = [
    ["reshape of contiguous", () => x.reshape(6, 4)],
    ["transpose", () => x.T],
    ["slice with steps", () => x.slice(":", "::-1", "1::2")],
    ["integer index of a transposed view", () => x.T.slice(0)],
    ["squeeze / expandDims of a strided view", () => np.expandDims(np.squeeze(x.slice(":", "1:2", "::2"), 1), 0)],
    ["broadcastTo", () => np.broadcastTo(x.slice(0, 0), [5, 4])],
    ["flip", () => np.flip(x, [0, 2])],
    ["split parts", () => np.split(x, 3, 1)[1]!],
    ["swapaxes, moveaxis", () => np.moveaxis(np.swapaxes(x, 0, 2), 0, 1)],
  ];
  for (const [name, make] of views) it(name, () => expect(make().data).toBe(x.data));
  it("copies where NumPy copies", () => {
    expect(np.array(x).data).not.toBe(x.data);
    expect(x.T.reshape(-1).data).not.toBe(x.data);
    expect(x.copy().data).not.toBe(x.data);
  });
});

describe("toString prints like NumPy's repr", () => {
  const cases: [string, () => NDArray, string][] = [
    ["int32 1-d", () => np.array([1, 2, 3], { dtype: "int32" }), "array([1, 2, 3], dtype=int32)"],
    [
      "int32 2-d aligned",
      () =>
        np.array(
          [
            [1, -20],
            [300, 4],
          ],
          { dtype: "int32" },
        ),
      "array([[  1, -20],\n       [300,   4]], dtype=int32)",
    ],
    ["bool", () => np.array([true, false]), "array([ True, False])"],
    ["float64 decimals aligned", () => np.array([1.5, 2.25, -3], { dtype: "float64" }), "array([ 1.5 ,  2.25, -3.  ], dtype=float64)"],
    [
      "float32 2-d",
      () =>
        np.array([
          [1, 2],
          [3, 4],
        ]),
      "array([[1., 2.],\n       [3., 4.]])",
    ],
    [
      "float32 mixed",
      () =>
        np.array([
          [0.5, 10],
          [100.25, -1],
        ]),
      "array([[  0.5 ,  10.  ],\n       [100.25,  -1.  ]])",
    ],
    ["nan and inf", () => np.array([NaN, Infinity, -Infinity, 1], { dtype: "float64" }), "array([ nan,  inf, -inf,   1.], dtype=float64)"],
    ["nan with decimals", () => np.array([NaN, 1.5, 2.25]), "array([ nan, 1.5 , 2.25])"],
    [
      "int32 3-d",
      () => np.arange(8).reshape(2, 2, 2),
      "array([[[0, 1],\n        [2, 3]],\n\n       [[4, 5],\n        [6, 7]]], dtype=int32)",
    ],
    ["0-d int32", () => np.array(3, { dtype: "int32" }), "array(3, dtype=int32)"],
    ["0-d float64", () => np.array(2.5, { dtype: "float64" }), "array(2.5, dtype=float64)"],
    ["empty 2-d int32", () => np.zeros([0, 3], { dtype: "int32" }), "array([], shape=(0, 3), dtype=int32)"],
    ["empty 2-d float32", () => np.zeros([0, 2]), "array([], shape=(0, 2))"],
    ["empty 1-d float32", () => np.zeros([0]), "array([])"],
    ["float32 shortest digits", () => np.array([0.1, 0.25]), "array([0.1 , 0.25])"],
  ];
  for (const [name, make, expected] of cases) it(name, () => expect(make().toString()).toBe(expected));
  it("String() and template literals use it", () => {
    expect(String(np.array([1, 2], { dtype: "int32" }))).toBe("array([1, 2], dtype=int32)");
    expect(`${np.array([true])}`).toBe("array([ True])");
  });
});
