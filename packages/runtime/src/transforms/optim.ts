// optim: optimizers as pure functions over parameter pytrees (optax style, without mutation).
//   const opt = optim.adam(1e-3);
//   let state = opt.init(params);
//   [params, state] = opt.update(grads, state, params);
// `update` is built from numpy calls, so it can run inside jit together with the gradient.
import { type NDArray, scalarArray } from "../ndarray.js";
import { treeFlatten, treeUnflatten } from "../ir/tree.js";
import * as np from "../numpy/index.js";
import { transformError } from "../errors.js";
import { treeDefKey } from "../ir/tree.js";

export interface Optimizer<S> {
  init(params: unknown): S;
  /** Returns [new params, new state]; never mutates its inputs. */
  update<P>(grads: P, state: S, params: P): [P, S];
}

/** Map f over the leaves of several pytrees of the same structure. */
export function treeZip(f: (...leaves: NDArray[]) => NDArray, ...trees: unknown[]): any {
  const flat = trees.map((t) => treeFlatten(t));
  const key = treeDefKey(flat[0]![1]);
  flat.forEach(([, d], i) => {
    if (treeDefKey(d) !== key) throw transformError.tree("optim", `tree ${i} has structure ${treeDefKey(d)}, expected ${key}`);
  });
  const n = flat[0]![0].length;
  const out: NDArray[] = [];
  for (let k = 0; k < n; k++) out.push(f(...flat.map(([ls]) => np.asarray(ls[k]!))));
  return treeUnflatten(flat[0]![1], out);
}

const zerosOf = (params: unknown) => treeZip((p) => np.zerosLike(p), params);

export interface SgdState {
  /** Momentum buffer (empty list without momentum). */
  trace: unknown;
}

/** SGD, optionally with (Nesterov) momentum: v = m v + g; p -= lr * v (or lr * (g + m v)). */
export function sgd(learningRate: number, opts: { momentum?: number; nesterov?: boolean } = {}): Optimizer<SgdState> {
  const m = opts.momentum ?? 0;
  return {
    init: (params) => ({ trace: m ? zerosOf(params) : [] }),
    update(grads, state, params) {
      if (!m) return [treeZip((p, g) => np.subtract(p, np.multiply(learningRate, g)), params, grads), state];
      const trace = treeZip((v, g) => np.add(np.multiply(m, v), g), state.trace, grads);
      const step = opts.nesterov ? treeZip((g, v) => np.add(g, np.multiply(m, v)), grads, trace) : trace;
      return [treeZip((p, s) => np.subtract(p, np.multiply(learningRate, s)), params, step), { trace }];
    },
  };
}

export interface AdamState {
  /** Number of updates so far (float32 0-d array, so a jitted update does not retrace). */
  count: NDArray;
  mu: unknown;
  nu: unknown;
}

/** Adam (Kingma & Ba) with bias correction; `weightDecay` > 0 gives AdamW (decoupled decay). */
export function adam(
  learningRate: number,
  opts: { b1?: number; b2?: number; eps?: number; weightDecay?: number } = {},
): Optimizer<AdamState> {
  const b1 = opts.b1 ?? 0.9,
    b2 = opts.b2 ?? 0.999,
    eps = opts.eps ?? 1e-8,
    wd = opts.weightDecay ?? 0;
  return {
    init: (params) => ({ count: scalarArray(0, "float32", false), mu: zerosOf(params), nu: zerosOf(params) }),
    update(grads, state, params) {
      const count = np.add(state.count, 1);
      const mu = treeZip((m, g) => np.add(np.multiply(b1, m), np.multiply(1 - b1, g)), state.mu, grads);
      const nu = treeZip((v, g) => np.add(np.multiply(b2, v), np.multiply(1 - b2, np.square(g))), state.nu, grads);
      const c1 = np.subtract(1, np.power(b1, count)),
        c2 = np.subtract(1, np.power(b2, count));
      const next = treeZip(
        (p, m, v) => {
          const step = np.divide(np.divide(m, c1), np.add(np.sqrt(np.divide(v, c2)), eps));
          const decayed = wd ? np.subtract(p, np.multiply(learningRate * wd, p)) : p;
          return np.subtract(decayed, np.multiply(learningRate, step));
        },
        params,
        mu,
        nu,
      );
      return [next, { count, mu, nu }];
    },
  };
}
