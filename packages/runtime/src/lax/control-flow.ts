// lax control flow, JAX semantics in camelCase: cond, switch, whileLoop, foriLoop, scan, select.
// Called eagerly (no transformation active, concrete operands) they run as plain JS control flow over
// eager arrays. Otherwise the functions are traced into body jaxprs (closed-over values become leading
// operands) and bound as the cond / while / scan primitives: under jit the bodies compile to sub-plans
// that the plan runs in a loop; grad/jvp/vmap apply the rules in transforms/higher.ts.
import { isSymbolic } from "../core/dims.js";
import { type Aval, Tracer, bind, bindHigher, isTracing } from "../core/trace.js";
import { transformError } from "../errors.js";
import { type ArrayLike, type NDArray, scalarArray } from "../ndarray.js";
import { Jaxpr, Var, avalString } from "../ir/jaxpr.js";
import { type TreeDef, treeDefKey, treeFlatten, treeUnflatten } from "../ir/tree.js";
import { operand as asArray } from "../numpy/util.js";
import { stack } from "../numpy/shape-ops.js";
import { convert } from "../transforms/rules/ops.js";
import { branchIndex, row } from "./impls.js";
import { type Body, avalOfArray, checkAval, flatArrays, traceBody } from "./trace-body.js";

type Fn = (...args: any[]) => any;

const concrete = (xs: readonly NDArray[]) => !isTracing() && xs.every((x) => !(x instanceof Tracer));
const noneTree: TreeDef = { kind: "none", value: null };
const listTree = (children: TreeDef[]): TreeDef => ({ kind: "list", children });

function checkFn(op: string, what: string, f: unknown): asserts f is Fn {
  if (typeof f !== "function") throw transformError.laxArgument(op, `${what} must be a function, got ${typeof f}`);
}

/** A scalar predicate/index as an int32 array (bool true -> 1). */
function scalarIndex(op: string, what: string, x: ArrayLike): NDArray {
  const a = asArray(x, op);
  if (a.ndim !== 0) throw transformError.laxArgument(op, `${what} must be a scalar, got shape (${a.shape.join(", ")})`);
  if (a.dtype === "float32" || a.dtype === "float64")
    throw transformError.laxArgument(op, `${what} must be a boolean or integer scalar, got ${a.dtype}`);
  return convert(a, "int32", false);
}

/** Same tree structure, else NJ507 naming what differs. */
function checkTree(op: string, what: string, expected: TreeDef, got: TreeDef, against: string): void {
  if (treeDefKey(expected) !== treeDefKey(got))
    throw transformError.controlFlow(op, `${what} structure`, `${against} has structure ${treeDefKey(expected)}`, treeDefKey(got));
}

const freshVars = (xs: readonly NDArray[]) => xs.map((x) => new Var(avalOfArray(x)));

/** Out avals joined over bodies: weak only where every body's output is weak. */
function strongWhereAnyStrong(bodies: Body[]): boolean[] {
  return bodies[0]!.jaxpr.outs.map((_, k) => bodies.some((b) => !b.jaxpr.outs[k]!.aval.weakType));
}

/** f with the output leaves marked in `strong` made strongly typed (weak types of joined branches). */
function strengthen(f: Fn, strong: readonly boolean[]): Fn {
  return (...a: unknown[]) => {
    const [leaves, tree] = treeFlatten(f(...a));
    return treeUnflatten(
      tree,
      leaves.map((l, k) => {
        const x = asArray(l, "lax");
        return strong[k] && x.weakType ? convert(x, x.dtype, false) : x;
      }),
    );
  };
}

