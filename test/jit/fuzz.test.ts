// Differential fuzzing: random programs of 1-12 numpy ops over random shapes (broadcasting,
// size-0/1 dims, rank 0-4) and dtypes; jit must equal eager. NUMJIT_FUZZ_RUNS raises the count.
import { describe, it } from "vitest";
import fc from "fast-check";
import { numpy as np, nn, jit, type NDArray } from "@numjit/runtime";
import { expectClose } from "./helpers.js";

const RUNS = Number(process.env.NUMJIT_FUZZ_RUNS ?? 2000);
type DT = "float32" | "float64" | "int32" | "bool";

interface OpSpec {
  name: string;
  arity: number;
  /** discontinuous ops only see exact values (small integers), so fusion's wider intermediates cannot flip them */
  needsExact?: boolean;
  keepsExact?: boolean;
  apply: (args: NDArray[], r: number) => NDArray;
}

const OPS: OpSpec[] = [
  { name: "add", arity: 2, keepsExact: true, apply: ([a, b]) => np.add(a!, b!) },
  { name: "subtract", arity: 2, keepsExact: true, apply: ([a, b]) => np.subtract(a!, b!) },
  { name: "multiply", arity: 2, keepsExact: true, apply: ([a, b]) => np.multiply(a!, b!) },
  { name: "maximum", arity: 2, keepsExact: true, apply: ([a, b]) => np.maximum(a!, b!) },
  { name: "minimum", arity: 2, keepsExact: true, apply: ([a, b]) => np.minimum(a!, b!) },
  { name: "divide", arity: 2, apply: ([a, b]) => np.divide(a!, np.add(np.abs(b!), 1)) },
  { name: "floorDivide", arity: 2, needsExact: true, keepsExact: true, apply: ([a, b]) => np.floorDivide(a!, b!) },
  { name: "mod", arity: 2, needsExact: true, keepsExact: true, apply: ([a, b]) => np.mod(a!, b!) },
  { name: "less", arity: 2, needsExact: true, keepsExact: true, apply: ([a, b]) => np.less(a!, b!) },
  { name: "equal", arity: 2, needsExact: true, keepsExact: true, apply: ([a, b]) => np.equal(a!, b!) },
  { name: "where", arity: 3, keepsExact: true, apply: ([c, a, b]) => np.where(c!, a!, b!) },
  { name: "scalar-add", arity: 1, keepsExact: true, apply: ([a], r) => np.add(a!, (r % 5) - 2) },
  { name: "scalar-mul-float", arity: 1, apply: ([a], r) => np.multiply(a!, 0.5 + r / 7) },
  { name: "negative", arity: 1, keepsExact: true, apply: ([a]) => (a!.dtype === "bool" ? np.logicalNot(a!) : np.negative(a!)) },
  { name: "abs", arity: 1, keepsExact: true, apply: ([a]) => np.abs(a!) },
  { name: "exp", arity: 1, apply: ([a]) => np.exp(np.clip(a!, -5, 5)) },
  { name: "tanh", arity: 1, apply: ([a]) => np.tanh(a!) },
  { name: "sin", arity: 1, apply: ([a]) => np.sin(a!) },
  { name: "sqrt-abs", arity: 1, apply: ([a]) => np.sqrt(np.abs(a!)) },
  { name: "sigmoid", arity: 1, apply: ([a]) => nn.sigmoid(a!) },
  { name: "square", arity: 1, keepsExact: true, apply: ([a]) => np.square(a!) },
  { name: "floor", arity: 1, needsExact: true, keepsExact: true, apply: ([a]) => np.floor(a!) },
  { name: "astype-f32", arity: 1, keepsExact: true, apply: ([a]) => a!.astype("float32") },
  { name: "astype-i32", arity: 1, needsExact: true, keepsExact: true, apply: ([a]) => a!.astype("int32") },
  {
    name: "sum",
    arity: 1,
    keepsExact: true,
    apply: ([a], r) => np.sum(a!, a!.ndim ? (r % a!.ndim) - a!.ndim : null, { keepdims: r % 2 === 0 }),
  },
  { name: "max", arity: 1, keepsExact: true, apply: ([a], r) => np.max(a!, a!.ndim ? r % a!.ndim : null) },
  { name: "mean", arity: 1, apply: ([a], r) => np.mean(a!, a!.ndim ? r % a!.ndim : null, { keepdims: true }) },
  { name: "sum-all", arity: 1, keepsExact: true, apply: ([a]) => np.sum(a!) },
  { name: "prod-axes", arity: 1, keepsExact: true, apply: ([a]) => np.prod(np.clip(a!, -2, 2), a!.ndim >= 2 ? [0, a!.ndim - 1] : null) },
  { name: "transpose", arity: 1, keepsExact: true, apply: ([a]) => np.transpose(a!) },
  { name: "flip", arity: 1, keepsExact: true, apply: ([a], r) => (a!.ndim ? np.flip(a!, r % a!.ndim) : a)! },
  { name: "reshape-flat", arity: 1, keepsExact: true, apply: ([a]) => np.reshape(a!, [-1]) },
  { name: "expand", arity: 1, keepsExact: true, apply: ([a]) => np.expandDims(a!, 0) },
  { name: "slice", arity: 1, keepsExact: true, apply: ([a]) => (a!.ndim ? a!.slice("::-2") : a)! },
  { name: "matmul", arity: 2, apply: ([a, b]) => np.matmul(a!, b!) },
  { name: "cumsum", arity: 1, keepsExact: true, apply: ([a], r) => np.cumsum(a!, a!.ndim ? r % a!.ndim : null) },
  { name: "argmax", arity: 1, needsExact: true, keepsExact: true, apply: ([a], r) => np.argmax(a!, a!.ndim ? r % a!.ndim : null) },
  { name: "concat", arity: 2, keepsExact: true, apply: ([a, b]) => np.concatenate([a!, b!], 0) },
  { name: "softmax", arity: 1, apply: ([a]) => nn.softmax(a!.astype("float32")) },
];

