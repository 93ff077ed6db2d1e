// Pytrees: nested arrays/plain objects whose leaves are NDArrays, numbers or booleans.
import { argumentError } from "../errors.js";
import { NDArray } from "../ndarray.js";

export type Leaf = NDArray | number | boolean;
export type Tree = Leaf | null | undefined | Tree[] | { [k: string]: Tree };

export type TreeDef =
  | { kind: "leaf" }
  | { kind: "none"; value: null | undefined }
  | { kind: "list"; children: TreeDef[] }
  | { kind: "dict"; keys: string[]; children: TreeDef[] };

export function isLeaf(x: unknown): x is Leaf {
  return x instanceof NDArray || typeof x === "number" || typeof x === "boolean";
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object") return false;
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

export function treeFlatten(x: unknown, leaves: Leaf[] = []): [Leaf[], TreeDef] {
  const path: (string | number)[] = []; // joined only for the error message
  const rec = (v: unknown): TreeDef => {
    if (isLeaf(v)) {
      leaves.push(v);
      return { kind: "leaf" };
    }
    if (v === null || v === undefined) return { kind: "none", value: v };
    if (Array.isArray(v)) {
      return { kind: "list", children: v.map((c, i) => (path.push(i), withPop(rec(c)))) };
    }
    if (isPlainObject(v)) {
      const keys = Object.keys(v).sort();
      return { kind: "dict", keys, children: keys.map((k) => (path.push(k), withPop(rec(v[k])))) };
    }
    const type = typeof v === "object" ? ((v as object).constructor?.name ?? "object") : typeof v;
    const at = path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
    throw argumentError.invalid(
      "pytree",
      `unsupported node of type ${type}${at ? ` at ${at}` : ""} ` +
        "(pytree leaves are NDArrays, numbers and booleans, inside arrays and plain objects)",
    );
  };
  const withPop = (d: TreeDef): TreeDef => {
    path.pop();
    return d;
  };
  const def = rec(x);
  return [leaves, def];
}

export function treeUnflatten(def: TreeDef, leaves: readonly unknown[]): any {
  let i = 0;
  const rec = (d: TreeDef): unknown => {
    switch (d.kind) {
      case "leaf":
        return leaves[i++];
      case "none":
        return d.value;
      case "list":
        return d.children.map(rec);
      case "dict": {
        const o: Record<string, unknown> = {};
        d.keys.forEach((k, j) => (o[k] = rec(d.children[j]!)));
        return o;
      }
    }
  };
  return rec(def);
}

export function treeDefKey(def: TreeDef): string {
  switch (def.kind) {
    case "leaf":
      return "*";
    case "none":
      return def.value === null ? "N" : "U";
    case "list":
      return `[${def.children.map(treeDefKey).join(",")}]`;
    case "dict":
      return `{${def.keys.map((k, i) => `${JSON.stringify(k)}:${treeDefKey(def.children[i]!)}`).join(",")}}`;
  }
}

export function treeMap(f: (x: Leaf) => unknown, t: unknown): any {
  const [leaves, def] = treeFlatten(t);
  return treeUnflatten(def, leaves.map(f));
}

export function treeLeaves(t: unknown): Leaf[] {
  return treeFlatten(t)[0];
}
