// Arguments of a jitted function: pytrees of NDArray / number / boolean leaves. Typed arrays are array
// leaves too (converted as np.array does, as eager ops accept them); anything else is an ArgumentError
// naming the argument's path and type, since tracing cannot make it an array.
import { type DType, isBigInt, scalarDType } from "../dtype.js";
import { argumentError } from "../errors.js";
import { NDArray, scalarArray } from "../ndarray.js";
import { array } from "../numpy/util.js";
import type { CacheInfo } from "./jit.js";

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
  // a leaf's path is only spelled out for an error: a call builds no strings
  const walk = (v: unknown, path: () => string): unknown => {
    if (v instanceof NDArray || typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return v;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return array(v as never);
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const y = walk(v[i], () => `${path()}[${i}]`);
        if (y !== v[i]) (out ??= v.slice())[i] = y;
      }
      return out ?? v;
    }
    if (isPlainObject(v)) {
      let out: Record<string, unknown> | undefined;
      for (const k of Object.keys(v)) {
        const y = walk(v[k], () => (/^[A-Za-z_$][\w$]*$/.test(k) ? `${path()}.${k}` : `${path()}[${JSON.stringify(k)}]`));
        if (y !== v[k]) (out ??= { ...v })[k] = y;
      }
      return out ?? v;
    }
    throw argumentError.jitArgument(fn, path(), typeName(v));
  };
  let out: unknown[] | undefined;
  for (let i = 0; i < args.length; i++) {
    if (statics.has(i)) continue;
    const y = walk(args[i], () => `args[${i}]`);
    if (y !== args[i]) (out ??= args.slice())[i] = y;
  }
  return out ?? args;
}

/** Static arguments are hashed by value: primitives and frozen plain data only. */
export function staticKey(fnName: string, v: unknown, where: string): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  const t = typeof v;
  if (t === "number" || t === "boolean") return `${t[0]}${String(v)}`;
  if (t === "string") return JSON.stringify(v);
  if (t === "function")
    throw argumentError.staticArg(
      fnName,
      `static argument ${where} is a function; static arguments must be hashable values (numbers, strings, booleans, frozen plain data)`,
    );
  if (v instanceof NDArray)
    throw argumentError.staticArg(
      fnName,
      `static argument ${where} is an NDArray; arrays cannot be static (pass it as a regular argument)`,
    );
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v) || proto === Object.prototype || proto === null) {
    if (!Object.isFrozen(v))
      throw argumentError.staticArg(
        fnName,
        `static argument ${where} is a mutable ${Array.isArray(v) ? "array" : "object"}; ` +
          "freeze it (Object.freeze) so it can be hashed by value",
      );
    if (Array.isArray(v)) return `[${v.map((x, i) => staticKey(fnName, x, `${where}[${i}]`)).join(",")}]`;
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${staticKey(fnName, (v as Record<string, unknown>)[k], `${where}.${k}`)}`)
      .join(",")}}`;
  }
  throw argumentError.staticArg(
    fnName,
    `static argument ${where} is a ${proto?.constructor?.name ?? "object"} instance; static arguments must be hashable values`,
  );
}

/**
 * The dtype a JS scalar argument of a traced function is passed in: bool, int32 for integers int32
 * holds, and float64 for floats and larger integers, so that the double value reaches float64 math
 * (the function itself sees a weak float32, as in eager; see traceFlat).
 */
export function scalarLeafDType(x: number | boolean): DType {
  if (typeof x === "boolean") return "bool";
  return scalarDType(x) === "int32" ? "int32" : "float64";
}

/** A JS scalar argument as the run-time input array of a traced function (see scalarLeafDType). */
export function scalarLeafArray(x: number | boolean): NDArray {
  const dtype = scalarLeafDType(x);
  return scalarArray(Number(x), dtype, dtype !== "float64");
}

/** Cache-key class of a JS scalar argument: values of one class share a trace. */
export function scalarLeafKey(x: number | boolean): string {
  if (typeof x === "boolean") return "bool~[]";
  if (scalarDType(x) === "int32") return "int32~[]";
  return isBigInt(x) ? "bigint~[]" : "float32~[]";
}

/** Split arguments into the dynamic ones (statics replaced by null) and the statics' values and keys. */
export function splitStatics(fnName: string, args: readonly unknown[], staticNums: ReadonlySet<number>) {
  const dyn: unknown[] = [];
  const statics: unknown[] = [];
  const skeys: string[] = [];
  args.forEach((a, i) => {
    if (staticNums.has(i)) {
      skeys.push(staticKey(fnName, a, `${i}`));
      statics.push(a);
      dyn.push(null);
    } else dyn.push(a);
  });
  return { dyn, statics, skeys };
}

/** A fresh all-zero cacheInfo() record (the runtime jit's counters, and a precompiled function's baseline). */
export const emptyCacheInfo = (): CacheInfo => ({
  calls: 0,
  traces: 0,
  runtimeCompiles: 0,
  precompiledCalls: 0,
  eagerFallbacks: 0,
  entries: 0,
  hits: 0,
  misses: 0,
});
