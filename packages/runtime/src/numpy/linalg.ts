// matmul / dot / outer / inner / einsum / trace, all lowered onto dot_general.
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { bind } from "../core/trace.js";
import { type Dim, dimAdd, dimMax, dimMin, dimMul, dimSub } from "../core/dims.js";
import { broadcastShapes, checkSize, describeValue, knownUnequal, normalizeAxis } from "../shape.js";
import { currentShapeEnv } from "../core/shape-env.js";
import { unifyDims } from "../core/shape-rules.js";
import { broadcastTo, convert, operand, reshapeTo, resultOf } from "./util.js";
import { add, multiply } from "./elementwise.js";
import { iota } from "./creation.js";
import { take } from "./indexing.js";
import { sum } from "./reductions.js";
import { ravel, sliceAxis, transpose } from "./shape-ops.js";

function promote2(op: string, x: ArrayLike, y: ArrayLike): [NDArray, NDArray] {
  const a = operand(x, op),
    b = operand(y, op);
  let [dt, weak] = resultOf(a, b);
  if (dt === "bool") dt = "int32";
  return [convert(a, dt, weak, op), convert(b, dt, weak, op)];
}

export function matmul(x: ArrayLike, y: ArrayLike): NDArray {
  let [a, b] = promote2("matmul", x, y);
  if (a.ndim === 0 || b.ndim === 0)
    throw shapeError.matmul("matmul", a.shape, b.shape, "input operand does not have enough dimensions (matmul does not accept scalars)");
  const aVec = a.ndim === 1,
    bVec = b.ndim === 1;
  if (aVec) a = reshapeTo(a, [1, a.shape[0]!]);
  if (bVec) b = reshapeTo(b, [b.shape[0]!, 1]);
  const K = a.shape[a.ndim - 1]!;
  if (knownUnequal(b.shape[b.ndim - 2], K))
    throw shapeError.matmul(
      "matmul",
      aVec ? [K] : a.shape,
      bVec ? [b.shape[0]!] : b.shape,
      `core dimension mismatch: ${K} (dim ${a.ndim - 1} of the first) != ${b.shape[b.ndim - 2]} (dim ${b.ndim - 2} of the second)`,
    );
  const batch = broadcastShapes("matmul", a.shape.slice(0, -2), b.shape.slice(0, -2));
  a = broadcastTo(a, [...batch, ...a.shape.slice(-2)], "matmul");
  b = broadcastTo(b, [...batch, ...b.shape.slice(-2)], "matmul");
  checkSize("matmul", [...batch, a.shape[a.ndim - 2]!, b.shape[b.ndim - 1]!]);
  const nb = batch.length;
  const bd = batch.map((_, i) => i);
  let out = bind("dot_general", [a, b], { lhsContract: [nb + 1], rhsContract: [nb], lhsBatch: bd, rhsBatch: bd });
  if (aVec || bVec) {
    const shape = out.shape.slice();
    if (bVec) shape.splice(shape.length - 1, 1);
    if (aVec) shape.splice(shape.length - (bVec ? 1 : 2), 1);
    out = reshapeTo(out, shape);
  }
  return out;
}

export function dot(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = promote2("dot", x, y);
  if (a.ndim === 0 || b.ndim === 0) return multiply(a, b);
  if (b.ndim === 1) {
    if (knownUnequal(a.shape[a.ndim - 1], b.shape[0]))
      throw shapeError.matmul("dot", a.shape, b.shape, `dim ${a.ndim - 1} (${a.shape[a.ndim - 1]}) != dim 0 (${b.shape[0]})`);
    return bind("dot_general", [a, b], { lhsContract: [a.ndim - 1], rhsContract: [0], lhsBatch: [], rhsBatch: [] });
  }
  const kb = b.ndim - 2;
  checkSize("dot", [...a.shape.slice(0, -1), ...b.shape.slice(0, kb), ...b.shape.slice(kb + 1)]);
  if (knownUnequal(a.shape[a.ndim - 1], b.shape[kb]))
    throw shapeError.matmul("dot", a.shape, b.shape, `dim ${a.ndim - 1} (${a.shape[a.ndim - 1]}) != dim ${kb} (${b.shape[kb]})`);
  return bind("dot_general", [a, b], { lhsContract: [a.ndim - 1], rhsContract: [kb], lhsBatch: [], rhsBatch: [] });
}

