// FEATURES.md must name every function the runtime exports, so the table cannot silently go stale.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lax, nn, numpy as np } from "@numjit/runtime";

const text = readFileSync(new URL("../../FEATURES.md", import.meta.url), "utf8").replace(/```[\s\S]*?```/g, "");
/** Every word inside a `code span`, with np./nn./x. prefixes dropped. */
const named = new Set(
  [...text.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.split(/[^A-Za-z0-9_.]+/)).map((w) => w.replace(/^(np|nn|x)?\./, "")),
);
// internal helpers the numpy layer exports for other modules, not user API
const INTERNAL = new Set(["intIndex", "sliceAxis", "NDArray", "float32", "float64", "int32", "bool"]);

describe("FEATURES.md", () => {
  for (const [ns, mod] of [
    ["np", np],
    ["nn", nn],
  ] as const) {
    it(`lists every ${ns} export`, () => {
      expect(Object.keys(mod).length, `${ns} exports`).toBeGreaterThan(10); // an empty namespace must not pass
      const missing = Object.keys(mod).filter((k) => !INTERNAL.has(k) && !named.has(k));
      expect(missing).toEqual([]);
    });
  }
  // the namespaces inside np and lax are named with their prefix (`np.linalg.solve` -> "linalg.solve")
  for (const [ns, mod] of [
    ["linalg", np.linalg],
    ["fft", np.fft],
    ["lax", lax],
    ["lax.linalg", lax.linalg],
  ] as const) {
    it(`lists every ${ns}.* export`, () => {
      const keys = Object.keys(mod).filter((k) => !(ns === "lax" && k === "linalg"));
      expect(keys.length, `${ns} exports`).toBeGreaterThan(0);
      expect(keys.filter((k) => !named.has(`${ns}.${k}`))).toEqual([]);
    });
  }
});
