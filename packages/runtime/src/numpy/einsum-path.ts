// np.einsum_path: NumPy's contraction-order planner (its greedy and optimal searches, flop counts and
// printed report), on the operands' shapes only. Returns NumPy's value: the path ['einsum_path', [i, j],
// ...] and the report string. ('...' takes the last unused letters, in order; NumPy takes them from an
// unordered set, so its report names them differently from run to run.)
import { argumentError, shapeError } from "../errors.js";
import type { ArrayLike } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { operand } from "./util.js";

const SYMBOLS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
type Path = (string | number[])[];
export type EinsumOptimize = boolean | "greedy" | "optimal" | Path | [string, number];

const union = (...xs: Set<string>[]) => new Set(xs.flatMap((x) => [...x]));
const sizeOf = (idx: Iterable<string>, dims: Map<string, number>) => [...idx].reduce((p, c) => p * dims.get(c)!, 1);
const flops = (idx: Set<string>, inner: boolean, terms: number, dims: Map<string, number>) =>
  sizeOf(idx, dims) * (Math.max(1, terms - 1) + (inner ? 1 : 0));

/** [result indices, remaining sets (result last), removed indices, all contracted indices] of contracting `pos`. */
function findContraction(pos: number[], sets: Set<string>[], out: Set<string>): [Set<string>, Set<string>[], Set<string>, Set<string>] {
  let contract = new Set<string>(),
    remain = new Set(out);
  const remaining: Set<string>[] = [];
  sets.forEach((s, i) => {
    if (pos.includes(i)) contract = union(contract, s);
    else {
      remaining.push(s);
      remain = union(remain, s);
    }
  });
  const result = new Set([...remain].filter((c) => contract.has(c)));
  remaining.push(result);
  return [result, remaining, new Set([...contract].filter((c) => !result.has(c))), contract];
}

function optimalPath(sets: Set<string>[], out: Set<string>, dims: Map<string, number>, limit: number): number[][] {
  let full: [number, number[][], Set<string>[]][] = [[0, [], sets]];
  for (let it = 0; it < sets.length - 1; it++) {
    const next: typeof full = [];
    for (const [cost, positions, remaining] of full)
      for (let i = 0; i < sets.length - it; i++)
        for (let j = i + 1; j < sets.length - it; j++) {
          const [result, rest, removed, contract] = findContraction([i, j], remaining, out);
          if (sizeOf(result, dims) > limit) continue;
          next.push([cost + flops(contract, removed.size > 0, 2, dims), [...positions, [i, j]], rest]);
        }
    if (!next.length) return [...best(full)[1], Array.from({ length: sets.length - it }, (_, k) => k)];
    full = next;
  }
  return best(full)[1];
}
const best = <T extends [number, ...unknown[]]>(xs: T[]): T => xs.reduce((a, b) => (b[0] < a[0] ? b : a));

type Candidate = [[number, number], number[], Set<string>[]];
const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
function greedyPath(sets: Set<string>[], out: Set<string>, dims: Map<string, number>, limit: number): number[][] {
  if (sets.length === 1) return [[0]];
  if (sets.length === 2) return [[0, 1]];
  const [, , naiveRemoved, naiveContract] = findContraction(
    sets.map((_, i) => i),
    sets,
    out,
  );
  const naive = flops(naiveContract, naiveRemoved.size > 0, sets.length, dims);
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n - i - 1 }, (_, k) => [i, i + k + 1])).flat();
  let iter = pairs(sets.length);
  let known: Candidate[] = [];
  let pathCost = 0;
  const path: number[][] = [];
  const consider = (p: number[]) => {
    const [result, rest, removed, contract] = findContraction(p, sets, out);
    if (sizeOf(result, dims) > limit) return;
    const removedSize = p.reduce((s, k) => s + sizeOf(sets[k]!, dims), 0) - sizeOf(result, dims);
    const cost = flops(contract, removed.size > 0, p.length, dims);
    if (pathCost + cost > naive) return;
    known.push([[-removedSize, cost], p, rest]);
  };
  const steps = sets.length - 1;
  for (let it = 0; it < steps; it++) {
    for (const p of iter) if (![...sets[p[0]!]!].every((c) => !sets[p[1]!]!.has(c))) consider(p);
    if (!known.length) {
      for (const p of pairs(sets.length)) consider(p);
      if (!known.length) {
        path.push(sets.map((_, i) => i));
        break;
      }
    }
    const top = known.reduce((a, b) => (before(b[0], a[0]) ? b : a));
    const [bx, by] = top[1] as [number, number];
    known = known.flatMap(([cost, pair, rest]) => {
      const [x, y] = pair as [number, number];
      if (x === bx || x === by || y === bx || y === by) return [];
      const r = rest.slice();
      r.splice(by - +(by > x) - +(by > y), 1);
      r.splice(bx - +(bx > x) - +(bx > y), 1);
      r.splice(r.length - 1, 0, top[2][top[2].length - 1]!);
      return [[cost, [x - +(x > bx) - +(x > by), y - +(y > bx) - +(y > by)], r] as Candidate];
    });
    sets = top[2];
    const last = sets.length - 1;
    iter = Array.from({ length: last }, (_, i) => [i, last]);
    path.push(top[1]);
    pathCost += top[0][1];
  }
  return path;
}

