import { expect, vi } from "vitest";
import { numpy as np, type NDArray } from "@numjit/runtime";

type Info = { calls: number; traces: number; precompiledCalls: number; runtimeCompiles: number; misses: number; hits: number };
type Jitted = ((...a: unknown[]) => unknown) & { cacheInfo(): Info };

/** Every call below is compared to the same function run eagerly (`.fn`: the function as written). */
export function check(mod: Record<string, unknown>): void {
  const affine = mod["affine"] as Jitted & { fn: (...a: unknown[]) => NDArray };
  const x = np.array([[1, -2, 3], [0.5, 4, -1]]);
  const w = np.array([[1, 0], [0, 1], [-1, 2]]);
  expect((affine(x, w) as NDArray).toArray()).toEqual(affine.fn(x, w).toArray());
  // a transposed view: the plan makes its input dense, no trace
  const wt = np.transpose(np.array([[1, 0, -1], [0, 1, 2]]));
  expect((affine(x, wt) as NDArray).toArray()).toEqual(affine.fn(x, w).toArray());
  expect(affine.cacheInfo()).toMatchObject({ calls: 2, traces: 0, precompiledCalls: 2, misses: 0, hits: 0 });

  const tree = mod["tree"] as Jitted & { fn: (...a: unknown[]) => { sum: NDArray; scaled: NDArray[] } };
  const p = { a: np.array([1, 2, 3, 4]), b: np.array([0.5, -1, 2, 0]) };
  const got = tree(p, np.array(3)) as { sum: NDArray; scaled: NDArray[] };
  const want = tree.fn(p, np.array(3));
  expect(got.sum.toArray()).toEqual(want.sum.toArray());
  expect(got.scaled.map((a) => a.toArray())).toEqual(want.scaled.map((a) => a.toArray()));
  expect(tree.cacheInfo()).toMatchObject({ calls: 1, traces: 0, precompiledCalls: 1 });

  // the static value the build saw has a plan; another value falls back (one warning), still correct
  const clipTo = mod["clipTo"] as Jitted;
  expect((mod["clipped"] as NDArray).toArray()).toEqual([-2, 0.5, 2]);
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    expect((clipTo(np.array([-3, 0.5, 3]), 1) as NDArray).toArray()).toEqual([-1, 0.5, 1]);
    expect((clipTo(np.array([-3, 0.5, 3]), 1) as NDArray).toArray()).toEqual([-1, 0.5, 1]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain("static arguments n1");
  } finally {
    warn.mockRestore();
  }
  expect(clipTo.cacheInfo()).toMatchObject({ calls: 3, precompiledCalls: 1, traces: 1, misses: 1, hits: 1 });
}
