// FEATURES.md must name every function the runtime exports, so the table cannot silently go stale.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lax, nn, numpy as np, random, scipySpecial } from "@numjit/runtime";

const text = readFileSync(new URL("../../FEATURES.md", import.meta.url), "utf8").replace(/```[\s\S]*?```/g, "");
/** Every word inside a `code span`, with np./nn./scipySpecial./x. prefixes dropped. */
const named = new Set(
  [...text.matchAll(/`([^`]+)`/g)]
    .flatMap((m) => m[1]!.split(/[^A-Za-z0-9_.]+/))
    .map((w) => w.replace(/^(np|nn|x|lax|random|scipySpecial)?\./, "")),
);
// internal helpers the numpy layer exports for other modules, not user API
const INTERNAL = new Set(["intIndex", "intIndices", "sliceAxis", "splitAt", "NDArray", "float32", "float64", "int32", "uint32", "bool"]);

describe("FEATURES.md", () => {
  for (const [ns, mod] of [
    ["np", np],
    ["nn", nn],
    ["lax", lax],
    ["random", random],
    ["scipySpecial", scipySpecial],
  ] as const) {
    it(`lists every ${ns} export`, () => {
      expect(Object.keys(mod).length, `${ns} exports`).toBeGreaterThan(5); // an empty namespace must not pass
      // namespaces inside np and lax (linalg, fft) are checked below
      const missing = Object.keys(mod).filter((k) => !INTERNAL.has(k) && !named.has(k) && !(k === "linalg" || k === "fft"));
      expect(missing).toEqual([]);
    });
  }
  // the namespaces inside np and lax are named with their prefix (`np.linalg.solve` -> "linalg.solve")
  for (const [ns, mod] of [
    ["linalg", np.linalg],
    ["fft", np.fft],
    ["linalg", lax.linalg],
  ] as const) {
    it(`lists every ${ns}.* export (${mod === lax.linalg ? "lax" : "np"})`, () => {
      const keys = Object.keys(mod);
      expect(keys.length, `${ns} exports`).toBeGreaterThan(0);
      expect(keys.filter((k) => !named.has(`${ns}.${k}`))).toEqual([]);
    });
  }
});
