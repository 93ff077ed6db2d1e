// vmap of every op of the eager API against a JS loop over the batch axis stacked with np.stack,
// for several placements of the batch axis, eager and under jit.
import { describe, it } from "vitest";
import { type NDArray, jit, numpy as np, vmap } from "@numjit/runtime";
import { expectClose, rand, rng } from "./helpers.js";
import { OPS } from "./ops-table.js";

const B = 3;

/** Example i of x along `axis` (null: x itself). */
const example = (x: NDArray, axis: number | null, i: number) => (axis === null ? x : np.take(x, i, axis));

function looped(f: (...xs: NDArray[]) => NDArray | NDArray[], xs: NDArray[], axes: (number | null)[]): NDArray | NDArray[] {
  const outs = Array.from({ length: B }, (_, i) => f(...xs.map((x, k) => example(x, axes[k]!, i))));
  if (Array.isArray(outs[0])) return (outs[0] as NDArray[]).map((_, j) => np.stack(outs.map((o) => (o as NDArray[])[j]!)));
  return np.stack(outs as NDArray[]);
}

describe("vmap vs a loop stacked with np.stack", () => {
  OPS.forEach((c, k) => {
    const variants: (number | "last" | null)[][] = [c.inputs.map(() => 0), ["last", ...c.inputs.slice(1).map(() => null)]];
    if (c.inputs.length > 1) variants.push([null, ...c.inputs.slice(1).map(() => 0)]);
    variants.forEach((spec, v) => {
      it(`${c.name}: inAxes [${spec.join(", ")}]`, () => {
        const r = rng(2000 + 10 * k + v);
        const axes = spec.map((s, i) => (s === "last" ? c.inputs[i]![0].length : s));
        const xs = c.inputs.map(([shape, dom], i) => {
          const ax = axes[i];
          return rand(r, ax === null ? shape : [...shape.slice(0, ax), B, ...shape.slice(ax)], dom);
        });
        const want = looped(c.f, xs, axes);
        expectClose(vmap(c.f, { inAxes: axes })(...xs), want, 1e-9);
        if (v === 0) expectClose(jit(vmap(c.f, { inAxes: axes }))(...xs), want, 1e-9);
      });
    });
  });
});
