// customJvp / customVjp / checkpoint, as in JAX. Called eagerly they run the function itself; under a
// transformation or jit the function (and its rule) are traced into jaxprs and bound as
// custom_jvp_call / custom_vjp_call / checkpoint, whose rules are in transforms/higher.ts. Values the
// function closes over are operands of the equation but get no derivative from the custom rule (their
// cotangent is zero), as the rule only speaks of the arguments.
import { bindHigher, isTracing, Tracer } from "../core/trace.js";
import { transformError } from "../errors.js";
import { Jaxpr, Var } from "../ir/jaxpr.js";
import { type TreeDef, treeDefKey, treeFlatten, treeUnflatten } from "../ir/tree.js";
import type { NDArray } from "../ndarray.js";
import { convert, zerosLike } from "../transforms/rules/ops.js";
import { avalOfArray, checkAval, flatArrays, traceBody } from "./trace-body.js";

type Fn = (...args: any[]) => any;
const listTree = (children: TreeDef[]): TreeDef => ({ kind: "list", children });
const fresh = (xs: readonly NDArray[]) => xs.map((x) => new Var(avalOfArray(x)));
const needsTrace = (xs: readonly NDArray[]) => isTracing() || xs.some((x) => x instanceof Tracer);

export type CustomJvpFunction<F extends Fn> = F & {
  /** Set the rule: `jvp(primals, tangents) -> [primalOut, tangentOut]` (lists with one entry per argument). */
  defjvp(jvp: (primals: Parameters<F>, tangents: Parameters<F>) => [ReturnType<F>, ReturnType<F>]): CustomJvpFunction<F>;
};

/** jax.custom_jvp: f with a user-defined forward-mode rule (reverse mode transposes it). */
export function customJvp<F extends Fn>(f: F): CustomJvpFunction<F> {
  const name = f.name || "<anonymous>";
  let rule: ((p: unknown[], t: unknown[]) => [unknown, unknown]) | null = null;
  // the rule may call the function itself (for its primal output): there it is just f
  let inRule = false;
  const g = ((...args: unknown[]) => {
    const [xs, tree] = flatArrays(args);
    if (!needsTrace(xs) || inRule) return f(...args);
    if (rule === null) throw transformError.laxArgument(`customJvp(${name})`, "call defjvp(rule) before transforming the function");
    const r = rule;
    const fun = traceBody(`customJvp(${name})`, f, tree, xs);
    const jv = traceBody(
      `customJvp(${name}) rule`,
      (p: unknown[], t: unknown[]) => {
        inRule = true;
        let res: [unknown, unknown];
        try {
          res = r(p, t);
        } finally {
          inRule = false;
        }
        if (!Array.isArray(res) || res.length !== 2)
          throw transformError.tree(`customJvp(${name})`, "the jvp rule must return a pair [primalOut, tangentOut]");
        return res;
      },
      listTree([tree, tree]),
      [...xs, ...xs],
    );
    const pair = jv.outTree as { kind: "list"; children: TreeDef[] };
    const outKey = treeDefKey(fun.outTree);
    for (const [k, what] of [
      [0, "primal output"],
      [1, "tangent output"],
    ] as const)
      if (treeDefKey(pair.children[k]!) !== outKey)
        throw transformError.controlFlow(
          `customJvp(${name})`,
          `the rule's ${what} structure`,
          `the function's has ${outKey}`,
          treeDefKey(pair.children[k]!),
        );
    const n = fun.jaxpr.outs.length;
    jv.jaxpr.outs.forEach((o, k) =>
      checkAval(`customJvp(${name})`, `rule output leaf ${k}`, fun.jaxpr.outs[k % n]!.aval, o.aval, "the function's output"),
    );
    // inputs: (fun consts, rule consts, args); the rule's jaxpr takes tangents for all of them
    const cf = fun.consts,
      cj = jv.consts;
    const fb = fun.jaxpr.inBinders,
      jb = jv.jaxpr.inBinders;
    const funJ = new Jaxpr([...fb.slice(0, cf.length), ...fresh(cj), ...fb.slice(cf.length)], fun.jaxpr.eqns, fun.jaxpr.outs);
    const jvpJ = new Jaxpr(
      [...fresh(cf), ...jb.slice(0, cj.length + xs.length), ...fresh(cf), ...fresh(cj), ...jb.slice(cj.length + xs.length)],
      jv.jaxpr.eqns,
      jv.jaxpr.outs,
    );
    const outs = bindHigher("custom_jvp_call", [...cf, ...cj, ...xs], { fun: funJ, jvp: jvpJ, name });
    return treeUnflatten(fun.outTree, outs);
  }) as CustomJvpFunction<F>;
  g.defjvp = (jvp) => {
    rule = jvp as unknown as (p: unknown[], t: unknown[]) => [unknown, unknown];
    return g;
  };
  Object.defineProperty(g, "name", { value: `customJvp(${name})` });
  return g;
}

