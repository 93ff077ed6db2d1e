// Jaxprs and arrays as structured-clonable data, to send a pmap program to its worker devices once.
// Vars become ids (with their avals), sub-jaxprs of higher-order equations are encoded recursively, captured
// arrays travel as dense typed arrays (a stage's inputs in shared memory, its outputs moved back).
// customVjp's backward pass is a JS function and cannot be sent (NJ512).
import { type DType, type TypedArray, typedArrayFor } from "../dtype.js";
import type { Aval } from "../core/trace.js";
import { parallelError } from "../errors.js";
import { type Atom, type Eqn, Jaxpr, Lit, Var, mapSubJaxprs } from "../ir/jaxpr.js";
import { NDArray, copyStrided } from "../ndarray.js";

export interface EncodedArray {
  data: TypedArray;
  shape: number[];
  dtype: DType;
  weakType: boolean;
}
type EncodedAtom = number | { lit: number; aval: Aval };
interface EncodedEqn {
  primitive: Eqn["primitive"];
  inputs: EncodedAtom[];
  params: unknown;
  outs: number[];
}
export interface EncodedJaxpr {
  vars: [number, Aval][];
  inBinders: number[];
  constvars: number[];
  consts: EncodedArray[];
  eqns: EncodedEqn[];
  outs: EncodedAtom[];
}

export const encodeArray = (x: NDArray): EncodedArray => ({
  data: x.toTypedArray(),
  shape: x.shape.slice(),
  dtype: x.dtype,
  weakType: x.weakType,
});
/**
 * x as dense data in a SharedArrayBuffer: one copy however many devices it is sent to (a structured clone
 * shares the buffer), where encodeArray's buffer is copied again, or moved, per message.
 */
export function encodeShared(x: NDArray): EncodedArray {
  const Ctor = typedArrayFor(x.dtype);
  // TypedArrayCtor is typed over ArrayBuffer; every typed array constructor also takes a SharedArrayBuffer
  const data = new Ctor(new SharedArrayBuffer(x.size * Ctor.BYTES_PER_ELEMENT) as unknown as ArrayBuffer);
  if (x.isContiguous) data.set(x.data.subarray(x.offset, x.offset + x.size));
  else copyStrided(x, data);
  return { data, shape: x.shape.slice(), dtype: x.dtype, weakType: x.weakType };
}
export const decodeArray = (e: EncodedArray): NDArray => new NDArray(e.data, e.shape, e.dtype, undefined, 0, e.weakType);

export function encodeJaxpr(j: Jaxpr, fn: string): EncodedJaxpr {
  const vars = new Map<Var, number>();
  const id = (v: Var) => {
    if (!vars.has(v)) vars.set(v, vars.size);
    return vars.get(v)!;
  };
  const atom = (a: Atom): EncodedAtom => (a instanceof Lit ? { lit: a.value, aval: a.aval } : id(a));
  const eqns = j.eqns.map((e): EncodedEqn => {
    if (e.primitive === "custom_vjp_call")
      throw parallelError.pmap(fn, `customVjp '${e.params.name}' cannot run on a worker device (pass { sequential: true })`, {
        primitive: e.primitive,
      });
    const { params } = mapSubJaxprs(e, (s) => encodeJaxpr(s, fn) as unknown as Jaxpr);
    return { primitive: e.primitive, inputs: e.inputs.map(atom), params, outs: e.outs.map(id) };
  });
  const enc = {
    inBinders: j.inBinders.map(id),
    constvars: j.constvars.map(id),
    consts: j.consts.map(encodeArray),
    eqns,
    outs: j.outs.map(atom),
  };
  return { vars: [...vars].map(([v, i]) => [i, v.aval]), ...enc };
}

export function decodeJaxpr(e: EncodedJaxpr): Jaxpr {
  const vars = new Map<number, Var>(e.vars.map(([i, aval]) => [i, new Var(aval)]));
  const v = (i: number) => vars.get(i)!;
  const atom = (a: EncodedAtom): Atom => (typeof a === "number" ? v(a) : new Lit(a.lit, a.aval));
  const eqns = e.eqns.map((q) =>
    mapSubJaxprs({ primitive: q.primitive, inputs: q.inputs.map(atom), params: q.params, outs: q.outs.map(v) } as Eqn, (s) =>
      decodeJaxpr(s as unknown as EncodedJaxpr),
    ),
  );
  return new Jaxpr(e.inBinders.map(v), eqns, e.outs.map(atom), e.constvars.map(v), e.consts.map(decodeArray));
}
