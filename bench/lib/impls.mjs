// Builders for the columns every workload shares: numjit eager / runtime jit / precompiled, tfjs on cpu and
// wasm, jax-js eager and jit, ndarray-ops, and hand-written JS.
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { importKernel } from "../build-kernels.mjs";
import { summarize } from "./measure.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

const f32 = (x) => (x instanceof Float32Array ? x : Float32Array.from(x));

/**
 * numjit columns for one function.
 *   eager(np, nn, ...inputs)       the eager expression
 *   inputs(np)                     fresh NDArray inputs
 *   kernel, exportName             where the jitted version lives in bench/kernels
 *   read(result)                   typed array(s) out of the result (default: toTypedArray)
 *   requires                       a reason to skip the compiled columns (e.g. grad not there yet)
 *   noEval                         input specs [{ n, seed, lo, hi, shape }] to add a "precompiled, no eval"
 *                                  column: the precompiled module in a child process where eval/new Function
 *                                  are disallowed (strict-CSP conditions)
 */
/**
 * `() => fn(...args)` (or `() => fn(inner())` when `inner` is given) with a call site of its own. Closures
 * made from one function literal share V8's type feedback, so one shared `() => fn(...args)` would be a
 * megamorphic call site across every column and workload, and the library called through it would be
 * neither inlined nor specialized (~60 ns on W1), where a user's call site sees one function. Bench code
 * only: the libraries never generate code.
 */
export function ownCallSite(fn, args, inner) {
  const names = args.map((_, i) => `a${i}`);
  const body = inner ? "fn(inner())" : `fn(${names.join(", ")})`;
  return new Function("fn", "inner", ...names, `return () => ${body};`)(fn, inner, ...args);
}

export function numjitImpls(ctx, { eager, inputs, kernel, exportName, read = (r) => r.toTypedArray(), only, requires, noEval, threads }) {
  const { numjit, manifest } = ctx;
  const { np, nn } = numjit;
  const mk = (fn, args) => ({ run: ownCallSite(fn, args), output: () => read(fn(...args)) });
  const all = {
    eager: {
      lib: "numjit eager",
      group: "numjit",
      reference: true,
      setup: async () => {
        const args = inputs(np);
        return mk((...a) => eager(np, nn, ...a), args);
      },
    },
    jit: {
      lib: "numjit jit",
      group: "numjit",
      skip: numjit.jitNote || requires || manifest.runtime[kernel]?.note || undefined,
      setup: async () => {
        const mod = await importKernel(manifest, "runtime", kernel);
        await numjit.threadsReady?.(); // worker start-up is not part of a call
        return mk(mod[exportName], inputs(np));
      },
    },
    precompiled: {
      lib: "numjit precompiled",
      group: "numjit",
      skip: requires || (manifest.precompiled[kernel]?.ok ? undefined : manifest.precompiled[kernel]?.note || "not built"),
      setup: async () => {
        const mod = await importKernel(manifest, "precompiled", kernel);
        const fn = mod[exportName];
        // cacheInfo() tells whether the calls really ran the emitted kernels (see runner.mjs).
        return { ...mk(fn, inputs(np)), info: () => fn.cacheInfo?.() };
      },
    },
  };
  // the same function under jit(f, { backend }): "numjit jit" above is the default ("auto": wasm for
  // kernels of 4096+ elements that have a wasm form, JS below)
  for (const backend of ["wasm", "js"])
    all[`jit-${backend}`] = {
      lib: `numjit jit, ${backend}`,
      group: "numjit",
      skip: numjit.jitNote || requires || undefined,
      setup: async () =>
        mk(
          numjit.rt.jit((...a) => eager(np, nn, ...a), { backend }),
          inputs(np),
        ),
    };
  if (noEval) all.noEval = noEvalImpl(ctx, { kernel, exportName, specs: noEval, skip: all.precompiled.skip });
  // the threads column: "numjit jit" above runs on the default pool (every core); this one on 1 thread
  if (threads)
    all["jit-1t"] = {
      lib: "numjit jit, 1 thread",
      group: "numjit",
      skip: all.jit.skip || (numjit.rt.setThreads ? undefined : "setThreads is not exported by @numjit/runtime"),
      setup: async () => {
        const { run, output } = await all.jit.setup();
        const one = (f) => () => {
          const t = numjit.rt.getThreads();
          numjit.rt.setThreads(1);
          try {
            return f();
          } finally {
            numjit.rt.setThreads(t);
          }
        };
        return { run: one(run), output: one(output) };
      },
    };
  const keys = only ?? ["eager", "jit", ...(threads ? ["jit-1t"] : []), "jit-wasm", "jit-js", "precompiled", ...(noEval ? ["noEval"] : [])];
  return keys.map((k) => all[k]);
}

