// Transformation rules of the higher-order primitives (jit_call, cond, while, scan, custom_jvp_call,
// custom_vjp_call, checkpoint), JAX style: each rule transforms the sub-jaxprs (transforms/jaxpr.ts) and binds
// the same primitive on the transformed programs, so the result is again one compiled program per body.
//  - jvp: the bodies become jvp bodies over (primals, tangents); loops carry the tangents along.
//  - vjp (tape): the tape keeps the equation's inputs; the backward pass binds the vjp of the body, which
//    recomputes the forward inside (jit_call and checkpoint), a cond over the branches' vjps, or (scan) a
//    reverse scan of the body's vjp over the carries the forward scan stacked.
//  - vmap: the bodies are batched (every batched operand with its batch axis at 0); a batched predicate
//    evaluates every branch and selects, and a batched while loop runs until every lane is done.
import type { HigherParams, HigherPrimitive } from "../core/primitives.js";
import { bind, bindHigher } from "../core/trace.js";
import { transformError } from "../errors.js";
import { Jaxpr, Var } from "../ir/jaxpr.js";
import { evalJaxpr } from "../ir/trace-jaxpr.js";
import type { NDArray } from "../ndarray.js";
import { scalarArray } from "../ndarray.js";
import { matchAxis } from "./batching.js";
import { jvpJaxpr, retrace, vjpJaxpr, vmapJaxpr } from "./jaxpr.js";
import { add, broadcastInDim, convert, eq, select, zerosLike } from "./rules/ops.js";
import { pullback, record } from "./vjp.js";
import { vmap } from "./vmap.js";

type T = NDArray | null;
export type HigherJvpRule<P extends HigherPrimitive> = (
  primals: NDArray[],
  tangents: T[],
  params: HigherParams[P],
) => [NDArray[], NDArray[]];
export interface HigherVjpContext<P extends HigherPrimitive> {
  inputs: NDArray[];
  outs: NDArray[];
  params: HigherParams[P];
  /** What `forward` kept for the backward pass (customVjp's residuals). */
  saved: unknown;
}
export interface HigherVjpRule<P extends HigherPrimitive> {
  /** The forward pass under a tape (default: bind the primitive). */
  forward?: (primals: NDArray[], params: HigherParams[P]) => { outs: NDArray[]; saved: unknown };
  /** Input cotangents from the output cotangents (null: zero). */
  backward: (cts: T[], c: HigherVjpContext<P>) => T[];
}
export type HigherBatchRule<P extends HigherPrimitive> = (
  vals: NDArray[],
  dims: (number | null)[],
  params: HigherParams[P],
  size: number,
) => [NDArray[], (number | null)[]];

const zeros = (xs: T[], like: readonly NDArray[]) => xs.map((t, i) => t ?? zerosLike(like[i]!));
const avals = (j: Jaxpr) => j.inBinders.map((v) => v.aval);

/** j with its inputs and outputs reordered: new input k is old input inOrder[k] (likewise outputs). */
export function permuteJaxpr(j: Jaxpr, inOrder: readonly number[], outOrder?: readonly number[]): Jaxpr {
  return new Jaxpr(
    inOrder.map((i) => j.inBinders[i]!),
    j.eqns,
    outOrder ? outOrder.map((i) => j.outs[i]!) : j.outs,
    j.constvars,
    j.consts,
  );
}
/** j with `extra` unused inputs appended. */
function withUnusedInputs(j: Jaxpr, extra: readonly Var[]): Jaxpr {
  return new Jaxpr([...j.inBinders, ...extra.map((v) => new Var(v.aval))], j.eqns, j.outs, j.constvars, j.consts);
}
const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
/** Order that interleaves groups: for group sizes [a, b, c] of primals followed by the same of tangents. */
function interleave(sizes: readonly number[]): number[] {
  const n = sizes.reduce((s, k) => s + k, 0);
  const order: number[] = [];
  let off = 0;
  for (const k of sizes) {
    order.push(...range(off, off + k), ...range(n + off, n + off + k));
    off += k;
  }
  return order;
}