export function vdot(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = promote2("vdot", x, y);
  if (knownUnequal(a.size, b.size)) throw shapeError.matmul("vdot", a.shape, b.shape, `sizes differ (${a.size} vs ${b.size})`);
  return dot(ravel(a), ravel(b));
}

export function inner(x: ArrayLike, y: ArrayLike): NDArray {
  const [a, b] = promote2("inner", x, y);
  if (a.ndim === 0 || b.ndim === 0) return multiply(a, b);
  if (knownUnequal(a.shape[a.ndim - 1], b.shape[b.ndim - 1])) throw shapeError.matmul("inner", a.shape, b.shape, "last dimensions differ");
  return bind("dot_general", [a, b], { lhsContract: [a.ndim - 1], rhsContract: [b.ndim - 1], lhsBatch: [], rhsBatch: [] });
}

export function outer(x: ArrayLike, y: ArrayLike): NDArray {
  const a = ravel(operand(x, "outer")),
    b = ravel(operand(y, "outer"));
  checkSize("outer", [a.size, b.size]);
  return multiply(reshapeTo(a, [a.size, 1]), reshapeTo(b, [1, b.size]));
}

/** Diagonal of axes (axis1, axis2) with an offset, moved to the last axis (NumPy's layout). */
export function diagonal(x: ArrayLike, offset = 0, axis1 = 0, axis2 = 1): NDArray {
  return diagonalAs("diagonal", x, offset, axis1, axis2);
}
function diagonalAs(op: string, x: ArrayLike, offset: number, axis1: number, axis2: number): NDArray {
  let a = operand(x, op);
  if (a.ndim < 2) throw shapeError.rank(op, "diag requires an array of at least two dimensions");
  if (typeof offset !== "number" || !Number.isInteger(offset))
    throw argumentError.invalid(op, `offset must be an integer, got ${describeValue(offset)}`);
  const i = normalizeAxis(op, axis1, a.ndim),
    j = normalizeAxis(op, axis2, a.ndim);
  if (i === j) throw argumentError.invalid(op, "axis1 and axis2 cannot be the same");
  const rest = a.shape.map((_, k) => k).filter((k) => k !== i && k !== j);
  a = transpose(a, [...rest, i, j]);
  const nd = a.ndim;
  const rows = a.shape[nd - 2] as Dim,
    cols = a.shape[nd - 1] as Dim;
  if (typeof rows !== "number" || typeof cols !== "number") {
    // symbolic sizes (the build's trace): gather a[..., i + max(0, -offset), i + max(0, offset)] for i < k
    // from the flattened pair, the indices computed from the call's sizes
    const k = dimMax(0, offset >= 0 ? dimMin(rows, dimSub(cols, offset)) : dimMin(dimAdd(rows, offset), cols));
    const start = offset >= 0 ? offset : dimMul(-offset, cols);
    const flat = reshapeTo(bind("copy", [a], {}), [...a.shape.slice(0, nd - 2), dimMul(rows, cols) as number]);
    const idx = add(multiply(iota([k as number]), dimAdd(cols, 1) as never), start as never);
    return take(flat, idx, nd - 2);
  }
  if (offset >= 0) a = sliceAxis(a, nd - 1, Math.min(offset, a.shape[nd - 1]!), a.shape[nd - 1]!, 1);
  else a = sliceAxis(a, nd - 2, Math.min(-offset, a.shape[nd - 2]!), a.shape[nd - 2]!, 1);
  const k = Math.min(a.shape[nd - 2]!, a.shape[nd - 1]!);
  a = sliceAxis(sliceAxis(a, nd - 2, 0, k, 1), nd - 1, 0, k, 1);
  // a square [.., k, k] block: its diagonal is every (k+1)-th element of the flattened pair
  const lead = a.shape.slice(0, nd - 2);
  const flat = reshapeTo(bind("copy", [a], {}), [...lead, k * k]);
  return k === 0 ? reshapeTo(flat, [...lead, 0]) : sliceAxis(flat, nd - 2, 0, k * k, k + 1);
}

