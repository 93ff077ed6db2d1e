import { expect } from "vitest";
import { numpy as np, type NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; runtimeCompiles: number; eagerFallbacks: number } };

export function check(mod: Record<string, unknown>): void {
  expect(mod["mathIsMine"]).toBe(2);
  const got = (mod["expPlusOne"] as Jitted)(np.array([0, 1], { dtype: "float64" })).toArray() as number[];
  expect(got).toEqual([2, Math.exp(1) + 1]);
  const p = mod["plusOne"] as Jitted;
  expect(p(np.array([1, 2])).toArray()).toEqual([2, 3]);
  expect(p.cacheInfo()).toMatchObject({ calls: 1, runtimeCompiles: 0, eagerFallbacks: 0 });
}
