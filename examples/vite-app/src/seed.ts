// The seed experiment in the browser: `add` called n times, eager vs jit, 5 repeats, median.
import { numpy as np } from "@numjit/runtime";
import { add, addJit } from "./kernels.js";

export const NS = [10, 100, 500, 1000, 5000, 10000] as const;
export const REPEATS = 5;

export interface SeedRow {
  n: number;
  eagerMs: number;
  jitMs: number;
  eagerSpread: [number, number];
  jitSpread: [number, number];
}

type Fn = (a: np.NDArray, b: np.NDArray) => np.NDArray;

/**
 * Time of n calls, in ms. Browsers round performance.now() to 0.1 ms (5 us at best), so the block of n
 * calls is repeated until at least MIN_CALLS calls have run and the time is divided back.
 */
const MIN_CALLS = 20_000;
function timeCalls(f: Fn, a: np.NDArray, b: np.NDArray, n: number): number {
  const blocks = Math.max(1, Math.round(MIN_CALLS / n));
  let sink = 0;
  const t0 = performance.now();
  for (let k = 0; k < blocks; k++) for (let i = 0; i < n; i++) sink += f(a, b).size;
  const ms = performance.now() - t0;
  if (sink !== blocks * n * a.size) throw new Error("add returned the wrong size");
  return ms / blocks;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs the experiment; yields to the event loop between sizes so the page stays responsive. */
export async function runSeed(onRow?: (row: SeedRow) => void): Promise<SeedRow[]> {
  const a = np.array([1, 2, 3, 4], { dtype: "float32" });
  const b = np.array([10, 20, 30, 40], { dtype: "float32" });
  // warm both paths (JIT tiers of the JS engine, and the jit's first-call setup) before timing
  timeCalls(add, a, b, 20_000);
  timeCalls(addJit, a, b, 20_000);
  const rows: SeedRow[] = [];
  for (const n of NS) {
    const eager: number[] = [];
    const jit: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      // alternate so slow drift (GC, thermal) hits both columns alike
      eager.push(timeCalls(add, a, b, n));
      jit.push(timeCalls(addJit, a, b, n));
    }
    const row: SeedRow = {
      n,
      eagerMs: median(eager),
      jitMs: median(jit),
      eagerSpread: [Math.min(...eager), Math.max(...eager)],
      jitSpread: [Math.min(...jit), Math.max(...jit)],
    };
    rows.push(row);
    onRow?.(row);
    await new Promise((r) => setTimeout(r, 0));
  }
  return rows;
}

/**
 * jit(add) against eager add on the same inputs: equal shapes, broadcasting, a 0-d array, a strided view.
 * All float32: the dtype the build-time kernels were emitted for. (Another dtype is still correct, it
 * just leaves the precompiled kernels for the runtime jit, which this CSP forbids: the IR then runs on
 * the eager kernels. The browser test asserts that never happens on this page.)
 */
export function checkAdd(): { cases: number; mismatches: string[] } {
  const grid = np.reshape(np.arange(0, 12, 1, { dtype: "float32" }), [3, 4]);
  const cases: [np.NDArray, np.NDArray][] = [
    [np.array([1, 2, 3, 4]), np.array([10, 20, 30, 40])],
    [grid, np.array([0.5, -1, 2, 3.25])],
    [np.array([[1], [2], [3]]), np.linspace(0, 1, 5, { dtype: "float32" })],
    [np.array(2.5), grid],
    [np.transpose(grid), np.array([1e-3, 1e3, -7])],
  ];
  const mismatches: string[] = [];
  for (const [x, y] of cases) {
    const e = add(x, y);
    const j = addJit(x, y);
    const same = e.dtype === j.dtype && e.shape.join() === j.shape.join() && JSON.stringify(e.toArray()) === JSON.stringify(j.toArray());
    if (!same)
      mismatches.push(
        `add(${x.shape}, ${y.shape}): eager ${e.dtype}${JSON.stringify(e.toArray())} vs jit ${j.dtype}${JSON.stringify(j.toArray())}`,
      );
  }
  return { cases: cases.length, mismatches };
}
