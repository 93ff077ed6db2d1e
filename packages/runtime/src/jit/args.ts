// Arguments of a jitted function: pytrees of NDArray / number / boolean leaves. Typed arrays are array
// leaves too (converted as np.array does, as eager ops accept them); anything else is an ArgumentError
// naming the argument's path and type, since tracing cannot make it an array.
import { argumentError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { array } from "../numpy/util.js";

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object") return false;
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

function typeName(v: unknown): string {
  if (typeof v === "string") return "a string";
  if (typeof v === "bigint") return "a BigInt";
  if (typeof v === "function") return "a function";
  if (typeof v === "symbol") return "a symbol";
  if (v instanceof DataView) return "a DataView";
  const ctor = (v as object)?.constructor?.name;
  return ctor ? `a ${ctor} instance` : "an object";
}

/**
 * The dynamic arguments with typed-array leaves converted to NDArrays (copy-on-write: unchanged
 * subtrees are returned as they are). Static positions are left alone.
 */
export function prepareArgs(fn: string, args: unknown[], statics: ReadonlySet<number>): unknown[] {
  const walk = (v: unknown, path: string): unknown => {
    if (v instanceof NDArray || typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return v;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return array(v as never);
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const y = walk(v[i], `${path}[${i}]`);
        if (y !== v[i]) (out ??= v.slice())[i] = y;
      }
      return out ?? v;
    }
    if (isPlainObject(v)) {
      let out: Record<string, unknown> | undefined;
      for (const k of Object.keys(v)) {
        const y = walk(v[k], /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);
        if (y !== v[k]) (out ??= { ...v })[k] = y;
      }
      return out ?? v;
    }
    throw argumentError.jitArgument(fn, path, typeName(v));
  };
  let out: unknown[] | undefined;
  for (let i = 0; i < args.length; i++) {
    if (statics.has(i)) continue;
    const y = walk(args[i], `args[${i}]`);
    if (y !== args[i]) (out ??= args.slice())[i] = y;
  }
  return out ?? args;
}
