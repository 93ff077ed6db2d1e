// Method forms on NDArray (x.add(y), x.sum(axis), x.T ...), installed on the prototype so that
// tracers (which extend NDArray) get them too. Each delegates to the numpy function.
import { type DTypeLike, checkDType } from "./dtype.js";
import { argumentError } from "./errors.js";
import { type ArrayLike, NDArray } from "./ndarray.js";
import * as np from "./numpy/index.js";
import type { ReduceOptions, VarOptions } from "./numpy/reductions.js";
import type { SliceSpec } from "./numpy/indexing.js";
import { convert } from "./numpy/util.js";
import { type AtUpdater, at } from "./numpy/scatter.js";

type Axis = number | number[] | null;

declare module "./ndarray.js" {
  interface NDArray {
    readonly T: NDArray;
    add(y: ArrayLike): NDArray;
    sub(y: ArrayLike): NDArray;
    subtract(y: ArrayLike): NDArray;
    mul(y: ArrayLike): NDArray;
    multiply(y: ArrayLike): NDArray;
    div(y: ArrayLike): NDArray;
    divide(y: ArrayLike): NDArray;
    floorDivide(y: ArrayLike): NDArray;
    mod(y: ArrayLike): NDArray;
    pow(y: ArrayLike): NDArray;
    power(y: ArrayLike): NDArray;
    maximum(y: ArrayLike): NDArray;
    minimum(y: ArrayLike): NDArray;
    neg(): NDArray;
    negative(): NDArray;
    abs(): NDArray;
    sign(): NDArray;
    sqrt(): NDArray;
    square(): NDArray;
    exp(): NDArray;
    log(): NDArray;
    sin(): NDArray;
    cos(): NDArray;
    tanh(): NDArray;
    floor(): NDArray;
    ceil(): NDArray;
    round(decimals?: number): NDArray;
    clip(min: ArrayLike | null, max: ArrayLike | null): NDArray;
    equal(y: ArrayLike): NDArray;
    eq(y: ArrayLike): NDArray;
    notEqual(y: ArrayLike): NDArray;
    ne(y: ArrayLike): NDArray;
    less(y: ArrayLike): NDArray;
    lt(y: ArrayLike): NDArray;
    lessEqual(y: ArrayLike): NDArray;
    le(y: ArrayLike): NDArray;
    greater(y: ArrayLike): NDArray;
    gt(y: ArrayLike): NDArray;
    greaterEqual(y: ArrayLike): NDArray;
    ge(y: ArrayLike): NDArray;
    sum(axis?: Axis, opts?: ReduceOptions): NDArray;
    prod(axis?: Axis, opts?: ReduceOptions): NDArray;
    mean(axis?: Axis, opts?: ReduceOptions): NDArray;
    max(axis?: Axis, opts?: ReduceOptions): NDArray;
    min(axis?: Axis, opts?: ReduceOptions): NDArray;
    var(axis?: Axis, opts?: VarOptions): NDArray;
    std(axis?: Axis, opts?: VarOptions): NDArray;
    all(axis?: Axis, opts?: { keepdims?: boolean }): NDArray;
    any(axis?: Axis, opts?: { keepdims?: boolean }): NDArray;
    argmax(axis?: number | null, opts?: { keepdims?: boolean }): NDArray;
    argmin(axis?: number | null, opts?: { keepdims?: boolean }): NDArray;
    cumsum(axis?: number | null): NDArray;
    cumprod(axis?: number | null): NDArray;
    reshape(...shape: (number | readonly number[])[]): NDArray;
    transpose(axes?: number[] | number | null, ...rest: number[]): NDArray;
    ravel(): NDArray;
    flatten(): NDArray;
    squeeze(axis?: number | number[] | null): NDArray;
    expandDims(axis: number | number[]): NDArray;
    broadcastTo(shape: readonly number[]): NDArray;
    swapaxes(a: number, b: number): NDArray;
    astype(dtype: DTypeLike): NDArray;
    slice(...specs: SliceSpec[]): NDArray;
    take(indices: ArrayLike, axis?: number | null): NDArray;
    /** JAX's functional update: x.at(...index).set(v) / .add / .multiply / .min / .max / .get() return new arrays. */
    at(...index: (SliceSpec | NDArray)[]): AtUpdater;
    matmul(y: ArrayLike): NDArray;
    dot(y: ArrayLike): NDArray;
    copy(): NDArray;
    /** Iterates over the first axis, as NumPy's arrays do: `const [k1, k2] = random.split(key)`. */
    [Symbol.iterator](): Iterator<NDArray>;
  }
}

const P = NDArray.prototype as unknown as Record<string, unknown>;
const bin = (f: (a: ArrayLike, b: ArrayLike) => NDArray) =>
  function (this: NDArray, y: ArrayLike) {
    return f(this, y);
  };
const un = (f: (a: ArrayLike) => NDArray) =>
  function (this: NDArray) {
    return f(this);
  };

