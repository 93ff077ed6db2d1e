// The vmap that numpy functions defined through it (np.applyAlongAxis) call, set when transforms/vmap.ts
// loads. A static import would pull every transformation into bundles of the light entry
// (@numjit/runtime/precompiled, whose numpy namespace is the same module); there, without vmap, those
// functions loop over slices instead (test/packaging/tree-shaking.test.ts keeps the entry light).
import type { vmap } from "./vmap.js";

export const vmapRef: { fn?: typeof vmap } = {};
