import { defineConfig, type Plugin } from "vite";
import numjit from "@numjit/vite-plugin";

/**
 * Workaround for a packaging bug in @numjit/runtime: its package.json says `"sideEffects": false`, but
 * its entry points import "./eager/kernels.js" (registers the eager kernels) and "./methods.js" (adds
 * x.add(), x.reshape(), ...) only for their side effects, so a production bundle drops both. Remove this
 * once the runtime lists those two files in "sideEffects".
 */
function keepRuntimeSideEffects(): Plugin {
  return {
    name: "keep-numjit-runtime-side-effects",
    transform: {
      filter: { id: /[\\/]runtime[\\/]dist[\\/](?:eager[\\/]kernels|methods)\.js$/ },
      handler: () => ({ moduleSideEffects: true }),
    },
  };
}

export default defineConfig({
  plugins: [numjit(), keepRuntimeSideEffects()],
  build: { target: "es2022", sourcemap: true },
});
