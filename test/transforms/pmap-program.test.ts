// How pmap cuts a per-device program into stages (pmap/program.ts): values that depend on no input — a
// literal broadcast to a gradient's shape, pmean's divisor — are computed in each stage that reads them, so
// they never become a stage's output (an array copied from every device to the caller on each call).
import { describe, expect, it } from "vitest";
import { lax, makeJaxpr, type NDArray, numpy as np, nn, pmap, valueAndGrad } from "@numjit/runtime";
// compiled modules outside the package's exports: the program cut is internal
import { withAxis } from "../../packages/runtime/dist/core/axis-env.js";
import { deviceProgram } from "../../packages/runtime/dist/pmap/program.js";
import { rand, rng } from "./helpers.js";

/** f traced with the axis "i" of size 2 bound, cut into its device program (every input mapped). */
function programOf(f: (...xs: NDArray[]) => unknown, ...xs: NDArray[]) {
  const j = withAxis({ name: "i", size: 2 }, () => makeJaxpr(f)(...xs));
  return deviceProgram(
    j,
    "f",
    xs.map(() => true),
  );
}
const stages = (p: ReturnType<typeof programOf>) => p.segments.flatMap((s) => (s.kind === "stage" ? [s] : []));

describe("pmap's device program", () => {
  it("pmean: the device stage outputs only the collective's operand; the divisor is built where it is used", () => {
    const p = programOf((x) => lax.pmean(np.multiply(x, 2), "i"), np.ones([3, 4]));
    expect(p.segments.map((s) => s.kind)).toEqual(["stage", "collective", "stage"]);
    const [first, last] = stages(p);
    expect(first!.jaxpr.outs).toHaveLength(1);
    expect(last!.replicated).toBe(true);
    expect(last!.jaxpr.inBinders).toHaveLength(1); // the psum; the divisor is its own equation
  });

  it("an MLP's gradient stage sends back the loss and the four gradients, nothing else", () => {
    const r = rng(7);
    const params = { w1: rand(r, [8, 6]), b1: rand(r, [6]), w2: rand(r, [6, 3]), b2: rand(r, [3]) };
    type P = typeof params;
    const loss = (p: P, x: NDArray) => np.mean(nn.logsumexp(np.add(np.matmul(nn.relu(np.add(np.matmul(x, p.w1), p.b1)), p.w2), p.b2), -1));
    const step = (w1: NDArray, b1: NDArray, w2: NDArray, b2: NDArray, x: NDArray) => {
      const [l, g] = valueAndGrad(loss)({ w1, b1, w2, b2 }, x);
      return [lax.pmean(l, "i"), lax.pmean(g, "i")];
    };
    const p = programOf(step, params.w1, params.b1, params.w2, params.b2, rand(r, [5, 8]));
    const first = stages(p)[0]!;
    const shapes = first.jaxpr.outs.map((o) => (o as { aval: { shape: readonly number[] } }).aval.shape.join("x"));
    expect(shapes.sort()).toEqual(["", "3", "6", "6x3", "8x6"]);
  });

  it("an input-free value that is an output or a collective's operand stays in the environment", () => {
    const f = (x: NDArray) => [lax.psum(np.full([2], 3), "i"), np.zeros([2]), np.add(x, 1)];
    const p = programOf(f, np.ones([2]));
    expect(p.segments.filter((s) => s.kind === "collective")).toHaveLength(1);
    const run = pmap(f, { axisName: "i", sequential: true });
    const [s, z, y] = run(np.ones([2, 2])) as NDArray[];
    expect(s!.toArray()).toEqual([
      [6, 6],
      [6, 6],
    ]);
    expect(z!.toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(y!.toArray()).toEqual([
      [2, 2],
      [2, 2],
    ]);
  });
});