export function trace(x: ArrayLike, offset = 0, axis1 = 0, axis2 = 1): NDArray {
  const d = diagonalAs("trace", x, offset, axis1, axis2);
  return sum(d, -1);
}

/** Contract the last `axes` dims of x with the first of y, or the listed axis pairs ([xAxes, yAxes]). */
export function tensordot(x: ArrayLike, y: ArrayLike, axes: number | [number[] | number, number[] | number] = 2): NDArray {
  const [a, b] = promote2("tensordot", x, y);
  let ax: number[], bx: number[];
  if (typeof axes === "number") {
    if (!Number.isInteger(axes) || axes < 0 || axes > a.ndim || axes > b.ndim)
      throw argumentError.invalid("tensordot", `axes must be an integer in [0, min(ndim)], got ${describeValue(axes)}`);
    ax = a.shape.map((_, i) => i).slice(a.ndim - axes);
    bx = b.shape.map((_, i) => i).slice(0, axes);
  } else if (Array.isArray(axes) && axes.length === 2) {
    const list = (v: number[] | number) => (typeof v === "number" ? [v] : v);
    ax = list(axes[0]).map((i) => normalizeAxis("tensordot", i, a.ndim));
    bx = list(axes[1]).map((i) => normalizeAxis("tensordot", i, b.ndim));
    if (ax.length !== bx.length) throw argumentError.invalid("tensordot", "the two axis lists must have the same length");
  } else throw argumentError.invalid("tensordot", `axes must be an integer or a pair of axis lists, got ${describeValue(axes)}`);
  ax.forEach((i, k) => {
    if (a.shape[i] !== b.shape[bx[k]!])
      throw shapeError.matmul(
        "tensordot",
        a.shape,
        b.shape,
        `shape mismatch for sum: dim ${i} (${a.shape[i]}) != dim ${bx[k]} (${b.shape[bx[k]!]})`,
      );
  });
  return bind("dot_general", [a, b], { lhsContract: ax, rhsContract: bx, lhsBatch: [], rhsBatch: [] });
}

// ---- einsum -----------------------------------------------------------------

interface Term {
  x: NDArray;
  labels: string[];
}

/** Labels standing for ellipsis dims: private-use characters, so they never clash with letters. */
const ELL = (i: number) => String.fromCharCode(0xe000 + i);
const isEll = (c: string) => c.charCodeAt(0) >= 0xe000;