function noEvalImpl(ctx, { kernel, exportName, specs, skip }) {
  const outFile = path.join(os.tmpdir(), `numjit-bench-noeval-${process.pid}-${kernel}.bin`);
  let result = null;
  const child = async () => {
    const arg = JSON.stringify({
      file: ctx.manifest.precompiled[kernel].file,
      exportName,
      inputs: specs,
      outFile,
      samples: ctx.quick ? 5 : 25,
      warm: ctx.quick ? 2 : 5,
    });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--disallow-code-generation-from-strings", path.join(here, "noeval-child.mjs"), arg],
      { timeout: 120_000, maxBuffer: 1 << 20 },
    );
    return JSON.parse(stdout.trim().split("\n").pop());
  };
  return {
    lib: "numjit precompiled, no eval",
    group: "numjit",
    // Hand-timed in another process: shown, but not eligible as "numjit best" (different method).
    aux: true,
    note: "child process with --disallow-code-generation-from-strings; hand-timed",
    skip,
    setup: async () => ({
      output: async () => {
        result = await child();
        if (result.codegen !== "blocked") throw new Error("code generation was not blocked in the child");
        const buf = await readFile(outFile);
        await rm(outFile, { force: true });
        return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
      },
      run: () => {
        throw new Error("timed in the child");
      },
    }),
    measure: async () => ({
      ...summarize(result.times),
      note: result.cacheInfo
        ? `precompiled hits ${result.cacheInfo.precompiledHits}, runtime compiles ${result.cacheInfo.runtimeCompiles}, ` +
          `eager fallbacks ${result.cacheInfo.eagerFallbacks}`
        : "",
    }),
  };
}

/**
 * One tfjs column on `backend` ("cpu" | "wasm").
 *   inputs(tf) -> tensors; op(tf, ...tensors) -> tensor | tensor[]
 * Results are disposed inside the timed call (tfjs does not garbage-collect tensors). `tidy: false` for
 * single-op bodies, where tf.tidy's scope bookkeeping would dominate the measurement.
 */
export function tfjsImpl(ctx, backend, { inputs, op, read, tidy = true }) {
  const t = ctx.tf;
  const status = t.backends[backend];
  return {
    lib: `tfjs-${backend}`,
    group: "peer",
    skip: status.ok ? undefined : status.note,
    note: backend === "wasm" ? status.note : "",
    setup: async () => {
      await t.use(backend);
      const { tf } = t;
      const args = inputs(tf);
      // tidy() releases intermediates of multi-op bodies; a single op is disposed directly (tidy costs µs).
      const direct = ownCallSite(op, [tf, ...args]);
      const call = tidy ? () => tf.tidy(direct) : direct;
      return {
        run: ownCallSite((r) => tf.dispose(r), [], call),
        output: () => {
          const r = call();
          const out = read ? read(r) : f32(r.dataSync());
          tf.dispose(r);
          return out;
        },
        teardown: () => tf.dispose(args),
        // Timing rounds interleave libraries: this backend must be the global one again before sampling.
        activate: () => t.use(backend),
      };
    },
  };
}

/**
 * jax-js columns (eager and jit). jax-js arrays are reference counted with move semantics, so inputs are
 * passed as `.ref`; its ops are lazy, so a timed call waits with blockUntilReady() before disposing.
 *   inputs(np) -> arrays; op(jax, ...arrays) -> array
 */
