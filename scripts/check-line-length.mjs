// Fails (exit 1) listing file:line for every tracked source line longer than MAX characters.
// Biome's formatter wraps code at 140 columns but never splits a string or template literal, so
// long messages slip through `biome check`; this closes that gap.   node scripts/check-line-length.mjs
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MAX = 140;
const EXTENSIONS = [".ts", ".mts", ".mjs", ".js", ".py"];
// generated files and sample/fixture inputs are checked byte-for-byte elsewhere, not formatted
const EXCLUDED = [
  (f) => f.startsWith("test/samples/"),
  (f) => f === "packages/runtime/src/eager/generated-kernels.ts",
  (f) => f === "packages/runtime/src/eager/generated-ir-kernels.ts",
  (f) => f === "packages/runtime/src/codegen/wasm-bytes.ts",
  (f) => f.split("/").includes("fixtures"),
];

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20 })
  .split("\0")
  .filter((f) => f && EXTENSIONS.some((e) => f.endsWith(e)) && !EXCLUDED.some((x) => x(f)));

const long = [];
for (const file of tracked) {
  const abs = path.join(repo, file);
  if (!fs.existsSync(abs)) continue; // deleted in the work tree but not yet in the index
  const lines = fs.readFileSync(abs, "utf8").split("\n");
  lines.forEach((line, i) => {
    // characters, not UTF-16 units or bytes: "µ", "–" and "×" count as one
    const n = [...line.replace(/\r$/, "")].length;
    if (n > MAX) long.push(`${file}:${i + 1}: ${n} characters`);
  });
}

if (long.length) {
  console.error(`${long.length} line${long.length === 1 ? "" : "s"} over ${MAX} characters (split the string, or hoist a sub-expression):`);
  for (const l of long) console.error(`  ${l}`);
  process.exit(1);
}
console.log(`line length: ${tracked.length} files, no line over ${MAX} characters`);
