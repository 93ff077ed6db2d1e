// `node bench/plan-profile.mjs [--backend auto|wasm|js] [--threads n] [--steps n]`: where the time of one
// W5 step (jit(valueAndGrad) + SGD update of the 784-256-10 MLP, batch 128) goes, action by action. The
// step's plan is built as the runtime jit builds it (same schedule, same kernel provider: JS kernels below
// the backend's size threshold, wasm above) and run on the jit's runPlan; every kernel action is timed
// (median and min over the steps: under load the min is the closer estimate), with what it is (kernel
// kind, GEMM shape, epilogue ops, output size, JS or wasm-capable), the wasm kernel calls and float32
// GEMMs it made and how many read or wrote an operand in place. Then the plan once more with its kernels
// replaced by no-ops: the cost of the plan itself (slots, allocations). Reads the runtime's dist/ modules
// directly: run `npm run build` first.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { numpy as np, nn, setThreads, valueAndGrad } from "@numjit/runtime";
import { describeSchedule, wasmStats } from "@numjit/runtime/internal";
import { traceFlat } from "../packages/runtime/dist/ir/trace-jaxpr.js";
import { optimizeAndSchedule } from "../packages/runtime/dist/jit/lower.js";
import { buildPlan, runPlan } from "../packages/runtime/dist/jit/plan.js";
import { compileKernel } from "../packages/runtime/dist/jit/subplan.js";
import { wasmKernel } from "../packages/runtime/dist/codegen/wasm/runtime.js";
import { wasmThreshold } from "../packages/runtime/dist/codegen/backend.js";
import { treeFlatten } from "../packages/runtime/dist/ir/tree.js";
import { uniform, labels, oneHot } from "./lib/data.mjs";

const { values } = parseArgs({
  options: {
    backend: { type: "string", default: "auto" },
    threads: { type: "string", default: "1" },
    steps: { type: "string", default: "200" },
  },
});
setThreads(Number(values.threads));
const [B, D, H, K, LR] = [128, 784, 256, 10, 0.1];
const loss = (p, x, y) => {
  const h = nn.relu(np.add(np.matmul(x, p.W1), p.b1));
  const logits = np.add(np.matmul(h, p.W2), p.b2);
  return np.mean(np.negative(np.sum(np.multiply(y, nn.logSoftmax(logits, -1)), -1)));
};
const vg = valueAndGrad(loss);
const step = (p, x, y) => {
  const [l, g] = vg(p, x, y);
  const params = {};
  for (const k of ["W1", "b1", "W2", "b2"]) params[k] = np.subtract(p[k], np.multiply(LR, g[k]));
  return { loss: l, params };
};
const s1 = Math.sqrt(6 / (D + H)),
  s2 = Math.sqrt(6 / (H + K));
const args = [
  {
    W1: np.reshape(np.array(uniform(D * H, 51, -s1, s1)), [D, H]),
    b1: np.array(uniform(H, 52, -0.01, 0.01)),
    W2: np.reshape(np.array(uniform(H * K, 53, -s2, s2)), [H, K]),
    b2: np.array(uniform(K, 54, -0.01, 0.01)),
  },
  np.reshape(np.array(uniform(B * D, 55, 0, 1)), [B, D]),
  np.reshape(np.array(oneHot(labels(B, K, 56), K)), [B, K]),
];
const [leaves, inTree] = treeFlatten(args);
const traced = traceFlat(
  step,
  "step",
  inTree,
  leaves,
  leaves.map(() => true),
);
const { sched } = optimizeAndSchedule(traced.jaxpr);
console.log(describeSchedule(sched));