export function jaxImpls(ctx, { inputs, op, read, only = ["eager", "jit"] }) {
  const j = ctx.jax;
  const skip = j.device ? undefined : `no jax-js device initialized (${j.notes.join("; ")})`;
  const note = j.device ? `device ${j.device}` : "";
  const mk = (label, wrap) => ({
    lib: `jax-js ${label}`,
    group: "peer",
    skip,
    note,
    setup: async () => {
      const { jax } = j;
      const args = inputs(jax.numpy);
      const fn = wrap(jax, (...a) => op(jax, ...a));
      const call = () => fn(...args.map((a) => jax.tree.ref(a)));
      return {
        run: async () => {
          const r = call();
          await jax.blockUntilReady(r);
          jax.tree.dispose(r);
        },
        output: async () => {
          const r = call();
          return read ? await read(r) : f32(await r.data());
        },
        teardown: () => {
          jax.tree.dispose(args);
          fn.dispose?.();
        },
      };
    },
  });
  const all = { eager: mk("eager", (_jax, f) => f), jit: mk("jit", (jax, f) => jax.jit(f)) };
  return only.map((k) => all[k]);
}

/**
 * JAX on XLA CPU (python3 + jax), hand-timed in a child process: `fn` names a function of
 * lib/jax_xla.py, `inputs` are [typedArray, shape] pairs, `read(f32)` turns the flat output into what the
 * workload's check expects. Skipped when `python3 -c "import jax"` fails. Shown as aux (another process).
 */
export function jaxXlaImpl(ctx, { fn, inputs, read = (x) => x }) {
  const dir = path.join(os.tmpdir(), `numjit-bench-jax-${process.pid}`);
  let result = null;
  return {
    lib: "JAX (XLA CPU)",
    // its own group: not a JS peer (never "best peer"); the summary gives numjit / JAX separately
    group: "jax",
    aux: true,
    skip: ctx.jaxXla.ok ? undefined : ctx.jaxXla.note,
    note: ctx.jaxXla.ok ? `jax ${ctx.jaxXla.version}, python child process; hand-timed` : "",
    setup: async () => ({
      output: async () => {
        await mkdir(dir, { recursive: true });
        const specs = [];
        for (const [i, [data, shape]] of inputs().entries()) {
          const file = path.join(dir, `${fn}-${i}.bin`);
          await writeFile(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
          specs.push({ file, shape, dtype: data instanceof Int32Array ? "int32" : "float32" });
        }
        const outFile = path.join(dir, `${fn}-out.bin`);
        const arg = JSON.stringify({ fn, inputs: specs, outFile, samples: ctx.quick ? 5 : 30, warm: 3 });
        const { stdout } = await promisify(execFile)("python3", [path.join(here, "jax_xla.py"), arg], {
          timeout: 600_000,
          maxBuffer: 1 << 20,
        });
        result = JSON.parse(stdout.trim().split("\n").pop());
        const buf = await readFile(outFile);
        await rm(dir, { recursive: true, force: true });
        return read(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
      },
      run: () => {
        throw new Error("timed in the child");
      },
    }),
    measure: async () => summarize(result.times),
  };
}

/** Whether `python3 -c "import jax"` works here (the JAX column), and its version. */
export async function probeJaxXla() {
  try {
    const { stdout } = await promisify(execFile)("python3", ["-c", "import jax; print(jax.__version__)"], { timeout: 60_000 });
    return { ok: true, version: stdout.trim() };
  } catch (e) {
    return { ok: false, note: `python3 -c "import jax" failed (${String(e.message).split("\n")[0]}): pip install jax` };
  }
}

/** A hand-written JS column: setup() returns { run, output } over plain typed arrays. */
export function handImpl(setup, note = "") {
  return { lib: "hand JS", group: "peer", fallbackReference: true, note, setup: async () => setup() };
}

/** An ndarray + ndarray-ops column; `skip` names the missing op when the library has none. */
export function ndarrayImpl(ctx, { setup, skip, note = "" }) {
  return { lib: "ndarray-ops", group: "peer", skip, note, setup: async () => setup(ctx.nd) };
}
