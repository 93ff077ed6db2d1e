#!/usr/bin/env python3
"""JAX 0.10.2 references for numjit's `random` namespace (Threefry-2x32, jax_threefry_partitionable on).

Writes test/random/refs/<function>.json (committed; CI needs no Python). Each case is
`{name, seed, fn, expected: {dtype, shape, data}}`: `fn` is JS source over `random`, `np` and `nn` taking the key
`random.key(seed)`; `expected` is what jax.random returns for jax.random.PRNGKey(seed). float64 cases run
with jax_enable_x64. Run `python3 scripts/gen_jax_random_refs.py` after editing; it is deterministic.
`python3 scripts/gen_jax_random_refs.py gamma poisson` regenerates only the named areas.
"""

import json
import math
import pathlib
import sys

import jax
import jax.numpy as jnp
import numpy as np

assert jax.__version__ == "0.10.2", jax.__version__
assert jax.config.jax_threefry_partitionable

root = pathlib.Path(__file__).resolve().parent.parent
out_dir = root / "test" / "random" / "refs"
files: dict[str, list] = {}
ONLY = set(sys.argv[1:])  # areas to regenerate (all when empty)

SEEDS = [0, 42, 1701, -1]
SHAPES = [[], [0], [1], [7], [3, 5], [2, 1, 3]]


def encode(x):
    a = np.asarray(x)
    dtype = {"uint32": "uint32", "int32": "int32", "float32": "float32", "float64": "float64", "bool": "bool"}[str(a.dtype)]
    flat = a.ravel().tolist()
    if a.dtype.kind == "f":
        flat = [v if math.isfinite(v) else str(v).replace("inf", "Infinity").replace("nan", "NaN") for v in flat]
    if a.dtype == np.bool_:
        flat = [1 if v else 0 for v in flat]
    return {"dtype": dtype, "shape": list(a.shape), "data": flat}


def case(area, name, seed, js, py, x64=False, x64_key=False, heavy=False):
    if ONLY and area not in ONLY:
        return
    # the key is JAX's default (x64 off) one, e.g. [0, 2^32 - 1] for seed -1, unless x64_key asks for the x64 layout
    key = jax.random.PRNGKey(seed) if not x64_key else None
    jax.config.update("jax_enable_x64", x64)
    try:
        if key is None:
            key = jax.random.PRNGKey(seed)
        expected = encode(py(key))
    finally:
        jax.config.update("jax_enable_x64", False)
    entry = {"name": name, "seed": seed, "fn": js, "expected": expected}
    if heavy:
        entry["heavy"] = True  # O(n^2) traced sort: the test skips its vmap mode
    files.setdefault(area, []).append(entry)


def js_shape(s):
    return json.dumps(s)


# ---- keys, split, foldIn, bits ----------------------------------------------------------------------------
for seed in [0, 1, 42, 2**31 - 1, -1, -(2**31)]:
    case("key", f"key({seed})", seed, "(k) => k", lambda k: k)
for seed in [2**32 + 5, 2**40 + 2**33 + 7, -(2**33) - 3]:
    # beyond int32 numjit takes JAX's x64 layout (the seed's two 64-bit words)
    case("key", f"key({seed}) x64", seed, "(k) => k", lambda k: k, x64=True, x64_key=True)

for seed in SEEDS:
    for num in [2, 3, 1, 0, 7]:
        case("split", f"split n={num} seed={seed}", seed, f"(k) => random.split(k, {num})", lambda k, n=num: jax.random.split(k, n))
    case("split", f"split shape=[2,3] seed={seed}", seed, "(k) => random.split(k, [2, 3])", lambda k: jax.random.split(k, (2, 3)))
    case(
        "split",
        f"split twice seed={seed}",
        seed,
        "(k) => { const [, b] = random.split(k); return random.split(b, 4); }",
        lambda k: jax.random.split(jax.random.split(k)[1], 4),
    )
    for data in [0, 1, 7, 2**31 - 1, 12345678]:
        case("foldIn", f"foldIn {data} seed={seed}", seed, f"(k) => random.foldIn(k, {data})", lambda k, d=data: jax.random.fold_in(k, d))
    case(
        "foldIn",
        f"foldIn chain seed={seed}",
        seed,
        "(k) => random.foldIn(random.foldIn(k, 3), 4)",
        lambda k: jax.random.fold_in(jax.random.fold_in(k, 3), 4),
    )
    for shape in SHAPES:
        case(
            "bits",
            f"bits {shape} seed={seed}",
            seed,
            f"(k) => random.bits(k, {js_shape(shape)})",
            lambda k, s=shape: jax.random.bits(k, tuple(s)),
        )
    case("bits", f"bits [1000] seed={seed}", seed, "(k) => random.bits(k, [1000])", lambda k: jax.random.bits(k, (1000,)))

