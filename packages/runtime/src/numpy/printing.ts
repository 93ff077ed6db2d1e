// NumPy's array printing (numpy/_core/arrayprint.py, legacy=False) for numjit's dtypes: array2string,
// arrayStr, arrayRepr and the print options (get/set, and printoptions(opts, fn) for a scoped change).
// Floats print their shortest unique digits (float32's own, so 0.1 is "0.1"), capped at `precision`
// fractional digits, switching to scientific notation when the magnitudes call for it; elements are padded
// to a common width, rows wrapped at `linewidth`, and arrays over `threshold` elements summarized with "...".
import { argumentError } from "../errors.js";
import type { DType } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { Tracer, currentFunctionName } from "../core/trace.js";
import { traceError } from "../errors.js";
import { operand } from "./util.js";

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  suppress: boolean;
  nanstr: string;
  infstr: string;
  sign: "-" | "+" | " ";
  floatmode: "fixed" | "unique" | "maxprec" | "maxprec_equal";
}
const DEFAULTS: PrintOptions = {
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
  nanstr: "nan",
  infstr: "inf",
  sign: "-",
  floatmode: "maxprec",
};
let current: PrintOptions = { ...DEFAULTS };

function checked(op: string, opts: Partial<PrintOptions>): Partial<PrintOptions> {
  for (const [k, v] of Object.entries(opts)) {
    if (!(k in DEFAULTS)) throw argumentError.invalid(op, `unknown print option '${k}' (${Object.keys(DEFAULTS).join(", ")})`);
    const want = typeof DEFAULTS[k as keyof PrintOptions];
    const ok =
      k === "sign"
        ? ["-", "+", " "].includes(v as string)
        : k === "floatmode"
          ? ["fixed", "unique", "maxprec", "maxprec_equal"].includes(v as string)
          : want === "number"
            ? Number.isInteger(v) && (v as number) >= 0
            : typeof v === want;
    if (!ok) throw argumentError.invalid(op, `invalid value ${describeValue(v)} for print option '${k}'`);
  }
  return opts;
}
export function getPrintoptions(): PrintOptions {
  return { ...current };
}
export function setPrintoptions(opts: Partial<PrintOptions>): void {
  current = { ...current, ...checked("set_printoptions", opts) };
}
/** fn() with the print options changed, restored afterwards (NumPy's `with np.printoptions(...)`). */
export function printoptions<T>(opts: Partial<PrintOptions>, fn: () => T): T {
  const saved = current;
  current = { ...current, ...checked("printoptions", opts) };
  try {
    return fn();
  } finally {
    current = saved;
  }
}

// ---- digits ---------------------------------------------------------------------------------------