const cache = new WeakMap<Jaxpr, Map<string, Jaxpr>>();
/** Transformed jaxprs are cached on the source, so a transformed body compiles once. */
function memo(j: Jaxpr, key: string, make: () => Jaxpr): Jaxpr {
  let m = cache.get(j);
  if (!m) cache.set(j, (m = new Map()));
  let r = m.get(key);
  if (!r) m.set(key, (r = make()));
  return r;
}
const jvpOf = (j: Jaxpr) => memo(j, "jvp", () => jvpJaxpr(j));
const vjpOf = (j: Jaxpr) => memo(j, "vjp", () => vjpJaxpr(j));
/** vmap of j with every batched input at axis 0 (dims: 0 or null), every output batched at 0. */
const vmapOf = (j: Jaxpr, dims: readonly (number | null)[], size: number) =>
  memo(j, `vmap${size}:${dims.join(",")}`, () => vmapJaxpr(j, dims, size));

/** Batched values with their batch axis at 0 (unbatched stay as they are); the dims are 0 or null. */
function toFront(vals: NDArray[], dims: (number | null)[], size: number, force = false): [NDArray[], (number | null)[]] {
  const v = vals.map((x, i) => (dims[i] === null && !force ? x : matchAxis(x, dims[i]!, size, 0)));
  return [v, v.map((_, i) => (dims[i] === null && !force ? null : 0))];
}

// ---- jvp ----
/** A primitive whose result is f(inputs) for one program `key`: jvp binds the same primitive on its jvp. */
function jvpOfCall<P extends "jit_call" | "checkpoint">(p: P): HigherJvpRule<P> {
  return (primals, tangents, params) => {
    const j = params.jaxpr;
    const outs = bindHigher(p, [...primals, ...zeros(tangents, primals)], { ...params, jaxpr: jvpOf(j), name: `jvp(${params.name})` });
    const n = j.outs.length;
    return [outs.slice(0, n), outs.slice(n)];
  };
}

export const higherJvpRules: { [P in HigherPrimitive]: HigherJvpRule<P> } = {
  jit_call: jvpOfCall("jit_call"),
  checkpoint: jvpOfCall("checkpoint"),
  cond: ([index, ...ops], [, ...ts], { branches }) => {
    const outs = bindHigher("cond", [index!, ...ops, ...zeros(ts, ops)], { branches: branches.map(jvpOf) });
    const n = branches[0]!.outs.length;
    return [outs.slice(0, n), outs.slice(n)];
  },
  while: (primals, tangents, { cond, body, condConsts, bodyConsts }) => {
    const nc = condConsts,
      nb = bodyConsts,
      nk = primals.length - nc - nb;
    const ts = zeros(tangents, primals);
    // body over (bodyConsts, bodyConst tangents, carry, carry tangents) -> (carry, carry tangents)
    const jb = memo(body, "whilejvp", () => permuteJaxpr(jvpOf(body), interleave([nb, nk])));
    const jc = memo(cond, "whilejvp", () => withUnusedInputs(cond, cond.inBinders.slice(nc)));
    const outs = bindHigher(
      "while",
      [...primals.slice(0, nc + nb), ...ts.slice(nc, nc + nb), ...primals.slice(nc + nb), ...ts.slice(nc + nb)],
      { cond: jc, body: jb, condConsts: nc, bodyConsts: 2 * nb },
    );
    return [outs.slice(0, nk), outs.slice(nk)];
  },
  scan: (primals, tangents, { body, length, reverse, consts, carry }) => {
    const nx = primals.length - consts - carry,
      ny = body.outs.length - carry;
    const ts = zeros(tangents, primals);
    // (consts, tconsts, carry, tcarry, x, tx) -> (carry, tcarry, y, ty)
    const jb = memo(body, "scanjvp", () =>
      permuteJaxpr(jvpOf(body), interleave([consts, carry, nx]), [
        ...range(0, carry),
        ...range(carry + ny, 2 * carry + ny),
        ...range(carry, carry + ny),
        ...range(2 * carry + ny, 2 * (carry + ny)),
      ]),
    );
    const grp = (xs: NDArray[], a: number, b: number) => xs.slice(a, b);
    const ins = [
      ...grp(primals, 0, consts),
      ...grp(ts, 0, consts),
      ...grp(primals, consts, consts + carry),
      ...grp(ts, consts, consts + carry),
      ...grp(primals, consts + carry, primals.length),
      ...grp(ts, consts + carry, primals.length),
    ];
    const o = bindHigher("scan", ins, { body: jb, length, reverse, consts: 2 * consts, carry: 2 * carry });
    return [
      [...o.slice(0, carry), ...o.slice(2 * carry, 2 * carry + ny)],
      [...o.slice(carry, 2 * carry), ...o.slice(2 * carry + ny)],
    ];
  },
  custom_jvp_call: (primals, tangents, { fun, jvp }) => {
    const r = evalJaxpr(jvp, [...primals, ...zeros(tangents, primals)]);
    const n = fun.outs.length;
    return [r.slice(0, n), r.slice(n)];
  },
  custom_vjp_call: (_p, _t, { name }) => {
    throw transformError.notDifferentiable(
      `customVjp(${name})`,
      "forward-mode differentiation (jvp)",
      "A customVjp function defines only reverse mode, as in JAX: use customJvp for forward mode.",
    );
  },
};

