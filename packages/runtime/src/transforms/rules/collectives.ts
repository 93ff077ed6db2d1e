// Differentiation of the collectives (their batching rules are in ../batching.ts). psum is linear: its
// tangent is the psum of the tangents and its transpose the psum of the cotangents (as in JAX). all_gather
// is linear too; its transpose is psum_scatter: every member's cotangent summed, then this member's slice.
// axis_index is integer valued. pmax has no derivative (JAX defines none either).
import { type CollectiveArgs, bindCollective } from "../../core/axis-env.js";
import type { CollectiveOp } from "../../core/primitives.js";
import { bind } from "../../core/trace.js";
import { transformError } from "../../errors.js";
import { nondiff } from "./elementwise.js";
import { type Arr, reshape, tmap } from "./ops.js";
import type { AdRules } from "./types.js";

const psum = (x: Arr, a: CollectiveArgs<"psum">) => bindCollective("psum", [x], { axisName: a.axisName });
const allGather = (x: Arr, a: CollectiveArgs<"all_gather">) => bindCollective("all_gather", [x], { axisName: a.axisName, axis: a.axis });
const noDerivative = (): never => {
  throw transformError.notDifferentiable("pmax", "differentiation", "JAX defines no derivative for pmax either");
};

export const collectiveRules: AdRules<CollectiveOp> = {
  psum: {
    jvp: ([x], [t], p) => [psum(x!, p), tmap(t ?? null, (t) => psum(t, p))],
    vjp: (ct, c) => [c.needs[0] ? psum(ct, c.params) : null],
  },
  pmax: { jvp: noDerivative, vjp: noDerivative },
  all_gather: {
    jvp: ([x], [t], p) => [allGather(x!, p), tmap(t ?? null, (t) => allGather(t, p))],
    vjp: (ct, c) => {
      if (!c.needs[0]) return [null];
      const { axisName, axis } = c.params;
      const i = reshape(bindCollective("axis_index", [], { axisName }), [1]);
      return [reshape(bind("gather", [psum(ct, c.params), i], { axis }), c.inputs[0]!.shape)];
    },
  },
  axis_index: nondiff("axis_index"),
};