# ---- float samplers -----------------------------------------------------------------------------------------
DTYPES = [("float32", False), ("float64", True)]
for seed in SEEDS:
    for dt, x64 in DTYPES:
        for shape in SHAPES + [[257]]:
            s = js_shape(shape)
            t = tuple(shape)
            case(
                "uniform",
                f"uniform {shape} {dt} seed={seed}",
                seed,
                f'(k) => random.uniform(k, {s}, {{ dtype: "{dt}" }})',
                lambda k, t=t, dt=dt: jax.random.uniform(k, t, dtype=dt),
                x64,
            )
            case(
                "normal",
                f"normal {shape} {dt} seed={seed}",
                seed,
                f'(k) => random.normal(k, {s}, {{ dtype: "{dt}" }})',
                lambda k, t=t, dt=dt: jax.random.normal(k, t, dtype=dt),
                x64,
            )
            case(
                "gumbel",
                f"gumbel {shape} {dt} seed={seed}",
                seed,
                f'(k) => random.gumbel(k, {s}, {{ dtype: "{dt}" }})',
                lambda k, t=t, dt=dt: jax.random.gumbel(k, t, dtype=dt),
                x64,
            )
            case(
                "exponential",
                f"exponential {shape} {dt} seed={seed}",
                seed,
                f'(k) => random.exponential(k, {s}, {{ dtype: "{dt}" }})',
                lambda k, t=t, dt=dt: jax.random.exponential(k, t, dtype=dt),
                x64,
            )
        for lo, hi in [(-2.0, 3.0), (10.0, 10.5), (-1e3, 1e-3)]:
            case(
                "uniform",
                f"uniform [{lo}, {hi}) {dt} seed={seed}",
                seed,
                f'(k) => random.uniform(k, [9], {{ dtype: "{dt}", minval: {lo}, maxval: {hi} }})',
                lambda k, lo=lo, hi=hi, dt=dt: jax.random.uniform(k, (9,), dtype=dt, minval=lo, maxval=hi),
                x64,
            )
        for lo, hi in [(-2.0, 2.0), (0.0, math.inf), (-1.0, 0.5), (1.5, 4.0)]:
            js_hi = "Infinity" if hi == math.inf else hi
            case(
                "truncatedNormal",
                f"truncatedNormal ({lo}, {hi}) {dt} seed={seed}",
                seed,
                f'(k) => random.truncatedNormal(k, {lo}, {js_hi}, [11], {{ dtype: "{dt}" }})',
                lambda k, lo=lo, hi=hi, dt=dt: jax.random.truncated_normal(k, lo, hi, (11,), dtype=dt),
                x64,
            )
    for p in [0.5, 0.1, 0.9]:
        for shape in [[], [7], [3, 5]]:
            case(
                "bernoulli",
                f"bernoulli p={p} {shape} seed={seed}",
                seed,
                f"(k) => random.bernoulli(k, {p}, {js_shape(shape)})",
                lambda k, p=p, t=tuple(shape): jax.random.bernoulli(k, p, t),
            )
    case(
        "bernoulli",
        f"bernoulli p array seed={seed}",
        seed,
        "(k) => random.bernoulli(k, np.array([0.1, 0.5, 0.9, 0, 1]))",
        lambda k: jax.random.bernoulli(k, jnp.array([0.1, 0.5, 0.9, 0, 1], dtype=jnp.float32)),
    )

