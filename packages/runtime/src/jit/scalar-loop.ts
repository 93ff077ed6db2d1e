// Scalarized loops: a whileLoop or scan whose bodies hold only small concrete values (a 3-body state, a
// few gates) runs as straight-line JS with every element a local variable — no buffers, no kernel calls,
// nothing allocated per iteration (XLA and tinygrad unroll tiny loop bodies the same way). Each kernel of
// the body plan is expanded element by element from its kernel IR with the kernel's own arithmetic: the
// same body code (codegen/kernels.ts bodyCode), the same accumulation order and accumulator semantics, and
// a store conversion per element equal to the typed-array store the kernel does (float32 rounds, int32
// wraps...), so results are bit-identical to the plan's kernels. Anything else (symbolic dims, eager
// steps, nested control flow, large values) returns undefined and the caller emits the buffered loop.
import { accumulator, bodyCode } from "../codegen/kernels.js";
import { type KRef, argIndex } from "../codegen/kir.js";
import type { DType } from "../dtype.js";
import { typedArrayFor } from "../dtype.js";
import { Lit } from "../ir/jaxpr.js";
import type { Layout, Plan } from "./plan.js";
import { type PlanCode, type Slot, numLit } from "./plan-code.js";

/** Largest value (elements) held in locals. */
const MAX_ELEMS = 64;
/** Largest scalarized loop body (statements). */
const MAX_LINES = 6000;

/** A body: its plan and the avals of its inputs (the plan's input slots are dense over them). */
export interface LoopBody {
  plan: Plan;
  inAvals: readonly { shape: readonly unknown[] }[];
}

export type ScalarLoopSpec =
  | { kind: "while"; cond: LoopBody; body: LoopBody; condConsts: number; bodyConsts: number }
  | { kind: "scan"; body: LoopBody; length: number; reverse: boolean; consts: number; carry: number };

class NotScalar extends Error {}
const need = (ok: boolean): void => {
  if (!ok) throw new NotScalar();
};
const num = (d: unknown): number => {
  need(typeof d === "number");
  return d as number;
};
const nums = (v: unknown): number[] => {
  need(Array.isArray(v));
  return (v as unknown[]).map(num);
};

/** The value a typed array of `dtype` stores for the JS number `e` (what a kernel's `o[q] = e` keeps). */
function store(dtype: DType, e: string): string {
  switch (dtype) {
    case "float64":
      return e;
    case "float32":
      return `Math.fround(${e})`;
    case "int32":
      return `(${e}) | 0`;
    case "uint32":
      return `(${e}) >>> 0`;
    case "bool":
      return `(${e}) & 255`;
  }
}

