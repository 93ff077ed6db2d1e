// Differentiation rules of the elementwise primitives, forward and backward side by side.
// A smooth unary op is y = f(x) with derivative f'(x) (written in terms of x and y), so
// jvp: t -> t * f'(x) and vjp: ct -> ct * f'(x) come from one table entry.
import { COMPARE_OPS, UNARY_OPS, type BinaryOp, type CompareOp, type Primitive, type UnaryOp } from "../../core/primitives.js";
import { bind } from "../../core/trace.js";
import type { AdRule, AdRules } from "./types.js";
import { type Arr, add, convert, div, eq, full, gt, isFloat, lt, maskOf, mul, neg, select, sub, tadd, tmap, zerosLike } from "./ops.js";

/** Rules of a primitive whose derivative is zero wherever it exists (floor, compare, argmax...). */
export function nondiff<P extends Primitive>(prim: P): AdRule<P> {
  return {
    nondiff: true,
    jvp: (primals, _t, params) => [bind(prim, primals, params), null],
    vjp: (_ct, c) => c.inputs.map(() => null),
  };
}

const un =
  (p: UnaryOp) =>
  (x: Arr): Arr =>
    bind(p, [x], {});
const square = (x: Arr) => mul(x, x);
const rsqrt = (x: Arr) => div(full(1, x), un("sqrt")(x));
const recip = (x: Arr) => div(full(1, x), x);

type Deriv = (x: Arr, y: Arr) => Arr;
type Smooth = Exclude<UnaryOp, "neg" | "sign" | "floor" | "ceil" | "round" | "not" | "is_nan" | "is_inf" | "is_finite" | "stop_gradient">;

/** f'(x) for y = f(x). */
const DERIV: { [P in Smooth]: Deriv } = {
  // JAX's rule: the slope is +1 at 0 (select(x >= 0, 1, -1)), not sign(0) = 0
  abs: (x) => select(bind("ge", [x, zerosLike(x)], {}), full(1, x), full(-1, x)),
  sqrt: (_x, y) => div(full(0.5, y), y),
  exp: (_x, y) => y,
  exp2: (_x, y) => mul(y, full(Math.LN2, y)),
  expm1: (_x, y) => add(y, full(1, y)),
  log: (x) => recip(x),
  log2: (x) => div(full(1 / Math.LN2, x), x),
  log10: (x) => div(full(1 / Math.LN10, x), x),
  log1p: (x) => recip(add(x, full(1, x))),
  sin: (x) => un("cos")(x),
  cos: (x) => neg(un("sin")(x)),
  tan: (_x, y) => add(full(1, y), square(y)),
  asin: (x) => rsqrt(sub(full(1, x), square(x))),
  acos: (x) => neg(rsqrt(sub(full(1, x), square(x)))),
  atan: (x) => recip(add(full(1, x), square(x))),
  sinh: (x) => un("cosh")(x),
  cosh: (x) => un("sinh")(x),
  tanh: (_x, y) => sub(full(1, y), square(y)),
  asinh: (x) => rsqrt(add(square(x), full(1, x))),
  acosh: (x) => rsqrt(sub(square(x), full(1, x))),
  atanh: (x) => recip(sub(full(1, x), square(x))),
  logistic: (_x, y) => mul(y, sub(full(1, y), y)),
  // erfinv'(x) = sqrt(pi) / 2 * exp(erfinv(x)^2)
  erf_inv: (_x, y) => mul(full(Math.sqrt(Math.PI) / 2, y), un("exp")(square(y))),
};

function smooth<P extends Smooth>(p: P): AdRule<P> {
  const d = DERIV[p];
  return {
    jvp: ([x], [t]) => {
      const y = bind(p, [x!], {});
      return [y, mul(t!, d(x!, y))];
    },
    vjp: (ct, { inputs: [x], out }) => [mul(ct, d(x!, out))],
  };
}

