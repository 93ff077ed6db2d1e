// The rule tables, one per transformation, keyed by primitive. `adRules` pairs each primitive's
// forward and backward rule; `jvpRules` / `vjpRules` are its two halves. A primitive added to
// core/primitives.ts without rules here fails to type-check.
import type { Primitive } from "../../core/primitives.js";
import { collectiveRules } from "./collectives.js";
import { convRules } from "./conv.js";
import { elementwiseRules } from "./elementwise.js";
import { linalgRules } from "./linalg.js";
import { reductionRules } from "./reductions.js";
import { structuralRules } from "./structural.js";
import type { AdRule, JvpRule, VjpRule } from "./types.js";

export const adRules: { [P in Primitive]: AdRule<P> } = {
  ...elementwiseRules,
  ...reductionRules,
  ...structuralRules,
  ...linalgRules,
  ...convRules,
  ...collectiveRules,
};

function half<K extends "jvp" | "vjp">(k: K) {
  return Object.fromEntries(Object.entries(adRules).map(([p, r]) => [p, (r as AdRule<Primitive>)[k]]));
}
export const jvpRules = half("jvp") as { [P in Primitive]: JvpRule<P> };
export const vjpRules = half("vjp") as { [P in Primitive]: VjpRule<P> };

export function isNondiff(p: Primitive): boolean {
  return adRules[p].nondiff === true;
}

export { multiRules } from "./factorizations.js";
export type { AdRule, JvpRule, VjpRule, BatchRule } from "./types.js";