/** Python's '%.3e'. */
const sci = (v: number) => v.toExponential(3).replace(/e([+-])(\d)$/, "e$10$2");

/** NumPy's einsum_path(subscripts, *operands, optimize='greedy'): [path, report]. */
export function einsumPath(subscripts: string, ...rest: (ArrayLike | { optimize?: EinsumOptimize })[]): [Path, string] {
  const last = rest[rest.length - 1];
  const opts =
    last !== null && typeof last === "object" && !Array.isArray(last) && "optimize" in last
      ? (rest.pop() as { optimize?: EinsumOptimize })
      : {};
  if (typeof subscripts !== "string")
    throw argumentError.invalid("einsum_path", `subscripts must be a string, got ${describeValue(subscripts)}`);
  const shapes = (rest as ArrayLike[]).map((x) => operand(x, "einsum_path").shape as number[]);
  let optimize: EinsumOptimize = opts.optimize ?? "greedy";
  if (optimize === true) optimize = "greedy";
  let limit: number | null = null;
  let explicit: number[][] | null = null;
  if (Array.isArray(optimize)) {
    if (optimize[0] === "einsum_path") explicit = optimize.slice(1) as number[][];
    else if (optimize.length === 2 && typeof optimize[0] === "string" && typeof optimize[1] === "number")
      [optimize, limit] = [optimize[0] as EinsumOptimize, Math.trunc(optimize[1])];
    else throw argumentError.invalid("einsum_path", `did not understand the path: ${describeValue(optimize)}`);
  }
  if (!explicit && optimize !== false && optimize !== "greedy" && optimize !== "optimal")
    throw argumentError.invalid("einsum_path", `path name ${describeValue(optimize)} not found (greedy, optimal)`);
  const [inputs, output] = parse(subscripts.replace(/\s+/g, ""), shapes);
  const dims = new Map<string, number>();
  inputs.forEach((term, t) => {
    if (term.length !== shapes[t]!.length)
      throw shapeError.einsum(
        `subscripts '${term}' do not contain the correct number of indices for operand ${t} of shape (${shapes[t]!.join(", ")})`,
      );
    [...term].forEach((c, k) => {
      const d = shapes[t]![k]!,
        prev = dims.get(c);
      if (prev === undefined || prev === 1) dims.set(c, d);
      else if (d !== 1 && d !== prev)
        throw shapeError.einsum(`size of label '${c}' for operand ${t} (${d}) does not match previous terms (${prev})`);
    });
  });
  let sets = inputs.map((t) => new Set(t));
  const outSet = new Set(output);
  const indices = new Set(inputs.join(""));
  const memory = limit ?? Math.max(...[...inputs, output].map((t) => sizeOf(t, dims)));
  let path: number[][];
  if (explicit) path = explicit;
  else if (optimize === false || inputs.length <= 2 || ([...indices].every((c) => outSet.has(c)) && indices.size === outSet.size))
    path = [inputs.map((_, i) => i)];
  else path = (optimize === "greedy" ? greedyPath : optimalPath)(sets, outSet, dims, memory);
  const costs: number[] = [],
    scales: number[] = [],
    sizes: number[] = [],
    rows: [string, string[]][] = [];
  const list = inputs.slice();
  path.forEach((p, n) => {
    const inds = [...p].sort((a, b) => b - a);
    const [result, rest2, removed, contract] = findContraction(inds, sets, outSet);
    sets = rest2;
    costs.push(flops(contract, removed.size > 0, inds.length, dims));
    scales.push(contract.size);
    sizes.push(sizeOf(result, dims));
    const taken = inds.map((k) => list.splice(k, 1)[0]!);
    const idx =
      n === path.length - 1 ? output : [...result].sort((a, b) => dims.get(a)! - dims.get(b)! || (a < b ? -1 : a > b ? 1 : 0)).join("");
    list.push(idx);
    rows.push([`${taken.join(",")}->${idx}`, list.slice()]);
  });
  if (list.length !== 1)
    throw argumentError.invalid("einsum_path", `invalid einsum_path: ${list.length - 1} more operands have to be contracted`);
  const inner = inputs.reduce((s, t) => s + new Set(t).size, 0) - indices.size > 0;
  const naive = flops(indices, inner, inputs.length, dims);
  const opt = costs.reduce((a, b) => a + b, 0) + 1;
  let report = `  Complete contraction:  ${inputs.join(",")}->${output}\n`;
  report += `         Naive scaling:  ${indices.size}\n`;
  report += `     Optimized scaling:  ${Math.max(...scales)}\n`;
  report += `      Naive FLOP count:  ${sci(naive)}\n`;
  report += `  Optimized FLOP count:  ${sci(opt)}\n`;
  report += `   Theoretical speedup:  ${(naive / opt).toFixed(3)}\n`;
  report += `  Largest intermediate:  ${sci(Math.max(...sizes))} elements\n`;
  report += `${"-".repeat(74)}\n${"scaling".padStart(6)} ${"current".padStart(24)} ${"remaining".padStart(40)}\n${"-".repeat(74)}`;
  rows.forEach(([current, remaining], n) => {
    report += `\n${String(scales[n]).padStart(4)}    ${current.padStart(24)} ${`${remaining.join(",")}->${output}`.padStart(40)}`;
  });
  return [["einsum_path", ...path], report];
}

