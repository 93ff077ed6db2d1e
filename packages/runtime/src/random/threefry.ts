// Threefry-2x32 keys and bits, bit for bit JAX 0.10.2 with `jax_threefry_partitionable` on (its default):
// jax/_src/random/threefry2x32.py. A key is JAX's raw key layout, a uint32 array of shape [2]. The hash is
// the threefry2x32 primitive (eager/threefry-kernel.ts, JAX's threefry2x32_p): it runs eagerly, is one
// step of a jit plan, batches under vmap (elementwise) and has no derivative (integers).
import { argumentError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { broadcastShapes } from "../shape.js";
import { iota, zeros } from "../numpy/creation.js";
import { reshape, stack } from "../numpy/shape-ops.js";
import { slice } from "../numpy/indexing.js";
import { asarray, broadcastTo, describe } from "../numpy/util.js";

export type Shape = number | readonly number[];

/** A key argument: a uint32 NDArray of shape [2] (NJ308 otherwise). */
export function checkKey(op: string, key: unknown): NDArray {
  if (!(key instanceof NDArray)) throw argumentError.prngKey(op, describe(key));
  if (key.dtype !== "uint32" || key.ndim !== 1 || key.shape[0] !== 2)
    throw argumentError.prngKey(op, `${key.dtype}[${key.shape.join(",")}]` + (key.ndim > 1 ? " (a batch of keys: use vmap)" : ""));
  return key;
}

/** A shape argument as a list of non-negative integers. */
export function checkShape(op: string, shape: Shape): number[] {
  const s = typeof shape === "number" ? [shape] : Array.isArray(shape) ? shape.slice() : null;
  if (s === null || !s.every((d) => Number.isInteger(d) && d >= 0))
    throw argumentError.invalid(`random.${op}`, `shape must be a non-negative integer or a list of them, got ${describe(shape)}`);
  return s;
}

/**
 * The Threefry-2x32 block cipher (20 rounds) of counters (x0, x1) under key (k0, k1); all uint32, broadcast.
 * One primitive (eager/threefry-kernel.ts): under jit one pass over the counters, not ~100 traced ops.
 */
export function threefry2x32(k0: NDArray, k1: NDArray, x0: NDArray, x1: NDArray): [NDArray, NDArray] {
  const ops = operands(k0, k1, x0, x1);
  return [bind("threefry2x32", ops, { part: "hi" }), bind("threefry2x32", ops, { part: "lo" })];
}

/** The xor of the two words of threefry2x32 (random bits), one pass. */
function threefryXor(k0: NDArray, k1: NDArray, x0: NDArray, x1: NDArray): NDArray {
  return bind("threefry2x32", operands(k0, k1, x0, x1), { part: "xor" });
}

/** The four operands broadcast to one shape, 0-d ones left as scalars (the primitive broadcasts those). */
function operands(...xs: NDArray[]): NDArray[] {
  const shape = xs.reduce<number[]>((s, x) => broadcastShapes("threefry2x32", s, x.shape), []);
  const same = (x: NDArray) => x.ndim === 0 || (x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i]));
  return xs.map((x) => (same(x) ? x : broadcastTo(x, shape)));
}

const keyWords = (key: NDArray): [NDArray, NDArray] => [slice(key, 0), slice(key, 1)];

/** The counters 0..size-1 laid out in `shape` (JAX's iota_2x32_shape: high words 0, low words the iota). */
function iotaCounters(key: NDArray, shape: number[]): [NDArray, NDArray, NDArray, NDArray] {
  const [k0, k1] = keyWords(key);
  const n = shape.reduce((a, b) => a * b, 1);
  const lo = reshape(iota([n], 0, { dtype: "uint32" }), shape);
  // a 0-d zero (the primitive broadcasts it): not an n-element buffer, nor a captured constant under jit
  return [k0, k1, asarray(0, { dtype: "uint32" }), lo];
}

const hashIota = (key: NDArray, shape: number[]): [NDArray, NDArray] => threefry2x32(...iotaCounters(key, shape));

