// Pytree plumbing shared by the transformations: argnums, leaves as arrays, axis specs.
import { type DType, scalarDType } from "../dtype.js";
import { transformError } from "../errors.js";
import { NDArray, scalarArray } from "../ndarray.js";
import { type Leaf, type TreeDef, treeDefKey, treeFlatten, treeUnflatten } from "../ir/tree.js";

export type Argnums = number | readonly number[];

/** Normalized argnums (negative counts from the end) and whether the user passed a single number. */
export function normalizeArgnums(fn: string, argnums: Argnums, nargs: number): { list: number[]; single: boolean } {
  const single = typeof argnums === "number";
  const list = (single ? [argnums as number] : [...(argnums as readonly number[])]).map((a) => {
    if (!Number.isInteger(a) || a >= nargs || a < -nargs) throw transformError.argnums(fn, a, nargs);
    return a < 0 ? a + nargs : a;
  });
  return { list, single };
}

export function isFloatDType(d: DType): boolean {
  return d === "float32" || d === "float64";
}

/** A leaf as an array: JS numbers are weakly typed (floats for differentiation when `floatNumbers`). */
export function leafArray(x: Leaf, floatNumbers = false): NDArray {
  if (x instanceof NDArray) return x;
  if (typeof x === "boolean") return scalarArray(Number(x), "bool", true);
  return scalarArray(x, floatNumbers ? "float32" : scalarDType(x), true);
}

export interface DiffArgs {
  /** Flat leaves of the differentiated arguments, as arrays. */
  leaves: NDArray[];
  /** Tree of the list of differentiated arguments. */
  tree: TreeDef;
  /** Rebuild the full argument list with the differentiated leaves replaced. */
  rebuild: (leaves: readonly unknown[]) => unknown[];
}

/** Split the arguments into the differentiated ones (by argnums) and the rest, checking dtypes. */
export function diffArgs(fn: string, args: unknown[], argnums: number[], requireFloat: boolean): DiffArgs {
  const all: NDArray[] = [];
  for (const i of argnums) {
    const [ls] = treeFlatten(args[i]);
    for (const l of ls) {
      const a = leafArray(l, true);
      if (requireFloat && !isFloatDType(a.dtype)) throw transformError.nonFloat(fn, a.dtype, i);
      all.push(a);
    }
  }
  const [, tree] = treeFlatten(argnums.map((i) => args[i]));
  return {
    leaves: all,
    tree,
    rebuild: (leaves) => {
      const parts = treeUnflatten(tree, leaves) as unknown[];
      const full = args.slice();
      argnums.forEach((i, k) => (full[i] = parts[k]));
      return full;
    },
  };
}

export function sameStructure(fn: string, what: string, expected: TreeDef, got: TreeDef): void {
  if (treeDefKey(expected) !== treeDefKey(got))
    throw transformError.tree(fn, `${what} has structure ${treeDefKey(got)}, expected ${treeDefKey(expected)}`);
}

/**
 * Replace values inside arbitrary nested lists / plain objects (other values, strings included,
 * are kept as they are): for aux outputs, which need not be array pytrees.
 */
export function mapNested(t: unknown, f: (x: unknown) => unknown): unknown {
  if (Array.isArray(t)) return t.map((x) => mapNested(x, f));
  if (isPlainObject(t)) return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, mapNested(v, f)]));
  return f(t);
}

export type AxisSpec = number | null | undefined | AxisSpec[] | { [k: string]: AxisSpec };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object") return false;
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

/**
 * One axis per leaf of `value`, from a spec that is a tree prefix of it: a number or null applies
 * to every leaf below it (JAX's in_axes / out_axes semantics).
 */
export function axesPerLeaf(spec: AxisSpec, value: unknown, where: string): (number | null)[] {
  if (spec === null || spec === undefined || typeof spec === "number") return treeFlatten(value)[0].map(() => spec ?? null);
  if (Array.isArray(spec)) {
    if (!Array.isArray(value) || value.length !== spec.length) {
      const got = Array.isArray(value) ? `a list of ${value.length}` : describe(value);
      throw transformError.vmap(`axis spec at ${where} is a list of ${spec.length}, but the value there is ${got}`);
    }
    return spec.flatMap((s, i) => axesPerLeaf(s, value[i], `${where}[${i}]`));
  }
  if (isPlainObject(spec)) {
    if (!isPlainObject(value)) throw transformError.vmap(`axis spec at ${where} is an object, but the value there is ${describe(value)}`);
    const keys = Object.keys(value).sort();
    const sk = Object.keys(spec).sort();
    if (keys.join() !== sk.join())
      throw transformError.vmap(`axis spec at ${where} has keys {${sk.join(", ")}}, the value has {${keys.join(", ")}}`);
    return keys.flatMap((k) => axesPerLeaf(spec[k], value[k], `${where}.${k}`));
  }
  throw transformError.vmap(`invalid axis spec at ${where}: ${String(spec)}`);
}

function describe(x: unknown): string {
  if (x instanceof NDArray) return `an array of shape (${x.shape.join(", ")})`;
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return x === null ? "null" : typeof x;
}