/** Row-major multi-indices of a shape. */
function* indices(shape: readonly number[]): Generator<number[]> {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(shape.length).fill(0);
  for (let q = 0; q < n; q++) {
    yield idx.slice();
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
}
const dotp = (idx: readonly number[], st: readonly number[]) => idx.reduce((a, x, d) => a + x * st[d]!, 0);

type Elems = Map<number, string[]>;

/** Elements of a layout, row-major. */
function gather(elems: Elems, l: Layout): string[] {
  const src = elems.get(l.slot)!;
  const shape = nums(l.shape),
    st = nums(l.strides),
    off = num(l.offset);
  need(shape.reduce((a, b) => a * b, 1) <= MAX_ELEMS);
  return [...indices(shape)].map((idx) => src[off + dotp(idx, st)]!);
}

/** Statements computing every element of a plan's actions; returns the elements of its outputs. */
function scalarActions(code: PlanCode, plan: Plan, inputs: string[][], lines: string[]): string[][] {
  const elems: Elems = new Map();
  inputs.forEach((e, i) => elems.set(i, e));
  plan.constSlots.forEach((c, i) => {
    need(c.data.length <= MAX_ELEMS);
    elems.set(plan.inSlots + i, Array.from(c.data, numLit));
  });
  for (const act of plan.actions) {
    if (act.t === "copy") {
      elems.set(
        act.outSlot,
        gather(elems, act.src).map((e) => local(code, lines, e)),
      );
      continue;
    }
    need(act.t === "kernel");
    if (act.t !== "kernel") continue;
    need(num(act.size) <= MAX_ELEMS);
    const ir = plan.kernels[act.kernel]!.ir;
    const sig = ir.sig;
    // input i: its slot's elements and its position offset (the layout offset)
    const input = (i: number): { src: string[]; off: number } => {
      const at = argIndex(sig, "data", i);
      const r = act.refs.find((x) => x[0] === at)!;
      return { src: elems.get(r[1])!, off: num(r[2]) };
    };
    const arg = (role: Parameters<typeof argIndex>[1], i?: number) => act.args[argIndex(sig, role, i)];
    const consts = plan.kernels[act.kernel]!.constants;
    const out: string[] = [];
    const body = ir.body;
    const emit = (load: (i: number) => string, acc?: string): string => {
      const ref = (r: KRef) => (r.t === "in" ? load(r.i) : r.t === "const" ? numLit(consts[r.i]!) : acc!);
      // instruction locals named per element
      const names = new Map<number, string>();
      const name = (k: number) => names.get(k) ?? (names.set(k, code.local("v")), names.get(k)!);
      const [ls, root] = bodyCode(body, ref, name);
      lines.push(...ls);
      return root;
    };
    if (ir.kind === "elementwise") {
      const shape = nums(arg("shape"));
      const ins = sig.inputs.map((_, i) => ({ ...input(i), st: nums(arg("strides", i)) }));
      for (const idx of indices(shape)) {
        const root = emit((i) => ins[i]!.src[ins[i]!.off + dotp(idx, ins[i]!.st)]!);
        out.push(local(code, lines, store(sig.out, root)));
      }
    } else if (ir.kind === "reduce") {
      const kshape = nums(arg("kshape")),
        rshape = nums(arg("rshape"));
      const ins = sig.inputs.map((_, i) => ({ ...input(i), ks: nums(arg("kstrides", i)), rs: nums(arg("rstrides", i)) }));
      const acc = accumulator(ir.reduce, ir.accum);
      for (const k of indices(kshape)) {
        const a = code.local("a");
        lines.push(`let ${a} = ${acc.init};`);
        for (const r of indices(rshape)) {
          const root = emit((i) => ins[i]!.src[ins[i]!.off + dotp(k, ins[i]!.ks) + dotp(r, ins[i]!.rs)]!);
          lines.push(acc.update(a, root));
        }
        out.push(local(code, lines, sig.out === "bool" ? `(${a} !== 0 ? 1 : 0)` : store(sig.out, a)));
      }
    } else if (ir.kind === "dot") {
      const [B, M, N, K] = [num(arg("B")), num(arg("M")), num(arg("N")), num(arg("K"))];
      need(M * N * K * B <= 4096);
      const A = { ...input(0), b: num(arg("bstride", 0)), m: num(arg("mstride", 0)), k: num(arg("kstride", 0)) };
      const W = { ...input(1), b: num(arg("bstride", 1)), k: num(arg("kstride", 1)), n: num(arg("nstride", 1)) };
      const epi = sig.inputs.slice(2).map((_, e) => ({ ...input(e + 2), st: nums(arg("strides", e + 2)) }));
      const isInt = ir.dtype === "int32" || ir.dtype === "uint32";
      for (let b = 0; b < B; b++)
        for (let i = 0; i < M; i++)
          for (let j = 0; j < N; j++) {
            const c = code.local("c");
            lines.push(`let ${c} = 0;`);
            for (let k = 0; k < K; k++) {
              const x = A.src[A.off + b * A.b + i * A.m + k * A.k]!,
                w = W.src[W.off + b * W.b + k * W.k + j * W.n]!;
              lines.push(isInt ? `${c} = (${c} + Math.imul(${x}, ${w})) | 0;` : `${c} += ${x} * ${w};`);
            }
            const acc0 = ir.dtype === "uint32" ? `(${c} >>> 0)` : c;
            const acc = body.roundAcc ? `Math.fround(${acc0})` : acc0;
            const root = emit((e) => epi[e]!.src[epi[e]!.off + dotp([b, i, j], epi[e]!.st)]!, acc);
            out.push(local(code, lines, store(sig.out, root)));
          }
    } else need(false);
    elems.set(act.outSlot, out);
    need(lines.length <= MAX_LINES);
  }
  return plan.outs.map((l, k) => (l instanceof Lit ? [store(plan.outAvals[k]!.dtype, numLit(l.value))] : gather(elems, l)));
}

/** `e` as a local (a constant or another local is used as is). */
function local(code: PlanCode, lines: string[], e: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(e) || /^\(?-?[\d.e+-]+\)?$/.test(e)) return e;
  const v = code.local("e");
  lines.push(`const ${v} = ${e};`);
  return v;
}

/** Locals holding a dense slot's `n` elements, read once. */
function readSlot(code: PlanCode, lines: string[], s: Slot, n: number, mutable: boolean): string[] {
  return Array.from({ length: n }, (_, k) => {
    const v = code.local(mutable ? "s" : "k");
    lines.push(`${mutable ? "let" : "const"} ${v} = ${s.buf}[${s.off} + ${k}];`);
    return v;
  });
}