// ---- vjp ----
/** Backward pass through the vjp of a program that is f(inputs): recompute the forward, pull back. */
function vjpOfCall<P extends "jit_call" | "checkpoint">(p: P): HigherVjpRule<P> {
  return {
    backward: (cts, { inputs, outs, params }) => {
      const r = bindHigher(p, [...inputs, ...zeros(cts, outs)], { ...params, jaxpr: vjpOf(params.jaxpr), name: `vjp(${params.name})` });
      return r.slice(outs.length);
    },
  };
}

export const higherVjpRules: { [P in HigherPrimitive]: HigherVjpRule<P> } = {
  jit_call: vjpOfCall("jit_call"),
  checkpoint: vjpOfCall("checkpoint"),
  cond: {
    backward: (cts, { inputs: [index, ...ops], outs, params: { branches } }) => {
      const r = bindHigher("cond", [index!, ...ops, ...zeros(cts, outs)], { branches: branches.map(vjpOf) });
      return [null, ...r.slice(outs.length)];
    },
  },
  while: {
    backward: () => {
      throw transformError.notDifferentiable(
        "lax.whileLoop",
        "reverse-mode differentiation",
        "Reverse-mode differentiation does not work for lax.whileLoop with a dynamic trip count (as in JAX). " +
          "Try using lax.scan, or lax.foriLoop with constant bounds.",
      );
    },
  },
  scan: { forward: scanForward, backward: scanBackward },
  custom_jvp_call: {
    backward: (cts, { inputs, outs, params: { fun, jvp } }) => {
      // the tangent map is linear: its transpose is the vjp of primals -> jvp tangents at zero tangents
      const n = fun.outs.length;
      const tangentMap = (...ts: NDArray[]) => evalJaxpr(jvp, [...inputs, ...ts]).slice(n);
      const t0 = inputs.map((x) => zerosLike(x));
      const r = record("customJvp", tangentMap, t0, false);
      return pullback(r, zeros(cts, outs), t0);
    },
  },
  custom_vjp_call: {
    forward: (primals, { fwd, fun }) => {
      const r = evalJaxpr(fwd, primals);
      const n = fun.outs.length;
      return { outs: r.slice(0, n), saved: r.slice(n) };
    },
    backward: (cts, { inputs, outs, params: { bwd }, saved }) => {
      const r = bwd(saved as NDArray[], zeros(cts, outs)) as NDArray[];
      return r.map((g, i) => (g.dtype === inputs[i]!.dtype ? g : convert(g, inputs[i]!.dtype, inputs[i]!.weakType)));
    },
  },
};

/**
 * Reverse mode of scan. Forward: the scan also stacks each step's input carry (the residuals). Backward: a
 * scan in the other direction over (carries, xs, y cotangents) whose body is the body's vjp, carrying the
 * consts' and the carry's cotangents.
 */
function scanForward(primals: NDArray[], params: HigherParams["scan"]): { outs: NDArray[]; saved: unknown } {
  const { body, consts: nc, carry: nk } = params;
  // (consts, carry, x) -> (carry', y, carry)
  const fwd = memo(body, "scanfwd", () => retrace("scan_fwd", avals(body), (...a) => [...evalJaxpr(body, a), ...a.slice(nc, nc + nk)]));
  const r = bindHigher("scan", primals, { ...params, body: fwd });
  const n = body.outs.length;
  return { outs: r.slice(0, n), saved: r.slice(n) };
}

