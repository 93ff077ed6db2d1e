// Compares numjit's result of one program-mode with JAX's and names the outcome.
import { decNum, isArray } from "./interp.mjs";

export const CLASSES = ["match", "deviation", "mismatch", "crash", "typed_vs_ok", "jaxerr_vs_ok"];
// match         same values (or both raised; numjit with a typed error)
// deviation     a documented, deliberate difference (FEATURES.md), named in `root`
// mismatch      both returned, values/shape/dtype differ
// crash         numjit threw a raw JS error (TypeError, RangeError, ...), whatever JAX did
// typed_vs_ok   numjit raised a typed NumjitError where JAX returned a value
// jaxerr_vs_ok  JAX raised, numjit returned a value

export function expectedFor(prog, ref) {
  if (ref !== "value_and_grad") return prog.expected[ref];
  const v = prog.expected.value,
    g = prog.expected.grad;
  if (v.error || g.error) return v.error ? v : g;
  return { ok: [v.ok, ...g.ok] };
}

const leaves = (t) => (Array.isArray(t) ? t.flatMap(leaves) : [t]);

/**
 * Tolerances: float32 rtol 1e-4 plus atol 1e-5 scaled by the largest finite magnitude of the expected array
 * (cancellation in a sum of large terms is not an error); gradients of float32 programs get 10x, since XLA
 * and numjit order reductions differently and backward passes chain them. float64 rtol 1e-9 (same scaling),
 * except in programs with a float32 input (`f32Inputs`): a float64 result there can carry a float32 value's
 * last-ulp difference (XLA's float32 expm1 or gelu is not NumPy's), so it gets float32 tolerances.
 * Ints and bools exact; NaN equals NaN; infinities must match exactly; -0 equals 0.
 */
function tol(dtype, gradMode, f32Inputs) {
  if (dtype === "float64" && !f32Inputs) return { rtol: 1e-9, atol: 1e-11 };
  return gradMode ? { rtol: 1e-3, atol: 1e-4 } : { rtol: 1e-4, atol: 1e-5 };
}

function compareArray(exp, got, gradMode, f32Inputs, path) {
  if (!isArray(got)) return `${path}: numjit returned ${typeof got}, expected an array`;
  const shape = [...got.shape];
  if (shape.join(",") !== exp.shape.join(",")) return `${path}: shape (${shape}) vs JAX (${exp.shape})`;
  if (got.dtype !== exp.dtype) return `${path}: dtype ${got.dtype} vs JAX ${exp.dtype}`;
  const g = got.toTypedArray();
  const e = exp.data.map(decNum);
  if (exp.dtype === "int32" || exp.dtype === "bool") {
    for (let i = 0; i < e.length; i++) if (g[i] !== e[i]) return `${path}[${i}]: ${g[i]} vs JAX ${e[i]} (exact ${exp.dtype})`;
    return null;
  }
  const { rtol, atol } = tol(exp.dtype, gradMode, f32Inputs);
  let scale = 1;
  for (const v of e) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < e.length; i++) {
    const a = g[i],
      b = e[i];
    if (Number.isNaN(b) || Number.isNaN(a)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) return `${path}[${i}]: ${a} vs JAX ${b}`;
      continue;
    }
    if (!Number.isFinite(b) || !Number.isFinite(a)) {
      if (a !== b) return `${path}[${i}]: ${a} vs JAX ${b}`;
      continue;
    }
    if (Math.abs(a - b) > atol * scale + rtol * Math.abs(b)) return `${path}[${i}]: ${a} vs JAX ${b} (${exp.dtype})`;
  }
  return null;
}

function compareTree(exp, got, gradMode, f32Inputs, path = "out") {
  if (Array.isArray(exp)) {
    if (!Array.isArray(got) || got.length !== exp.length) return `${path}: structure differs (${exp.length} outputs expected)`;
    for (let i = 0; i < exp.length; i++) {
      const d = compareTree(exp[i], got[i], gradMode, f32Inputs, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  return compareArray(exp, got, gradMode, f32Inputs, path);
}

/** exp: {ok: tree} | {error: name}; got: {ok: tree} | {typed: "Class NJxxx"} | {crash: "TypeError: ..."} */
export function classify(exp, got, gradMode, f32Inputs = false) {
  if (got.crash) {
    return {
      cls: "crash",
      root: `crash ${got.crash.slice(0, 90)} @ ${got.site}`,
      detail: `numjit raw error ${got.crash} at ${got.site}; JAX ${exp.error ? `raised ${exp.error}` : "ok"}`,
    };
  }
  if (exp.error) {
    return got.typed
      ? { cls: "match", detail: "both raised" }
      : { cls: "jaxerr_vs_ok", root: `JAX ${exp.error}, numjit ok`, detail: `JAX raised ${exp.error}; numjit returned ${summary(got.ok)}` };
  }
  if (got.typed && /NJ204/.test(got.typed)) {
    // numjit has no int64: a JS integer outside int32 meeting int32 is DTypeError NJ204, as JAX's default
    // (x64 off) raises OverflowError; this fuzz runs JAX with x64 for float64, where it wraps to int32 instead
    return { cls: "deviation", root: "NJ204 JS integer outside int32 (JAX x64 wraps; JAX default raises)", detail: got.message };
  }
  if (got.typed) {
    return {
      cls: "typed_vs_ok",
      root: `typed ${got.typed} where JAX is ok`,
      detail: `numjit raised ${got.typed}: ${got.message}; JAX returned ${summaryExp(exp.ok)}`,
    };
  }
  const d = compareTree(exp.ok, got.ok, gradMode, f32Inputs);
  return d ? { cls: "mismatch", detail: d } : { cls: "match", detail: "match" };
}

const summary = (t) =>
  leaves(t)
    .map((x) => (isArray(x) ? `${x.dtype}[${x.shape}]` : String(x)))
    .join(", ");
const summaryExp = (t) =>
  leaves(t)
    .map((x) => `${x.dtype}[${x.shape}]`)
    .join(", ");
