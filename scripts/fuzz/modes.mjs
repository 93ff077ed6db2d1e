// How one program runs in each mode. `ref` names the JAX reference in prog.expected.
import { jit, grad, valueAndGrad, jvp, vmap } from "@numjit/runtime";
import { makeInput, programFn } from "./interp.mjs";

const argnums = (n) => ({ argnums: [...Array(n).keys()] });

export const MODES = {
  eager: { kinds: ["fwd"], ref: "value", run: (f, xs) => f(...xs) },
  jit: { kinds: ["fwd"], ref: "value", run: (f, xs) => jit(f)(...xs) },
  // The cached second call gets contiguous copies: same shapes, other strides (must not reuse view-specific code).
  jit_cached: {
    kinds: ["fwd"],
    ref: "value",
    run: (f, xs) => {
      const g = jit(f);
      g(...xs);
      return g(...xs.map((x) => x.copy()));
    },
  },
  vmap: { kinds: ["vmap"], ref: "vmap", batched: true, run: (f, xs) => vmap(f)(...xs) },
  jit_vmap: { kinds: ["vmap"], ref: "vmap", batched: true, run: (f, xs) => jit(vmap(f))(...xs) },
  grad: { kinds: ["grad"], ref: "grad", grad: true, run: (f, xs) => grad(f, argnums(xs.length))(...xs) },
  jit_grad: { kinds: ["grad"], ref: "grad", grad: true, run: (f, xs) => jit(grad(f, argnums(xs.length)))(...xs) },
  grad_jit: { kinds: ["grad"], ref: "grad", grad: true, run: (f, xs) => grad(jit(f), argnums(xs.length))(...xs) },
  value_and_grad: {
    kinds: ["grad"],
    ref: "value_and_grad",
    grad: true,
    run: (f, xs) => {
      const [v, g] = valueAndGrad(f, argnums(xs.length))(...xs);
      return [v, ...g];
    },
  },
  jvp: { kinds: ["grad"], ref: "jvp", grad: true, tangents: true, run: (f, xs, ts) => jvp(f, xs, ts) },
  jit_jvp: {
    kinds: ["grad"],
    ref: "jvp",
    grad: true,
    tangents: true,
    run: (f, xs, ts) => jit((...a) => jvp(f, a.slice(0, xs.length), a.slice(xs.length)))(...xs, ...ts),
  },
  vmap_grad: { kinds: ["grad"], ref: "vmap_grad", grad: true, batched: true, run: (f, xs) => vmap(grad(f, argnums(xs.length)))(...xs) },
};

export function runMode(prog, mode) {
  const m = MODES[mode];
  const xs = (m.batched ? prog.vinputs : prog.inputs).map(makeInput);
  const ts = m.tangents ? prog.tangents.map(makeInput) : [];
  return m.run(programFn(prog), xs, ts);
}
