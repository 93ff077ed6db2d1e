// The random namespace: `import { random } from "@numjit/runtime"`. JAX's counter-based PRNG (Threefry-2x32,
// bit for bit JAX 0.10.2): keys are uint32 arrays of shape [2], split and fold in explicitly, never mutated.
// The distributions follow jax/_src/random/core.py's algorithms, so their draws are JAX's for the same key.
export { key, key as PRNGKey, split, foldIn, bits, clone, keyData, wrapKeyData } from "./random/threefry.js";
export type { Shape } from "./random/threefry.js";
export { uniform, normal, truncatedNormal, bernoulli, gumbel, exponential, categorical, randint } from "./random/samplers.js";
export type { DTypeOption, UniformOptions, CategoricalOptions } from "./random/samplers.js";
export { permutation, choice } from "./random/shuffle.js";
export type { PermutationOptions, ChoiceOptions } from "./random/shuffle.js";
export {
  cauchy,
  laplace,
  logistic,
  lognormal,
  pareto,
  rayleigh,
  wald,
  weibullMin,
  triangular,
  maxwell,
  doubleSidedMaxwell,
  rademacher,
  geometric,
  orthogonal,
  multivariateNormal,
} from "./random/continuous.js";
export type { IntDTypeOption, OrthogonalOptions, MultivariateNormalOptions } from "./random/continuous.js";
export { gamma, loggamma, beta, dirichlet, chisquare, f, t, generalizedNormal, ball } from "./random/gamma.js";
export { poisson, binomial, multinomial } from "./random/discrete.js";
export type { MultinomialOptions } from "./random/discrete.js";
export type { Param, OptShape } from "./random/params.js";
