// Generated sources are committed; they must match their generators.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";

describe("generated files are up to date", () => {
  for (const script of ["scripts/gen-eager-kernels.mjs", "scripts/gen-ir-kernels.mjs", "scripts/gen-wasm.mjs"]) {
    it(script, () => {
      const r = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
      expect(r.status, r.stderr + r.stdout).toBe(0);
    });
  }
});
