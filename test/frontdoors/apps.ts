// A small app for the front-door tests: one jit function in its own module, a main that calls it and
// prints its result and cache counters as JSON. Written under test-artifacts/ (inside the repository, so
// `@numjit/runtime` resolves to the workspace package).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = path.join(REPO, "test-artifacts", "frontdoors");

// 2 * a + b with a = [1, 2, 3], b = [10, 20, 30]
export const EXPECTED = [12, 24, 36];

export const KERNELS_JS = `import { numpy as np, jit } from "@numjit/runtime";

export const fma = jit((a, b) => np.add(np.multiply(a, 2), b));
`;
export const KERNELS_TS = `import { numpy as np, jit } from "@numjit/runtime";

export const fma = jit((a: np.NDArray, b: np.NDArray) => np.add(np.multiply(a, 2), b));
`;
export const MAIN_JS = `import { numpy as np } from "@numjit/runtime";
import { fma } from "./kernels.js";

const r = fma(np.array([1, 2, 3]), np.array([10, 20, 30]));
console.log(JSON.stringify({ value: r.toArray(), info: fma.cacheInfo() }));
`;
// a jit function the compiler leaves to the runtime (NJ705: an `if` on a traced value)
export const FALLBACK_JS = `import { numpy as np, jit } from "@numjit/runtime";

export const branchy = jit((x) => np.multiply(x, x.item()));
`;
// an NJ8xx error: matmul of f32[N, 3] and f32[4, M]
export const ERROR_JS = `import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[N, 3], w: f32[4, M] */
export const p = jit((x, w) => np.matmul(x, w));
`;

export function makeApp(name: string, files: Record<string, string>): string {
  const dir = path.join(ARTIFACTS, name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Runs a built Node output with code generation from strings disallowed; returns its JSON report. */
export function runNoCodegen(file: string): {
  value: number[];
  info: { calls: number; traces: number; precompiledCalls: number; runtimeCompiles: number; eagerFallbacks: number };
} {
  const r = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", file], { encoding: "utf8", cwd: path.dirname(file) });
  if (r.status !== 0) throw new Error(`${file} exited ${r.status}:\n${r.stderr}`);
  const line = r.stdout
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .pop();
  if (!line) throw new Error(`no report from ${file}:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line);
}

export function expectPrecompiled(r: ReturnType<typeof runNoCodegen>): void {
  expect(r.value).toEqual(EXPECTED);
  expect(r.info.calls).toBeGreaterThan(0);
  expect(r.info.runtimeCompiles).toBe(0);
  expect(r.info.eagerFallbacks).toBe(0);
}