// the runtime jit's kernel provider (jit/jit.ts), each kernel wrapped to record which form ran
const wasmMin = wasmThreshold(values.backend);
const formOf = new Map();
const plan = buildPlan(sched, (src, elems) => {
  const js = compileKernel(src);
  const fn = elems < wasmMin ? js : (wasmKernel(src.signature, src.ir, js, wasmMin) ?? js);
  formOf.set(fn, fn === js ? "js" : "wasm|js");
  return fn;
});
const shape = (l) => (l && "shape" in l ? `[${l.shape.join(",")}]` : "lit");
const describe = (a) => {
  if (a.t === "kernel") {
    const src = plan.kernels[a.kernel];
    const ops = src.ir.body?.insts?.map((i) => i.op.prim ?? i.op.op).join(",") ?? "";
    return `${src.kind}${src.kind === "dot" ? ` B,M,N,K=${a.args.slice(2, 6).join(",")}` : ""} [${ops}] -> ${a.size} ${formOf.get(a.fn)}`;
  }
  if (a.t === "eager") return `eager ${a.prim}(${a.ins.map(shape).join(", ")})`;
  if (a.t === "copy") return `copy ${shape(a.src)} strides [${a.src.strides.join(",")}]`;
  return `call ${a.eqn.primitive}`;
};

// eager, copy and call actions (none in W5's plan) are left untimed: their time is in the whole step
const n = Number(values.steps);
const times = plan.actions.map(() => []);
const stats = plan.actions.map(() => ({ wasm: 0, sgemm: 0, inPlace: 0 }));
plan.actions.forEach((a, i) => {
  if (a.t !== "kernel") return;
  const f = a.fn;
  const form = formOf.get(f);
  a.fn = function (...xs) {
    const w0 = wasmStats.calls,
      g0 = wasmStats.sgemms,
      p0 = wasmStats.inPlace;
    const t0 = performance.now();
    f.apply(this, xs);
    times[i].push(performance.now() - t0);
    stats[i].wasm += wasmStats.calls - w0;
    stats[i].sgemm += wasmStats.sgemms - g0;
    stats[i].inPlace += wasmStats.inPlace - p0;
  };
  formOf.set(a.fn, form);
});
const inputs = leaves;
for (let i = 0; i < 20; i++) runPlan(plan, inputs);
times.forEach((t) => (t.length = 0));
stats.forEach((s) => Object.assign(s, { wasm: 0, sgemm: 0, inPlace: 0 }));
const whole = [];
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  runPlan(plan, inputs);
  whole.push(performance.now() - t0);
}
const med = (xs) => (xs.length ? xs.slice().sort((a, b) => a - b)[xs.length >> 1] : Number.NaN);
let kernelSum = 0,
  kernelMin = 0;
console.log(
  `\nbackend ${values.backend}, threads ${values.threads}, ${n} steps, load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log("| # | action | ms median | ms min | wasm calls | sgemm | in place |\n|---|---|---|---|---|---|---|");
plan.actions.forEach((a, i) => {
  const m = med(times[i]);
  if (!Number.isNaN(m)) kernelSum += m;
  if (times[i].length) kernelMin += Math.min(...times[i]);
  const s = stats[i];
  const per = (v) => (v / n).toFixed(1);
  const lo = times[i].length ? Math.min(...times[i]).toFixed(3) : "-";
  const cells = [i, describe(a), Number.isNaN(m) ? "-" : m.toFixed(3), lo, per(s.wasm), per(s.sgemm), per(s.inPlace)];
  console.log(`| ${cells.join(" | ")} |`);
});
const sums = `sum of kernel medians ${kernelSum.toFixed(3)} ms, of mins ${kernelMin.toFixed(3)} ms`;
console.log(`\nwhole step: median ${med(whole).toFixed(3)} ms, min ${Math.min(...whole).toFixed(3)} ms; ${sums}`);
// the plan without its kernels: slot bookkeeping, output allocation and NDArray wrapping per step
plan.actions.forEach((a) => a.t === "kernel" && (a.fn = () => {}));
const bare = [];
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  runPlan(plan, inputs);
  bare.push(performance.now() - t0);
}
console.log(`plan without kernels: median ${med(bare).toFixed(3)} ms, min ${Math.min(...bare).toFixed(3)} ms`);
