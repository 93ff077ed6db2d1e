// The random namespace: `import { random } from "@numjit/runtime"`. JAX's counter-based PRNG (Threefry-2x32,
// bit for bit JAX 0.10.2): keys are uint32 arrays of shape [2], split and fold in explicitly, never mutated.
export { key, split, foldIn, bits } from "./random/threefry.js";
export type { Shape } from "./random/threefry.js";
export { uniform, normal, truncatedNormal, bernoulli, gumbel, exponential, categorical, randint } from "./random/samplers.js";
export type { DTypeOption, UniformOptions, CategoricalOptions } from "./random/samplers.js";
export { permutation, choice } from "./random/shuffle.js";
export type { PermutationOptions, ChoiceOptions } from "./random/shuffle.js";