/** Shared by cond and switch: index is an int32 scalar, branch i is fns[clamp(i)]. */
function branchCall(op: string, index: NDArray, fns: Fn[], operands: unknown[]): unknown {
  const [ops, inTree] = flatArrays(operands);
  if (concrete([index, ...ops])) return fns[branchIndex(index, fns.length)]!(...operands);
  const label = (i: number) => (op === "lax.cond" ? (i === 1 ? "trueFn" : "falseFn") : `branches[${i}]`);
  let bodies = fns.map((f, i) => traceBody(`${op} ${label(i)}`, f, inTree, ops));
  const ref = bodies[0]!;
  bodies.forEach((b, i) => {
    if (i === 0) return;
    checkTree(op, `${label(i)} output`, ref.outTree, b.outTree, `${label(0)}'s output`);
    b.jaxpr.outs.forEach((o, k) => checkAval(op, `${label(i)} output leaf ${k}`, ref.jaxpr.outs[k]!.aval, o.aval, `${label(0)}'s`));
  });
  const strong = strongWhereAnyStrong(bodies);
  if (bodies.some((b) => b.jaxpr.outs.some((o, k) => o.aval.weakType && strong[k])))
    bodies = fns.map((f, i) => traceBody(`${op} ${label(i)}`, strengthen(f, strong), inTree, ops));
  // every branch takes every branch's consts (its own in its slot, the others unused), then the operands
  const consts = bodies.flatMap((b) => b.consts);
  let off = 0;
  const branches = bodies.map((b) => {
    const before = consts.slice(0, off);
    off += b.consts.length;
    const n = b.consts.length;
    const own = b.jaxpr.inBinders;
    return new Jaxpr(
      [...freshVars(before), ...own.slice(0, n), ...freshVars(consts.slice(off)), ...own.slice(n)],
      b.jaxpr.eqns,
      b.jaxpr.outs,
    );
  });
  const outs = bindHigher("cond", [index, ...consts, ...ops], { branches });
  return treeUnflatten(ref.outTree, outs);
}

/**
 * lax.cond(pred, trueFn, falseFn, ...operands): trueFn(...operands) where the scalar pred is true, else
 * falseFn(...operands). Both branches must return the same structure, shapes and dtypes.
 */
export function cond<F extends Fn>(pred: ArrayLike, trueFn: F, falseFn: F, ...operands: Parameters<F>): ReturnType<F> {
  checkFn("lax.cond", "trueFn", trueFn);
  checkFn("lax.cond", "falseFn", falseFn);
  return branchCall("lax.cond", scalarIndex("lax.cond", "pred", pred), [falseFn, trueFn], operands) as ReturnType<F>;
}

/** lax.switch(index, branches, ...operands): branches[index](...operands), index clamped to the valid range. */
function switchImpl<F extends Fn>(index: ArrayLike, branches: readonly F[], ...operands: Parameters<F>): ReturnType<F> {
  if (!Array.isArray(branches) || branches.length === 0)
    throw transformError.laxArgument("lax.switch", "branches must be a non-empty list of functions");
  branches.forEach((b, i) => checkFn("lax.switch", `branches[${i}]`, b));
  return branchCall("lax.switch", scalarIndex("lax.switch", "index", index), [...branches], operands) as ReturnType<F>;
}
export { switchImpl as switch };

/**
 * Trace a loop body whose first outputs must match the carry: weakly typed carry leaves take the body's
 * type (JAX promotes weak loop inputs the same way); other mismatches are NJ507 naming the carry leaf.
 */
function traceCarried(
  op: string,
  name: string,
  f: Fn,
  carry: NDArray[],
  carryTree: TreeDef,
  rest: (NDArray | Aval)[],
  restTree: TreeDef | null,
  carryOf: (outTree: TreeDef) => TreeDef,
): { body: Body; carry: NDArray[] } {
  for (let attempt = 0; ; attempt++) {
    // the body's arguments: (carry) or (carry, x)
    const tree = listTree(restTree === null ? [carryTree] : [carryTree, restTree]);
    let body = traceBody(name, f, tree, [...carry, ...(rest as NDArray[])]);
    checkTree(op, "the carry", carryTree, carryOf(body.outTree), "the initial carry");
    const outs = body.jaxpr.outs.slice(0, carry.length);
    let changed = false;
    const strong: boolean[] = body.jaxpr.outs.map(() => false);
    const next = carry.map((c, k) => {
      const o = outs[k]!.aval;
      if (c.dtype === o.dtype && c.weakType === o.weakType) return c;
      if (c.weakType && attempt < 2) {
        changed = true;
        return convert(c, o.dtype, o.weakType);
      }
      checkAval(op, `carry leaf ${k}`, avalOfArray(c), o, "the initial carry");
      // same dtype: a weak body output for a strong carry is made strong
      strong[k] = true;
      return c;
    });
    if (changed) {
      carry = next;
      continue;
    }
    outs.forEach((o, k) => checkAval(op, `carry leaf ${k}`, avalOfArray(carry[k]!), o.aval, "the initial carry"));
    if (strong.some((s) => s)) {
      const h = restTree === null ? strengthen(f, strong) : strengthenCarry(f, strong);
      body = traceBody(name, h, tree, [...carry, ...(rest as NDArray[])]);
    }
    return { body, carry };
  }
}

