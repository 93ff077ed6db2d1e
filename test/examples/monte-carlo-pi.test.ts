// examples/monte-carlo-pi: the count of points inside the quarter circle equals JAX's for the same keys
// (157204 of 200000 for seed 0, two batches of 100000: jax.random.fold_in / split / uniform, float32).
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs example module without type declarations
import { estimatePi, estimatePiLoop } from "../../examples/monte-carlo-pi/pi.mjs";

describe("Monte Carlo π example", () => {
  it("counts the same points as JAX 0.10.2 and estimates π within 4 standard errors", () => {
    const { inside, total, pi } = estimatePi(0, 2, 100_000) as { inside: number; total: number; pi: number };
    expect(inside).toBe(157204);
    expect(total).toBe(200_000);
    expect(Math.abs(pi - Math.PI)).toBeLessThan(4 * 4 * Math.sqrt((0.785 * 0.215) / total));
  });
  it("the whole loop in one jitted lax.foriLoop counts the same points", () => {
    expect(estimatePiLoop(0, 2, 100_000)).toEqual({ inside: 157204, total: 200_000, pi: (4 * 157204) / 200_000 });
  });
});