function scanBackward(cts: T[], { inputs, outs, params, saved }: HigherVjpContext<"scan">): T[] {
  const { body, length, reverse, consts: nc, carry: nk } = params;
  const nx = inputs.length - nc - nk;
  const ny = body.outs.length - nk;
  const consts = inputs.slice(0, nc),
    xs = inputs.slice(nc + nk);
  const inAv = avals(body);
  const stacked = saved as NDArray[];
  // backward: consts; carry (ct consts, ct carry); xs (carries, xs, ct ys) -> carry', ys = ct xs
  const vj = vjpOf(body); // (consts, carry, x, ct carry', ct y) -> (carry', y, ct consts, ct carry, ct x)
  const bwdAvals = [
    ...inAv.slice(0, nc),
    ...inAv.slice(0, nc),
    ...inAv.slice(nc, nc + nk),
    ...inAv.slice(nc),
    ...body.outs.slice(nk).map((o) => o.aval),
  ];
  const bwd = memo(body, "scanbwd", () =>
    retrace("scan_bwd", bwdAvals, (...a) => {
      const c = a.slice(0, nc),
        ctc = a.slice(nc, 2 * nc),
        ctk = a.slice(2 * nc, 2 * nc + nk),
        carry = a.slice(2 * nc + nk, 2 * nc + 2 * nk),
        x = a.slice(2 * nc + 2 * nk, 2 * nc + 2 * nk + nx),
        cty = a.slice(2 * nc + 2 * nk + nx);
      const r = evalJaxpr(vj, [...c, ...carry, ...x, ...ctk, ...cty]).slice(nk + ny);
      return [...r.slice(0, nc).map((g, i) => add(ctc[i]!, g)), ...r.slice(nc, nc + nk), ...r.slice(nc + nk)];
    }),
  );
  const ctYs = zeros(cts.slice(nk), outs.slice(nk));
  const r = bindHigher(
    "scan",
    [...consts, ...consts.map((x) => zerosLike(x)), ...zeros(cts.slice(0, nk), outs.slice(0, nk)), ...stacked, ...xs, ...ctYs],
    {
      body: bwd,
      length,
      reverse: !reverse,
      consts: nc,
      carry: nc + nk,
    },
  );
  return r;
}

// ---- vmap ----
function batchOfCall<P extends "jit_call" | "checkpoint">(p: P): HigherBatchRule<P> {
  return (vals, dims, params, size) => {
    const [v, d] = toFront(vals, dims, size);
    const outs = bindHigher(p, v, { ...params, jaxpr: vmapOf(params.jaxpr, d, size), name: `vmap(${params.name})` });
    return [outs, outs.map(() => 0)];
  };
}

/** Broadcast a batched [size] predicate/index against a [size, ...] value. */
const lanes = (p: NDArray, like: NDArray) => broadcastInDim(p, like.shape, [0]);