/** For scan bodies returning [carry, y]: strengthen the carry leaves only. */
function strengthenCarry(f: Fn, strong: readonly boolean[]): Fn {
  return (c: unknown, x: unknown) => {
    const r = f(c, x) as [unknown, unknown];
    return [strengthen(() => r[0], strong)(), r[1]];
  };
}

function truthy(op: string, p: unknown): boolean {
  const a = asArray(p as ArrayLike, op);
  if (a.ndim !== 0 || a.dtype !== "bool")
    throw transformError.controlFlow(op, "condFn's output", "it must be a bool scalar (bool[])", avalString(avalOfArray(a)));
  return Boolean(a.item());
}

/** lax.whileLoop(condFn, bodyFn, init): `let c = init; while (condFn(c)) c = bodyFn(c); return c`. */
export function whileLoop<C>(condFn: (carry: C) => ArrayLike, bodyFn: (carry: C) => C, init: C): C {
  const op = "lax.whileLoop";
  checkFn(op, "condFn", condFn);
  checkFn(op, "bodyFn", bodyFn);
  const [init0, tree] = flatArrays(init);
  if (concrete(init0)) {
    let c = treeUnflatten(tree, init0) as C;
    while (truthy(op, condFn(c))) {
      c = bodyFn(c);
      checkTree(op, "bodyFn output", tree, treeFlatten(c)[1], "the initial carry");
    }
    return c;
  }
  const { body, carry } = traceCarried(op, `${op} bodyFn`, bodyFn, init0, tree, [], null, (t) => t);
  const cb = traceBody(`${op} condFn`, condFn, listTree([tree]), carry);
  const p = cb.jaxpr.outs;
  if (p.length !== 1 || p[0]!.aval.dtype !== "bool" || p[0]!.aval.shape.length !== 0)
    throw transformError.controlFlow(
      op,
      "condFn's output",
      "it must be a bool scalar (bool[])",
      p.map((o) => avalString(o.aval)).join(", "),
    );
  const outs = bindHigher("while", [...cb.consts, ...body.consts, ...carry], {
    cond: cb.jaxpr,
    body: body.jaxpr,
    condConsts: cb.consts.length,
    bodyConsts: body.consts.length,
  });
  return treeUnflatten(tree, outs) as C;
}

/**
 * lax.foriLoop(lower, upper, bodyFn, init): `for (i = lower; i < upper; i++) x = bodyFn(i, x)`. With JS
 * number bounds it is a scan of static length (so reverse-mode differentiable), else a whileLoop.
 */
export function foriLoop<C>(lower: ArrayLike, upper: ArrayLike, bodyFn: (i: NDArray, x: C) => C, init: C): C {
  const op = "lax.foriLoop";
  checkFn(op, "bodyFn", bodyFn);
  const lo = asArray(lower, op),
    hi = asArray(upper, op);
  for (const [w, b] of [
    ["lower", lo],
    ["upper", hi],
  ] as const)
    if (b.ndim !== 0 || (b.dtype !== "int32" && !(b.weakType && Number.isInteger(tryNumber(b)))))
      throw transformError.laxArgument(op, `${w} must be an integer scalar, got ${avalString(avalOfArray(b))}`);
  const idx = (i: number) => scalarArray(i, "int32", true);
  const [init0] = flatArrays(init);
  if (!(lo instanceof Tracer) && !(hi instanceof Tracer)) {
    const a = Number(lo.item()),
      b = Number(hi.item());
    if (concrete(init0)) {
      let x = init;
      for (let i = a; i < b; i++) x = bodyFn(idx(i), x);
      return x;
    }
    const [[, out]] = scan(
      ([i, x]: [NDArray, C]): [[NDArray, C], null] => [[bind("add", [i, idx(1)], {}), bodyFn(i, x)], null],
      [idx(a), init] as [NDArray, C],
      null,
      { length: Math.max(0, b - a) },
    );
    return out as C;
  }
  const [, , out] = whileLoop(
    ([i, u]: [NDArray, NDArray, C]) => bind("lt", [i, u], {}),
    ([i, u, x]: [NDArray, NDArray, C]) => [bind("add", [i, idx(1)], {}), u, bodyFn(i, x)] as [NDArray, NDArray, C],
    [convert(lo, "int32", false), convert(hi, "int32", false), init] as [NDArray, NDArray, C],
  );
  return out;
}

function tryNumber(b: NDArray): number {
  return b instanceof Tracer ? 0 : Number(b.item());
}

