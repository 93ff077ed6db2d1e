// Jacobians as vmapped jvp/vjp over a one-hot basis: jacfwd pushes the N input basis tangents
// through jvp in one batched pass, jacrev pulls the M output basis cotangents back in one batched
// backward pass. The result has, for each output leaf and differentiated input leaf, shape
// [...out.shape, ...in.shape] (JAX's layout); nesting follows JAX: output tree outside, input inside.
import { type DType, allocate } from "../dtype.js";
import { transformError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { treeUnflatten } from "../ir/tree.js";
import { pushForward } from "./jvp.js";
import { moveAxis } from "./batching.js";
import { type AnyFn, type AuxOf, type GradValue, pullback, record } from "./vjp.js";
import { vmap } from "./vmap.js";
import { isFloat, reshape, sliceAll } from "./rules/ops.js";
import { type Argnums, diffArgs, normalizeArgnums } from "./tree-util.js";

export interface JacobianOptions {
  argnums?: Argnums;
  hasAux?: boolean;
}

type IsAny<T> = 0 extends 1 & T ? true : false;
/** Each array leaf of an output tree T replaced by G (JAX's nesting: output tree outside, input inside). */
export type JacobianOf<T, G> =
  IsAny<T> extends true
    ? any
    : T extends NDArray | number | boolean
      ? G
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: JacobianOf<T[K], G> }
        : T extends object
          ? { -readonly [K in keyof T]: JacobianOf<T[K], G> }
          : G;
type OutputOf<F extends AnyFn, O> = O extends { hasAux: true }
  ? ReturnType<F> extends readonly [infer X, unknown]
    ? X
    : unknown
  : ReturnType<F>;
/** jacfwd/jacrev(f, opts)(...args): the Jacobian (per output leaf, the gradient's structure), `[jacobian, aux]` with hasAux. */
export type JacobianResult<F extends AnyFn, O> = O extends { hasAux: true }
  ? [JacobianOf<OutputOf<F, O>, GradValue<F, O>>, AuxOf<F>]
  : JacobianOf<OutputOf<F, O>, GradValue<F, O>>;
/** hessian(f, opts)(...args): jacfwd(jacrev(f)), so the gradient's structure nested twice. */
export type HessianResult<F extends AnyFn, O> = O extends { hasAux: true }
  ? [JacobianOf<JacobianOf<OutputOf<F, O>, GradValue<F, O>>, GradValue<F, O>>, AuxOf<F>]
  : JacobianOf<JacobianOf<OutputOf<F, O>, GradValue<F, O>>, GradValue<F, O>>;

/** Rows [offset, offset + size) of an identity of order `total`, shaped [total, ...shape]. */
function basisBlock(total: number, offset: number, shape: readonly number[], dtype: DType): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = allocate(dtype, total * size);
  for (let i = 0; i < size; i++) data[(offset + i) * size + i] = 1;
  return new NDArray(data, [total, ...shape], dtype);
}

function offsets(xs: NDArray[]): number[] {
  let o = 0;
  return xs.map((x) => {
    const s = o;
    o += x.size;
    return s;
  });
}

/** Assemble the [out leaf][in leaf] blocks into JAX's nesting. */
function nest(
  outTree: Parameters<typeof treeUnflatten>[0],
  inTree: Parameters<typeof treeUnflatten>[0],
  single: boolean,
  blocks: NDArray[][],
): unknown {
  return treeUnflatten(
    outTree,
    blocks.map((row) => {
      const perArg = treeUnflatten(inTree, row) as unknown[];
      return single ? perArg[0] : perArg;
    }),
  );
}

/** jax.jacrev: Jacobian by reverse mode (one batched backward pass over the output basis). */
export function jacrev<F extends AnyFn, const O extends JacobianOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => JacobianResult<F, O> {
  const name = `jacrev(${f.name || "<anonymous>"})`;
  const opts: JacobianOptions = options ?? {};
  return (...args: unknown[]): any => {
    const { list, single } = normalizeArgnums(name, opts.argnums ?? 0, args.length);
    const d = diffArgs(name, args, list, true);
    const r = record(name, (...xs) => f(...d.rebuild(xs)), d.leaves, opts.hasAux ?? false);
    r.outs.forEach((o, j) => {
      if (!isFloat(o.dtype)) throw transformError.tree(name, `output leaf ${j} has dtype ${o.dtype}; jacrev needs float outputs`);
    });
    const M = r.outs.reduce((s, o) => s + o.size, 0);
    const offs = offsets(r.outs);
    const basis = r.outs.map((o, j) => basisBlock(M, offs[j]!, o.shape, o.dtype));
    const rows = vmap((...cts: NDArray[]) => pullback(r, cts, d.leaves))(...basis) as NDArray[];
    const blocks = r.outs.map((o, j) =>
      d.leaves.map((x, i) =>
        reshape(sliceAll(rows[i]!, [offs[j]!, ...x.shape.map(() => 0)], [offs[j]! + o.size, ...x.shape]), [...o.shape, ...x.shape]),
      ),
    );
    const jac = nest(r.outTree, d.tree, single, blocks);
    return opts.hasAux ? [jac, r.aux] : jac;
  };
}

/** jax.jacfwd: Jacobian by forward mode (one batched jvp over the input basis). */
export function jacfwd<F extends AnyFn, const O extends JacobianOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => JacobianResult<F, O> {
  const name = `jacfwd(${f.name || "<anonymous>"})`;
  const opts: JacobianOptions = options ?? {};
  return (...args: unknown[]): any => {
    const { list, single } = normalizeArgnums(name, opts.argnums ?? 0, args.length);
    const d = diffArgs(name, args, list, true);
    const fn = (...xs: NDArray[]) => f(...d.rebuild(xs));
    const N = d.leaves.reduce((s, x) => s + x.size, 0);
    const offs = offsets(d.leaves);
    const basis = d.leaves.map((x, i) => basisBlock(N, offs[i]!, x.shape, x.dtype));
    let meta: { outTree: Parameters<typeof treeUnflatten>[0]; aux: unknown } | undefined;
    const [outs, touts] = vmap(
      (...ts: NDArray[]) => {
        const p = pushForward(name, fn, d.leaves, ts, opts.hasAux ?? false);
        meta = { outTree: p.outTree, aux: p.aux };
        return [p.outs, p.tangentsOut];
      },
      { outAxes: [null, 0] },
    )(...basis) as [NDArray[], NDArray[]];
    const blocks = outs.map((o, j) =>
      d.leaves.map((x, i) => {
        const rows = sliceAll(touts[j]!, [offs[i]!, ...o.shape.map(() => 0)], [offs[i]! + x.size, ...o.shape]);
        return reshape(moveAxis(rows, 0, o.ndim), [...o.shape, ...x.shape]);
      }),
    );
    const jac = nest(meta!.outTree, d.tree, single, blocks);
    return opts.hasAux ? [jac, meta!.aux] : jac;
  };
}

/** jax.hessian: jacfwd(jacrev(f)). */
export function hessian<F extends AnyFn, const O extends JacobianOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => HessianResult<F, O> {
  const opts: JacobianOptions = options ?? {};
  return jacfwd(jacrev(f, opts), opts) as (...args: Parameters<F>) => HessianResult<F, O>;
}
