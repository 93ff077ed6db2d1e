// nn.initializers: JAX's weight initializers (jax.nn.initializers, 0.10.2). Each builder returns an
// `Initializer` (key, shape, dtype?) => NDArray drawing from `random` with JAX's arithmetic, so the values
// equal JAX's for the same key: the scale factors are float32/float64 scalars rounded as JAX rounds them
// (jnp.array(scale / fan, dtype), then sqrt and divide in that dtype), then one multiply of the samples.
import { checkDType, type DTypeLike } from "./dtype.js";
import { argumentError, dtypeError, shapeError } from "./errors.js";
import type { NDArray } from "./ndarray.js";
import { describeValue, normalizeAxis, sizeOf } from "./shape.js";
import { multiply } from "./numpy/elementwise.js";
import { full } from "./numpy/creation.js";
import { moveaxis, swapaxes } from "./numpy/shape-ops.js";
import { asarray, reshapeTo } from "./numpy/util.js";
import { type Shape, checkShape } from "./random/threefry.js";
import { signedQ } from "./random/continuous.js";
import { normal as randomNormal, truncatedNormal as randomTruncatedNormal, uniform as randomUniform } from "./random/samplers.js";

type FloatDType = "float32" | "float64";
export type Initializer = (key: NDArray, shape: Shape, dtype?: DTypeLike) => NDArray;

function floatDType(op: string, dtype: DTypeLike | undefined): FloatDType {
  const dt = dtype === undefined ? "float32" : checkDType(dtype, `nn.initializers.${op}`);
  if (dt !== "float32" && dt !== "float64") throw dtypeError.notAllowed(`nn.initializers.${op}`, dt, "expects a float dtype");
  return dt;
}
/** A double rounded to `dt`, as jnp.array(v, dt). */
const round = (v: number, dt: FloatDType) => (dt === "float32" ? Math.fround(v) : v);
/** `samples * factor` with the factor a `dt` scalar (not weak: JAX multiplies by a jnp.array of dt). */
const scaled = (samples: NDArray, factor: number, dt: FloatDType) => multiply(samples, asarray(factor, { dtype: dt }));
function checkNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== "number" || Number.isNaN(v))
    throw argumentError.invalid(`nn.initializers.${op}`, `${name} must be a number, got ${describeValue(v)}`);
  return v;
}
function checkOptions(op: string, opts: object, allowed: string[]): void {
  for (const k of Object.keys(opts))
    if (!allowed.includes(k)) throw argumentError.invalid(`nn.initializers.${op}`, `unsupported option '${k}' (${allowed.join(", ")})`);
}

/** Zeros of `shape` (the key is ignored). */
export function zeros(_key: NDArray, shape: Shape, dtype?: DTypeLike): NDArray {
  return full(checkShape("nn.initializers.zeros", shape), 0, { dtype: floatDType("zeros", dtype) });
}
/** Ones of `shape` (the key is ignored). */
export function ones(_key: NDArray, shape: Shape, dtype?: DTypeLike): NDArray {
  return full(checkShape("nn.initializers.ones", shape), 1, { dtype: floatDType("ones", dtype) });
}
/** Arrays full of `value`. */
export function constant(value: number, opts: { dtype?: DTypeLike } = {}): Initializer {
  checkNumber("constant", "value", value);
  return (_key, shape, dtype = opts.dtype) =>
    full(checkShape("nn.initializers.constant", shape), value, { dtype: floatDType("constant", dtype) });
}
/** Uniform in [0, scale). */
export function uniform(scale = 1e-2, opts: { dtype?: DTypeLike } = {}): Initializer {
  checkNumber("uniform", "scale", scale);
  return (key, shape, dtype = opts.dtype) => {
    const dt = floatDType("uniform", dtype);
    return scaled(randomUniform(key, shape, { dtype: dt }), round(scale, dt), dt);
  };
}
/** Normal with mean 0 and standard deviation `stddev`. */
export function normal(stddev = 1e-2, opts: { dtype?: DTypeLike } = {}): Initializer {
  checkNumber("normal", "stddev", stddev);
  return (key, shape, dtype = opts.dtype) => {
    const dt = floatDType("normal", dtype);
    return scaled(randomNormal(key, shape, { dtype: dt }), round(stddev, dt), dt);
  };
}
/** A standard normal truncated to (lower, upper), times `stddev` (no variance correction, as JAX). */
export function truncatedNormal(stddev = 1e-2, opts: { dtype?: DTypeLike; lower?: number; upper?: number } = {}): Initializer {
  checkNumber("truncatedNormal", "stddev", stddev);
  checkOptions("truncatedNormal", opts, ["dtype", "lower", "upper"]);
  return (key, shape, dtype = opts.dtype) => {
    const dt = floatDType("truncatedNormal", dtype);
    return scaled(randomTruncatedNormal(key, opts.lower ?? -2, opts.upper ?? 2, shape, { dtype: dt }), round(stddev, dt), dt);
  };
}