# ---- categorical, randint ------------------------------------------------------------------------------------
LOGITS = [[0.5, -1.0, 2.0, 0.0, 1.0], [[0.1, 0.2, 0.3, 0.4], [3.0, -2.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0]]]
for seed in SEEDS:
    l1, l2 = LOGITS
    case(
        "categorical",
        f"categorical 1-d seed={seed}",
        seed,
        f"(k) => random.categorical(k, np.array({l1}))",
        lambda k: jax.random.categorical(k, jnp.array(l1, jnp.float32)),
    )
    case(
        "categorical",
        f"categorical 1-d shape=[6] seed={seed}",
        seed,
        f"(k) => random.categorical(k, np.array({l1}), {{ shape: [6] }})",
        lambda k: jax.random.categorical(k, jnp.array(l1, jnp.float32), shape=(6,)),
    )
    case(
        "categorical",
        f"categorical 2-d axis=-1 seed={seed}",
        seed,
        f"(k) => random.categorical(k, np.array({l2}))",
        lambda k: jax.random.categorical(k, jnp.array(l2, jnp.float32)),
    )
    case(
        "categorical",
        f"categorical 2-d axis=0 seed={seed}",
        seed,
        f"(k) => random.categorical(k, np.array({l2}), {{ axis: 0 }})",
        lambda k: jax.random.categorical(k, jnp.array(l2, jnp.float32), axis=0),
    )
    case(
        "categorical",
        f"categorical 2-d shape=[2,3] seed={seed}",
        seed,
        f"(k) => random.categorical(k, np.array({l2}), {{ shape: [2, 3] }})",
        lambda k: jax.random.categorical(k, jnp.array(l2, jnp.float32), shape=(2, 3)),
    )
    for lo, hi in [(0, 10), (-5, 5), (-(2**31), 2**31 - 1), (5, 3), (0, 1), (100, 1000000007 % 2**31)]:
        for shape in [[], [1], [7], [3, 5]]:
            case(
                "randint",
                f"randint [{lo}, {hi}) {shape} seed={seed}",
                seed,
                f"(k) => random.randint(k, {js_shape(shape)}, {lo}, {hi})",
                lambda k, lo=lo, hi=hi, t=tuple(shape): jax.random.randint(k, t, lo, hi),
            )
    case(
        "randint",
        f"randint uint32 seed={seed}",
        seed,
        '(k) => random.randint(k, [8], 0, 100, { dtype: "uint32" })',
        lambda k: jax.random.randint(k, (8,), 0, 100, dtype=jnp.uint32),
    )
    case(
        "randint",
        f"randint array bounds seed={seed}",
        seed,
        '(k) => random.randint(k, [2, 3], np.array([0, 10, -4], { dtype: "int32" }), np.array([[5], [20]], { dtype: "int32" }))',
        lambda k: jax.random.randint(k, (2, 3), jnp.array([0, 10, -4], jnp.int32), jnp.array([[5], [20]], jnp.int32)),
    )

# ---- permutation, choice -------------------------------------------------------------------------------------
for seed in SEEDS:
    for n in [0, 1, 2, 7, 100, 2000]:
        # 2000 > 2^(32/3): JAX's shuffle takes two sorting rounds
        case(
            "permutation",
            f"permutation {n} seed={seed}",
            seed,
            f"(k) => random.permutation(k, {n})",
            lambda k, n=n: jax.random.permutation(k, n),
            heavy=n > 1000,
        )
    m = np.arange(15, dtype=np.float32).reshape(5, 3)
    case(
        "permutation",
        f"permutation rows seed={seed}",
        seed,
        f"(k) => random.permutation(k, np.array({m.tolist()}))",
        lambda k: jax.random.permutation(k, jnp.array(m)),
    )
    case(
        "permutation",
        f"permutation axis=1 seed={seed}",
        seed,
        f"(k) => random.permutation(k, np.array({m.tolist()}), {{ axis: 1 }})",
        lambda k: jax.random.permutation(k, jnp.array(m), axis=1),
    )
    p = [0.1, 0.2, 0.3, 0.05, 0.35]
    case("choice", f"choice 10 [5] seed={seed}", seed, "(k) => random.choice(k, 10, [5])", lambda k: jax.random.choice(k, 10, (5,)))
    case(
        "choice",
        f"choice 10 [2,3] no replace seed={seed}",
        seed,
        "(k) => random.choice(k, 10, [2, 3], { replace: false })",
        lambda k: jax.random.choice(k, 10, (2, 3), replace=False),
    )
    case(
        "choice",
        f"choice p [7] seed={seed}",
        seed,
        f"(k) => random.choice(k, 5, [7], {{ p: np.array({p}) }})",
        lambda k: jax.random.choice(k, 5, (7,), p=jnp.array(p, jnp.float32)),
    )
    case(
        "choice",
        f"choice p no replace seed={seed}",
        seed,
        f"(k) => random.choice(k, 5, [3], {{ p: np.array({p}), replace: false }})",
        lambda k: jax.random.choice(k, 5, (3,), p=jnp.array(p, jnp.float32), replace=False),
    )
    case(
        "choice",
        f"choice rows of array seed={seed}",
        seed,
        f"(k) => random.choice(k, np.array({m.tolist()}), [4])",
        lambda k: jax.random.choice(k, jnp.array(m), (4,)),
    )
    case(
        "choice",
        f"choice axis=1 no replace seed={seed}",
        seed,
        f"(k) => random.choice(k, np.array({m.tolist()}), [2], {{ axis: 1, replace: false }})",
        lambda k: jax.random.choice(k, jnp.array(m), (2,), axis=1, replace=False),
    )

