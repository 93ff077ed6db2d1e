// np.gradient: central differences in the interior and one-sided differences (first or second order) at
// the edges, along each requested axis, for uniform (scalar) or coordinate-array spacings (NumPy's
// formulas; JAX's promotion of f with the spacings). A composition of slices and arithmetic, so jit, vmap
// and grad see through it.
import { isFloat } from "../dtype.js";
import { argumentError, shapeError } from "../errors.js";
import { NDArray, type ArrayLike } from "../ndarray.js";
import { describeValue, normalizeAxes } from "../shape.js";
import { add, divide, multiply, negative, subtract } from "./elementwise.js";
import { convert, operand, reshapeTo, resultOf } from "./util.js";
import { concatenate, sliceAxis } from "./shape-ops.js";

export interface GradientOptions {
  axis?: number | number[] | null;
  edgeOrder?: 1 | 2;
}
type Spacing = number | NDArray;

const isOptions = (v: unknown): v is GradientOptions =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof NDArray) && !ArrayBuffer.isView(v);

/**
 * The gradient of f along `axis` (every axis when null): gradient(f), gradient(f, h), gradient(f, hx, hy),
 * gradient(f, x, { axis: 0, edgeOrder: 2 }). A spacing is a number (uniform step) or a 1-d coordinate
 * array as long as the axis. One axis gives an array, several a list.
 */
export function gradient(f: ArrayLike, ...args: (ArrayLike | GradientOptions)[]): NDArray | NDArray[] {
  const opts: GradientOptions = args.length && isOptions(args[args.length - 1]) ? (args.pop() as GradientOptions) : {};
  for (const k of Object.keys(opts))
    if (k !== "axis" && k !== "edgeOrder") throw argumentError.invalid("gradient", `unknown option '${k}' (axis, edgeOrder)`);
  const edge = opts.edgeOrder ?? 1;
  if (edge !== 1 && edge !== 2) throw argumentError.invalid("gradient", `edgeOrder must be 1 or 2, got ${describeValue(edge)}`);
  let a = operand(f, "gradient");
  const axes = normalizeAxes("gradient", opts.axis ?? null, a.ndim);
  const spacings = (args as ArrayLike[]).map((h) => (typeof h === "number" ? h : operand(h, "gradient")));
  let dx: Spacing[];
  if (spacings.length === 0) dx = axes.map(() => 1);
  else if (spacings.length === 1 && (typeof spacings[0] === "number" || spacings[0]!.ndim === 0)) dx = axes.map(() => spacings[0]!);
  else if (spacings.length === axes.length) dx = spacings;
  else throw argumentError.invalid("gradient", `invalid number of spacing arguments ${spacings.length} for ${axes.length} axes`);
  // JAX's promote_dtypes_inexact(f, *varargs): f joins the spacing arrays' dtypes, then ints become float32
  const arrays = dx.filter((h): h is NDArray => typeof h !== "number");
  let [dt, weak] = [a.dtype, a.weakType];
  for (const h of arrays) [dt, weak] = resultOf({ dtype: dt, weakType: weak } as NDArray, h);
  a = convert(a, isFloat(dt) ? dt : "float32", weak, "gradient");
  const out = axes.map((ax, i) => alongAxis(a, dx[i]!, ax, edge));
  return out.length === 1 ? out[0]! : out;
}

function alongAxis(f: NDArray, h: Spacing, axis: number, edge: 1 | 2): NDArray {
  const n = f.shape[axis] as number;
  if (n < edge + 1)
    throw shapeError.rank(
      "gradient",
      `shape of array too small to calculate a numerical gradient: at least ${edge + 1} elements are required along axis ${axis}, got ${n}`,
      { axis, shapes: [f.shape] },
    );
  const s = (x: NDArray, start: number, stop: number) => sliceAxis(x, axis, start < 0 ? n + start : start, stop <= 0 ? n + stop : stop, 1);
  const sum3 = (c: Spacing[], x: NDArray[]) => add(add(multiply(c[0]!, x[0]!), multiply(c[1]!, x[1]!)), multiply(c[2]!, x[2]!));
  if (typeof h === "number" || h.ndim === 0) {
    const inner = divide(subtract(s(f, 2, n), s(f, 0, -2)), multiply(2, h));
    if (edge === 1)
      return concatenate([divide(subtract(s(f, 1, 2), s(f, 0, 1)), h), inner, divide(subtract(s(f, -1, n), s(f, -2, -1)), h)], axis);
    const lo = sum3([divide(-1.5, h), divide(2, h), divide(-0.5, h)], [s(f, 0, 1), s(f, 1, 2), s(f, 2, 3)]);
    const hi = sum3([divide(0.5, h), divide(-2, h), divide(1.5, h)], [s(f, -3, -2), s(f, -2, -1), s(f, -1, n)]);
    return concatenate([lo, inner, hi], axis);
  }
  if (h.ndim !== 1) throw shapeError.rank("gradient", `distances must be either scalars or 1-d, got shape (${h.shape.join(", ")})`);
  if (h.shape[0] !== n) throw shapeError.broadcast("gradient", f.shape, h.shape);
  const hs = Array.from({ length: f.ndim }, (_, i) => (i === axis ? n : 1));
  let x = reshapeTo(h, hs);
  if (!isFloat(x.dtype)) x = convert(x, f.dtype, false);
  const d = subtract(s(x, 1, n), s(x, 0, -1)); // n - 1 steps
  const dn = n - 1;
  const step = (start: number, stop: number) => sliceAxis(d, axis, start < 0 ? dn + start : start, stop <= 0 ? dn + stop : stop, 1);
  const dx1 = step(0, -1),
    dx2 = step(1, dn);
  const inner = sum3(
    [
      divide(negative(dx2), multiply(dx1, add(dx1, dx2))),
      divide(subtract(dx2, dx1), multiply(dx1, dx2)),
      divide(dx1, multiply(dx2, add(dx1, dx2))),
    ],
    [s(f, 0, -2), s(f, 1, -1), s(f, 2, n)],
  );
  let lo: NDArray, hi: NDArray;
  if (edge === 1) {
    lo = divide(subtract(s(f, 1, 2), s(f, 0, 1)), step(0, 1));
    hi = divide(subtract(s(f, -1, n), s(f, -2, -1)), step(-1, dn));
  } else {
    const [a1, a2] = [step(0, 1), step(1, 2)];
    lo = sum3(
      [
        divide(negative(add(multiply(2, a1), a2)), multiply(a1, add(a1, a2))),
        divide(add(a1, a2), multiply(a1, a2)),
        divide(negative(a1), multiply(a2, add(a1, a2))),
      ],
      [s(f, 0, 1), s(f, 1, 2), s(f, 2, 3)],
    );
    const [b1, b2] = [step(-2, -1), step(-1, dn)];
    hi = sum3(
      [
        divide(b2, multiply(b1, add(b1, b2))),
        divide(negative(add(b2, b1)), multiply(b1, b2)),
        divide(add(multiply(2, b2), b1), multiply(b2, add(b1, b2))),
      ],
      [s(f, -3, -2), s(f, -2, -1), s(f, -1, n)],
    );
  }
  return convert(concatenate([lo, inner, hi], axis), f.dtype, f.weakType);
}
