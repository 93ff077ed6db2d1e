// Evaluation of the higher-order primitives on concrete arrays (eager, and a jit plan's "call" actions).
// Each equation runs as one generated function (jit/call-code.ts: a whole loop is one call). Where code
// generation is forbidden or a body is not generable, the interpreted forms below run: every body through
// its plan (jit/subplan.ts), one plan call per iteration.
import { allocate } from "../dtype.js";
import { NDArray } from "../ndarray.js";
import { higherImpls } from "../core/trace.js";
import type { HigherParams, HigherPrimitive } from "../core/primitives.js";
import { compiledCall } from "../jit/call-code.js";
import { assign } from "../eager/strided.js";
import { runCompiled } from "../jit/subplan.js";
import { sizeOf } from "../shape.js";

/** Row i of x along its leading axis, as a view. */
export function row(x: NDArray, i: number): NDArray {
  return new NDArray(x.data, x.shape.slice(1), x.dtype, x.strides.slice(1), x.offset + i * x.strides[0]!, x.weakType);
}

/** A clamped branch index from a concrete int32 scalar (JAX clamps out-of-range indices). */
export function branchIndex(x: NDArray, n: number): number {
  const i = Number(x.data[x.offset]);
  return Math.min(Math.max(i, 0), n - 1);
}

type Impl<P extends HigherPrimitive> = (ins: NDArray[], p: HigherParams[P]) => NDArray[];

/** The primitive's impl: its generated function where there is one, else `interpreted`. */
function compiledOr<P extends HigherPrimitive>(prim: P, interpreted: Impl<P>): Impl<P> {
  return (ins, p) => {
    const run = compiledCall(prim, p, ins.length);
    return run ? run(ins) : interpreted(ins, p);
  };
}

higherImpls.jit_call = compiledOr("jit_call", (ins, { jaxpr, counters }) => runCompiled(jaxpr, counters)(ins));
higherImpls.checkpoint = compiledOr("checkpoint", (ins, { jaxpr }) => runCompiled(jaxpr)(ins));
higherImpls.custom_jvp_call = compiledOr("custom_jvp_call", (ins, { fun }) => runCompiled(fun)(ins));
higherImpls.custom_vjp_call = compiledOr("custom_vjp_call", (ins, { fun }) => runCompiled(fun)(ins));

higherImpls.cond = compiledOr("cond", (ins, { branches }) => runCompiled(branches[branchIndex(ins[0]!, branches.length)]!)(ins.slice(1)));

higherImpls.while = compiledOr("while", (ins, { cond, body, condConsts, bodyConsts }) => {
  const cc = ins.slice(0, condConsts);
  const bc = ins.slice(condConsts, condConsts + bodyConsts);
  let carry = ins.slice(condConsts + bodyConsts);
  const runCond = runCompiled(cond),
    runBody = runCompiled(body);
  // argument lists built once; each iteration writes the carry into them
  const ca = [...cc, ...carry],
    ba = [...bc, ...carry];
  for (;;) {
    for (let k = 0; k < carry.length; k++) ca[cc.length + k] = carry[k]!;
    const p = runCond(ca)[0]!;
    if (!p.data[p.offset]) return carry;
    for (let k = 0; k < carry.length; k++) ba[bc.length + k] = carry[k]!;
    carry = runBody(ba);
  }
});

higherImpls.scan = compiledOr("scan", (ins, { body, length, reverse, consts, carry: ncarry }) => {
  const cs = ins.slice(0, consts);
  let carry = ins.slice(consts, consts + ncarry);
  const xs = ins.slice(consts + ncarry);
  const run = runCompiled(body);
  const yAvals = body.outs.slice(ncarry).map((o) => o.aval);
  const ys = yAvals.map(
    (a) => new NDArray(allocate(a.dtype, length * sizeOf(a.shape)), [length, ...a.shape], a.dtype, undefined, 0, a.weakType),
  );
  const args = [...cs, ...carry, ...xs];
  for (let k = 0; k < length; k++) {
    const i = reverse ? length - 1 - k : k;
    for (let j = 0; j < ncarry; j++) args[consts + j] = carry[j]!;
    for (let j = 0; j < xs.length; j++) args[consts + ncarry + j] = row(xs[j]!, i);
    const outs = run(args);
    carry = outs.length === ncarry ? outs : outs.slice(0, ncarry);
    for (let j = 0; j < ys.length; j++) assign(row(ys[j]!, i), outs[ncarry + j]!);
  }
  return [...carry, ...ys];
});