# ---- nn.initializers (jax.nn.initializers built on the samplers above) ---------------------------------------
I = jax.nn.initializers
INITS = [
    ("glorotUniform()", I.glorot_uniform(), [4, 5]),
    ("glorotNormal()", I.glorot_normal(), [4, 5]),
    ("heUniform()", I.he_uniform(), [3, 3, 2, 4]),
    ("heNormal()", I.he_normal(), [3, 3, 2, 4]),
    ("lecunUniform()", I.lecun_uniform(), [6, 3]),
    ("lecunNormal()", I.lecun_normal(), [6, 3]),
    ("xavierUniform({ inAxis: 0, outAxis: [1, 2] })", I.xavier_uniform(in_axis=0, out_axis=(1, 2)), [3, 2, 4]),
    ("kaimingNormal({ batchAxis: 0 })", I.kaiming_normal(batch_axis=0), [2, 5, 3]),
    ("varianceScaling(0.5, 'fanOut', 'normal')", I.variance_scaling(0.5, "fan_out", "normal"), [5, 7]),
    ("varianceScaling(3, 'fanGeoAvg', 'uniform')", I.variance_scaling(3, "fan_geo_avg", "uniform"), [2, 8]),
    ("normal(0.3)", I.normal(0.3), [3, 4]),
    ("uniform(2.5)", I.uniform(2.5), [3, 4]),
    ("truncatedNormal(0.7, { lower: -1, upper: 3 })", I.truncated_normal(0.7, lower=-1.0, upper=3.0), [10]),
    ("constant(-1.5)", I.constant(-1.5), [2, 3]),
    ("orthogonal()", I.orthogonal(), [4, 3]),
    ("orthogonal(2, { columnAxis: 0 })", I.orthogonal(2.0, column_axis=0), [3, 2, 4]),
]
for seed in SEEDS[:2]:
    for js, init, shape in INITS:
        case(
            "initializers",
            f"{js} {shape} seed={seed}",
            seed,
            f"(k) => nn.initializers.{js}(k, {js_shape(shape)})",
            lambda k, i=init, s=shape: i(k, s),
        )
    for js, init, shape in [INITS[0], INITS[3], INITS[8], INITS[14]]:
        case(
            "initializers",
            f"{js} {shape} float64 seed={seed}",
            seed,
            f"(k) => nn.initializers.{js}(k, {js_shape(shape)}, 'float64')",
            lambda k, i=init, s=shape: i(k, s, jnp.float64),
            x64=True,
        )
for name in ["zeros", "ones"]:
    case("initializers", f"{name}", 0, f"(k) => nn.initializers.{name}(k, [2, 3])", lambda k, n=name: getattr(I, n)(k, (2, 3)))

# ---- distributions (test/random/distributions.test.ts): keys as values, then every jax.random sampler ---------
def A(x):
    """A float32 JAX array and the same data as numjit source."""
    return jnp.array(x, jnp.float32), f"np.array({json.dumps(x)})"


DSEEDS = [0, 42, -1]
for seed in [0, 7, -1, 2**31 - 1]:
    case("PRNGKey", f"PRNGKey({seed})", seed, f"(k) => random.PRNGKey({seed})", lambda k, s=seed: jax.random.PRNGKey(s))
    case("PRNGKey", f"keyData seed={seed}", seed, "(k) => random.keyData(k)", lambda k: jax.random.key_data(k))
    case(
        "PRNGKey",
        f"wrapKeyData split seed={seed}",
        seed,
        "(k) => random.normal(random.wrapKeyData([...random.keyData(random.split(k, 3))][1]), [3])",
        lambda k: jax.random.normal(jax.random.split(k, 3)[1], (3,)),
    )
    case("PRNGKey", f"clone seed={seed}", seed, "(k) => random.uniform(random.clone(k), [4])",
        lambda k: jax.random.uniform(jax.random.clone(k), (4,)))

