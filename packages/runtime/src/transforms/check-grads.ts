// checkGrads: compare forward- and reverse-mode derivatives with central differences in float64
// (jax.test_util.check_grads). Along a random direction v per input leaf:
//   fwd: jvp(f, x, v)                           ~ (f(x + eps v) - f(x - eps v)) / (2 eps)
//   rev: <vjp(f, x)(u), v>  for a random u      ~ <u, the same difference quotient>
// order 2 repeats both checks on the functions x -> jvp(f, x, v) and x -> vjp(f, x)(u).
import { NDArray, scalarArray } from "../ndarray.js";
import { treeFlatten, treeUnflatten } from "../ir/tree.js";
import { pushForward } from "./jvp.js";
import { pullback, record } from "./vjp.js";
import { convert, isFloat } from "./rules/ops.js";

export interface CheckGradsOptions {
  /** 1: first derivatives; 2: also derivatives of the derivatives (default 1). */
  order?: 1 | 2;
  /** Which modes to check (default both). */
  modes?: ("fwd" | "rev")[];
  /** Finite-difference step (default 1e-5; inputs are float64). */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Seed of the random directions. */
  seed?: number;
}

/** Thrown when a derivative disagrees with the finite differences. */
export class GradCheckError extends Error {
  override name = "GradCheckError";
}

type Flat = (...xs: NDArray[]) => NDArray[];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function randomLike(x: NDArray, normal: () => number): NDArray {
  const d = new Float64Array(x.size);
  for (let i = 0; i < d.length; i++) d[i] = normal();
  return new NDArray(d, x.shape.slice(), "float64");
}

const values = (x: NDArray): Float64Array => Float64Array.from(x.toTypedArray() as ArrayLike<number>);

function axpy(x: NDArray, a: number, v: NDArray): NDArray {
  const xs = values(x),
    vs = values(v);
  for (let i = 0; i < xs.length; i++) xs[i]! += a * vs[i]!;
  return new NDArray(xs, x.shape.slice(), "float64");
}

function vdot(a: NDArray[], b: NDArray[]): number {
  let s = 0;
  a.forEach((x, k) => {
    const xs = values(x),
      ys = values(b[k]!);
    for (let i = 0; i < xs.length; i++) s += xs[i]! * ys[i]!;
  });
  return s;
}

function checkFlat(f: Flat, xs: NDArray[], o: Required<CheckGradsOptions>, normal: () => number, what: string): void {
  const v = xs.map((x) => randomLike(x, normal));
  const outs = f(...xs).map((y) => (isFloat(y.dtype) ? y : null));
  const plus = f(...xs.map((x, i) => axpy(x, o.eps, v[i]!)));
  const minus = f(...xs.map((x, i) => axpy(x, -o.eps, v[i]!)));
  const numeric = outs.map((y, j) => {
    if (y === null) return null;
    const p = values(plus[j]!),
      m = values(minus[j]!);
    const d = new Float64Array(p.length);
    for (let i = 0; i < d.length; i++) d[i] = (p[i]! - m[i]!) / (2 * o.eps);
    return new NDArray(d, y.shape.slice(), "float64");
  });
  if (o.modes.includes("fwd")) {
    const t = pushForward("checkGrads", f, xs, v).tangentsOut;
    numeric.forEach((n, j) => {
      if (n === null) return;
      const a = values(t[j]!),
        e = values(n);
      for (let i = 0; i < a.length; i++) {
        if (!(Math.abs(a[i]! - e[i]!) <= o.atol + o.rtol * Math.abs(e[i]!)))
          throw new GradCheckError(
            `checkGrads (${what}, forward mode): output ${j} element ${i}: jvp gives ${a[i]}, ` +
              `central differences give ${e[i]} (atol ${o.atol}, rtol ${o.rtol})`,
          );
      }
    });
  }
  if (o.modes.includes("rev")) {
    const floatOuts = outs.map((y, j) => [y, j] as const).filter(([y]) => y !== null) as (readonly [NDArray, number])[];
    const u = floatOuts.map(([y]) => randomLike(y, normal));
    const r = record("checkGrads", f, xs, false);
    const full = r.outs.map((y, j) => {
      const k = floatOuts.findIndex(([, jj]) => jj === j);
      return k < 0 ? broadcastZero(y) : u[k]!;
    });
    const g = pullback(r, full, xs);
    const lhs = vdot(g, v);
    const rhs = vdot(
      u,
      floatOuts.map(([, j]) => numeric[j]!),
    );
    const scale = Math.sqrt(vdot(g, g) * vdot(v, v)) + Math.abs(rhs);
    if (!(Math.abs(lhs - rhs) <= o.atol * Math.max(1, scale) + o.rtol * Math.abs(rhs)))
      throw new GradCheckError(
        `checkGrads (${what}, reverse mode): <vjp(u), v> = ${lhs} but <u, central differences> = ${rhs} (atol ${o.atol}, rtol ${o.rtol})`,
      );
  }
  if (o.order === 2) {
    const inner = { ...o, order: 1 as const };
    if (o.modes.includes("fwd"))
      checkFlat((...ys) => pushForward("checkGrads", f, ys, v).tangentsOut, xs, inner, normal, "derivative of jvp");
    if (o.modes.includes("rev")) {
      const u = f(...xs).map((y) => randomLike(y, normal));
      checkFlat(
        (...ys) => {
          const r = record("checkGrads", f, ys, false);
          return pullback(
            r,
            r.outs.map((y, j) => (isFloat(y.dtype) ? u[j]! : broadcastZero(y))),
            ys,
          );
        },
        xs,
        inner,
        normal,
        "derivative of vjp",
      );
    }
  }
}

function broadcastZero(y: NDArray): NDArray {
  return new NDArray(new Float64Array(y.size), y.shape.slice(), "float64");
}

/**
 * Check f's derivatives at `args` (a list of arguments, pytrees allowed) against central
 * differences. Float leaves are promoted to float64 and differentiated; other leaves are held fixed.
 * Throws GradCheckError with the first mismatch.
 */
export function checkGrads(f: (...args: any[]) => unknown, args: unknown[], opts: CheckGradsOptions = {}): void {
  const o: Required<CheckGradsOptions> = {
    order: opts.order ?? 1,
    modes: opts.modes ?? ["fwd", "rev"],
    eps: opts.eps ?? 1e-5,
    atol: opts.atol ?? 1e-6,
    rtol: opts.rtol ?? 1e-5,
    seed: opts.seed ?? 0,
  };
  const [leaves, tree] = treeFlatten(args);
  const arrays = leaves.map((l) => (l instanceof NDArray ? l : typeof l === "number" ? scalarArray(l, "float64", false) : l));
  const diff = arrays.map((a) => a instanceof NDArray && isFloat(a.dtype));
  const xs = arrays.filter((_, i) => diff[i]).map((a) => convert(a as NDArray, "float64", false));
  const flat: Flat = (...ys) => {
    let k = 0;
    const all = arrays.map((a, i) => (diff[i] ? ys[k++] : a));
    const out = f(...(treeUnflatten(tree, all) as unknown[]));
    return treeFlatten(out)[0].map((l) => (l instanceof NDArray ? l : scalarArray(Number(l), "float64", false)));
  };
  checkFlat(flat, xs, o, rng(o.seed), "f");
}
