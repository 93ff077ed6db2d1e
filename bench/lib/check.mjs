// Output checks: every library's answer is compared with numjit eager before it is timed.

/** Flatten whatever a library returned into a Float64Array (after the timed region). */
export function toF64(x) {
  if (x instanceof Float64Array) return x;
  if (ArrayBuffer.isView(x)) return Float64Array.from(x);
  if (Array.isArray(x)) return Float64Array.from(x.flat(Infinity));
  if (typeof x === "number") return Float64Array.of(x);
  throw new TypeError(`cannot read output of type ${Object.prototype.toString.call(x)}`);
}

/**
 * Element-wise |a - b| <= atol + rtol * |b|, with `scale` adding rtol * max|b| for outputs whose small
 * entries come from cancellation (matmul sums, gradients). Returns a short verdict with the worst element.
 */
export function compare(actual, expected, { rtol = 1e-4, atol = 1e-6, scaled = false } = {}) {
  const a = toF64(actual);
  const b = toF64(expected);
  if (a.length !== b.length) return { ok: false, detail: `length ${a.length} != expected ${b.length}` };
  let maxB = 0;
  for (let i = 0; i < b.length; i++) maxB = Math.max(maxB, Math.abs(b[i]));
  const floor = atol + (scaled ? rtol * maxB : 0);
  let worst = -1;
  let worstExcess = 0;
  let maxErr = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - b[i]);
    if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return { ok: false, detail: `NaN mismatch at ${i}` };
    if (Number.isNaN(err)) continue;
    maxErr = Math.max(maxErr, err);
    const excess = err - (floor + rtol * Math.abs(b[i]));
    if (excess > worstExcess) (worstExcess = excess), (worst = i);
  }
  if (worst >= 0) {
    return {
      ok: false,
      detail: `at [${worst}] got ${fmtNum(a[worst])}, expected ${fmtNum(b[worst])} (max abs err ${fmtNum(maxErr)})`,
    };
  }
  return { ok: true, detail: `max abs err ${fmtNum(maxErr)}` };
}

function fmtNum(x) {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
