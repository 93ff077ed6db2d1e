// np.vectorize as jax.numpy.vectorize: the function is mapped (by vmap, traced once) over the broadcast
// leading "loop" dims of its array arguments; a generalized-ufunc `signature` ("(m,n),(n)->(m)") names the
// core dims each argument keeps; `excluded` positions are passed through unmapped. Without vmap (the light
// @numjit/runtime/precompiled entry) it loops over the loop dims and stacks the results.
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { broadcastShapes, describeValue, sizeOf } from "../shape.js";
import { vmapRef } from "../transforms/vmap-ref.js";
import { stack } from "./shape-ops.js";
import { broadcastTo, operand, reshapeTo } from "./util.js";

type Out = NDArray | NDArray[];
export interface VectorizeOptions {
  /** Positional arguments passed to the function as they are (not mapped). */
  excluded?: number[];
  /** Core dims per input and output, e.g. "(m,n),(n)->(m)"; without it every dim is a loop dim. */
  signature?: string | null;
}

function parseSignature(sig: string): [string[][], string[][]] {
  const term = /\(([^()]*)\)/g;
  const parts = sig.replace(/\s+/g, "").split("->");
  const list = (s: string) => {
    if (!/^(\([^()]*\))(,\([^()]*\))*$/.test(s))
      throw argumentError.invalid("vectorize", `not a valid gufunc signature: ${describeValue(sig)}`);
    return [...s.matchAll(term)].map((m) => (m[1] ? m[1].split(",") : []));
  };
  if (parts.length !== 2) throw argumentError.invalid("vectorize", `not a valid gufunc signature: ${describeValue(sig)}`);
  return [list(parts[0]!), list(parts[1]!)];
}

/** f mapped over the loop dims of its arguments (jax.numpy.vectorize). */
export function vectorize<F extends (...args: never[]) => unknown>(pyfunc: F, opts: VectorizeOptions = {}): (...args: unknown[]) => Out {
  if (typeof pyfunc !== "function") throw argumentError.invalid("vectorize", `pyfunc must be a function, got ${describeValue(pyfunc)}`);
  const excluded = new Set(opts.excluded ?? []);
  const sig = opts.signature ? parseSignature(opts.signature) : null;
  const f = pyfunc as unknown as (...args: unknown[]) => Out;
  return (...args: unknown[]): Out => {
    const mapped = args.flatMap((_, i) => (excluded.has(i) ? [] : [i]));
    const xs = mapped.map((i) => operand(args[i] as ArrayLike, "vectorize"));
    if (sig && sig[0].length !== xs.length)
      throw argumentError.invalid("vectorize", `signature has ${sig[0].length} inputs but the function got ${xs.length} array arguments`);
    const core = xs.map((_, k) => (sig ? sig[0][k]!.length : 0));
    const sizes = new Map<string, number>();
    xs.forEach((x, k) => {
      if (x.ndim < core[k]!)
        throw shapeError.rank("vectorize", `argument ${mapped[k]} has ${x.ndim} dims, fewer than its ${core[k]} core dims`);
      (sig?.[0][k] ?? []).forEach((name, j) => {
        const d = x.shape[x.ndim - core[k]! + j] as number;
        if (sizes.has(name) && sizes.get(name) !== d) throw shapeError.broadcast("vectorize", [sizes.get(name)!], [d]);
        sizes.set(name, d);
      });
    });
    const loop = xs.reduce<number[]>((s, x, k) => broadcastShapes("vectorize", s, x.shape.slice(0, x.ndim - core[k]!) as number[]), []);
    const bx = xs.map((x, k) => broadcastTo(x, [...loop, ...(x.shape.slice(x.ndim - core[k]!) as number[])], "vectorize"));
    const call = (...ys: NDArray[]): Out => {
      const full = args.slice();
      mapped.forEach((i, k) => (full[i] = ys[k]));
      const r = f(...full);
      return Array.isArray(r) ? r.map((v) => operand(v as ArrayLike, "vectorize")) : operand(r as ArrayLike, "vectorize");
    };
    const vmap = vmapRef.fn;
    if (vmap !== undefined) {
      let g = call as (...ys: NDArray[]) => Out;
      for (let i = 0; i < loop.length; i++) g = vmap(g) as typeof g;
      return g(...bx);
    }
    // the light entry: one call per loop index, results stacked
    const n = sizeOf(loop) as number;
    const flat = bx.map((x, _k) => reshapeTo(x, [n, ...(x.shape.slice(loop.length) as number[])]));
    const outs = Array.from({ length: n }, (_, i) => call(...flat.map((x) => x.slice(i))));
    const join = (vs: NDArray[]) => reshapeTo(stack(vs), [...loop, ...(vs[0]!.shape as number[])]);
    if (n === 0) throw argumentError.invalid("vectorize", "cannot vectorize over an empty loop without vmap");
    return Array.isArray(outs[0]) ? outs[0].map((_, j) => join(outs.map((o) => (o as NDArray[])[j]!))) : join(outs as NDArray[]);
  };
}