NOPARAM = ["cauchy", "laplace", "logistic", "maxwell"]
for seed in DSEEDS:
    for dt, x64 in DTYPES:
        for shape in [[], [0], [7], [3, 5]]:
            for fn in NOPARAM:
                case(
                    fn,
                    f"{fn} {shape} {dt} seed={seed}",
                    seed,
                    f'(k) => random.{fn}(k, {js_shape(shape)}, {{ dtype: "{dt}" }})',
                    lambda k, fn=fn, t=tuple(shape), dt=dt: getattr(jax.random, fn)(k, t, dtype=dt),
                    x64,
                )
    for shape in [[], [0], [9], [2, 3]]:
        case("rademacher", f"rademacher {shape} seed={seed}", seed, f"(k) => random.rademacher(k, {js_shape(shape)})",
             lambda k, t=tuple(shape): jax.random.rademacher(k, t))
    case("rademacher", f"rademacher float32 seed={seed}", seed, '(k) => random.rademacher(k, [6], { dtype: "float32" })',
         lambda k: jax.random.rademacher(k, (6,), dtype=jnp.float32))


def dist(area, name, js, py, seeds=DSEEDS, x64=False):
    for seed in seeds:
        case(area, f"{name} seed={seed}", seed, js, py, x64)


a3, a3js = A([0.5, 1.0, 2.5])
col, coljs = A([[1.0], [3.0]])
for dt, x64 in DTYPES:
    o = f'{{ dtype: "{dt}" }}'
    dist("lognormal", f"lognormal [7] {dt}", f"(k) => random.lognormal(k, 1, [7], {o})",
        lambda k, dt=dt: jax.random.lognormal(k, 1.0, (7,), dt), x64=x64)
    dist("pareto", f"pareto b=3 [7] {dt}", f"(k) => random.pareto(k, 3, [7], {o})",
        lambda k, dt=dt: jax.random.pareto(k, 3.0, (7,), dt), x64=x64)
    dist("rayleigh", f"rayleigh 2 [7] {dt}", f"(k) => random.rayleigh(k, 2, [7], {o})",
        lambda k, dt=dt: jax.random.rayleigh(k, 2.0, (7,), dt), x64=x64)
    dist("wald", f"wald 1.5 [7] {dt}", f"(k) => random.wald(k, 1.5, [7], {o})", lambda k, dt=dt: jax.random.wald(k, 1.5, (7,), dt), x64=x64)
    dist("weibullMin", f"weibullMin 2 1.5 [7] {dt}", f"(k) => random.weibullMin(k, 2, 1.5, [7], {o})",
         lambda k, dt=dt: jax.random.weibull_min(k, 2.0, 1.5, (7,), dt), x64=x64)
    dist("triangular", f"triangular -1 0.5 2 [7] {dt}", f"(k) => random.triangular(k, -1, 0.5, 2, [7], {o})",
         lambda k, dt=dt: jax.random.triangular(k, -1.0, 0.5, 2.0, (7,), dt), x64=x64)
    dist("doubleSidedMaxwell", f"doubleSidedMaxwell 1 2 [5] {dt}", f"(k) => random.doubleSidedMaxwell(k, 1, 2, [5], {o})",
         lambda k, dt=dt: jax.random.double_sided_maxwell(k, 1.0, 2.0, (5,), dt), x64=x64)
    dist("gamma", f"gamma [0.1..10] {dt}", f"(k) => random.gamma(k, np.array([0.1, 0.5, 1, 2.5, 10], {o}), null, {o})",
         lambda k, dt=dt: jax.random.gamma(k, jnp.array([0.1, 0.5, 1, 2.5, 10], dt), None, dt), x64=x64)
    dist("loggamma", f"loggamma [0.01..10] {dt}", f"(k) => random.loggamma(k, np.array([0.01, 0.5, 1, 2.5, 10], {o}), null, {o})",
         lambda k, dt=dt: jax.random.loggamma(k, jnp.array([0.01, 0.5, 1, 2.5, 10], dt), None, dt), x64=x64)
    dist("beta", f"beta [6] {dt}", f"(k) => random.beta(k, 0.5, 2, [6], {o})",
        lambda k, dt=dt: jax.random.beta(k, 0.5, 2.0, (6,), dt), x64=x64)
    dist("chisquare", f"chisquare 3 [6] {dt}", f"(k) => random.chisquare(k, 3, [6], {o})",
        lambda k, dt=dt: jax.random.chisquare(k, 3.0, (6,), dt), x64=x64)
    dist("f", f"f 4 7 [6] {dt}", f"(k) => random.f(k, 4, 7, [6], {o})", lambda k, dt=dt: jax.random.f(k, 4.0, 7.0, (6,), dt), x64=x64)
    dist("t", f"t 5 [6] {dt}", f"(k) => random.t(k, 5, [6], {o})", lambda k, dt=dt: jax.random.t(k, 5.0, (6,), dt), x64=x64)
    dist("dirichlet", f"dirichlet [3] {dt}", f"(k) => random.dirichlet(k, np.array([0.5, 1, 3], {o}), [2], {o})",
         lambda k, dt=dt: jax.random.dirichlet(k, jnp.array([0.5, 1, 3], dt), (2,), dt), x64=x64)
    dist("generalizedNormal", f"generalizedNormal p=1.5 [6] {dt}", f"(k) => random.generalizedNormal(k, 1.5, [6], {o})",
         lambda k, dt=dt: jax.random.generalized_normal(k, 1.5, (6,), dt), x64=x64)
    dist("ball", f"ball d=3 p=2 [4] {dt}", f"(k) => random.ball(k, 3, 2, [4], {o})",
        lambda k, dt=dt: jax.random.ball(k, 3, 2, (4,), dt), x64=x64)
    dist("binomial", f"binomial n=[5,50] p=0.3 {dt}", f"(k) => random.binomial(k, np.array([5, 50], {o}), 0.3, [3, 2], {o})",
         lambda k, dt=dt: jax.random.binomial(k, jnp.array([5, 50], dt), 0.3, (3, 2), dt), x64=x64)
    dist("multivariateNormal", f"multivariateNormal cholesky {dt}",
         f"(k) => random.multivariateNormal(k, np.array([1, -1], {o}), np.array([[2, 0.5], [0.5, 1]], {o}), [4])",
         lambda k, dt=dt: jax.random.multivariate_normal(k, jnp.array([1, -1], dt), jnp.array([[2, 0.5], [0.5, 1]], dt), (4,)), x64=x64)
    dist("orthogonal", f"orthogonal n=3 {dt}", f"(k) => random.orthogonal(k, 3, [], {o})",
        lambda k, dt=dt: jax.random.orthogonal(k, 3, (), dt), x64=x64)