const shapeArb = fc.array(fc.constantFrom(0, 1, 2, 3, 5), { minLength: 0, maxLength: 4 });
const dtypeArb = fc.constantFrom<DT>("float32", "float32", "float64", "int32", "bool");
const progArb = fc.record({
  shape: shapeArb,
  inputs: fc.array(fc.record({ dtype: dtypeArb, mask: fc.nat(15), seed: fc.nat(1000) }), { minLength: 1, maxLength: 3 }),
  ops: fc.array(fc.record({ op: fc.nat(OPS.length - 1), args: fc.array(fc.nat(20), { minLength: 3, maxLength: 3 }), r: fc.nat(100) }), {
    minLength: 1,
    maxLength: 12,
  }),
});

function makeInput(shape: number[], mask: number, dtype: DT, seed: number): NDArray {
  // broadcast variety: mask bits set dims to 1
  const s = shape.map((d, i) => ((mask >> i) & 1 ? 1 : d));
  const n = s.reduce((a, b) => a * b, 1);
  const vals = Array.from({ length: n }, (_, i) => ((seed + i * 7919) % 9) - 4);
  const flat = dtype === "bool" ? vals.map((v) => v > 0) : vals;
  return np.reshape(np.array(flat as any, { dtype }), s);
}

describe("jit == eager on random programs", () => {
  it(`holds for ${RUNS} random programs`, () => {
    let ran = 0;
    fc.assert(
      fc.property(progArb, (prog) => {
        const inputs = prog.inputs.map((i) => makeInput(prog.shape, i.mask, i.dtype, i.seed));
        // record which ops apply (eager decides: an op that throws eagerly is skipped)
        const steps: { op: OpSpec; idx: number[]; r: number }[] = [];
        const vals: { v: NDArray; exact: boolean }[] = inputs.map((v) => ({ v, exact: true }));
        for (const o of prog.ops) {
          const op = OPS[o.op]!;
          const idx = o.args.slice(0, op.arity).map((a) => a % vals.length);
          if (op.needsExact && idx.some((i) => !vals[i]!.exact)) continue;
          try {
            const v = op.apply(
              idx.map((i) => vals[i]!.v),
              o.r,
            );
            vals.push({ v, exact: !!op.keepsExact && idx.every((i) => vals[i]!.exact) });
            steps.push({ op: op!, idx, r: o.r });
          } catch {
            /* shape/dtype error eagerly: not part of the program */
          }
        }
        if (!steps.length) return;
        const nIn = inputs.length;
        const program = (...xs: NDArray[]) => {
          const env = [...xs];
          for (const s of steps)
            env.push(
              s.op.apply(
                s.idx.map((i) => env[i]!),
                s.r,
              ),
            );
          // the last value, plus every third step: most intermediates stay internal so they fuse
          return env.slice(nIn).filter((_, i, all) => i === all.length - 1 || i % 3 === 2);
        };
        void nIn;
        const want = program(...inputs);
        const f = jit(program);
        for (const round of [0, 1]) {
          const got = f(...inputs) as NDArray[];
          got.forEach((g, i) =>
            expectClose(g, want[i]!, 1e-4, 1e-5, `round ${round} step ${i} (${steps.map((s) => s.op.name).join(" > ")})`),
          );
        }
        ran++;
      }),
      { numRuns: RUNS, seed: Number(process.env.NUMJIT_FUZZ_SEED ?? 42) },
    );
    if (ran < RUNS / 4) throw new Error(`only ${ran} programs were non-trivial`);
  });
});
