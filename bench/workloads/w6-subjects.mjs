// W6's functions under test, shared by the in-process measurement and the fresh-process child (w6-child.mjs).
import { pathToFileURL } from "node:url";
import { uniform } from "../lib/data.mjs";

export const SHAPES = { small: [1000], large: [512, 512] };

function data(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  return [uniform(n, 61, -2, 2), uniform(n, 62, -2, 2)];
}

/** The 10-op function of bench/kernels/ten-ops.ts, written for an eager numpy namespace. */
export function tenOpsEager(np, x, y) {
  const d = np.subtract(x, y);
  const g = np.exp(np.negative(np.square(d)));
  const s = np.sqrt(np.add(np.abs(x), 1));
  return np.add(np.multiply(g, s), np.maximum(y, 0));
}

/**
 * A subject: { call(): sync or async, timed; output(): Float32Array }.
 * `file` is the built kernel module for the numjit jit / precompiled columns; `fresh` makes its import a new
 * module instance (a new jit() wrapper with empty caches).
 */
export async function makeSubject(lib, shape, { file, fresh = "" } = {}) {
  const [X, Y] = data(shape);
  if (lib.startsWith("numjit")) {
    const rt = await import("@numjit/runtime");
    const np = rt.numpy;
    const x = np.reshape(np.array(X), shape);
    const y = np.reshape(np.array(Y), shape);
    if (lib === "numjit eager") {
      return { call: () => tenOpsEager(np, x, y), output: () => tenOpsEager(np, x, y).toTypedArray() };
    }
    const mod = await import(pathToFileURL(file).href + (fresh ? `?fresh=${fresh}` : ""));
    if (typeof rt.clearCaches === "function") rt.clearCaches();
    const f = mod.tenOps;
    return { call: () => f(x, y), output: () => f(x, y).toTypedArray(), info: () => f.cacheInfo?.() };
  }
  if (lib === "jax-js jit") {
    const jax = await import("@jax-js/jax");
    await jax.init("wasm");
    jax.defaultDevice("wasm");
    const np = jax.numpy;
    const x = np.array(X, { shape });
    const y = np.array(Y, { shape });
    // Move semantics: x and y are each used twice, so one use takes a .ref.
    const f = jax.jit((x, y) => {
      const d = np.subtract(x.ref, y.ref);
      const g = np.exp(np.negative(np.square(d)));
      const s = np.sqrt(np.add(np.abs(x), 1));
      return np.add(np.multiply(g, s), np.maximum(y, 0));
    });
    return {
      call: async () => {
        const r = f(x.ref, y.ref);
        await r.blockUntilReady();
        r.dispose();
      },
      output: async () => Float32Array.from(await f(x.ref, y.ref).data()),
    };
  }
  throw new Error(`unknown W6 subject ${lib}`);
}