# parameters broadcast, shapes None / 0-size / explicit
dist("lognormal", "lognormal sigma array", f"(k) => random.lognormal(k, {a3js})", lambda k: jax.random.lognormal(k, a3))
dist("lognormal", "lognormal default", "(k) => random.lognormal(k)", lambda k: jax.random.lognormal(k))
dist("pareto", "pareto b column, shape [2,4]", f"(k) => random.pareto(k, {coljs}, [2, 4])", lambda k: jax.random.pareto(k, col, (2, 4)))
dist("pareto", "pareto b array shape null", f"(k) => random.pareto(k, {a3js})", lambda k: jax.random.pareto(k, a3))
dist("pareto", "pareto [0]", "(k) => random.pareto(k, 2, [0])", lambda k: jax.random.pareto(k, 2.0, (0,)))
dist("rayleigh", "rayleigh scale array", f"(k) => random.rayleigh(k, {a3js}, [2, 3])", lambda k: jax.random.rayleigh(k, a3, (2, 3)))
dist("wald", "wald mean column", f"(k) => random.wald(k, {coljs})", lambda k: jax.random.wald(k, col))
dist("weibullMin", "weibullMin arrays", f"(k) => random.weibullMin(k, {coljs}, {a3js}, [2, 3])",
    lambda k: jax.random.weibull_min(k, col, a3, (2, 3)))
dist("triangular", "triangular arrays", f"(k) => random.triangular(k, 0, {a3js}, 3)", lambda k: jax.random.triangular(k, 0.0, a3, 3.0))
dist("doubleSidedMaxwell", "doubleSidedMaxwell loc array", f"(k) => random.doubleSidedMaxwell(k, {a3js}, 1)",
     lambda k: jax.random.double_sided_maxwell(k, a3, 1.0))
dist("doubleSidedMaxwell", "doubleSidedMaxwell shape [2] loc array", f"(k) => random.doubleSidedMaxwell(k, {a3js}, 1, [2])",
     lambda k: jax.random.double_sided_maxwell(k, a3, 1.0, (2,)))
dist("geometric", "geometric p=0.3 [9]", "(k) => random.geometric(k, 0.3, [9])", lambda k: jax.random.geometric(k, 0.3, (9,)))
dist("geometric", "geometric p array", f"(k) => random.geometric(k, np.array([0.05, 0.5, 0.99]), [2, 3])",
     lambda k: jax.random.geometric(k, jnp.array([0.05, 0.5, 0.99], jnp.float32), (2, 3)))
