// The lax namespace: `import { lax } from "@numjit/runtime"`. A re-export hub over the modules in lax/.
export * from "./lax/bitwise.js";