export type CustomVjpFunction<F extends Fn> = F & {
  /**
   * Set the rule: `fwd(...args) -> [out, residuals]` and `bwd(residuals, outCotangent) -> [argCotangent...]`
   * (one entry per argument).
   */
  defvjp<R>(fwd: (...args: Parameters<F>) => [ReturnType<F>, R], bwd: (res: R, ct: ReturnType<F>) => unknown[]): CustomVjpFunction<F>;
};

/** jax.custom_vjp: f with a user-defined reverse-mode rule (forward mode is an error, as in JAX). */
export function customVjp<F extends Fn>(f: F): CustomVjpFunction<F> {
  const name = f.name || "<anonymous>";
  let rule: { fwd: Fn; bwd: (res: unknown, ct: unknown) => unknown[] } | null = null;
  // fwd may call the function itself: there it is just f
  let inRule = false;
  const g = ((...args: unknown[]) => {
    const [xs, tree] = flatArrays(args);
    if (!needsTrace(xs) || inRule) return f(...args);
    if (rule === null) throw transformError.laxArgument(`customVjp(${name})`, "call defvjp(fwd, bwd) before transforming the function");
    const { fwd, bwd } = rule;
    const fun = traceBody(`customVjp(${name})`, f, tree, xs);
    const fw = traceBody(
      `customVjp(${name}) fwd`,
      (...a: unknown[]) => {
        inRule = true;
        let res: unknown;
        try {
          res = fwd(...a);
        } finally {
          inRule = false;
        }
        if (!Array.isArray(res) || res.length !== 2)
          throw transformError.tree(`customVjp(${name})`, "fwd must return a pair [output, residuals]");
        return res;
      },
      tree,
      xs,
    );
    const [outT, resT] = (fw.outTree as { kind: "list"; children: TreeDef[] }).children as [TreeDef, TreeDef];
    if (treeDefKey(outT) !== treeDefKey(fun.outTree))
      throw transformError.controlFlow(
        `customVjp(${name})`,
        "fwd's output structure",
        `the function's has ${treeDefKey(fun.outTree)}`,
        treeDefKey(outT),
      );
    const n = fun.jaxpr.outs.length;
    const cf = fun.consts,
      cw = fw.consts;
    const fb = fun.jaxpr.inBinders,
      wb = fw.jaxpr.inBinders;
    const funJ = new Jaxpr([...fb.slice(0, cf.length), ...fresh(cw), ...fb.slice(cf.length)], fun.jaxpr.eqns, fun.jaxpr.outs);
    const fwdJ = new Jaxpr([...fresh(cf), ...wb], fw.jaxpr.eqns, fw.jaxpr.outs);
    const ins = [...cf, ...cw, ...xs];
    const flatBwd = (res: unknown[], cts: unknown[]): unknown[] => {
      const r = bwd(treeUnflatten(resT, res), treeUnflatten(fun.outTree, cts));
      if (!Array.isArray(r) || r.length !== args.length)
        throw transformError.tree(`customVjp(${name})`, `bwd must return a list with one cotangent per argument (${args.length})`);
      const [gl, gt] = treeFlatten(r);
      if (treeDefKey(gt) !== treeDefKey(tree))
        throw transformError.controlFlow(
          `customVjp(${name})`,
          "bwd's output structure",
          `the arguments have ${treeDefKey(tree)}`,
          treeDefKey(gt),
        );
      const gs = gl.map((c, i) => {
        const x = xs[i]!;
        const a = flatArrays(c)[0][0]!;
        checkAval(`customVjp(${name})`, `bwd cotangent leaf ${i}`, avalOfArray(x), avalOfArray(a), "its argument");
        return a.weakType === x.weakType ? a : convert(a, x.dtype, x.weakType);
      });
      return [...ins.slice(0, cf.length + cw.length).map((c) => zerosLike(c as NDArray)), ...gs];
    };
    const outs = bindHigher("custom_vjp_call", ins, { fun: funJ, fwd: fwdJ, bwd: flatBwd, residuals: fw.jaxpr.outs.length - n, name });
    return treeUnflatten(fun.outTree, outs);
  }) as CustomVjpFunction<F>;
  g.defvjp = (fwd, bwd) => {
    rule = { fwd, bwd: bwd as (res: unknown, ct: unknown) => unknown[] };
    return g;
  };
  Object.defineProperty(g, "name", { value: `customVjp(${name})` });
  return g;
}

/**
 * jax.checkpoint (remat): f whose intermediates are not kept for reverse mode; the backward pass
 * recomputes them from f's inputs (less memory, one more forward evaluation).
 */
export function checkpoint<F extends Fn>(f: F): F {
  const name = f.name || "<anonymous>";
  const g = ((...args: unknown[]) => {
    const [xs, tree] = flatArrays(args);
    if (!needsTrace(xs)) return f(...args);
    const b = traceBody(`checkpoint(${name})`, f, tree, xs);
    return treeUnflatten(b.outTree, bindHigher("checkpoint", [...b.consts, ...xs], { jaxpr: b.jaxpr, name }));
  }) as F;
  Object.defineProperty(g, "name", { value: `checkpoint(${name})` });
  return g;
}
