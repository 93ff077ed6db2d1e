import { expect } from "vitest";
import { numpy as np } from "@numjit/runtime";

type F = (...a: unknown[]) => unknown;
const arr = (a: unknown) => Array.from((a as np.NDArray).toTypedArray() as Float32Array);

export function check(mod: Record<string, F>): void {
  const pos = np.array([0.5, 1, 2], { dtype: "float32" });
  const neg = np.array([-3, 1, 0.25], { dtype: "float32" });
  expect(arr(mod["flip"]!(pos))).toEqual([2, 3, 5]);
  expect(arr(mod["flip"]!(neg))).toEqual([6, -2, -0.5]);
  expect(arr(mod["early"]!(neg))).toEqual([3, 1, 0.25]);
  expect(arr(mod["early"]!(np.array([4, 9, 0.25], { dtype: "float32" })))).toEqual([2, 3, 0.5]);
  expect(arr(mod["pick"]!(pos))).toEqual([0.25, 0.5, 1]);
  expect(arr(mod["pick"]!(np.array([0.5, -1, 0], { dtype: "float32" })))).toEqual([0.5, -1, 0]);
  const d = mod["doubling"]!(pos) as { s: np.NDArray; n: np.NDArray };
  expect([d.s.item(), d.n.item()]).toEqual([112, 5]);
  expect(arr(mod["powers"]!(np.array([2, 3], { dtype: "float32" }), 3))).toEqual([16, 81]);
  expect(arr(mod["powers"]!(np.array([2, 3], { dtype: "float32" }), 0))).toEqual([2, 3]);
  expect(arr(mod["rowsum"]!(np.array([[1, 2], [3, 4]], { dtype: "float32" })))).toEqual([3, 7]);
  expect(() => mod["firstNeg"]!(neg)).toThrow(expect.objectContaining({ code: "NJ403" }));
}