const unary = Object.fromEntries(UNARY_OPS.map((p) => [p, p in DERIV ? smooth(p as Smooth) : nondiff(p)])) as unknown as AdRules<UnaryOp>;
unary.neg = {
  jvp: ([x], [t]) => [neg(x!), neg(t!)],
  vjp: (ct) => [neg(ct)],
};

/** max(a, b): the derivative goes to the larger operand, split evenly on ties between two variables (as JAX). */
function maxWeights(a: Arr, b: Arr): [Arr, Arr] {
  const half = mul(maskOf(eq(a, b), a.dtype), full(0.5, a));
  return [add(maskOf(gt(a, b), a.dtype), half), add(maskOf(lt(a, b), a.dtype), half)];
}

/**
 * max: JAX's lax.max rule (ties split evenly), except for nn.relu's `max[relu]`, whose derivative is the
 * step x > 0 (JAX's nn.relu custom_jvp: 0 at 0). relu stays one `max`, so it fuses into a matmul epilogue.
 * As in JAX, relu selects its tangent rather than multiplying it by the step: an infinite tangent or
 * cotangent where x <= 0 (sqrt or log of relu at 0) gives 0, not NaN.
 * The step reads relu's output y = max(x, 0), not x: y > 0 exactly where x > 0 (a NaN x gives a NaN y,
 * both compare false; ±0 both give false), and x then has one use, so a matmul that produces it takes
 * the bias add and relu in its store (ir/schedule.ts) instead of writing x for the backward pass.
 */
function maxRule(): AdRule<"max"> {
  const balanced = bilinearly("max", (a, b) => maxWeights(a, b));
  const step = (y: Arr, b: Arr, t: Arr): Arr => select(gt(y, b), t, zerosLike(t));
  return {
    jvp: (xs, ts, params) => {
      if (!params.relu) return balanced.jvp(xs, ts, params);
      const [a, b] = xs as [Arr, Arr],
        [ta] = ts;
      const y = bind("max", [a, b], params);
      return [y, ta ? step(y, b, ta) : null];
    },
    vjp: (ct, ctx) => {
      if (!ctx.params.relu) return balanced.vjp(ct, ctx);
      const b = ctx.inputs[1] as Arr;
      return [ctx.needs[0] ? step(ctx.out, b, ct) : null, null];
    },
  };
}

type Weights = (a: Arr, b: Arr, y: Arr) => [Arr, Arr];
/** A binary op whose tangent is ta * wa + tb * wb (wa = dy/da, wb = dy/db). */
function bilinearly<P extends BinaryOp>(p: P, w: Weights): AdRule<P> {
  return {
    jvp: ([a, b], [ta, tb]) => {
      const y = bind(p, [a!, b!], {});
      const [wa, wb] = w(a!, b!, y);
      return [
        y,
        tadd(
          tmap(ta!, (t) => mul(t, wa)),
          tmap(tb!, (t) => mul(t, wb)),
        ),
      ];
    },
    vjp: (ct, { inputs: [a, b], out, needs }) => {
      const [wa, wb] = w(a!, b!, out);
      return [needs[0] ? mul(ct, wa) : null, needs[1] ? mul(ct, wb) : null];
    },
  };
}

