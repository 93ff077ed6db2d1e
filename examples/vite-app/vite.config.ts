import { defineConfig } from "vite";
import numjit from "@numjit/vite-plugin";

export default defineConfig({
  plugins: [numjit()],
  // the training demo's Web Worker is bundled on its own: its jit functions are precompiled too
  worker: { format: "es", plugins: () => [numjit()] },
  build: { target: "es2022", sourcemap: true },
});