const sizeOfAval = (a: { shape: readonly unknown[] }) => a.shape.reduce<number>((x, d) => x * num(d), 1);

/**
 * The statements of a scalarized loop on dense input slots (the equation's operand order), or undefined
 * when the bodies do not qualify. Returns the output slots (fresh buffers: they escape).
 */
export function scalarLoop(code: PlanCode, spec: ScalarLoopSpec, ins: readonly Slot[], lines: string[]): Slot[] | undefined {
  const out: string[] = [];
  try {
    const body = spec.body;
    const nconst = spec.kind === "while" ? spec.condConsts + spec.bodyConsts : spec.consts;
    const ncarry = ins.length - nconst - (spec.kind === "scan" ? body.inAvals.length - spec.consts - spec.carry : 0);
    const carryAvals = body.plan.outAvals.slice(0, ncarry);
    const bodyConsts = spec.kind === "while" ? spec.bodyConsts : spec.consts;
    const sizes = body.inAvals.map(sizeOfAval);
    need(sizes.every((n) => n <= MAX_ELEMS));
    const carries = ins.slice(nconst, nconst + ncarry).map((s, k) => readSlot(code, out, s, sizes[bodyConsts + k]!, true));
    const constElems = (slots: readonly Slot[], b: LoopBody) =>
      slots.map((s, i) => readSlot(code, out, s, sizeOfAval(b.inAvals[i]!), false));
    const inner: string[] = [];
    let newCarry: string[][];
    let ys: Slot[] = [];
    if (spec.kind === "while") {
      need(spec.cond.inAvals.every((a) => sizeOfAval(a) <= MAX_ELEMS));
      const cc = constElems(ins.slice(0, spec.condConsts), spec.cond),
        bc = constElems(ins.slice(spec.condConsts, nconst), body);
      const [pred] = scalarActions(code, spec.cond.plan, [...cc, ...carries], inner);
      inner.push(`if (!${pred![0]}) break;`);
      newCarry = scalarActions(code, body.plan, [...bc, ...carries], inner);
      out.push("for (;;) {");
    } else {
      const cs = constElems(ins.slice(0, spec.consts), body);
      const len = code.js(spec.length);
      const t = code.local("t"),
        i = code.local("i");
      const xs = ins.slice(spec.consts + spec.carry).map((s, j) => {
        const n = sizes[spec.consts + spec.carry + j]!;
        return Array.from({ length: n }, (_, k) => `${s.buf}[${s.off} + ${i} * ${n} + ${k}]`);
      });
      inner.push(`const ${i} = ${spec.reverse ? `${len} - 1 - ${t}` : t};`);
      const outs = scalarActions(code, body.plan, [...cs, ...carries, ...xs], inner);
      newCarry = outs.slice(0, ncarry);
      ys = body.plan.outAvals.slice(ncarry).map((a, j) => {
        const es = outs[ncarry + j]!;
        const buf = code.local("ys");
        out.push(`const ${buf} = new ${typedArrayFor(a.dtype).name}(${len} * ${es.length});`);
        es.forEach((e, k) => inner.push(`${buf}[${i} * ${es.length} + ${k}] = ${e};`));
        return { buf, off: "0" };
      });
      out.push(`for (let ${t} = 0; ${t} < ${len}; ${t}++) {`);
    }
    // a new carry element may be another carry's current value (a swap): read those before assigning
    const carryNames = new Set(carries.flat());
    const assign: string[] = [];
    newCarry.forEach((es, k) =>
      es.forEach((e, q) => {
        let v = e;
        if (carryNames.has(e)) {
          v = code.local("w");
          inner.push(`const ${v} = ${e};`);
        }
        if (v !== carries[k]![q]) assign.push(`${carries[k]![q]} = ${v};`);
      }),
    );
    inner.push(...assign);
    need(inner.length <= MAX_LINES);
    out.push(...inner.map((l) => `  ${l}`), "}");
    const results = carries.map((es, k) => {
      const r = code.local("r");
      out.push(`const ${r} = new ${typedArrayFor(carryAvals[k]!.dtype).name}(${es.length});`);
      es.forEach((e, q) => out.push(`${r}[${q}] = ${e};`));
      return { buf: r, off: "0" };
    });
    lines.push(...out);
    return [...results, ...ys];
  } catch (err) {
    if (err instanceof NotScalar) return undefined;
    throw err;
  }
}
