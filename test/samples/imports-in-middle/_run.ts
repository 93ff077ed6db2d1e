import { expect } from "vitest";
import { numpy as np, type NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; runtimeCompiles: number; eagerFallbacks: number } };

export function check(mod: Record<string, unknown>): void {
  // relu(3x - 1) for x = 0, 1, 2
  expect((mod["both"] as NDArray).toArray()).toEqual([0, 2, 5]);
  const e = (mod["viaNamespace"] as Jitted)(np.array([0, 1])).toArray() as number[];
  expect(e[0]).toBe(1);
  expect(e[1]).toBeCloseTo(Math.exp(-1), 6);
  for (const k of ["scale", "act", "viaNamespace"]) expect((mod[k] as Jitted).cacheInfo().runtimeCompiles, k).toBe(0);
}
