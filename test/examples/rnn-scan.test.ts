// examples/rnn-scan: the RNN (lax.scan over time) trains (loss falls) and its jitted gradient equals the
// eager one; the eager scan (a JS loop) and the jitted scan give the same predictions.
import { describe, expect, it } from "vitest";
import { jit, valueAndGrad } from "@numjit/runtime";
// @ts-expect-error -- a plain .mjs example module without type declarations
import { initParams, loss, makeData, predict, train } from "../../examples/rnn-scan/model.mjs";
import { expectClose } from "../transforms/helpers.js";

describe("examples/rnn-scan", () => {
  it("eager and jitted predictions and gradients agree", () => {
    const p = initParams(),
      x = makeData(4);
    expectClose(jit(predict)(p, x), predict(p, x), 1e-5);
    const [l0, g0] = valueAndGrad(loss)(p, x);
    const [l1, g1] = jit(valueAndGrad(loss))(p, x);
    expectClose(l1, l0, 1e-5);
    expectClose(g1, g0, 1e-4);
  });
  it("trains: the loss falls by more than half in 30 Adam steps, one compile", () => {
    const { losses, compiles } = train(30, { batch: 8 });
    expect(losses[29]).toBeLessThan(0.5 * losses[0]);
    expect(compiles).toBe(1);
  });
});