function parseEinsum(subscripts: string, ndims: number[]): [string[][], string[]] {
  const s = subscripts.replace(/\s+/g, "");
  const [lhs, rhs] = s.includes("->") ? s.split("->") : [s, undefined];
  const terms = lhs.split(",");
  if (terms.length !== ndims.length) throw shapeError.einsum(`${terms.length} operand subscripts for ${ndims.length} operands`);
  const check = (t: string) => {
    if (t.split("...").length > 2) throw shapeError.einsum(`more than one ellipsis in '${t}'`);
    for (const c of t.replace("...", "")) if (!/[a-zA-Z]/.test(c)) throw shapeError.einsum(`invalid subscript '${c}' in '${subscripts}'`);
  };
  terms.forEach(check);
  // '...' stands for the operand's leading/middle dims not named by letters, right-aligned across operands
  const ellRanks = terms.map((t, k) => {
    if (!t.includes("...")) return 0;
    const n = ndims[k]! - (t.length - 3);
    if (n < 0) throw shapeError.einsum(`operand ${k} has ${ndims[k]} dims, fewer than the subscripts '${t}' name`);
    return n;
  });
  const E = Math.max(0, ...ellRanks);
  const expand = (t: string, n: number): string[] => {
    if (!t.includes("...")) return [...t];
    const [a, b] = t.split("...");
    return [...a!, ...Array.from({ length: n }, (_, i) => ELL(E - n + i)), ...b!];
  };
  const ins = terms.map((t, k) => expand(t, ellRanks[k]!));
  let out: string[];
  if (rhs === undefined) {
    const counts = new Map<string, number>();
    for (const t of ins) for (const c of t) if (!isEll(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
    out = [...Array.from({ length: E }, (_, i) => ELL(i)), ...[...counts.keys()].filter((c) => counts.get(c) === 1).sort()];
  } else {
    check(rhs);
    out = expand(rhs, E);
    for (const c of out) {
      if (!ins.some((t) => t.includes(c))) throw shapeError.einsum(`output subscript '${c}' does not appear in the inputs`);
      if (out.indexOf(c) !== out.lastIndexOf(c)) throw shapeError.einsum(`output subscript '${c}' appears more than once`);
    }
  }
  return [ins, out];
}

/** Collapse repeated labels within one operand to their diagonal. */
function takeDiagonals(t: Term): Term {
  for (;;) {
    const dup = t.labels.find((c, i) => t.labels.indexOf(c) !== i);
    if (dup === undefined) return t;
    const i = t.labels.indexOf(dup),
      j = t.labels.indexOf(dup, i + 1);
    if (knownUnequal(t.x.shape[i], t.x.shape[j]))
      throw shapeError.einsum(`dimensions for subscript '${dup}' differ (${t.x.shape[i]} vs ${t.x.shape[j]})`);
    const x = diagonal(t.x, 0, i, j);
    t = { x, labels: [...t.labels.filter((_, k) => k !== i && k !== j), dup] };
  }
}

function sumOut(t: Term, keep: (c: string) => boolean): Term {
  const axes = t.labels.flatMap((c, i) => (keep(c) ? [] : [i]));
  if (!axes.length) return t;
  return { x: bind("reduce_sum", [t.x], { axes }), labels: t.labels.filter((c) => keep(c)) };
}

/** Sublist labels (NumPy's einsum(op0, [0, 1], op1, [1, 2], [0, 2])): integers 0-51 name a-z, A-Z; "..." is an ellipsis. */
function sublistSubscripts(args: unknown[]): [string, ArrayLike[]] {
  const label = (l: unknown): string => {
    if (l === "...") return "...";
    if (typeof l !== "number" || !Number.isInteger(l) || l < 0 || l >= 52)
      throw argumentError.invalid("einsum", `sublist labels must be integers in [0, 52) or "...", got ${describeValue(l)}`);
    return String.fromCharCode(l < 26 ? 97 + l : 65 + l - 26);
  };
  const term = (s: unknown): string => {
    if (!Array.isArray(s)) throw argumentError.invalid("einsum", `expected a sublist (array of labels), got ${describeValue(s)}`);
    return s.map(label).join("");
  };
  const ops: ArrayLike[] = [],
    terms: string[] = [];
  let i = 0;
  for (; i + 1 < args.length; i += 2) {
    ops.push(args[i] as ArrayLike);
    terms.push(term(args[i + 1]));
  }
  const out = i < args.length ? `->${term(args[i])}` : "";
  return [terms.join(",") + out, ops];
}

export function einsum(subscripts: string | ArrayLike, ...rest: unknown[]): NDArray {
  let operands: ArrayLike[];
  if (typeof subscripts === "string") {
    operands = rest as ArrayLike[];
  } else {
    if (!Array.isArray(rest[0]))
      throw argumentError.invalid(
        "einsum",
        `subscripts must be a string (or operand, sublist, ... pairs), ` + `got ${describeValue(subscripts)}`,
      );
    [subscripts, operands] = sublistSubscripts([subscripts, ...rest]);
  }
  if (operands.length === 0) throw argumentError.invalid("einsum", "at least one operand is required");
  let xs = operands.map((o) => operand(o, "einsum"));
  const [ins, out] = parseEinsum(
    subscripts,
    xs.map((x) => x.ndim),
  );
  let dt = xs[0]!.dtype,
    weak = xs[0]!.weakType;
  for (const x of xs.slice(1)) [dt, weak] = resultOf({ dtype: dt, weakType: weak } as NDArray, x);
  if (dt === "bool") dt = "int32";
  xs = xs.map((x) => convert(x, dt, weak, "einsum"));
  const sizes = new Map<string, number>();
  let terms: Term[] = xs.map((x, k) => {
    if (ins[k]!.length !== x.ndim)
      throw shapeError.einsum(`operand ${k} has ${x.ndim} dims but subscripts '${ins[k]!.join("")}' name ${ins[k]!.length}`);
    ins[k]!.forEach((c, i) => {
      const d = x.shape[i]!,
        prev = sizes.get(c);
      const mismatch = () => shapeError.einsum(`size of label '${c}' is ${prev} for one operand and ${d} for another`);
      if (typeof d !== "number" || typeof prev !== "number") {
        // symbolic: a literal 1 broadcasts, other dims unify (or record `prev == d`)
        if (prev === undefined || prev === 1) sizes.set(c, d);
        else if (d !== 1) sizes.set(c, unifyDims("einsum", prev, d, mismatch, currentShapeEnv()) as number);
        return;
      }
      if (prev !== d && prev !== 1 && d !== 1) throw mismatch();
      sizes.set(c, Math.max(prev, d));
    });
    return takeDiagonals({ x, labels: ins[k]!.slice() });
  });
  checkSize(
    "einsum",
    out.map((c) => sizes.get(c) ?? 1),
  );
  const neededLater = (k: number) => new Set([...out, ...terms.slice(k).flatMap((t) => t.labels)]);
  terms = terms.map((t, k) => sumOut(t, (c) => out.includes(c) || terms.some((u, m) => m !== k && u.labels.includes(c))));
  let acc = terms[0]!;
  for (let k = 1; k < terms.length; k++) {
    const t = terms[k]!;
    const later = neededLater(k + 1);
    const shared = acc.labels.filter((c) => t.labels.includes(c));
    const batch = shared.filter((c) => later.has(c));
    const contract = shared.filter((c) => !later.has(c));
    // broadcast size-1 shared dims
    const bx = broadcastLabels(acc, shared),
      by = broadcastLabels(t, shared);
    const x = bind("dot_general", [bx.x, by.x], {
      lhsContract: contract.map((c) => acc.labels.indexOf(c)),
      rhsContract: contract.map((c) => t.labels.indexOf(c)),
      lhsBatch: batch.map((c) => acc.labels.indexOf(c)),
      rhsBatch: batch.map((c) => t.labels.indexOf(c)),
    });
    const lf = acc.labels.filter((c) => !shared.includes(c)),
      rf = t.labels.filter((c) => !shared.includes(c));
    acc = sumOut({ x, labels: [...batch, ...lf, ...rf] }, (c) => later.has(c));
  }
  acc = sumOut(acc, (c) => out.includes(c));
  return transpose(
    acc.x,
    out.map((c) => acc.labels.indexOf(c)),
  );

  function broadcastLabels(t: Term, shared: string[]): Term {
    const shape = t.x.shape.map((d, i) => (shared.includes(t.labels[i]!) ? sizes.get(t.labels[i]!)! : d));
    return { x: broadcastTo(t.x, shape, "einsum"), labels: t.labels };
  }
}
