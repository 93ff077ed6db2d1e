// "did you mean" for unknown runtime names looks across namespaces: a name that exists in `nn` is
// suggested for a typo (or a guess) under `np`, rather than an unrelated numpy name.
import { describe, expect, it } from "vitest";
import { transform } from "@numjit/compiler";
import { suggest } from "../../packages/compiler/src/phases/analyse/runtime-names.js";

describe("suggest(): across namespaces", () => {
  it("np.sofmax -> nn.softmax, np.logsumexp -> nn.logsumexp, nn.reluu stays in nn", () => {
    expect(suggest(["numpy", "sofmax"])).toBe("nn.softmax");
    expect(suggest(["numpy", "logsumexp"])).toBe("nn.logsumexp");
    expect(suggest(["numpy", "softmax"])).toBe("nn.softmax");
    expect(suggest(["nn", "reluu"])).toBe("nn.relu");
    expect(suggest(["nn", "exp"])).toBe("numpy.exp");
  });

  it("the same namespace still wins where it has the closer (or an equally close) name", () => {
    expect(suggest(["numpy", "ad"])).toBe("numpy.add");
    expect(suggest(["numpy", "expanddims"])).toBe("numpy.expandDims");
    expect(suggest(["numpy", "zzzzzzzzzz"])).toBeUndefined();
  });

  it("the NJ803 diagnostic carries the cross-namespace suggestion", () => {
    const src = `import { numpy as np, jit } from "@numjit/runtime";\nexport const f = jit((x: np.NDArray) => np.sofmax(x));\n`;
    const d = transform(src, "a.ts").diagnostics;
    expect(d.map((x) => [x.code, x.line])).toEqual([["NJ803", 2]]);
    expect(d[0]!.message).toBe("unknown numjit function 'numpy.sofmax'; did you mean 'nn.softmax'?");
  });
});
