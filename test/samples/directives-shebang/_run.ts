import { expect } from "vitest";
import type { NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; runtimeCompiles: number; eagerFallbacks: number } };

export function check(mod: Record<string, unknown>): void {
  expect((mod["out"] as NDArray).toArray()).toEqual([4, 5]);
  expect((mod["f"] as Jitted).cacheInfo()).toMatchObject({ calls: 1, runtimeCompiles: 0, eagerFallbacks: 0 });
}