dist("geometric", "geometric [0]", "(k) => random.geometric(k, 0.5, [0])", lambda k: jax.random.geometric(k, 0.5, (0,)))
dist("gamma", "gamma a=2 [3,4]", "(k) => random.gamma(k, 2, [3, 4])", lambda k: jax.random.gamma(k, 2.0, (3, 4)))
dist("gamma", "gamma column broadcast", f"(k) => random.gamma(k, {coljs}, [2, 3])", lambda k: jax.random.gamma(k, col, (2, 3)))
dist("gamma", "gamma scalar", "(k) => random.gamma(k, 0.7)", lambda k: jax.random.gamma(k, 0.7))
dist("gamma", "gamma [0]", "(k) => random.gamma(k, 1, [0])", lambda k: jax.random.gamma(k, 1.0, (0,)))
dist("gamma", "gamma [64] a=0.3", "(k) => random.gamma(k, 0.3, [64])", lambda k: jax.random.gamma(k, 0.3, (64,)))
dist("loggamma", "loggamma a=0.001 [8]", "(k) => random.loggamma(k, 0.001, [8])", lambda k: jax.random.loggamma(k, 0.001, (8,)))
dist("beta", "beta arrays", f"(k) => random.beta(k, {a3js}, {coljs})", lambda k: jax.random.beta(k, a3, col))
dist("beta", "beta [0]", "(k) => random.beta(k, 1, 1, [0, 2])", lambda k: jax.random.beta(k, 1.0, 1.0, (0, 2)))
dist("dirichlet", "dirichlet 2-d alpha", "(k) => random.dirichlet(k, np.array([[1, 1, 1, 1], [0.1, 0.2, 5, 2]]))",
     lambda k: jax.random.dirichlet(k, jnp.array([[1, 1, 1, 1], [0.1, 0.2, 5, 2]], jnp.float32)))
dist("chisquare", "chisquare df array", f"(k) => random.chisquare(k, {a3js}, [2, 3])", lambda k: jax.random.chisquare(k, a3, (2, 3)))
dist("f", "f arrays", f"(k) => random.f(k, {a3js}, np.array([2, 9, 30]))",
    lambda k: jax.random.f(k, a3, jnp.array([2.0, 9, 30], jnp.float32)))
dist("t", "t df array", f"(k) => random.t(k, {a3js})", lambda k: jax.random.t(k, a3))
dist("generalizedNormal", "generalizedNormal p=0.5 [2,3]", "(k) => random.generalizedNormal(k, 0.5, [2, 3])",
     lambda k: jax.random.generalized_normal(k, 0.5, (2, 3)))
dist("ball", "ball d=2 p=1 []", "(k) => random.ball(k, 2, 1)", lambda k: jax.random.ball(k, 2, 1))
for lam in [0.0, 0.5, 3.0, 9.9, 10.0, 50.0, 1000.0]:
    dist("poisson", f"poisson lam={lam} [7]", f"(k) => random.poisson(k, {lam}, [7])", lambda k, l=lam: jax.random.poisson(k, l, (7,)))
dist("poisson", "poisson lam array", "(k) => random.poisson(k, np.array([[1, 12], [0.1, 200]]))",
     lambda k: jax.random.poisson(k, jnp.array([[1, 12], [0.1, 200]], jnp.float32)))
dist("poisson", "poisson [0]", "(k) => random.poisson(k, 2, [0])", lambda k: jax.random.poisson(k, 2.0, (0,)))
dist("poisson", "poisson column broadcast", "(k) => random.poisson(k, np.array([[2], [40]]), [2, 3])",
     lambda k: jax.random.poisson(k, jnp.array([[2], [40]], jnp.float32), (2, 3)))
for n, p in [(5, 0.5), (20, 0.1), (100, 0.5), (1000, 0.9), (30, 0.0), (30, 1.0)]:
    dist("binomial", f"binomial n={n} p={p} [6]", f"(k) => random.binomial(k, {n}, {p}, [6])",
        lambda k, n=n, p=p: jax.random.binomial(k, n, p, (6,)))
dist("binomial", "binomial arrays", "(k) => random.binomial(k, np.array([[10], [200]]), np.array([0.2, 0.7, 0.95]))",
     lambda k: jax.random.binomial(k, jnp.array([[10], [200]], jnp.float32), jnp.array([0.2, 0.7, 0.95], jnp.float32)))
dist("binomial", "binomial [0]", "(k) => random.binomial(k, 5, 0.5, [0])", lambda k: jax.random.binomial(k, 5, 0.5, (0,)))
pm, pmjs = A([0.2, 0.3, 0.5])
dist("multinomial", "multinomial n=10", f"(k) => random.multinomial(k, 10, {pmjs})", lambda k: jax.random.multinomial(k, 10, pm))
dist("multinomial", "multinomial n=100 shape [4,3]", f"(k) => random.multinomial(k, 100, {pmjs}, {{ shape: [4, 3] }})",
     lambda k: jax.random.multinomial(k, 100.0, pm, shape=(4, 3)))