/**
 * A key from an integer seed (JAX's PRNGKey layout [hi, lo]). A seed in int32 range gives [0, seed mod 2^32],
 * as JAX without x64; a larger JS integer gives the two words of its 64-bit two's complement, as JAX with x64.
 * An int32/uint32 0-d NDArray seed traces.
 */
export function key(seed: number | NDArray): NDArray {
  if (seed instanceof NDArray) {
    if ((seed.dtype !== "int32" && seed.dtype !== "uint32") || seed.ndim !== 0)
      throw argumentError.invalid("random.key", `seed must be an integer scalar, got ${seed.dtype}[${seed.shape.join(",")}]`);
    return stack([zeros([], { dtype: "uint32" }), seed.astype("uint32")]);
  }
  if (typeof seed !== "number" || !Number.isSafeInteger(seed))
    throw argumentError.invalid("random.key", `seed must be a (safe) integer, got ${describe(seed)}`);
  if (seed >= -2147483648 && seed <= 2147483647) return asarray([0, seed >>> 0], { dtype: "uint32" });
  const hi = Math.floor(seed / 4294967296);
  return asarray([hi >>> 0, (seed - hi * 4294967296) >>> 0], { dtype: "uint32" });
}

/** `num` new keys (shape [...num, 2]); iterate or destructure them: `const [k1, k2] = random.split(key)`. */
export function split(key: NDArray, num: Shape = 2): NDArray {
  const k = checkKey("split", key);
  const [b0, b1] = hashIota(k, checkShape("split", num));
  return stack([b0, b1], b0.ndim);
}

/** A new key from `key` and the integer `data` (taken modulo 2^32). */
export function foldIn(key: NDArray, data: number | NDArray): NDArray {
  const [k0, k1] = keyWords(checkKey("foldIn", key));
  let d: NDArray;
  if (data instanceof NDArray) {
    if (data.ndim !== 0 || (data.dtype !== "int32" && data.dtype !== "uint32"))
      throw argumentError.invalid("random.foldIn", `data must be an integer scalar, got ${data.dtype}[${data.shape.join(",")}]`);
    d = data.astype("uint32");
  } else {
    if (!Number.isSafeInteger(data)) throw argumentError.invalid("random.foldIn", `data must be an integer, got ${describe(data)}`);
    d = asarray(data >>> 0, { dtype: "uint32" });
  }
  const [b0, b1] = threefry2x32(k0, k1, zeros([], { dtype: "uint32" }), d);
  return stack([b0, b1]);
}

/** 32 random bits per element (uint32). */
export function bits(key: NDArray, shape: Shape = []): NDArray {
  return threefryXor(...iotaCounters(checkKey("bits", key), checkShape("bits", shape)));
}

/** 64 random bits per element as their two uint32 halves [hi, lo] (JAX's random_bits with bit_width 64). */
export function bits64(key: NDArray, shape: number[]): [NDArray, NDArray] {
  return hashIota(key, shape);
}

/** A key or a batch of keys: a uint32 NDArray of shape [..., 2] (NJ308 otherwise). */
function checkKeys(op: string, keys: unknown): NDArray {
  if (!(keys instanceof NDArray)) throw argumentError.prngKey(op, describe(keys));
  if (keys.dtype !== "uint32" || keys.ndim < 1 || keys.shape[keys.ndim - 1] !== 2)
    throw argumentError.prngKey(op, `${keys.dtype}[${keys.shape.join(",")}]`);
  return keys;
}

/**
 * A copy of `key` for JAX's key-reuse checker (jax.random.clone). numjit keys are immutable values, so the
 * clone is the key itself; keys of any batch shape [..., 2] are accepted.
 */
export function clone(key: NDArray): NDArray {
  return checkKeys("clone", key);
}

/** The uint32 words of keys (jax.random.key_data): numjit keys are JAX's raw layout already, shape [..., 2]. */
export function keyData(keys: NDArray): NDArray {
  return checkKeys("keyData", keys);
}

/** Keys from their uint32 words (jax.random.wrap_key_data): the data must be uint32 of shape [..., 2]. */
export function wrapKeyData(data: NDArray): NDArray {
  return checkKeys("wrapKeyData", data);
}
