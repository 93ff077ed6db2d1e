// Kernel IR and the JS emitter: per kernel kind, the body IR and the emitted source are snapshots
// (test/jit/kernels/<case>.txt; UPDATE_SNAPSHOTS=1 writes them, a missing one fails), and the typed
// signature record names every argument the plan passes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { numpy as np, nn, jit, type NDArray } from "@numjit/runtime";
import { argIndex, printBody } from "@numjit/runtime/internal";

const DIR = path.join(import.meta.dirname, "kernels");
const UPDATE = process.env["UPDATE_SNAPSHOTS"] === "1";

function snapshot(name: string, text: string): void {
  const file = path.join(DIR, `${name}.txt`);
  if (UPDATE) fs.writeFileSync(file, text);
  if (!fs.existsSync(file)) expect.fail(`test/jit/kernels/${name}.txt is missing: run with UPDATE_SNAPSHOTS=1 to write it, then review it`);
  expect(text).toBe(fs.readFileSync(file, "utf8"));
}

const f32 = (shape: number[]) => np.reshape(np.sin(np.arange(shape.reduce((a, b) => a * b, 1))), shape).astype("float32");

const CASES: [string, (...a: NDArray[]) => NDArray, NDArray[]][] = [
  ["elementwise-tanh-chain", (x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1), [f32([8]), f32([8])]],
  ["elementwise-int-floor-compare", (x) => np.less(np.floor(np.multiply(x, 2)), 1), [f32([3, 4])]],
  ["reduce-sum-of-squares", (x) => np.sum(np.square(x), 1), [f32([4, 5])]],
  [
    "reduce-int-prod",
    (x) => np.prod(x, 0),
    [
      np.array(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: "int32" },
      ),
    ],
  ],
  ["reduce-max", (x) => np.max(x, 1), [f32([4, 5])]],
  ["dot-bias-relu", (x, w, b) => nn.relu(np.add(np.matmul(x, w), b)), [f32([4, 3]), f32([3, 5]), f32([5])]],
  ["dot-plain", (x, w) => np.matmul(x, w), [f32([4, 3]), f32([3, 5])]],
  ["dot-sgd-update", (w, x, g) => np.subtract(w, np.multiply(0.1, np.matmul(x.T, g))), [f32([3, 5]), f32([4, 3]), f32([4, 5])]],
];

describe("kernel IR -> JS source", () => {
  for (const [name, f, args] of CASES) {
    it(name, () => {
      const kernels = jit(f).lower(...args).kernels;
      expect(kernels.length).toBeGreaterThan(0);
      const text = kernels
        .map((k) =>
          [`== ${k.signature}`, `args: ${k.ir.sig.args.map((a) => `${a.name}:${a.role}`).join(" ")}`, printBody(k.ir.body), k.source].join(
            "\n",
          ),
        )
        .join("\n\n");
      snapshot(name, `${text}\n`);
    });
  }

  it("the signature record matches the emitted parameter list and the plan's arguments", () => {
    for (const [, f, args] of CASES) {
      for (const k of jit(f).lower(...args).kernels) {
        const params = /\(([^)]*)\)/.exec(k.source)![1]!.split(", ");
        expect(params).toEqual(k.ir.sig.args.map((a) => a.name));
        expect(argIndex(k.ir.sig, "helpers")).toBe(0);
        expect(argIndex(k.ir.sig, "out")).toBe(1);
        expect(argIndex(k.ir.sig, "consts")).toBe(params.length - 1);
        for (let i = 0; i < k.ir.sig.inputs.length; i++) expect(argIndex(k.ir.sig, "data", i)).toBeGreaterThan(1);
      }
    }
  });

  it("int32 reductions accumulate with wrap-around, float32 products round every step", () => {
    const [k] = jit((x: NDArray) => np.prod(x, 0)).lower(np.array([[1, 2]], { dtype: "int32" })).kernels;
    expect(k!.ir.kind === "reduce" && k!.ir.accum).toBe("int");
    const [g] = jit((x: NDArray) => np.prod(x, 0)).lower(f32([2, 2])).kernels;
    expect(g!.ir.kind === "reduce" && g!.ir.accum).toBe("f32prod");
  });
});
