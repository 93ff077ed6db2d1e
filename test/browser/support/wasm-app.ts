// The wasm-app fixture (fixtures/wasm-app) and the plugin it is built with: runtime-jit.ts is left to
// the runtime jit, every other module is precompiled.
import { join } from "node:path";
import numjit from "@numjit/vite-plugin";
import { FIXTURES } from "./servers.js";

export const WASM_APP = join(FIXTURES, "wasm-app");

export const fixturePlugin = (opts: Parameters<typeof numjit>[0] = {}) =>
  numjit({ exclude: [/runtime-jit\.ts$/, /[\\/]node_modules[\\/]/, /^\0/], ...opts });
