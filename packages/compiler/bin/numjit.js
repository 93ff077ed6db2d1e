#!/usr/bin/env node
// The `numjit` command. A committed shim, so that `npm ci` in a fresh clone can link the bin before
// `dist/` is built (npm skips a bin whose target does not exist); it loads the compiled CLI at run time.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("numjit: the compiler is not built (dist/cli.js is missing); run `npm run build` first\n");
  process.exitCode = 1;
} else {
  const { main } = await import(cli.href);
  process.exitCode = main(process.argv.slice(2));
}
