import { defineConfig } from "vite";
import numjit from "@numjit/vite-plugin";

export default defineConfig({
  plugins: [numjit()],
  build: { target: "es2022", sourcemap: true },
});
