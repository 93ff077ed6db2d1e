// First call vs steady state: precompiled (numjit build) vs runtime jit vs eager, on
// tanh(x*1.5+0.3)*y+1 at 1e6 float32 — in this process and inside a vm context with code generation
// from strings disabled.   node packages/compiler/scripts/perf.mjs [n]
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";
import { buildFile } from "../dist/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const out = path.join(repo, "test-artifacts", "compiler", "perf");
fs.mkdirSync(out, { recursive: true });
const N = Number(process.argv[2] ?? 1e6);

const SRC = `import { numpy as np, jit } from "@numjit/runtime";
export const f = (x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1);
export const pre = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
`;
const built = buildFile(path.join(out, "perf.ts"), SRC, { sourceMap: false });
fs.writeFileSync(path.join(out, "perf.js"), built.code);

// the measuring harness, identical in both realms
const HARNESS = `
export function measure(mod, rt, N) {
  const { numpy: np, jit } = rt;
  const data = new Float32Array(N), data2 = new Float32Array(N);
  for (let i = 0; i < N; i++) { data[i] = Math.sin(i) * 2; data2[i] = Math.cos(i); }
  const x = np.array(data), y = np.array(data2);
  const time = (fn) => { const t0 = performance.now(); fn(); return performance.now() - t0; };
  const steady = (fn, reps = 15) => {
    const ts = [];
    for (let r = 0; r < reps; r++) ts.push(time(fn));
    ts.sort((a, b) => a - b);
    return ts[Math.floor(reps / 2)];
  };
  const rj = jit(mod.f);
  const res = {};
  res.preFirst = time(() => mod.pre(x, y));
  // a new size after the realm is warm: what a precompiled function costs on a new shape
  const x2 = np.array(data.subarray(0, N - 1)), y2 = np.array(data2.subarray(0, N - 1));
  res.preNewShape = time(() => mod.pre(x2, y2));
  res.preSteady = steady(() => mod.pre(x, y));
  res.rtFirst = time(() => rj(x, y));
  res.rtSteady = steady(() => rj(x, y));
  res.eager = steady(() => mod.f(x, y), 5);
  res.preInfo = mod.pre.cacheInfo();
  res.rtInfo = rj.cacheInfo();
  return res;
}`;
fs.writeFileSync(path.join(out, "harness.js"), HARNESS);
fs.writeFileSync(
  path.join(out, "entry.js"),
  `export * as mod from "./perf.js";\nexport * as rt from "@numjit/runtime";\nexport { measure } from "./harness.js";\n`,
);

const fmt = (r) =>
  `precompiled first ${r.preFirst.toFixed(2)} ms (cold realm), new shape ${r.preNewShape.toFixed(2)} ms, ` +
  `steady ${r.preSteady.toFixed(2)} ms ` +
  `(first/steady ${(r.preFirst / r.preSteady).toFixed(2)}x, new-shape/steady ${(r.preNewShape / r.preSteady).toFixed(2)}x); ` +
  `runtime jit first ${r.rtFirst.toFixed(2)} ms, steady ${r.rtSteady.toFixed(2)} ms; eager ${r.eager.toFixed(2)} ms ` +
  `(precompiled vs eager ${(r.eager / r.preSteady).toFixed(1)}x); ` +
  `pre: runtimeCompiles ${r.preInfo.runtimeCompiles}, eagerFallbacks ${r.preInfo.eagerFallbacks}; ` +
  `rt jit: runtimeCompiles ${r.rtInfo.runtimeCompiles}, eagerFallbacks ${r.rtInfo.eagerFallbacks}`;

const { measure } = await import(path.join(out, "harness.js"));
const mod = await import(path.join(out, "perf.js"));
const rt = await import("@numjit/runtime");
console.log(`node (codegen allowed), n=${N}: ${fmt(measure(mod, rt, N))}`);

const { rolldown } = await import("rolldown");
const bundle = await rolldown({ input: path.join(out, "entry.js"), platform: "neutral", logLevel: "silent" });
const { output } = await bundle.generate({ format: "iife", name: "__entry" });
const ctx = vm.createContext({ console, performance }, { codeGeneration: { strings: false, wasm: false } });
vm.runInContext(output[0].code, ctx);
const e = ctx.__entry;
console.log(`vm codeGeneration off, n=${N}: ${fmt(e.measure(e.mod, e.rt, N))}`);