dist("multinomial", "multinomial n array", f"(k) => random.multinomial(k, np.array([5, 500]), np.array([[0.1, 0.9], [0.6, 0.4]]))",
     lambda k: jax.random.multinomial(k, jnp.array([5, 500], jnp.float32), jnp.array([[0.1, 0.9], [0.6, 0.4]], jnp.float32)))
cov = [[2.0, 0.5, 0.1], [0.5, 1.0, 0.2], [0.1, 0.2, 0.5]]
# eigh and svd factors are unique only up to the signs of the eigen/singular vectors, which LAPACK picks:
# distributions.test.ts checks those methods by their moments instead
for method in ["cholesky"]:
    dist("multivariateNormal", f"multivariateNormal {method} [2]",
         f"(k) => random.multivariateNormal(k, np.array([0, 1, 2]), np.array({cov}), [2], {{ method: '{method}' }})",
         lambda k, m=method: jax.random.multivariate_normal(k, jnp.array([0.0, 1, 2]), jnp.array(cov), (2,), method=m))
dist("multivariateNormal", "multivariateNormal batch mean",
     "(k) => random.multivariateNormal(k, np.array([[0, 0], [5, 5], [1, 2]]), np.array([[1, 0], [0, 4]]))",
     lambda k: jax.random.multivariate_normal(k, jnp.array([[0.0, 0], [5, 5], [1, 2]]), jnp.array([[1.0, 0], [0, 4]])))
dist("orthogonal", "orthogonal n=4 [2]", "(k) => random.orthogonal(k, 4, [2])", lambda k: jax.random.orthogonal(k, 4, (2,)))
dist("orthogonal", "orthogonal n=2 m=5", "(k) => random.orthogonal(k, 2, [], { m: 5 })", lambda k: jax.random.orthogonal(k, 2, (), m=5))
dist("orthogonal", "orthogonal n=5 m=2", "(k) => random.orthogonal(k, 5, [], { m: 2 })", lambda k: jax.random.orthogonal(k, 5, (), m=2))

# implicit reparameterization gradients (JAX's random_gamma_grad) wrt the shape parameters; `grad` is in scope
GA = [0.1, 0.5, 1.0, 2.5, 10.0, 50.0]
for dt, x64 in DTYPES:
    dist("gammaGrad", f"grad gamma {dt}",
         f'(k) => grad((a) => np.sum(random.gamma(k, a, null, {{ dtype: "{dt}" }})))(np.array({GA}, {{ dtype: "{dt}" }}))',
         lambda k, dt=dt: jax.grad(lambda a: jax.random.gamma(k, a, None, dt).sum())(jnp.array(GA, dt)), x64=x64)
    dist("gammaGrad", f"grad loggamma {dt}",
         f'(k) => grad((a) => np.sum(random.loggamma(k, a, null, {{ dtype: "{dt}" }})))(np.array({GA}, {{ dtype: "{dt}" }}))',
         lambda k, dt=dt: jax.grad(lambda a: jax.random.loggamma(k, a, None, dt).sum())(jnp.array(GA, dt)), x64=x64)
dist("gammaGrad", "grad beta wrt a", "(k) => grad((a) => np.sum(random.beta(k, a, 2)))(np.array([0.5, 1, 4]))",
     lambda k: jax.grad(lambda a: jax.random.beta(k, a, 2.0).sum())(jnp.array([0.5, 1, 4], jnp.float32)))
dist("gammaGrad", "grad dirichlet weighted",
     "(k) => grad((a) => np.sum(np.multiply(random.dirichlet(k, a), np.array([1, 2, 3]))))(np.array([0.5, 1, 4]))",
     lambda k: jax.grad(lambda a: (jax.random.dirichlet(k, a) * jnp.array([1.0, 2, 3])).sum())(jnp.array([0.5, 1, 4], jnp.float32)))
dist("gammaGrad", "grad chisquare", "(k) => grad((d) => np.sum(random.chisquare(k, d, [4])))(np.array(3))",
     lambda k: jax.grad(lambda d: jax.random.chisquare(k, d, (4,)).sum())(jnp.array(3.0, jnp.float32)))

out_dir.mkdir(parents=True, exist_ok=True)
for area, cases in files.items():
    (out_dir / f"{area}.json").write_text(json.dumps({"area": area, "jax": jax.__version__, "cases": cases}, indent=None) + "\n")
    print(f"{area}: {len(cases)} cases")
