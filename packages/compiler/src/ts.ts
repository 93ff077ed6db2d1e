// TypeScript, loaded with require(): importing the (CommonJS, 9 MB) typescript package from ESM makes
// Node scan it for named exports (cjs-module-lexer), ~1 s of startup for every CLI run. Types come
// from `import type * as ts from "typescript"` in each module; values from here.
import { createRequire } from "node:module";
import type * as TS from "typescript";

export const tsv = createRequire(import.meta.url)("typescript") as typeof TS;
