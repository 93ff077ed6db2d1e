// Loading every library once, recording what works on this machine and why something does not.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Versions of the installed packages, for the RESULTS.md header. */
export function versionOf(pkg) {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    try {
      // Packages whose exports map hides package.json: walk up from the entry point.
      let dir = path.dirname(require.resolve(pkg));
      for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
        try {
          const p = require(path.join(dir, "package.json"));
          if (p.name === pkg) return p.version;
        } catch {}
      }
    } catch {}
    return "?";
  }
}

/** Silence tfjs's "install tfjs-node" banner, which it prints to stdout. */
async function quietly(f) {
  const { log, warn } = console;
  console.log = () => {};
  console.warn = () => {};
  try {
    return await f();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

export async function loadTf() {
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-cpu");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  // The .wasm binaries ship inside the package: point the loader at them, never at a CDN.
  const dist = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep;
  wasm.setWasmPaths(dist);
  const backends = {};
  for (const name of ["cpu", "wasm"]) {
    try {
      // The cpu backend prints its banner on its first tensor write: make that write here, quietly.
      const ok = await quietly(async () => (await tf.setBackend(name)) && (tf.tensor1d([0]).dispose(), true));
      backends[name] = ok ? { ok: true, note: "" } : { ok: false, note: `tf.setBackend("${name}") returned false` };
    } catch (e) {
      backends[name] = { ok: false, note: `tf.setBackend("${name}") threw: ${firstLine(e)}` };
    }
  }
  if (backends.wasm.ok) {
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
    backends.wasm.note = `SIMD ${simd ? "on" : "off"}, threads ${threads ? "on" : "off"}`;
  }
  tf.env().set("DEBUG", false);
  const { registerTfjsGradients } = await import("./tfjs-gradients.mjs");
  const gradients = registerTfjsGradients(tf);
  return {
    tf,
    backends,
    gradients,
    version: versionOf("@tensorflow/tfjs-core"),
    /** Make `name` the global backend before creating that backend's inputs. */
    async use(name) {
      await quietly(() => tf.setBackend(name));
      if (tf.getBackend() !== name) throw new Error(`tfjs backend ${name} not active`);
    },
  };
}

export async function loadJax() {
  const jax = await import("@jax-js/jax");
  const notes = [];
  // init() with no argument probes WebGPU, which needs `navigator` (absent in Node 20): ask for wasm.
  try {
    await jax.init();
  } catch (e) {
    notes.push(`init() fails on Node ${process.versions.node}: ${firstLine(e)}`);
  }
  let device = null;
  for (const d of ["wasm", "cpu"]) {
    try {
      const got = await jax.init(d);
      if (got.includes(d)) {
        device = d;
        break;
      }
    } catch (e) {
      notes.push(`init("${d}") failed: ${firstLine(e)}`);
    }
  }
  if (device) {
    jax.defaultDevice(device);
    notes.push(`using init("${device}") → device "${device}"`);
  }
  return { jax, device, notes, version: versionOf("@jax-js/jax") };
}

export async function loadNdarray() {
  const ndarray = (await import("ndarray")).default;
  const ops = (await import("ndarray-ops")).default;
  return { ndarray, ops, version: `${versionOf("ndarray")} + ndarray-ops ${versionOf("ndarray-ops")}` };
}

/** @numjit/runtime: eager always; jit / grad / valueAndGrad only if the runtime exports them yet. */
export async function loadNumjit() {
  const rt = await import("@numjit/runtime");
  const jitNote = typeof rt.jit === "function" ? "" : "`jit` is not exported by @numjit/runtime yet (runtime jit in progress)";
  const gradNote =
    typeof rt.valueAndGrad === "function" ? "" : "`valueAndGrad` is not exported by @numjit/runtime yet (autodiff in progress)";
  const internal = await import("@numjit/runtime/internal");
  return {
    rt,
    np: rt.numpy,
    nn: rt.nn,
    threadsReady: internal.threadsReady,
    /** arrays placed in the wasm kernels' memory, and sent to the JS heap past its resident limit */
    memoryStats: internal.memoryStats,
    jitNote,
    gradNote,
    version: versionOf("@numjit/runtime"),
  };
}

export function firstLine(e) {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0].slice(0, 200);
}