export interface ScanOptions {
  /** Number of steps: required when xs is null, else checked against xs' leading dimension. */
  length?: number;
  /** Scan from the last element to the first (ys stay in input order). */
  reverse?: boolean;
}

/**
 * lax.scan(f, init, xs, { length, reverse }): `f(carry, x) -> [carry, y]` over the leading axis of every
 * leaf of xs; returns [final carry, ys stacked along a new leading axis].
 */
export function scan<C, X, Y>(f: (carry: C, x: X) => readonly [C, Y], init: C, xs: X, opts: ScanOptions = {}): [C, Y] {
  const op = "lax.scan";
  checkFn(op, "f", f);
  const reverse = opts.reverse ?? false;
  const [init0, cTree] = flatArrays(init);
  const [xs0, xTree] = xs === null || xs === undefined ? [[], noneTree] : flatArrays(xs);
  // a build-time trace scans arrays of symbolic leading dimension: the length is then that symbol
  let length = opts.length;
  xs0.forEach((x, i) => {
    if (x.ndim === 0) throw transformError.laxArgument(op, `xs leaf ${i} is a scalar; scanned arrays need a leading axis`);
    if (length !== undefined && x.shape[0] !== length)
      throw transformError.laxArgument(
        op,
        `xs leaf ${i} has leading dimension ${x.shape[0]} but ${opts.length !== undefined ? "length is" : "leaf 0 has"} ${length}`,
      );
    length = x.shape[0];
  });
  if (length === undefined) throw transformError.laxArgument(op, "length is required when xs is null");
  if (!isSymbolic(length) && (!Number.isInteger(length) || length < 0))
    throw transformError.laxArgument(op, `length must be a non-negative integer, got ${length}`);
  const n = length;
  const pairTree = (t: TreeDef) => {
    if (t.kind !== "list" || t.children.length !== 2)
      throw transformError.controlFlow(op, "f's output", "it must be a pair [carry, y]", treeDefKey(t));
    return t.children[0]!;
  };
  if (!isSymbolic(n) && concrete([...init0, ...xs0]) && n > 0) {
    let c = init;
    const ys: unknown[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const i = reverse ? n - 1 - k : k;
      const r = f(
        c,
        treeUnflatten(
          xTree,
          xs0.map((x) => row(x, i)),
        ) as X,
      );
      pairTree(treeFlatten(r)[1]);
      checkTree(op, "the carry", cTree, treeFlatten(r[0])[1], "the initial carry");
      c = r[0];
      ys[i] = r[1];
    }
    const [y0, yTree] = treeFlatten(ys[0]);
    const stacked = y0.map((_, j) => stack(ys.map((y) => treeFlatten(y)[0][j] as ArrayLike)));
    return [c, treeUnflatten(yTree, stacked) as Y];
  }
  const xAvals = xs0.map((x) => ({ shape: x.shape.slice(1), dtype: x.dtype, weakType: x.weakType }));
  const { body, carry } = traceCarried(op, `${op} f`, f, init0, cTree, xAvals, xTree, pairTree);
  const yTree = (body.outTree as { children: TreeDef[] }).children[1]!;
  const outs = bindHigher("scan", [...body.consts, ...carry, ...xs0], {
    body: body.jaxpr,
    length: n,
    reverse,
    consts: body.consts.length,
    carry: carry.length,
  });
  return [treeUnflatten(cTree, outs.slice(0, carry.length)) as C, treeUnflatten(yTree, outs.slice(carry.length)) as Y];
}

/** lax.select(pred, onTrue, onFalse): elementwise choice; pred is bool of the operands' shape (or a scalar). */
export function select(pred: ArrayLike, onTrue: ArrayLike, onFalse: ArrayLike): NDArray {
  const op = "lax.select";
  const p = asArray(pred, op),
    a = asArray(onTrue, op),
    b = asArray(onFalse, op);
  if (p.dtype !== "bool") throw transformError.laxArgument(op, `pred must be bool, got ${p.dtype}`);
  if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join())
    throw transformError.controlFlow(op, "onFalse", `onTrue has type ${avalString(avalOfArray(a))}`, avalString(avalOfArray(b)));
  if (p.ndim !== 0 && p.shape.join() !== a.shape.join())
    throw transformError.laxArgument(op, `pred has shape (${p.shape.join(", ")}) but the operands have (${a.shape.join(", ")})`);
  const pb = p.ndim === 0 && a.ndim !== 0 ? bind("broadcast_in_dim", [p], { shape: a.shape.slice(), broadcastDimensions: [] }) : p;
  return bind("select", [pb, a, b], {});
}
