// lax.reduce (generic: operands, init values, a computation, dimensions), lax.selectN, lax.map and
// lax.associativeScan, as JAX defines them, all compositions. reduce recognises a computation that is one
// add / mul / max / min / and / or of its two arguments (JAX's monoid reducers) and uses numpy's reduction;
// any other computation is scanned over the reduced elements (in index order; XLA leaves the order
// unspecified) with the computation vmapped over the kept ones, so it is applied to scalars as in JAX.
import { transformError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { type TreeDef, treeUnflatten } from "../ir/tree.js";
import { Var } from "../ir/jaxpr.js";
import { add, equal, logicalAnd, logicalOr, maximum, minimum, multiply, where } from "../numpy/elementwise.js";
import { all, any, max, min, prod, sum } from "../numpy/reductions.js";
import { concatenate, flip as rev, moveaxis, reshape, stack } from "../numpy/shape-ops.js";
import { slice } from "../numpy/indexing.js";
import { broadcastTo, convert, operand } from "../numpy/util.js";
import { vmap } from "../transforms/vmap.js";
import { scan } from "./control-flow.js";
import { type Body, flatArrays, traceBody } from "./trace-body.js";

type Fn = (...args: any[]) => any;
const listTree = (children: TreeDef[]): TreeDef => ({ kind: "list", children });

const MONOIDS = {
  add: [(x: NDArray, d: number[]) => (x.dtype === "bool" ? any(x, d) : sum(x, d, { dtype: x.dtype })), add],
  mul: [(x: NDArray, d: number[]) => (x.dtype === "bool" ? all(x, d) : prod(x, d, { dtype: x.dtype })), multiply],
  max: [(x: NDArray, d: number[]) => max(x, d), maximum],
  min: [(x: NDArray, d: number[]) => min(x, d), minimum],
  and: [(x: NDArray, d: number[]) => all(x, d), logicalAnd],
  or: [(x: NDArray, d: number[]) => any(x, d), logicalOr],
} as const;
type Monoid = keyof typeof MONOIDS;

/** The monoid a traced scalar computation is (one equation of a monoid primitive on both arguments), or null. */
function monoidOf(computation: Fn, x: NDArray, tree: TreeDef): Monoid | null {
  const aval = { shape: [], dtype: x.dtype, weakType: false };
  let body: Body;
  try {
    body = traceBody("reduce computation", computation, listTree([tree, tree]), [aval, aval]);
  } catch {
    return null; // not traceable on scalars: the loop runs it (and reports its own errors)
  }
  const j = body.jaxpr;
  if (body.consts.length || j.eqns.length !== 1 || j.outs.length !== 1) return null;
  const e = j.eqns[0]!;
  const [a, b] = j.inBinders;
  const ins = e.inputs;
  const args = ins.length === 2 && ins.every((v) => v instanceof Var) && ((ins[0] === a && ins[1] === b) || (ins[0] === b && ins[1] === a));
  if (!args || e.outs[0] !== j.outs[0]) return null;
  // numpy's and/or are the bitwise ops on integers: only bool and/or are the logical monoids
  if ((e.primitive === "and" || e.primitive === "or") && x.dtype !== "bool") return null;
  return e.primitive in MONOIDS ? (e.primitive as Monoid) : null;
}

/**
 * lax.reduce(operands, initValues, computation, dimensions): operands (an array or a pytree of arrays of one
 * shape) reduced over `dimensions` with `computation(acc, x) -> acc` on scalars (pytrees like the operands),
 * starting from the scalar init values.
 */
export function reduce<T>(operands: T, initValues: unknown, computation: (a: T, b: T) => T, dimensions: readonly number[]): T {
  const op = "reduce";
  if (typeof computation !== "function")
    throw transformError.laxArgument(op, `computation must be a function, got ${describeValue(computation)}`);
  const [xs, tree] = flatArrays(operands);
  const [inits] = flatArrays(initValues);
  if (xs.length === 0) throw transformError.laxArgument(op, "operands must hold at least one array");
  if (inits.length !== xs.length) throw transformError.laxArgument(op, `${inits.length} init values given for ${xs.length} operands`);
  const shape = xs[0]!.shape;
  xs.forEach((x, i) => {
    if (x.shape.join() !== shape.join())
      throw transformError.laxArgument(op, `operand ${i} has shape (${x.shape.join(", ")}) but operand 0 has (${shape.join(", ")})`);
  });
  const init = inits.map((v, i) => {
    if (v.ndim !== 0) throw transformError.laxArgument(op, `init value ${i} must be a scalar, got shape (${v.shape.join(", ")})`);
    if (v.dtype !== xs[i]!.dtype && !v.weakType)
      throw transformError.laxArgument(op, `init value ${i} has dtype ${v.dtype} but operand ${i} has ${xs[i]!.dtype}`);
    return convert(v, xs[i]!.dtype, false);
  });
  if (!Array.isArray(dimensions))
    throw transformError.laxArgument(op, `dimensions must be a list of axes, got ${describeValue(dimensions)}`);
  const dims = dimensions.map((d) => normalizeAxis(op, d, shape.length));
  if (new Set(dims).size !== dims.length) throw transformError.laxArgument(op, `repeated dimension in ${describeValue(dimensions)}`);
  if (xs.length === 1) {
    const m = monoidOf(computation, xs[0]!, tree);
    if (m !== null) {
      const [red, combine] = MONOIDS[m];
      return treeUnflatten(tree, [convert(combine(red(xs[0]!, dims), init[0]!), xs[0]!.dtype, false)]) as T;
    }
  }
  const kept = shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const keptShape = kept.map((d) => shape[d]!);
  const m = keptShape.reduce((p, q) => p * q, 1);
  const k = dims.reduce((p, d) => p * shape[d]!, 1);
  // [K, M] rows: the reduced elements along the leading axis, the kept ones flattened
  const rows = xs.map((x) =>
    reshape(
      moveaxis(
        x,
        dims,
        dims.map((_, i) => i),
      ),
      [k, m],
    ),
  );
  const carry0 = init.map((v) => broadcastTo(v, [m]));
  const step = vmap((a: NDArray[], b: NDArray[]) => {
    const [outs] = flatArrays(computation(treeUnflatten(tree, a) as T, treeUnflatten(tree, b) as T));
    if (outs.length !== xs.length)
      throw transformError.laxArgument(op, `computation returned ${outs.length} leaves for ${xs.length} operands`);
    return outs.map((o, i) => convert(o, xs[i]!.dtype, false));
  });
  const out = k === 0 ? carry0 : scan((c: NDArray[], r: NDArray[]) => [step(c, r), null] as const, carry0, rows)[0];
  return treeUnflatten(
    tree,
    out.map((o) => reshape(o, keptShape)),
  ) as T;
}

/** lax.select_n(which, ...cases): cases[which] elementwise (which bool with two cases, or int32 in range). */
export function selectN(which: ArrayLike, ...cases: ArrayLike[]): NDArray {
  const op = "select_n";
  if (cases.length === 0) throw transformError.laxArgument(op, "at least one case is required");
  const w = operand(which, op);
  const cs = cases.map((c) => operand(c, op));
  const c0 = cs[0]!;
  cs.forEach((c, i) => {
    if (c.dtype !== c0.dtype || c.shape.join() !== c0.shape.join())
      throw transformError.laxArgument(
        op,
        `case ${i} is ${c.dtype}[${c.shape.join(",")}] but case 0 is ${c0.dtype}[${c0.shape.join(",")}]`,
      );
  });
  if (w.dtype === "bool" ? cs.length > 2 : w.dtype !== "int32")
    throw transformError.laxArgument(op, `which must be bool (at most two cases) or int32, got ${w.dtype} with ${cs.length} cases`);
  if (w.ndim !== 0 && w.shape.join() !== c0.shape.join())
    throw transformError.laxArgument(op, `which has shape (${w.shape.join(", ")}) but the cases have (${c0.shape.join(", ")})`);
  let out = c0;
  for (let i = 1; i < cs.length; i++) out = where(w.dtype === "bool" ? w : equal(w, i), cs[i]!, out);
  return convert(out, c0.dtype, c0.weakType);
}

/** lax.map(f, xs, { batchSize }): f over the leading axis of xs (a scan without carry; batchSize vmaps chunks). */
export function map<X, Y>(f: (x: X) => Y, xs: X, opts: { batchSize?: number | null } = {}): Y {
  const op = "lax.map";
  if (typeof f !== "function") throw transformError.laxArgument(op, `f must be a function, got ${describeValue(f)}`);
  const bs = opts.batchSize ?? null;
  if (bs === null) return scan((c: null, x: X) => [c, f(x)] as const, null, xs)[1];
  if (!Number.isInteger(bs) || bs < 1)
    throw transformError.laxArgument(op, `batchSize must be a positive integer, got ${describeValue(bs)}`);
  const [leaves, tree] = flatArrays(xs);
  if (leaves.length === 0 || leaves[0]!.ndim === 0) throw transformError.laxArgument(op, "xs must hold arrays with a leading axis");
  const n = leaves[0]!.shape[0]!;
  const nb = Math.floor(n / bs),
    r = n % bs;
  const g = vmap((x: X) => f(x));
  const parts: unknown[] = [];
  if (nb > 0) {
    const main = leaves.map((x) => reshape(slice(x, [0, nb * bs]), [nb, bs, ...x.shape.slice(1)]));
    const ys = scan((c: null, x: X) => [c, g(x)] as const, null, treeUnflatten(tree, main) as X)[1];
    const [yl, yt] = flatArrays(ys);
    parts.push(
      treeUnflatten(
        yt,
        yl.map((y) => reshape(y, [nb * bs, ...y.shape.slice(2)])),
      ),
    );
  }
  if (r > 0)
    parts.push(
      g(
        treeUnflatten(
          tree,
          leaves.map((x) => slice(x, [nb * bs, n])),
        ) as X,
      ),
    );
  if (parts.length === 1) return parts[0] as Y;
  const [a, t] = flatArrays(parts[0]);
  const [b] = flatArrays(parts[1]);
  return treeUnflatten(
    t,
    a.map((y, i) => concatenate([y, b[i]!], 0)),
  ) as Y;
}

/** x[start:stop:step] along `axis` (stop null: to the end). */
function sliceIn(x: NDArray, axis: number, start: number, stop: number | null, step = 1): NDArray {
  return slice(x, ...new Array<string>(axis).fill(":"), [start, stop, step]);
}

/** a[0], b[0], a[1], b[1], ... along axis (a has as many or one more element). */
function interleave(a: NDArray, b: NDArray, axis: number): NDArray {
  const na = a.shape[axis]!,
    nb = b.shape[axis]!;
  const bb = na === nb ? b : concatenate([b, sliceIn(a, axis, 0, 1)], axis);
  const s = stack([a, bb], axis + 1);
  const merged = reshape(s, [...a.shape.slice(0, axis), 2 * na, ...a.shape.slice(axis + 1)]);
  return na === nb ? merged : sliceIn(merged, axis, 0, na + nb);
}

/**
 * lax.associative_scan(fn, elems, reverse, axis): the inclusive scan of an associative `fn` over `axis` of
 * every leaf of elems, by JAX's parallel odd/even recursion (O(log n) levels of vectorised fn calls).
 */
export function associativeScan<T>(fn: (a: T, b: T) => T, elems: T, reverse = false, axis = 0): T {
  const op = "associative_scan";
  if (typeof fn !== "function") throw transformError.laxArgument(op, `fn must be a function, got ${describeValue(fn)}`);
  const [leaves0, tree] = flatArrays(elems);
  if (leaves0.length === 0) throw transformError.laxArgument(op, "elems must hold at least one array");
  const ax = normalizeAxis(op, axis, leaves0[0]!.ndim);
  const n = leaves0[0]!.shape[ax]!;
  leaves0.forEach((x, i) => {
    if (x.ndim <= ax || x.shape[ax] !== n)
      throw transformError.laxArgument(op, `elems leaf ${i} has shape (${x.shape.join(", ")}); every leaf needs axis ${ax} of length ${n}`);
  });
  const combine = (a: NDArray[], b: NDArray[]): NDArray[] => {
    const [c] = flatArrays(fn(treeUnflatten(tree, a) as T, treeUnflatten(tree, b) as T));
    if (c.length !== a.length) throw transformError.laxArgument(op, `fn returned ${c.length} leaves for ${a.length}`);
    return c;
  };
  const go = (es: NDArray[]): NDArray[] => {
    const m = es[0]!.shape[ax]!;
    if (m < 2) return es;
    const reduced = combine(
      es.map((e) => sliceIn(e, ax, 0, m - 1, 2)),
      es.map((e) => sliceIn(e, ax, 1, null, 2)),
    );
    const odd = go(reduced);
    const evens = es.map((e) => sliceIn(e, ax, 2, null, 2));
    const even =
      m % 2 === 0
        ? combine(
            odd.map((o) => sliceIn(o, ax, 0, o.shape[ax]! - 1)),
            evens,
          )
        : combine(odd, evens);
    const full = es.map((e, i) => concatenate([sliceIn(e, ax, 0, 1), even[i]!], ax));
    return full.map((e, i) => interleave(e, odd[i]!, ax));
  };
  const flip = (xs: NDArray[]) => xs.map((x) => rev(x, [ax]));
  const leaves = reverse ? flip(leaves0) : leaves0;
  const out = go(leaves);
  return treeUnflatten(tree, reverse ? flip(out) : out) as T;
}
