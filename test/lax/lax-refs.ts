// Runs a JAX reference file of test/lax/refs (scripts/gen_lax2_refs.py) through the NumPy table runner
// (test/numpy/runner.ts): every case in the eager, eager views, jit and jit views modes. A missing or
// truncated reference file fails.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODES, type RefFile, runCase } from "../numpy/runner.js";

export function runLaxRefs(area: string): void {
  const refs = JSON.parse(readFileSync(new URL(`./refs/${area}.json`, import.meta.url), "utf8")) as RefFile;
  describe(`lax refs: ${area}`, () => {
    it("reference file is complete", () => {
      expect(refs.cases.length).toBe(refs.count);
      expect(refs.cases.length).toBeGreaterThanOrEqual(10);
      expect(new Set(refs.cases.map((c) => c.name)).size).toBe(refs.cases.length);
    });
    for (const mode of MODES)
      describe(mode, () => {
        for (const c of refs.cases) it(c.name, () => runCase(c, mode));
      });
  });
}
