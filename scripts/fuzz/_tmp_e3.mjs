import { readFileSync } from "node:fs";
import { valueAndGrad, jvp, jit, vmap, grad, numpy as np } from "@numjit/runtime";
import { makeInput, programFn } from "./interp.mjs";
const lines = readFileSync("/tmp/fz-all.jsonl", "utf8").split("\n");
const bits = (a) => Array.from(a.toTypedArray());
const same = (a, b) => { const x = bits(a), y = bits(b); return x.length === y.length && x.every((v, i) => Object.is(v, y[i]) || (v !== v && y[i] !== y[i])); };
for (const id of process.argv.slice(2)) {
  const prog = JSON.parse(lines.find((l) => l.includes(`"id": "${id}"`)));
  const f = programFn(prog);
  if (prog.kind === "grad") {
    const xs = prog.inputs.map(makeInput), ts = prog.tangents.map(makeInput);
    const e = f(...xs);
    const an = { argnums: xs.map((_, i) => i) };
    const r = {
      jit: jit(f)(...xs),
      vag: valueAndGrad(f, an)(...xs)[0],
      jvp: jvp(f, xs, ts)[0],
      jit_jvp: jit((...a) => jvp(f, a.slice(0, xs.length), a.slice(xs.length)))(...xs, ...ts)[0],
      vag_jit: valueAndGrad(jit(f), an)(...xs)[0],
    };
    console.log(id, "eager", e.item(), Object.entries(r).map(([k, v]) => `${k}:${same(e, v) ? "=" : v.item()}`).join(" "));
    // grads: grad vs jit_grad vs grad_jit
    const g0 = grad(f, an)(...xs), g1 = jit(grad(f, an))(...xs), g2 = grad(jit(f), an)(...xs);
    console.log("   grads jit_grad same:", g0.every((g, i) => same(g, g1[i])), "grad_jit same:", g0.every((g, i) => same(g, g2[i])));
  } else {
    const xs = prog.vinputs.map(makeInput);
    const v = vmap(f)(...xs), jv = jit(vmap(f))(...xs);
    const n = xs[0].shape[0];
    // per-row eager
    const rows = [];
    for (let b = 0; b < n; b++) rows.push(f(...xs.map((x) => x.slice([b, b + 1, null]).reshape(x.shape.slice(1)))));
    const st = np.stack(rows, 0);
    console.log(id, "vmap==eager rows:", same(v, st), "jit_vmap==eager rows:", same(jv, st));
  }
}