export type FanMode = "fanIn" | "fanOut" | "fanAvg" | "fanGeoAvg";
export type Distribution = "truncatedNormal" | "normal" | "uniform";
export interface FanOptions {
  /** Axis (or axes) of the input dimension (default -2). */
  inAxis?: number | number[];
  /** Axis (or axes) of the output dimension (default -1). */
  outAxis?: number | number[];
  /** Axes ignored by the fans (default none). */
  batchAxis?: number | number[];
  dtype?: DTypeLike;
}
const FAN_OPTIONS = ["inAxis", "outAxis", "batchAxis", "dtype"];

/** JAX's _compute_fans: in/out sizes times the receptive field (the axes in none of the three). */
function fans(op: string, shape: number[], opts: FanOptions): [number, number] {
  const inAxis = opts.inAxis ?? -2;
  if (inAxis === -2 && shape.length <= 1)
    throw shapeError.rank(
      `nn.initializers.${op}`,
      `can't compute input and output sizes of a ${shape.length}-dimensional weights tensor with the default inAxis: ` +
        "must be at least 2-d or give inAxis",
    );
  const size = (ax: number | number[] | undefined) =>
    [ax ?? []].flat().reduce((p, a) => p * shape[normalizeAxis(`nn.initializers.${op}`, a, shape.length)]!, 1);
  const inSize = size(inAxis),
    outSize = size(opts.outAxis ?? -1);
  const receptive = sizeOf(shape) / inSize / outSize / size(opts.batchAxis);
  return [inSize * receptive, outSize * receptive];
}

/**
 * Samples scaled to variance `scale / n`, n the fan of `mode`: a normal truncated at ±2 (divided by its
 * standard deviation 0.8796…), a normal, or a uniform in ±sqrt(3 scale / n).
 */
export function varianceScaling(scale: number, mode: FanMode, distribution: Distribution, opts: FanOptions = {}): Initializer {
  return scaling("varianceScaling", scale, mode, distribution, opts);
}
/** varianceScaling, its errors naming `op` (the preset the user called). */
function scaling(op: string, scale: number, mode: FanMode, distribution: Distribution, opts: FanOptions): Initializer {
  checkNumber(op, "scale", scale);
  checkOptions(op, opts, FAN_OPTIONS);
  if (!["fanIn", "fanOut", "fanAvg", "fanGeoAvg"].includes(mode))
    throw argumentError.invalid(`nn.initializers.${op}`, `mode must be fanIn, fanOut, fanAvg or fanGeoAvg, got ${describeValue(mode)}`);
  if (!["truncatedNormal", "normal", "uniform"].includes(distribution))
    throw argumentError.invalid(
      `nn.initializers.${op}`,
      `distribution must be truncatedNormal, normal or uniform, got ${describeValue(distribution)}`,
    );
  return (key, shape, dtype = opts.dtype) => {
    const dt = floatDType(op, dtype);
    const dims = checkShape(`nn.initializers.${op}`, shape);
    const [fanIn, fanOut] = fans(op, dims, opts);
    const n = mode === "fanIn" ? fanIn : mode === "fanOut" ? fanOut : mode === "fanAvg" ? (fanIn + fanOut) / 2 : Math.sqrt(fanIn * fanOut);
    const variance = round(scale / n, dt);
    if (distribution === "truncatedNormal")
      return scaled(
        randomTruncatedNormal(key, -2, 2, dims, { dtype: dt }),
        round(round(Math.sqrt(variance), dt) / round(0.8796256610342398, dt), dt),
        dt,
      );
    if (distribution === "normal") return scaled(randomNormal(key, dims, { dtype: dt }), round(Math.sqrt(variance), dt), dt);
    return scaled(randomUniform(key, dims, { dtype: dt, minval: -1 }), round(Math.sqrt(round(3 * variance, dt)), dt), dt);
  };
}

