// permutation and choice: JAX shuffles by stable-sorting on fresh random 32-bit keys (num_rounds rounds,
// tjablin's bound), and samples with p through the cumulative sum or the Gumbel top-k trick. numjit has no
// sort primitive yet: a stable sort's permutation is computed from ranks (rank_i = #{j : key_j < key_i, or
// equal with j < i}), O(n^2) comparisons that trace and batch like any numpy code.
import { argumentError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { Tracer, bind } from "../core/trace.js";
import { add, equal, greater, less, logicalAnd, logicalOr, multiply, subtract } from "../numpy/elementwise.js";
import { arange, iota } from "../numpy/creation.js";
import { cumsum, sum } from "../numpy/reductions.js";
import { expandDims, reshape } from "../numpy/shape-ops.js";
import { slice, take } from "../numpy/indexing.js";
import { asarray, describe } from "../numpy/util.js";
import { type Shape, bits, checkKey, checkShape, split } from "./threefry.js";
import { gumbel, randint, uniform } from "./samplers.js";

/**
 * The permutation a stable sort of the 1-d `keys` applies: out[r] = the index of the r-th smallest key
 * (ties in index order), or of the r-th largest when `descending` (ties still in index order, as top_k).
 */
function sortPermutation(keys: NDArray, descending = false): NDArray {
  const n = keys.shape[0]!;
  if (!(keys instanceof Tracer)) {
    // concrete keys: the same permutation from a JS stable sort, O(n log n)
    const k = keys.toTypedArray();
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (descending ? k[b]! - k[a]! : k[a]! - k[b]!) || a - b);
    return asarray(order, { dtype: "int32" });
  }
  const ki = expandDims(keys, 1),
    kj = expandDims(keys, 0);
  const idx = iota([n], 0),
    ii = expandDims(idx, 1),
    jj = expandDims(idx, 0);
  const before = logicalOr(descending ? greater(kj, ki) : less(kj, ki), logicalAnd(equal(kj, ki), less(jj, ii)));
  const rank = sum(before, 1); // rank[i]: where element i lands
  // out[r] = sum_i i * (rank[i] == r)
  return sum(multiply(equal(expandDims(rank, 0), expandDims(idx, 1)), expandDims(idx, 0)), 1);
}

/** JAX's _shuffle of arange(n): the index order after num_rounds stable sorts on fresh random keys. */
function shuffledIndices(key: NDArray, n: number): NDArray {
  const rounds = Math.ceil((3 * Math.log(Math.max(1, n))) / Math.log(4294967295));
  let k = key;
  let ind = arange(n);
  for (let r = 0; r < rounds; r++) {
    const [next, sub] = split(k);
    k = next!;
    ind = take(ind, sortPermutation(bits(sub!, [n])));
  }
  return ind;
}

export interface PermutationOptions {
  axis?: number;
}

/** A random permutation of arange(x) (x a number) or of x's slices along `axis`. */
export function permutation(key: NDArray, x: number | NDArray, opts: PermutationOptions = {}): NDArray {
  const k = checkKey("permutation", key);
  if (typeof x === "number") {
    if (!Number.isInteger(x) || x < 0) throw argumentError.invalid("random.permutation", `x must be a non-negative integer, got ${x}`);
    return shuffledIndices(k, x);
  }
  if (!(x instanceof NDArray) || x.ndim === 0)
    throw argumentError.invalid("random.permutation", `x must be an integer or an array of rank >= 1, got ${describe(x)}`);
  const axis = normalize("permutation", opts.axis ?? 0, x.ndim);
  return take(x, shuffledIndices(k, x.shape[axis]!), axis);
}

function normalize(op: string, axis: number, nd: number): number {
  if (!Number.isInteger(axis) || axis < -nd || axis >= nd)
    throw argumentError.invalid(`random.${op}`, `axis ${axis} is out of bounds for rank ${nd}`);
  return axis < 0 ? axis + nd : axis;
}

export interface ChoiceOptions {
  replace?: boolean;
  p?: NDArray;
  axis?: number;
}

/** Samples of arange(a) (a a number) or of a's slices along `axis`, with or without replacement, optionally weighted by p. */
export function choice(key: NDArray, a: number | NDArray, shape: Shape = [], opts: ChoiceOptions = {}): NDArray {
  const k = checkKey("choice", key);
  const s = checkShape("choice", shape);
  const arr = typeof a === "number" ? null : a;
  if (arr !== null && !(arr instanceof NDArray))
    throw argumentError.invalid("random.choice", `a must be an integer or an NDArray, got ${describe(a)}`);
  const axis = arr === null || arr.ndim === 0 ? 0 : normalize("choice", opts.axis ?? 0, arr.ndim);
  const n = arr === null ? (a as number) : arr.ndim === 0 ? 0 : arr.shape[axis]!;
  if (!Number.isInteger(n)) throw argumentError.invalid("random.choice", `a must be an integer, got ${n}`);
  const draws = s.reduce((x, y) => x * y, 1);
  const replace = opts.replace ?? true;
  if (draws > 0 && n <= 0) throw argumentError.invalid("random.choice", "a must be greater than 0 unless no samples are taken");
  if (!replace && draws > n)
    throw argumentError.invalid(
      "random.choice",
      `cannot take a larger sample (size ${draws}) than population (size ${n}) when replace is false`,
    );
  let ind: NDArray;
  if (opts.p === undefined) {
    ind = replace ? randint(k, s, 0, n) : slice(shuffledIndices(k, n), [0, draws]);
  } else {
    const p = opts.p;
    if (!(p instanceof NDArray) || p.ndim !== 1 || p.shape[0] !== n)
      throw argumentError.invalid("random.choice", `p must be a 1-d array of length ${n}, got ${describe(p)}`);
    const pf = p.dtype === "float64" ? p : p.astype("float32");
    if (replace) {
      // searchsorted(cumsum(p), total * (1 - u)) with side='left': the count of cumulative sums below r
      const cum = cumsum(pf);
      const r = multiply(slice(cum, -1), subtract(1, uniform(k, s, { dtype: pf.dtype })));
      ind = sum(less(cum, expandDims(r, r.ndim)), -1);
    } else {
      const g = add(gumbel(k, [n], { dtype: pf.dtype }), bind("log", [pf], {}));
      ind = slice(sortPermutation(g, true), [0, draws]);
    }
  }
  ind = reshape(ind, s);
  if (arr === null) return ind;
  return take(arr, ind, axis);
}
