// The code generators' content caches that a build fills (kernel texts, shipped wasm functions), emptied
// together: a benchmark of first builds, a long-running watcher freeing memory (the compiler's
// clearBuildCaches).
import { clearKernelSources } from "./kernels.js";
import { shippedCode } from "./wasm/emit.js";

export function clearCodegenCaches(): void {
  clearKernelSources();
  shippedCode.clear();
}