/** The shortest decimal digits that read back as x in its dtype, and the decimal exponent of the first. */
function shortest(x: number, dt: DType): [string, number] {
  let s = x.toExponential();
  if (dt === "float32")
    for (let p = 0; p < 9; p++) {
      const t = x.toExponential(p);
      if (Math.fround(Number(t)) === x) {
        s = t;
        // JS rounds a tie up; Dragon4 to even: an exact ...5 tail with an odd last digit goes down
        const exact = x.toExponential(100).split("e")[0]!.replace(".", "");
        const last = Number(t[p === 0 ? 0 : p + 1]);
        if (/^50*$/.test(exact.slice(p + 1)) && last % 2 === 1) s = t.replace(/\d(?=e)/, String(last - 1));
        break;
      }
    }
  const [m, e] = s.replace(/^-/, "").split("e") as [string, string];
  return [m.replace(".", ""), Number(e)];
}
/** |x| positionally: the shortest digits (unique) or `precision` fractional digits, rounded. */
function positional(x: number, dt: DType, precision: number | null, unique: boolean): string {
  const ax = Math.abs(x);
  if (!unique) return ax.toFixed(precision!);
  const [d, e] = shortest(ax, dt);
  const frac = Math.max(d.length - 1 - e, 0);
  if (precision !== null && frac > precision) return ax.toFixed(precision).replace(/0+$/, "");
  if (e >= d.length - 1) return d + "0".repeat(e - d.length + 1) + ".";
  if (e < 0) return `0.${"0".repeat(-e - 1)}${d}`;
  return `${d.slice(0, e + 1)}.${d.slice(e + 1)}`;
}
/** |x| in scientific notation: [mantissa "d.ddd", exponent]. */
function scientific(x: number, dt: DType, precision: number | null, unique: boolean): [string, number] {
  const ax = Math.abs(x);
  let [d, e] = shortest(ax, dt);
  if (!unique || (precision !== null && d.length - 1 > precision)) {
    const [m, ex] = ax.toExponential(precision!).split("e") as [string, string];
    d = m.replace(".", "");
    if (unique) d = d.replace(/(.)0+$/, "$1");
    e = Number(ex);
  }
  return [`${d[0]}.${d.slice(1)}`, e];
}
const expStr = (e: number, digits: number) => (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(digits, "0");

// ---- element formatters ----------------------------------------------------------------------------

type Fmt = (x: number) => string;
function floatFormat(data: number[], dt: DType, o: PrintOptions): Fmt {
  const finite = data.filter(Number.isFinite);
  const nz = finite.filter((v) => v !== 0).map(Math.abs);
  let expFormat = false;
  if (nz.length) {
    const mx = Math.max(...nz),
      mn = Math.min(...nz);
    // NumPy compares in the array's dtype (0.0001 as float32 is not below float32 0.0001)
    const r = dt === "float32" ? Math.fround : (v: number) => v;
    if (mx >= r(1e8) || (!o.suppress && (mn < r(1e-4) || r(mx / mn) > 1000))) expFormat = true;
  }
  let precision: number | null = o.floatmode === "unique" ? null : o.precision;
  const unique = o.floatmode !== "fixed";
  let minDigits = 0,
    padLeft = 0,
    padRight = 0,
    expSize = -1;
  const neg = (v: number) => v < 0 || Object.is(v, -0);
  const signStr = (v: number) => (neg(v) ? "-" : o.sign === "+" ? "+" : "");
  if (finite.length && expFormat) {
    const parts = finite.map((v) => scientific(v, dt, precision, unique));
    expSize = Math.max(...parts.map(([, e]) => expStr(e, 2).length)) - 1;
    precision = Math.max(...parts.map(([m]) => m.length - 2));
    minDigits = precision;
    padLeft = Math.max(...finite.map((v) => signStr(v).length + 1));
    padRight = expSize + 2 + precision;
  } else if (finite.length) {
    const strs = finite.map((v) => signStr(v) + positional(v, dt, precision, unique));
    padLeft = Math.max(...strs.map((s) => s.indexOf(".")));
    padRight = Math.max(...strs.map((s) => s.length - s.indexOf(".") - 1));
    if (o.floatmode === "fixed" || o.floatmode === "maxprec_equal") {
      precision = minDigits = padRight;
    }
  }
  if (o.sign === " " && !finite.some(neg)) padLeft += 1;
  if (finite.length !== data.length) {
    const negInf = o.sign !== "-" || data.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, o.nanstr.length - padRight - 1, o.infstr.length + (negInf ? 1 : 0) - padRight - 1);
  }
  return (x: number) => {
    if (!Number.isFinite(x)) {
      const r = Number.isNaN(x) ? (o.sign === "+" ? "+" : "") + o.nanstr : (x < 0 ? "-" : o.sign === "+" ? "+" : "") + o.infstr;
      return r.padStart(padLeft + padRight + 1);
    }
    const sg = signStr(x) || (o.sign === " " ? " " : "");
    if (expFormat) {
      // Dragon4's min_digits: digits past the unique ones come from the exact value, not zero padding
      let [m, e] = scientific(x, dt, precision, unique);
      if (m.length - 2 < minDigits) [m, e] = scientific(x, dt, minDigits, false);
      return `${(sg + m.split(".")[0]).padStart(padLeft)}.${m.split(".")[1]}e${expStr(e, expSize)}`;
    }
    let s = positional(x, dt, precision, unique);
    if (s.length - s.indexOf(".") - 1 < minDigits) s = positional(x, dt, minDigits, false);
    const [ip, fp] = s.split(".") as [string, string];
    s = `${(sg + ip).padStart(padLeft)}.${fp}`;
    return s.padEnd(padLeft + padRight + 1);
  };
}
/** Python's "{:<sign><width>d}": '+' signs every non-negative value, ' ' pads it with a space. */
function intFormat(data: number[], sign: PrintOptions["sign"]): Fmt {
  let w = 0;
  if (data.length) {
    const mx = Math.max(...data),
      mn = Math.min(...data);
    if (sign === " " && mn < 0) sign = "-";
    w = Math.max(String(mx).length + (mx >= 0 && sign !== "-" ? 1 : 0), String(mn).length);
  }
  return (x) => (x >= 0 && sign !== "-" ? sign + String(x) : String(x)).padStart(w);
}