export const higherBatchRules: { [P in HigherPrimitive]: HigherBatchRule<P> } = {
  jit_call: batchOfCall("jit_call"),
  checkpoint: batchOfCall("checkpoint"),
  cond: (vals, dims, { branches }, size) => {
    const [v, d] = toFront(vals, dims, size);
    const [index, ...ops] = v;
    const opDims = d.slice(1);
    const bs = branches.map((b) => vmapOf(b, opDims, size));
    if (d[0] === null) {
      const outs = bindHigher("cond", [index!, ...ops], { branches: bs });
      return [outs, outs.map(() => 0)];
    }
    // a batched index: every branch runs on the whole batch, each lane selects its branch's result
    const outs = selectByIndex(
      index!,
      bs.map((b) => evalJaxpr(b, ops)),
    );
    return [outs, outs.map(() => 0)];
  },
  while: (vals, dims, { cond, body, condConsts: nc, bodyConsts: nb }, size) => {
    // every carry is batched (a lane may stop before another); consts keep their batching
    const [cc, dcc] = toFront(vals.slice(0, nc), dims.slice(0, nc), size);
    const [bc, dbc] = toFront(vals.slice(nc, nc + nb), dims.slice(nc, nc + nb), size);
    const [carry, dk] = toFront(vals.slice(nc + nb), dims.slice(nc + nb), size, true);
    const key = `${dcc.join(",")}|${dbc.join(",")}|${size}`;
    const vc = vmapOf(cond, [...dcc, ...dk], size),
      vb = vmapOf(body, [...dbc, ...dk], size);
    const ccAv = cc.map((x) => ({ shape: x.shape, dtype: x.dtype, weakType: x.weakType }));
    const bcAv = bc.map((x) => ({ shape: x.shape, dtype: x.dtype, weakType: x.weakType }));
    const kAv = carry.map((x) => ({ shape: x.shape, dtype: x.dtype, weakType: x.weakType }));
    const anyCond = memo(cond, `whilevmap-cond${key}`, () =>
      retrace("while_cond", [...ccAv, ...kAv], (...a) => [bind("reduce_sum", [evalJaxpr(vc, a)[0]!], { axes: [0] })]),
    );
    const maskedBody = memo(body, `whilevmap-body${key}`, () =>
      retrace("while_body", [...ccAv, ...bcAv, ...kAv], (...a) => {
        const k = a.slice(nc + nb);
        const p = evalJaxpr(vc, [...a.slice(0, nc), ...k])[0]!;
        const next = evalJaxpr(vb, a.slice(nc));
        return next.map((x, i) => select(lanes(p, x), x, k[i]!));
      }),
    );
    const outs = bindHigher("while", [...cc, ...cc, ...bc, ...carry], {
      cond: anyCond,
      body: maskedBody,
      condConsts: nc,
      bodyConsts: nc + nb,
    });
    return [outs, outs.map(() => 0)];
  },
  scan: (vals, dims, { body, length, reverse, consts: nc, carry: nk }, size) => {
    const [c, dc] = toFront(vals.slice(0, nc), dims.slice(0, nc), size);
    const [k, dk] = toFront(vals.slice(nc, nc + nk), dims.slice(nc, nc + nk), size, true);
    // xs: the scanned axis stays leading, the batch axis goes to 1 (so each x has it at 0)
    const xs = vals.slice(nc + nk).map((x, i) => {
      const d = dims[nc + nk + i]!;
      return d === null ? x : matchAxis(x, d, size, 1);
    });
    const dx = dims.slice(nc + nk).map((d) => (d === null ? null : 0));
    const vb = vmapOf(body, [...dc, ...dk, ...dx], size);
    const outs = bindHigher("scan", [...c, ...k, ...xs], { body: vb, length, reverse, consts: nc, carry: nk });
    return [outs, outs.map((_, i) => (i < nk ? 0 : 1))];
  },
  custom_jvp_call: (vals, dims, params, size) => {
    const [v, d] = toFront(vals, dims, size, true);
    const outs = bindHigher("custom_jvp_call", v, {
      ...params,
      fun: vmapOf(params.fun, d, size),
      jvp: vmapOf(params.jvp, [...d, ...d], size),
    });
    return [outs, outs.map(() => 0)];
  },
  custom_vjp_call: (vals, dims, params, size) => {
    const [v, d] = toFront(vals, dims, size, true);
    const { bwd } = params;
    const outs = bindHigher("custom_vjp_call", v, {
      ...params,
      fun: vmapOf(params.fun, d, size),
      fwd: vmapOf(params.fwd, d, size),
      bwd: (res, cts) => vmap((r: unknown[], c: unknown[]) => bwd(r, c))(res, cts) as unknown[],
    });
    return [outs, outs.map(() => 0)];
  },
};

/** Lane-wise choice among branch results by a batched index [size] (clamped like cond's). */
export function selectByIndex(index: NDArray, results: NDArray[][]): NDArray[] {
  const n = results.length;
  return results[0]!.map((_, j) => {
    let acc = results[0]![j]!;
    for (let b = 1; b < n; b++) {
      const r = results[b]![j]!;
      const k = broadcastInDim(scalarArray(b, index.dtype, false), index.shape, []);
      const hit = b === n - 1 ? bind("ge", [index, k], {}) : eq(index, k);
      acc = select(lanes(hit, r), r, acc);
    }
    return acc;
  });
}
