// examples/data-parallel: the MLP trained with pmap over 2 worker devices (gradients pmean'd) follows the
// loss curve of the one-process run on the same batches at float32 tolerance, and the curve falls.
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs example module without type declarations
import { makeData, train } from "../../examples/data-parallel/model.mjs";

describe("examples/data-parallel", () => {
  it("2 devices reach the one-process loss curve (float32 tolerance)", () => {
    const sizes = { inputs: 64, hidden: 32, classes: 10 };
    const data = makeData(512, sizes);
    const run = (devices: number) => train({ steps: 24, batch: 64, devices, sizes, data, learningRate: 0.5 }).losses as number[];
    const one = run(1),
      two = run(2);
    expect(two).toHaveLength(24);
    two.forEach((l, i) => expect(Math.abs(l - one[i]!), `step ${i}: ${l} vs ${one[i]}`).toBeLessThanOrEqual(1e-5 * Math.abs(one[i]!)));
    expect(one[23]!).toBeLessThan(0.7 * one[0]!);
  });
});