// ---- layout ----------------------------------------------------------------------------------------

/** The row-major values of a at the indices shown (all, or edgeitems from each end of each axis). */
function shown(shape: readonly number[], summarize: boolean, edge: number): number[][] {
  return shape.map((n) => {
    const all = Array.from({ length: n }, (_, i) => i);
    return summarize && n > 2 * edge ? [...all.slice(0, edge), ...all.slice(n - edge)] : all;
  });
}
function formatArray(
  vals: readonly number[],
  shape: readonly number[],
  fmt: Fmt,
  width: number,
  prefix: string,
  sep: string,
  edge: number,
  summary: boolean,
): string {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const extend = (s: string, line: string, word: string, lw: number, indent: string): [string, string] => {
    if (line.length + word.length > lw && line.length > indent.length) {
      s += `${line.trimEnd()}\n`;
      line = indent;
    }
    return [s, line + word];
  };
  const rec = (offset: number, axis: number, indent: string, curWidth: number): string => {
    if (axis === shape.length) return fmt(vals[offset]!);
    const nextIndent = `${indent} `,
      nextWidth = curWidth - 1;
    const n = shape[axis]!;
    const showSummary = summary && 2 * edge < n;
    const lead = showSummary ? edge : 0,
      trail = showSummary ? edge : n;
    const item = (i: number) => rec(offset + i * strides[axis]!, axis + 1, nextIndent, nextWidth);
    let s = "";
    if (axis === shape.length - 1) {
      const elemWidth = curWidth - Math.max(sep.trimEnd().length, 1);
      let line = indent;
      for (let i = 0; i < lead; i++) {
        [s, line] = extend(s, line, item(i), elemWidth, indent);
        line += sep;
      }
      if (showSummary) {
        [s, line] = extend(s, line, "...", elemWidth, indent);
        line += sep;
      }
      for (let i = trail; i > 1; i--) {
        [s, line] = extend(s, line, item(n - i), elemWidth, indent);
        line += sep;
      }
      [s, line] = extend(s, line, item(n - 1), elemWidth, indent);
      s += line;
    } else {
      const lineSep = sep.trimEnd() + "\n".repeat(shape.length - axis - 1);
      for (let i = 0; i < lead; i++) s += indent + item(i) + lineSep;
      if (showSummary) s += `${indent}...${lineSep}`;
      for (let i = trail; i > 1; i--) s += indent + item(n - i) + lineSep;
      s += indent + item(n - 1);
    }
    return `[${s.slice(indent.length)}]`;
  };
  return rec(0, 0, prefix, width);
}

