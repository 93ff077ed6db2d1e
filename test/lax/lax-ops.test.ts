// lax's elementwise, structural, reduction, dot and sort functions against real JAX (refs/lax-ops.json,
// written by scripts/gen_lax_refs.py): every case through the numpy runner's four modes (eager, eager
// views, jit, jit views: strided, offset, transposed, negative and broadcast inputs), bad inputs as typed errors.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODES, type RefFile, runCase } from "../numpy/runner.js";

const refs = JSON.parse(readFileSync(new URL("./refs/lax-ops.json", import.meta.url), "utf8")) as RefFile;

describe("lax ops against JAX", () => {
  it("reference file is complete", () => {
    expect(refs.cases.length).toBe(refs.count);
    expect(refs.cases.length).toBeGreaterThan(200);
    expect(new Set(refs.cases.map((c) => c.name)).size).toBe(refs.cases.length);
  });
  for (const mode of MODES)
    describe(mode, () => {
      for (const c of refs.cases) it(c.name, () => runCase(c, mode));
    });
});
