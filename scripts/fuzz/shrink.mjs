// Shrinks a failing program while the failure (same mode, same class) persists: truncate the program at an
// earlier op, bypass an op (its uses take one of its operands), make view inputs contiguous, drop dead ops
// and unused inputs. Every candidate gets a fresh JAX reference from gen.py --serve.
import { makeInput } from "./interp.mjs";
import { MODES } from "./modes.mjs";
import { expectedFor } from "./compare.mjs";

const clone = (x) => JSON.parse(JSON.stringify(x));
const isRef = (r) => "i" in r || "v" in r;

/** Drops ops outside the output's cone and inputs nothing reads; renumbers refs. */
function normalize(prog) {
  const live = new Set();
  const mark = (r) => {
    if ("v" in r && !live.has(r.v)) {
      live.add(r.v);
      prog.ops[r.v].args.forEach(mark);
    }
  };
  mark(prog.out);
  const usedIn = new Set();
  const scan = (r) => {
    if ("i" in r) usedIn.add(r.i);
  };
  scan(prog.out);
  prog.ops.forEach((o, j) => live.has(j) && o.args.forEach(scan));
  const vmap = new Map(),
    imap = new Map();
  [...live].sort((a, b) => a - b).forEach((j, k) => vmap.set(j, k));
  [...usedIn].sort((a, b) => a - b).forEach((i, k) => imap.set(i, k));
  const re = (r) => ("v" in r ? { v: vmap.get(r.v) } : "i" in r ? { i: imap.get(r.i) } : r);
  const keep = (xs) => xs?.filter((_, i) => usedIn.has(i));
  const out = { ...prog, ops: prog.ops.filter((_, j) => live.has(j)).map((o) => ({ ...o, args: o.args.map(re) })), out: re(prog.out) };
  out.inputs = keep(prog.inputs);
  if (prog.vinputs) out.vinputs = keep(prog.vinputs);
  if (prog.tangents) out.tangents = keep(prog.tangents);
  return out;
}

/** For gradient programs the output must stay a scalar: sum whatever the new output is. */
function withOut(prog, ref) {
  const p = clone(prog);
  if (p.kind === "grad") {
    p.ops.push({ op: "sum", args: [ref], p: { axis: null, keepdims: false } });
    p.out = { v: p.ops.length - 1 };
  } else p.out = ref;
  return normalize(p);
}

export const dense = (spec) => (spec.view?.length ? contiguous(spec) : spec);

function contiguous(spec) {
  const x = makeInput(spec);
  return { dtype: spec.dtype, shape: spec.shape, base: { shape: spec.shape, data: [...x.toTypedArray()].map(enc) }, view: [] };
}
const enc = (v) => (Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : v);

function* candidates(prog) {
  const n = prog.ops.length;
  const outV = "v" in prog.out ? prog.out.v : -1;
  const last = prog.kind === "grad" && outV >= 0 && prog.ops[outV].op === "sum" ? prog.ops[outV].args[0] : prog.out;
  for (let j = 0; j < n; j++) if (!("v" in last) || j < last.v) yield withOut(prog, { v: j });
  for (let i = 0; i < prog.inputs.length; i++) if (prog.kind === "grad" || !("v" in last)) yield withOut(prog, { i });
  for (let j = 0; j < n; j++) {
    for (const a of prog.ops[j].args.filter(isRef)) {
      const p = clone(prog);
      const sub = (r) => ("v" in r && r.v === j ? a : r);
      p.ops = p.ops.map((o) => ({ ...o, args: o.args.map(sub) }));
      p.out = sub(p.out);
      yield normalize(p);
    }
  }
  for (const key of ["inputs", "vinputs"]) {
    const specs = prog[key] ?? [];
    for (let i = 0; i < specs.length; i++) {
      if (!specs[i].view?.length) continue;
      const p = clone(prog);
      p[key][i] = contiguous(specs[i]);
      yield p;
    }
  }
}

export async function shrink(prog0, mode, cls, evaluate, server, budget = 30) {
  let best = normalize(clone(prog0));
  best.expected = await server.expected(best);
  // dead ops still run eagerly (and can be the failure): keep them if dropping them hides it
  if (evaluate(best, mode).cls !== cls) best = clone(prog0);
  let progress = true;
  while (progress && budget > 0) {
    progress = false;
    for (const cand of candidates(best)) {
      if (budget-- <= 0) break;
      if (!cand.ops.length && cand.kind !== "fwd") continue;
      if (JSON.stringify(cand.ops) === JSON.stringify(best.ops) && JSON.stringify(cand.inputs) === JSON.stringify(best.inputs)) continue;
      cand.expected = await server.expected(cand);
      if (!expectedFor(cand, MODES[mode].ref)) continue;
      let r;
      try {
        r = evaluate(cand, mode);
      } catch {
        continue;
      }
      if (r.cls === cls) {
        best = cand;
        progress = true;
        break;
      }
    }
  }
  return best;
}

const fmtArg = (r) => ("i" in r ? `in${r.i}` : "v" in r ? `v${r.v}` : "b" in r ? String(r.b) : JSON.stringify(r.s));
const fmtView = (v) =>
  v.t === "slice"
    ? `slice(${v.specs.map((s) => s.map((x) => x ?? "").join(":")).join(", ")})`
    : v.t === "transpose"
      ? `transpose(${v.axes})`
      : v.t === "flip"
        ? `flip(${v.axis})`
        : `broadcastTo([${v.shape}])`;
const fmtSpec = (s) => {
  const data = s.base.data.slice(0, 16).map(String).join(", ") + (s.base.data.length > 16 ? ", ..." : "");
  const view = s.view.length ? ` = base ${s.dtype}[${s.base.shape}] [${data}] .${s.view.map(fmtView).join(".")}` : ` = [${data}]`;
  return `${s.dtype}[${s.shape}]${view}`;
};

export function describe(prog, mode) {
  const m = MODES[mode];
  const ins = m.batched ? prog.vinputs : prog.inputs;
  const lines = [`  mode ${mode} (${prog.kind} program)`];
  ins.forEach((s, i) => lines.push(`  in${i}: ${fmtSpec(s)}`));
  if (m.tangents) prog.tangents.forEach((s, i) => lines.push(`  tangent${i}: ${fmtSpec(s)}`));
  prog.ops.forEach((o, j) => lines.push(`  v${j} = ${o.op}(${o.args.map(fmtArg).join(", ")}${o.p ? `, ${JSON.stringify(o.p)}` : ""})`));
  lines.push(`  out = ${fmtArg(prog.out)}`);
  return lines.join("\n");
}

export function signature(prog) {
  const views = [...new Set(prog.inputs.flatMap((s) => s.view.map((v) => v.t)))].sort().join(",");
  return `${prog.kind}|${prog.ops.map((o) => o.op).join(",")}|${views}`;
}