const binary: AdRules<BinaryOp> = {
  add: {
    jvp: ([a, b], [ta, tb]) => [add(a!, b!), tadd(ta!, tb!)],
    vjp: (ct, { needs }) => [needs[0] ? ct : null, needs[1] ? ct : null],
  },
  sub: {
    jvp: ([a, b], [ta, tb]) => [sub(a!, b!), tadd(ta!, tmap(tb!, neg))],
    vjp: (ct, { needs }) => [needs[0] ? ct : null, needs[1] ? neg(ct) : null],
  },
  mul: {
    jvp: ([a, b], [ta, tb]) => [
      mul(a!, b!),
      tadd(
        tmap(ta!, (t) => mul(t, b!)),
        tmap(tb!, (t) => mul(a!, t)),
      ),
    ],
    vjp: (ct, { inputs: [a, b], needs }) => [needs[0] ? mul(ct, b!) : null, needs[1] ? mul(a!, ct) : null],
  },
  // y = a / b: dy = da / b - db * y / b
  div: {
    jvp: ([a, b], [ta, tb]) => {
      const y = div(a!, b!);
      return [
        y,
        tadd(
          tmap(ta!, (t) => div(t, b!)),
          tmap(tb!, (t) => neg(div(mul(t, y), b!))),
        ),
      ];
    },
    vjp: (ct, { inputs: [, b], out, needs }) => [needs[0] ? div(ct, b!) : null, needs[1] ? neg(div(mul(ct, out), b!)) : null],
  },
  // y = a^b: dy/da = b a^(b-1) (0 where b = 0), dy/db = y log a (0 where a = 0; the inner select
  // keeps log away from 0 so second derivatives stay finite)
  pow: bilinearly("pow", (a, b, y) => {
    const one = full(1, a),
      zero = full(0, a);
    const wa = select(eq(b, zero), zero, mul(b, bind("pow", [a, sub(b, one)], {})));
    const aZero = eq(a, zero);
    const wb = select(aZero, zero, mul(y, bind("log", [select(aZero, one, a)], {})));
    return [wa, wb];
  }),
  max: maxRule(),
  // min(a, b) = max(b, a) with the roles swapped: a gets the weight of max's first operand
  min: bilinearly("min", (a, b) => maxWeights(b, a)),
  // atan2(a, b) = angle of (b, a): d/da = b / (a^2 + b^2), d/db = -a / (a^2 + b^2)
  atan2: bilinearly("atan2", (a, b) => {
    const r2 = add(mul(a, a), mul(b, b));
    return [div(b, r2), neg(div(a, r2))];
  }),
  // mod(a, b) = a - b floor(a / b)
  mod: bilinearly("mod", (a, b) => [full(1, a), neg(bind("floor_divide", [a, b], {}))]),
  floor_divide: nondiff("floor_divide"),
  and: nondiff("and"),
  or: nondiff("or"),
  xor: nondiff("xor"),
  shift_left: nondiff("shift_left"),
  shift_right_logical: nondiff("shift_right_logical"),
  shift_right_arithmetic: nondiff("shift_right_arithmetic"),
};

const compare = Object.fromEntries(COMPARE_OPS.map((p) => [p, nondiff(p)])) as unknown as AdRules<CompareOp>;

export const elementwiseRules: AdRules<
  UnaryOp | BinaryOp | CompareOp | "select" | "convert_element_type" | "copy" | "threefry2x32" | "bitcast_convert_type"
> = {
  ...unary,
  ...binary,
  ...compare,
  threefry2x32: nondiff("threefry2x32"),
  bitcast_convert_type: nondiff("bitcast_convert_type"),
  select: {
    jvp: ([p, a, b], [, ta, tb]) => {
      const y = select(p!, a!, b!);
      if (ta === null && tb === null) return [y, null];
      return [y, select(p!, ta ?? zerosLike(a!), tb ?? zerosLike(b!))];
    },
    vjp: (ct, { inputs: [p], needs }) => {
      const z = needs[1] || needs[2] ? zerosLike(ct) : ct;
      return [null, needs[1] ? select(p!, ct, z) : null, needs[2] ? select(p!, z, ct) : null];
    },
  },
  convert_element_type: {
    jvp: ([x], [t], params) => {
      const y = bind("convert_element_type", [x!], params);
      return [y, isFloat(params.dtype) && isFloat(x!.dtype) ? convert(t!, params.dtype, params.weakType) : null];
    },
    vjp: (ct, { inputs: [x] }) => [isFloat(x!.dtype) ? convert(ct, x!.dtype, x!.weakType) : null],
  },
  copy: {
    jvp: ([x], [t]) => [bind("copy", [x!], {}), t!],
    vjp: (ct) => [ct],
  },
};
