import { expect } from "vitest";
import { numpy as np, type NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; runtimeCompiles: number; eagerFallbacks: number } };

export function check(mod: Record<string, unknown>): void {
  const x = np.array([-2, 0, 3]);
  const cases: [Jitted, number[]][] = [
    [mod["a"] as Jitted, [-1, 1, 4]],
    [mod["b"] as Jitted, [-6, 0, 9]],
    [mod["c"] as Jitted, [0, 0, 3]],
    [(mod["make"] as () => Jitted)(), [4, 0, 9]],
    [mod["default"] as Jitted, [2, -0, -3]],
  ];
  for (const [f, want] of cases) {
    expect(f(x).toArray()).toEqual(want);
    expect(f.cacheInfo()).toMatchObject({ calls: 1, runtimeCompiles: 0, eagerFallbacks: 0 });
  }
  expect(mod["relu"]).toBe(mod["c"]);
  expect(typeof (mod["numpy"] as typeof np).add).toBe("function");
}
