// pmin, ppermute, psumScatter and allToAll against JAX (refs/lax-collectives.json: jax.vmap with an axis
// name): each runs under vmap(f, { axisName }), jit(vmap(...)) and pmap(f, { axisName, devices }), plus the
// gradients through them; bad permutations and block sizes are typed errors naming the collective.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type NDArray, TransformError, grad, jit, lax, numpy as np, pmap, vmap } from "@numjit/runtime";
import { type ArraySpec, compareArray, makeInput } from "../numpy/runner.js";

interface Case {
  name: string;
  input: ArraySpec;
  expected: ArraySpec;
}
const refs = JSON.parse(readFileSync(new URL("./refs/lax-collectives.json", import.meta.url), "utf8")) as { count: number; cases: Case[] };

const FNS: Record<string, (v: NDArray) => NDArray> = {
  pmin: (v) => lax.pmin(v, "i"),
  "pmin int32": (v) => lax.pmin(v, "i"),
  "ppermute cycle": (v) =>
    lax.ppermute(v, "i", [
      [0, 1],
      [1, 2],
      [2, 0],
    ]),
  psumScatter: (v) => lax.psumScatter(v, "i"),
  "psumScatter tiled dim 1": (v) => lax.psumScatter(v, "i", { scatterDimension: 1, tiled: true }),
  allToAll: (v) => lax.allToAll(v, "i", 0, 1),
  "allToAll tiled": (v) => lax.allToAll(v, "i", 0, 1, { tiled: true }),
  "allToAll tiled split 1 concat 0": (v) => lax.allToAll(v, "i", 1, 0, { tiled: true }),
  "grad of ppermute": (v) =>
    grad((u: NDArray) =>
      np.sum(
        np.multiply(
          lax.ppermute(u, "i", [
            [0, 2],
            [1, 0],
            [2, 1],
          ]),
          np.sin(u),
        ),
      ),
    )(v),
  "grad of psumScatter": (v) => grad((u: NDArray) => np.sum(np.multiply(np.cos(lax.psumScatter(u, "i")), np.arange(2))))(v),
};

describe("lax collectives against JAX (vmap axis name, jit, pmap)", () => {
  it("every reference case has its function here", () => {
    expect(refs.cases.length).toBe(refs.count);
    expect(refs.cases.map((c) => c.name).sort()).toEqual(Object.keys(FNS).sort());
  });
  for (const c of refs.cases) {
    const f = FNS[c.name]!;
    it(`${c.name}: vmap and jit(vmap)`, () => {
      const x = makeInput(c.input);
      expect(compareArray(vmap(f, { axisName: "i" })(x), c.expected)).toEqual([]);
      expect(compareArray(jit(vmap(f, { axisName: "i" }))(makeInput(c.input, "negative")), c.expected)).toEqual([]);
    });
    it(`${c.name}: pmap`, () => {
      const x = makeInput(c.input, "offset");
      expect(compareArray(pmap(f, { axisName: "i", devices: c.input.shape[0]! })(x), c.expected)).toEqual([]);
    });
  }
  it("ppermute: a member that receives nothing gets zeros (pmap, partial permutation)", () => {
    const out = pmap((v: NDArray) => lax.ppermute(v, "i", [[0, 1]]), { axisName: "i", devices: 2 })(
      np.array([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(out.toArray()).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });
  it("bad permutations and block sizes are TransformError NJ509 naming the collective", () => {
    const bad: [string, (v: NDArray) => NDArray][] = [
      [
        "ppermute",
        (v) =>
          lax.ppermute(v, "i", [
            [0, 1],
            [2, 1],
          ]),
      ],
      ["ppermute", (v) => lax.ppermute(v, "i", [[0, 3]])],
      ["psumScatter", (v) => lax.psumScatter(v, "i")],
      ["allToAll", (v) => lax.allToAll(v, "i", 0, 1, { tiled: true })],
      ["allToAll", (v) => lax.allToAll(v, "i", 2, 0)],
    ];
    for (const [op, f] of bad) {
      let err: unknown;
      try {
        vmap(f, { axisName: "i" })(np.ones([3, 2, 2]));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TransformError);
      expect((err as TransformError).code).toBe("NJ509");
      expect((err as Error).message).toContain(op);
    }
  });
});
