// Builds bench/kernels/*.ts twice:
//   out/kernels/runtime/*.mjs      types stripped only: jit() runs at run time (the "runtime jit" column)
//   out/kernels/precompiled/*.mjs  @numjit/compiler transform() first (the "precompiled" column)
// Standalone: `node bench/build-kernels.mjs`.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { firstLine } from "./lib/peers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(here, "kernels");

function stripTypes(code, fileName) {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  }).outputText;
}

function isError(d) {
  const sev = String(d.severity ?? d.category ?? d.level ?? "").toLowerCase();
  return sev === "error" || sev === "1";
}

function describe(d) {
  const where = d.line ? `${d.line}:${d.column ?? ""} ` : "";
  return `${d.code ?? ""} ${where}${d.message ?? JSON.stringify(d)}`.trim();
}

/**
 * Returns a manifest: { runtime: { [name]: { ok, note, file } }, precompiled: { [name]: { ok, note, file, ... } },
 * compiler: { ok, note } }.
 */
export async function buildKernels({ outDir = path.join(here, "out", "kernels") } = {}) {
  const files = (await readdir(srcDir)).filter((f) => f.endsWith(".ts")).sort();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, "runtime"), { recursive: true });
  await mkdir(path.join(outDir, "precompiled"), { recursive: true });

  let transform = null;
  const compiler = { ok: false, note: "" };
  try {
    const mod = await import("@numjit/compiler");
    if (typeof mod.transform === "function") {
      transform = mod.transform;
      compiler.ok = true;
    } else compiler.note = "@numjit/compiler does not export transform() yet (compiler in progress)";
  } catch (e) {
    compiler.note = `@numjit/compiler cannot be loaded yet (${firstLine(e)})`;
  }

  const manifest = { runtime: {}, precompiled: {}, compiler };
  for (const f of files) {
    const name = f.replace(/\.ts$/, "");
    const abs = path.join(srcDir, f);
    const src = await readFile(abs, "utf8");
    const runtimeFile = path.join(outDir, "runtime", `${name}.mjs`);
    await writeFile(runtimeFile, stripTypes(src, f));
    manifest.runtime[name] = { ok: true, note: "", file: runtimeFile };

    if (!transform) {
      manifest.precompiled[name] = { ok: false, note: compiler.note };
      continue;
    }
    const t0 = performance.now();
    try {
      const res = await transform(src, abs, {});
      const ms = performance.now() - t0;
      const diags = res.diagnostics ?? [];
      const errors = diags.filter(isError);
      if (errors.length) {
        manifest.precompiled[name] = { ok: false, note: `compiler errors: ${errors.map(describe).join("; ")}` };
        continue;
      }
      if (!res.code || res.code === src || res.stats?.precompiled === 0) {
        const why = diags.map(describe).join("; ") || "transform() returned the source unchanged";
        manifest.precompiled[name] = { ok: false, note: `not precompiled (left to the runtime jit): ${why}` };
        continue;
      }
      const file = path.join(outDir, "precompiled", `${name}.mjs`);
      await writeFile(file, stripTypes(res.code, f));
      manifest.precompiled[name] = {
        ok: true,
        note: diags.length ? `warnings: ${diags.map(describe).join("; ")}` : "",
        file,
        transformMs: ms,
        stats: res.stats ?? null,
      };
    } catch (e) {
      manifest.precompiled[name] = { ok: false, note: `transform() threw: ${firstLine(e)}` };
    }
  }
  await writeFile(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Import a built kernel module; `fresh` gives a new module instance (new jit caches) for first-call timing. */
export async function importKernel(manifest, variant, name, fresh = "") {
  const entry = manifest[variant][name];
  if (!entry?.ok) throw new Error(entry?.note || `no ${variant} build of ${name}`);
  const url = pathToFileURL(entry.file).href + (fresh ? `?fresh=${fresh}` : "");
  return import(url);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const m = await buildKernels();
  for (const [k, v] of Object.entries(m.precompiled)) console.log(`${k}: precompiled ${v.ok ? "ok" : "skipped: " + v.note}`);
}