Object.assign(P, {
  add: bin(np.add),
  sub: bin(np.subtract),
  subtract: bin(np.subtract),
  mul: bin(np.multiply),
  multiply: bin(np.multiply),
  div: bin(np.divide),
  divide: bin(np.divide),
  floorDivide: bin(np.floorDivide),
  mod: bin(np.mod),
  pow: bin(np.power),
  power: bin(np.power),
  maximum: bin(np.maximum),
  minimum: bin(np.minimum),
  equal: bin(np.equal),
  eq: bin(np.equal),
  notEqual: bin(np.notEqual),
  ne: bin(np.notEqual),
  less: bin(np.less),
  lt: bin(np.less),
  lessEqual: bin(np.lessEqual),
  le: bin(np.lessEqual),
  greater: bin(np.greater),
  gt: bin(np.greater),
  greaterEqual: bin(np.greaterEqual),
  ge: bin(np.greaterEqual),
  matmul: bin(np.matmul),
  dot: bin(np.dot),
  neg: un(np.negative),
  negative: un(np.negative),
  abs: un(np.abs),
  sign: un(np.sign),
  sqrt: un(np.sqrt),
  square: un(np.square),
  exp: un(np.exp),
  log: un(np.log),
  sin: un(np.sin),
  cos: un(np.cos),
  tanh: un(np.tanh),
  floor: un(np.floor),
  ceil: un(np.ceil),
  ravel: un(np.ravel),
  flatten: un(np.ravel),
  round(this: NDArray, d = 0) {
    return np.round(this, d);
  },
  clip(this: NDArray, lo: ArrayLike | null, hi: ArrayLike | null) {
    return np.clip(this, lo, hi);
  },
  sum(this: NDArray, axis: Axis = null, o: ReduceOptions = {}) {
    return np.sum(this, axis, o);
  },
  prod(this: NDArray, axis: Axis = null, o: ReduceOptions = {}) {
    return np.prod(this, axis, o);
  },
  mean(this: NDArray, axis: Axis = null, o: ReduceOptions = {}) {
    return np.mean(this, axis, o);
  },
  max(this: NDArray, axis: Axis = null, o: ReduceOptions = {}) {
    return np.max(this, axis, o);
  },
  min(this: NDArray, axis: Axis = null, o: ReduceOptions = {}) {
    return np.min(this, axis, o);
  },
  var(this: NDArray, axis: Axis = null, o: VarOptions = {}) {
    return np.variance(this, axis, o);
  },
  std(this: NDArray, axis: Axis = null, o: VarOptions = {}) {
    return np.std(this, axis, o);
  },
  all(this: NDArray, axis: Axis = null, o = {}) {
    return np.all(this, axis, o);
  },
  any(this: NDArray, axis: Axis = null, o = {}) {
    return np.any(this, axis, o);
  },
  argmax(this: NDArray, axis: number | null = null, o = {}) {
    return np.argmax(this, axis, o);
  },
  argmin(this: NDArray, axis: number | null = null, o = {}) {
    return np.argmin(this, axis, o);
  },
  cumsum(this: NDArray, axis: number | null = null) {
    return np.cumsum(this, axis);
  },
  cumprod(this: NDArray, axis: number | null = null) {
    return np.cumprod(this, axis);
  },
  reshape(this: NDArray, ...shape: (number | readonly number[])[]) {
    return np.reshape(this, ...shape);
  },
  transpose(this: NDArray, axes?: number[] | number | null, ...rest: number[]) {
    return np.transpose(this, axes, ...rest);
  },
  squeeze(this: NDArray, axis: number | number[] | null = null) {
    return np.squeeze(this, axis);
  },
  expandDims(this: NDArray, axis: number | number[]) {
    return np.expandDims(this, axis);
  },
  broadcastTo(this: NDArray, shape: readonly number[]) {
    return np.broadcastTo(this, shape);
  },
  swapaxes(this: NDArray, a: number, b: number) {
    return np.swapaxes(this, a, b);
  },
  astype(this: NDArray, dtype: DTypeLike) {
    return convert(this, checkDType(dtype, "astype"), false);
  },
  slice(this: NDArray, ...specs: SliceSpec[]) {
    return np.slice(this, ...specs);
  },
  take(this: NDArray, idx: ArrayLike, axis: number | null = null) {
    return np.take(this, idx, axis);
  },
  copy(this: NDArray) {
    return np.array(this);
  },
  *[Symbol.iterator](this: NDArray): Iterator<NDArray> {
    if (this.ndim === 0) throw argumentError.invalid("iter", "iteration over a 0-d array");
    const n = this.shape[0]!;
    for (let i = 0; i < n; i++) yield np.slice(this, i);
  },
  at(this: NDArray, ...index: (SliceSpec | NDArray)[]) {
    return at(this, index);
  },
});
Object.defineProperty(P, "T", {
  get(this: NDArray) {
    return np.transpose(this);
  },
  configurable: true,
});