export interface Array2StringOptions extends Partial<PrintOptions> {
  maxLineWidth?: number;
  suppressSmall?: boolean;
  separator?: string;
  prefix?: string;
  suffix?: string;
}
function concrete(op: string, x: ArrayLike): NDArray {
  const a = operand(x, op);
  if (a instanceof Tracer) throw traceError.concretization(`np.${op} (printing reads the values)`, currentFunctionName());
  return a;
}
/** NumPy's array2string: the values as text (options override the print options for this call). */
export function array2string(a: ArrayLike, opts: Array2StringOptions = {}): string {
  const x = concrete("array2string", a);
  const { maxLineWidth, suppressSmall, separator = " ", prefix = "", suffix = "", ...rest } = opts;
  const o: PrintOptions = { ...current, ...checked("array2string", rest) };
  if (maxLineWidth !== undefined) o.linewidth = maxLineWidth;
  if (suppressSmall !== undefined) o.suppress = suppressSmall;
  o.linewidth -= suffix.length;
  if (x.size === 0) return "[]";
  const shape = x.shape as number[];
  const vals = Array.from(x.toTypedArray() as Iterable<number>, Number);
  const summary = x.size > o.threshold;
  const idx = shown(shape, summary, o.edgeitems);
  const data: number[] = [];
  const walk = (axis: number, off: number) => {
    if (axis === shape.length) data.push(vals[off]!);
    else for (const i of idx[axis]!) walk(axis + 1, off * shape[axis]! + i);
  };
  walk(0, 0);
  const fmt: Fmt =
    x.dtype === "bool"
      ? (v) => (v ? (shape.length ? " True" : "True") : "False")
      : x.dtype === "float32" || x.dtype === "float64"
        ? floatFormat(data, x.dtype, o)
        : intFormat(data, o.sign);
  return formatArray(vals, shape, fmt, o.linewidth, ` ${" ".repeat(prefix.length)}`, separator, o.edgeitems, summary);
}

/** A 0-d value as NumPy's str of a scalar. */
function scalarStr(v: number, dt: DType, o: PrintOptions): string {
  if (dt === "bool") return v ? "True" : "False";
  if (dt !== "float32" && dt !== "float64") return String(v);
  if (Number.isNaN(v)) return o.nanstr;
  if (!Number.isFinite(v)) return (v < 0 ? "-" : "") + o.infstr;
  const sg = v < 0 || Object.is(v, -0) ? "-" : "";
  const ax = Math.abs(v);
  if (ax === 0 || (ax >= 1e-4 && ax < 1e16)) {
    const s = positional(ax, dt, null, true);
    return sg + (s.endsWith(".") ? `${s}0` : s);
  }
  const [m, e] = scientific(ax, dt, null, true);
  return `${sg}${m.endsWith(".") ? m.slice(0, -1) : m}e${expStr(e, 2)}`;
}
/** NumPy's str(array): array2string, or a 0-d array's scalar text. */
export function arrayStr(
  a: ArrayLike,
  maxLineWidth: number | null = null,
  precision: number | null = null,
  suppressSmall: boolean | null = null,
): string {
  const x = concrete("array_str", a);
  if (x.ndim === 0) return scalarStr(x.item() as number, x.dtype, current);
  return array2string(x, strOpts(maxLineWidth, precision, suppressSmall));
}
const strOpts = (w: number | null, p: number | null, s: boolean | null): Array2StringOptions => ({
  ...(w === null ? {} : { maxLineWidth: w }),
  ...(p === null ? {} : { precision: p }),
  ...(s === null ? {} : { suppressSmall: s }),
});
/** NumPy's repr(array): "array([...], dtype=float32)" (dtype shown unless float64 or bool; shape when summarized or empty). */
export function arrayRepr(
  a: ArrayLike,
  maxLineWidth: number | null = null,
  precision: number | null = null,
  suppressSmall: boolean | null = null,
): string {
  const x = concrete("array_repr", a);
  const prefix = "array(";
  const body = array2string(x, { ...strOpts(maxLineWidth, precision, suppressSmall), separator: ", ", prefix, suffix: ")" });
  const extras: string[] = [];
  const shape = x.shape as number[];
  if ((x.size === 0 && !(shape.length === 1 && shape[0] === 0)) || x.size > current.threshold)
    extras.push(`shape=(${shape.join(", ")}${shape.length === 1 ? "," : ""})`);
  if ((x.dtype !== "float64" && x.dtype !== "bool") || x.size === 0) extras.push(`dtype=${x.dtype}`);
  if (!extras.length) return `${prefix}${body})`;
  const head = `${prefix}${body},`;
  const extra = `${extras.join(", ")})`;
  const lastLine = head.length - (head.lastIndexOf("\n") + 1);
  const width = maxLineWidth ?? current.linewidth;
  return head + (lastLine + extra.length + 1 > width ? `\n${" ".repeat(prefix.length)}` : " ") + extra;
}
