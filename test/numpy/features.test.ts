// FEATURES.md must name every function the runtime exports, so the table cannot silently go stale.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as jaxjs from "@jax-js/jax";
import { lax, nn, numpy as np, random, scipyLinalg, scipySpecial } from "@numjit/runtime";

const text = readFileSync(new URL("../../FEATURES.md", import.meta.url), "utf8").replace(/```[\s\S]*?```/g, "");
/** Every word inside a `code span`, with np./nn./scipySpecial./x. prefixes dropped. */
const named = new Set(
  [...text.matchAll(/`([^`]+)`/g)]
    .flatMap((m) => m[1]!.split(/[^A-Za-z0-9_.]+/))
    .map((w) => w.replace(/^(np|nn|x|lax|random|scipySpecial|scipyLinalg)?\./, "")),
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
    ["scipyLinalg", scipyLinalg],
  ] as const) {
    it(`lists every ${ns} export`, () => {
      expect(Object.keys(mod).length, `${ns} exports`).toBeGreaterThan(0); // an empty namespace must not pass
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

// issue 15's target: FEATURES.md covers everything jax-js exports from numpy, numpy.linalg, numpy.fft, nn,
// lax and scipySpecial (a row, implemented or marked ❌). Only functions count (jax-js's dtype objects do not).
describe("FEATURES.md covers jax-js's exports", () => {
  const fns = (mod: object) =>
    Object.entries(mod)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k);
  const j = jaxjs as unknown as Record<string, Record<string, object>>;
  for (const [ns, mod, prefix] of [
    ["numpy", j.numpy!, ""],
    ["numpy.linalg", j.numpy!.linalg!, "linalg."],
    ["numpy.fft", j.numpy!.fft!, "fft."],
    ["nn", j.nn!, ""],
    ["lax", j.lax!, ""],
    ["lax.linalg", j.lax!.linalg!, "linalg."],
    ["scipySpecial", j.scipySpecial!, ""],
  ] as const) {
    it(`names every jax-js ${ns} function`, () => {
      const keys = fns(mod);
      expect(keys.length, `jax-js ${ns} exports`).toBeGreaterThan(3);
      // jax-js's `Array` class is numjit's NDArray
      expect(keys.filter((k) => k !== "Array" && !named.has(`${prefix}${k}`))).toEqual([]);
    });
  }
});
