import { numpy as np, nn, jit, setMatmulPrecision } from "@numjit/runtime";
const med = (f, reps) => { const t = []; for (let r = 0; r < reps; r++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); } t.sort((a, b) => a - b); return t[reps >> 1]; };
for (const n of []) {
  const A = np.reshape(np.sin(np.arange(n * n)), [n, n]).astype("float32"), B = np.reshape(np.cos(np.arange(n * n)), [n, n]).astype("float32");
  for (const backend of ["js", "wasm"]) for (const p of ["default", "highest"]) {
    setMatmulPrecision(p);
    const g = jit((a, b) => np.matmul(a, b), { backend });
    g(A, B); g(A, B);
    const ms = med(() => g(A, B), 7);
    console.log(n, backend, p, "GFLOP/s", (2 * n ** 3 / ms / 1e6).toFixed(1));
  }
}
const tf = await import("@tensorflow/tfjs-core");
await import("@tensorflow/tfjs-backend-wasm");
const { setWasmPaths } = await import("@tensorflow/tfjs-backend-wasm");
setWasmPaths(new URL("./node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url).pathname);
await tf.setBackend("wasm");
for (const n of [512, 1024]) {
  const a = tf.randomUniform([n, n]), b = tf.randomUniform([n, n]);
  for (let i = 0; i < 2; i++) tf.matMul(a, b).dataSync();
  const ms = med(() => { const c = tf.matMul(a, b); c.dataSync(); c.dispose(); }, 7);
  console.log(n, "tfjs-wasm GFLOP/s", (2 * n ** 3 / ms / 1e6).toFixed(1));
  setMatmulPrecision("default");
  const A = np.reshape(np.sin(np.arange(n * n)), [n, n]).astype("float32"), B = np.reshape(np.cos(np.arange(n * n)), [n, n]).astype("float32");
  const g = jit((a, b) => np.matmul(a, b));
  g(A, B);
  console.log(n, "numjit default GFLOP/s", (2 * n ** 3 / med(() => g(A, B), 7) / 1e6).toFixed(1));
}