/** NumPy's _parse_einsum_input on shapes: explicit input terms (ellipses expanded) and the output term. */
function parse(s: string, shapes: number[][]): [string[], string] {
  for (const c of s) if (!".,->".includes(c) && !SYMBOLS.includes(c)) throw shapeError.einsum(`character ${c} is not a valid symbol`);
  if ((s.includes("-") || s.includes(">")) && (s.split("->").length !== 2 || s.split("-").length > 2 || s.split(">").length > 2))
    throw shapeError.einsum("subscripts can only contain one '->'");
  let [lhs, rhs] = s.includes("->") ? (s.split("->") as [string, string]) : [s, undefined];
  const terms = lhs.split(",");
  if (terms.length !== shapes.length) throw shapeError.einsum(`${terms.length} operand subscripts for ${shapes.length} operands`);
  if (s.includes(".")) {
    const used = new Set(s.replace(/[.,\->]/g, ""));
    const unused = [...SYMBOLS].filter((c) => !used.has(c)).join("");
    let longest = 0;
    terms.forEach((t, k) => {
      if (!t.includes(".")) return;
      if (t.split(".").length !== 4 || !t.includes("...")) throw shapeError.einsum(`invalid ellipsis in '${t}'`);
      const n = shapes[k]!.length === 0 ? 0 : Math.max(shapes[k]!.length, 1) - (t.length - 3);
      if (n < 0) throw shapeError.einsum(`ellipsis lengths do not match in '${t}'`);
      longest = Math.max(longest, n);
      terms[k] = t.replace("...", n ? unused.slice(-n) : "");
    });
    const ell = longest ? unused.slice(-longest) : "";
    if (rhs !== undefined) rhs = rhs.replace("...", ell);
    else
      rhs =
        ell +
        implicitOutput(terms.join(""))
          .split("")
          .filter((c) => !ell.includes(c))
          .join("");
  }
  const out = rhs ?? implicitOutput(terms.join(""));
  for (const c of out) {
    if (out.split(c).length > 2) throw shapeError.einsum(`output character ${c} appeared more than once in the output`);
    if (!terms.join("").includes(c)) throw shapeError.einsum(`output character ${c} did not appear in the input`);
  }
  return [terms, out];
}
/** The letters appearing once, sorted (Python's sorted: upper case first). */
const implicitOutput = (all: string) =>
  [...new Set(all)]
    .filter((c) => all.split(c).length === 2)
    .sort()
    .join("");