const preset =
  (op: string, scale: number, mode: FanMode, distribution: Distribution) =>
  (opts: FanOptions = {}): Initializer =>
    scaling(op, scale, mode, distribution, opts);
/** Glorot (Xavier) uniform: variance scaling 1, fanAvg, uniform. */
export const glorotUniform = preset("glorotUniform", 1, "fanAvg", "uniform");
/** Glorot (Xavier) normal: variance scaling 1, fanAvg, truncated normal. */
export const glorotNormal = preset("glorotNormal", 1, "fanAvg", "truncatedNormal");
/** LeCun uniform: variance scaling 1, fanIn, uniform. */
export const lecunUniform = preset("lecunUniform", 1, "fanIn", "uniform");
/** LeCun normal: variance scaling 1, fanIn, truncated normal. */
export const lecunNormal = preset("lecunNormal", 1, "fanIn", "truncatedNormal");
/** He (Kaiming) uniform: variance scaling 2, fanIn, uniform. */
export const heUniform = preset("heUniform", 2, "fanIn", "uniform");
/** He (Kaiming) normal: variance scaling 2, fanIn, truncated normal. */
export const heNormal = preset("heNormal", 2, "fanIn", "truncatedNormal");
export { glorotUniform as xavierUniform, glorotNormal as xavierNormal, heUniform as kaimingUniform, heNormal as kaimingNormal };

/**
 * A (semi-)orthogonal matrix along `columnAxis` (the other axes flattened into rows), times `scale`: the Q of
 * a QR of a standard normal matrix with the signs of R's diagonal, as JAX's random.orthogonal. Its values
 * match JAX's up to the QR's rounding (numjit's Householder QR, not LAPACK's).
 */
export function orthogonal(scale = 1, opts: { columnAxis?: number; dtype?: DTypeLike } = {}): Initializer {
  checkNumber("orthogonal", "scale", scale);
  checkOptions("orthogonal", opts, ["columnAxis", "dtype"]);
  return (key, shape, dtype = opts.dtype) => {
    const dt = floatDType("orthogonal", dtype);
    const dims = checkShape("nn.initializers.orthogonal", shape);
    if (dims.length < 2) throw shapeError.rank("nn.initializers.orthogonal", `requires at least a 2-d shape, got (${dims.join(", ")})`);
    if (dims.includes(0)) return full(dims, 0, { dtype: dt });
    const ax = normalizeAxis("nn.initializers.orthogonal", opts.columnAxis ?? -1, dims.length);
    const cols = dims[ax]!,
      rows = sizeOf(dims) / cols;
    const z = randomNormal(key, [Math.max(rows, cols), Math.min(rows, cols)], { dtype: dt });
    let m = signedQ(z);
    if (rows < cols) m = swapaxes(m, -1, -2);
    const rest = dims.filter((_, i) => i !== ax);
    return scaled(moveaxis(reshapeTo(m, [...rest, cols]), -1, ax), round(scale, dt), dt);
  };
}
