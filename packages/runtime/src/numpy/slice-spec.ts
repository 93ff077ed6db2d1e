// Python slice strings ("1:5:2", "::-1") as plain numbers: parsing and slice.indices(n). Internal to the
// numpy layer (x.slice, and delete/insert, which take a slice string as their obj).
import { argumentError } from "../errors.js";

export function parseSlice(s: string, op = "slice"): [number | null, number | null, number | null] {
  const parts = s.split(":").map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) throw argumentError.invalid(op, `bad slice string '${s}'`);
  const num = (p: string | undefined): number | null => {
    if (p === undefined || p === "") return null;
    const v = Number(p);
    if (!Number.isInteger(v)) throw argumentError.invalid(op, `bad slice string '${s}'`);
    return v;
  };
  return [num(parts[0]), num(parts[1]), num(parts[2])];
}

/** Python's slice.indices(n). */
export function sliceIndices(
  start: number | null,
  stop: number | null,
  step: number | null,
  n: number,
  op = "slice",
): [number, number, number] {
  const st = step ?? 1;
  if (st === 0) throw argumentError.invalid(op, "slice step cannot be zero");
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  let a: number, b: number;
  if (st > 0) {
    a = start === null ? 0 : start < 0 ? clamp(start + n, 0, n) : clamp(start, 0, n);
    b = stop === null ? n : stop < 0 ? clamp(stop + n, 0, n) : clamp(stop, 0, n);
  } else {
    a = start === null ? n - 1 : start < 0 ? clamp(start + n, -1, n - 1) : clamp(start, -1, n - 1);
    b = stop === null ? -1 : stop < 0 ? clamp(stop + n, -1, n - 1) : clamp(stop, -1, n - 1);
  }
  return [a, b, st];
}

/** The indices a slice string selects from range(n), in order (Python's range(n)[slice]). */
export function sliceRange(op: string, s: string, n: number): number[] {
  const [a, b, step] = sliceIndices(...parseSlice(s, op), n, op);
  const out: number[] = [];
  for (let i = a; step > 0 ? i < b : i > b; i += step) out.push(i);
  return out;
}
