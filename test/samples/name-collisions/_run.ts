import { expect } from "vitest";
import { numpy as np, type NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; runtimeCompiles: number; eagerFallbacks: number } };

export function check(mod: Record<string, unknown>): void {
  expect(mod["user"]).toEqual(["user k0", 1, "user pre", "escaped"]);
  const f = mod["f"] as Jitted;
  expect(f(np.array([1, 2])).toArray()).toEqual([2, 4]);
  const g = (mod["make"] as () => Jitted)();
  expect(g(np.array([1, 2])).toArray()).toEqual([2, 3]);
  for (const j of [f, g]) {
    expect(j.cacheInfo().calls).toBe(1);
    expect(j.cacheInfo().runtimeCompiles).toBe(0);
  }
}
