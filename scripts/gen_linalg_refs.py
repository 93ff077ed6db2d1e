"""Reference cases for numpy.linalg (area "decomp"), numpy.fft ("fft") and convolution ("conv").

Called by gen_numpy_refs.py (`generate(module)`, with that module's case registry and helpers); its own
seeded stream, so the other areas' cases do not move. Decompositions whose factors are unique only up
to signs (qr, svd, eigh) are compared through invariants: reconstructions, Q^T Q, |R|, |U|, |V| (distinct
values), the values themselves. lax.conv_general_dilated and lax.linalg.triangular_solve come from JAX.
Complex results use numjit's layout: a trailing axis of 2 (real, imaginary).
"""

import numpy as np

rng = np.random.default_rng(15)
F32, F64, I32 = "float32", "float64", "int32"
NPD = {F32: np.float32, F64: np.float64, I32: np.int32}
TOL = {F32: (1e-4, 1e-5), F64: (1e-9, 1e-10)}


def rnd(shape, dt=F64, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, size=shape).astype(NPD[dt])


def well(shape, dt):
    """Well-conditioned square matrices: random + n I."""
    n = shape[-1]
    return (rng.uniform(-1, 1, size=shape) + n * np.eye(n)).astype(NPD[dt])


def spd(shape, dt):
    m = rng.uniform(-1, 1, size=shape)
    return (m @ np.swapaxes(m, -1, -2) + shape[-1] * np.eye(shape[-1])).astype(NPD[dt])


def sym(shape, dt):
    m = rng.uniform(-2, 2, size=shape)
    return ((m + np.swapaxes(m, -1, -2)) / 2).astype(NPD[dt])


def w64(a):
    return np.asarray(a).astype(np.float64)


def cx(z, dt):
    """A complex numpy array in numjit's layout."""
    return np.stack([z.real, z.imag], -1).astype(NPD[dt])


def from_cx(a):
    a = w64(a)
    return a[..., 0] + 1j * a[..., 1]


def gen_decomp(g):
    A = "decomp"

    def c(name, fn, inputs, expected, dt=F64, **kw):
        g.case(A, name, fn, inputs, expected, tol=kw.pop("tol", TOL[dt]), **kw)

    for dt in (F32, F64):
        s = f" {dt}"
        a3, b3 = well((3, 3), dt), rnd((3,), dt)
        c("solve vector" + s, "(a, b) => np.linalg.solve(a, b)", [a3, b3], lambda a, b: g.finish(np.linalg.solve(w64(a), w64(b)), dt), dt)
        ab, bb = well((2, 4, 4), dt), rnd((2, 4, 3), dt)
        c("solve batched" + s, "(a, b) => np.linalg.solve(a, b)", [ab, bb], lambda a, b: g.finish(np.linalg.solve(w64(a), w64(b)), dt), dt)
        bbc = rnd((5, 3, 2), dt)
        c(
            "solve broadcast batch" + s,
            "(a, b) => np.linalg.solve(a, b)",
            [a3, bbc],
            lambda a, b: g.finish(np.linalg.solve(w64(a), w64(b)), dt),
            dt,
        )
        c("inv" + s, "(a) => np.linalg.inv(a)", [well((4, 4), dt)], lambda a: g.finish(np.linalg.inv(w64(a)), dt), dt)
        c("inv batched" + s, "(a) => np.linalg.inv(a)", [well((2, 3, 3), dt)], lambda a: g.finish(np.linalg.inv(w64(a)), dt), dt)
        c("det" + s, "(a) => np.linalg.det(a)", [rnd((4, 4), dt, -2, 2)], lambda a: g.finish(np.linalg.det(w64(a)), dt), dt)
        c("det batched" + s, "(a) => np.linalg.det(a)", [rnd((3, 2, 2), dt, -2, 2)], lambda a: g.finish(np.linalg.det(w64(a)), dt), dt)
        c(
            "slogdet" + s,
            "(a) => np.linalg.slogdet(a)",
            [rnd((2, 4, 4), dt, -2, 2)],
            lambda a: [g.finish(v, dt) for v in np.linalg.slogdet(w64(a))],
            dt,
        )
        c("cholesky" + s, "(a) => np.linalg.cholesky(a)", [spd((4, 4), dt)], lambda a: g.finish(np.linalg.cholesky(w64(a)), dt), dt)
        c(
            "cholesky batched upper" + s,
            "(a) => np.linalg.cholesky(a, { upper: true })",
            [spd((2, 3, 3), dt)],
            lambda a: g.finish(np.linalg.cholesky(w64(a), upper=True), dt),
            dt,
        )
        for shape, mode in (((4, 3), "reduced"), ((3, 4), "reduced"), ((2, 3, 3), "reduced"), ((4, 3), "complete")):
            c(
                f"qr {shape} {mode}: QR, Q^T Q, |R|" + s,
                f"(x) => {{ const [q, r] = np.linalg.qr(x, {g.js(mode)}); "
                + "return [np.matmul(q, r), np.matmul(np.swapaxes(q, -1, -2), q), np.abs(r)]; }",
                [rnd(shape, dt)],
                lambda x, mode=mode: (
                    lambda q, r: [g.finish(w64(x), dt), g.finish(np.swapaxes(q, -1, -2) @ q, dt), g.finish(np.abs(r), dt)]
                )(*np.linalg.qr(w64(x), mode=mode)),
                dt,
            )
        c(
            "qr mode r: |R|" + s,
            "(x) => np.abs(np.linalg.qr(x, 'r'))",
            [rnd((5, 3), dt)],
            lambda x: g.finish(np.abs(np.linalg.qr(w64(x), mode="r")), dt),
            dt,
        )
        for shape in ((4, 3), (3, 5), (2, 3, 3)):
            c(
                f"svd {shape}: s, U S V^T, |U|, |V^T|" + s,
                "(x) => { const [u, s, vh] = np.linalg.svd(x, false); "
                + "return [s, np.matmul(np.multiply(u, np.expandDims(s, -2)), vh), np.abs(u), np.abs(vh)]; }",
                [rnd(shape, dt)],
                lambda x: (lambda u, s_, vh: [g.finish(s_, dt), g.finish(w64(x), dt), g.finish(np.abs(u), dt), g.finish(np.abs(vh), dt)])(
                    *np.linalg.svd(w64(x), full_matrices=False)
                ),
                dt,
            )
        c(
            "svd full matrices: U^T U, V V^T, s" + s,
            "(x) => { const [u, s, vh] = np.linalg.svd(x); return [np.matmul(u.T, u), np.matmul(vh, vh.T), s]; }",
            [rnd((5, 3), dt)],
            lambda x: [g.finish(np.eye(5), dt), g.finish(np.eye(3), dt), g.finish(np.linalg.svd(w64(x), compute_uv=False), dt)],
            dt,
        )
        c(
            "svd values only" + s,
            "(x) => np.linalg.svd(x, true, false)",
            [rnd((2, 3, 4), dt)],
            lambda x: g.finish(np.linalg.svd(w64(x), compute_uv=False), dt),
            dt,
        )
        c(
            "eigh: w, V diag(w) V^T, |V|" + s,
            "(x) => { const [w, v] = np.linalg.eigh(x); "
            + "return [w, np.matmul(np.multiply(v, np.expandDims(w, -2)), np.swapaxes(v, -1, -2)), np.abs(v)]; }",
            [sym((2, 4, 4), dt)],
            lambda x: (lambda w, v: [g.finish(w, dt), g.finish(w64(x), dt), g.finish(np.abs(v), dt)])(*np.linalg.eigh(w64(x))),
            dt,
        )
        c(
            "eigvalsh UPLO U" + s,
            "(x) => np.linalg.eigvalsh(x, 'U')",
            [sym((4, 4), dt)],
            lambda x: g.finish(np.linalg.eigvalsh(w64(x), UPLO="U"), dt),
            dt,
        )
        c(
            "eigvalsh of a non-symmetric matrix: of (a + a^T) / 2, as JAX" + s,
            "(x) => np.linalg.eigvalsh(x)",
            [rnd((3, 3), dt)],
            lambda x: g.finish(np.linalg.eigvalsh((w64(x) + w64(x).T) / 2), dt),
            dt,
        )
        c("pinv tall" + s, "(x) => np.linalg.pinv(x)", [rnd((5, 3), dt)], lambda x: g.finish(np.linalg.pinv(w64(x)), dt), dt)
        c("pinv wide batched" + s, "(x) => np.linalg.pinv(x)", [rnd((2, 2, 4), dt)], lambda x: g.finish(np.linalg.pinv(w64(x)), dt), dt)
        c(
            "lstsq" + s,
            "(a, b) => np.linalg.lstsq(a, b)",
            [rnd((6, 3), dt), rnd((6, 2), dt)],
            lambda a, b: (lambda x, res, rk, sv: [g.finish(x, dt), g.finish(res, dt), g.finish(rk, I32), g.finish(sv, dt)])(
                *np.linalg.lstsq(w64(a), w64(b))
            ),
            dt,
        )
        c(
            "matrix_power 3" + s,
            "(a) => np.linalg.matrixPower(a, 3)",
            [rnd((3, 3), dt)],
            lambda a: g.finish(np.linalg.matrix_power(w64(a), 3), dt),
            dt,
        )
        c(
            "matrix_power -2" + s,
            "(a) => np.linalg.matrixPower(a, -2)",
            [well((3, 3), dt)],
            lambda a: g.finish(np.linalg.matrix_power(w64(a), -2), dt),
            dt,
        )
        c(
            "matrix_power 0" + s,
            "(a) => np.linalg.matrixPower(a, 0)",
            [rnd((2, 3, 3), dt)],
            lambda a: g.finish(np.linalg.matrix_power(w64(a), 0), dt),
            dt,
        )
        c(
            "multi_dot with vector ends" + s,
            "(a, b, c, d) => np.linalg.multiDot([a, b, c, d])",
            [rnd((3,), dt), rnd((3, 4), dt), rnd((4, 2), dt), rnd((2,), dt)],
            lambda *xs: g.finish(np.linalg.multi_dot([w64(x) for x in xs]), dt),
            dt,
        )
        for ordv, js_ord in ((None, "null"), (1, "1"), (2, "2"), (np.inf, "Infinity"), (-np.inf, "-Infinity"), (0, "0"), (3, "3")):
            c(
                f"norm vector ord {js_ord}" + s,
                f"(x) => np.linalg.norm(x, {js_ord})",
                [rnd((5,), dt, -2, 2)],
                lambda x, o=ordv: g.finish(np.linalg.norm(w64(x), o), dt),
                dt,
            )
        for ordv, js_ord in (
            ("fro", "'fro'"),
            ("nuc", "'nuc'"),
            (1, "1"),
            (-1, "-1"),
            (2, "2"),
            (-2, "-2"),
            (np.inf, "Infinity"),
            (-np.inf, "-Infinity"),
        ):
            c(
                f"norm matrix ord {js_ord}" + s,
                f"(x) => np.linalg.norm(x, {js_ord})",
                [rnd((4, 3), dt, -2, 2)],
                lambda x, o=ordv: g.finish(np.linalg.norm(w64(x), o), dt),
                dt,
            )
        c(
            "norm over axes (2, 0) keepdims" + s,
            "(x) => np.linalg.norm(x, 'fro', [2, 0], { keepdims: true })",
            [rnd((3, 2, 4), dt)],
            lambda x: g.finish(np.linalg.norm(w64(x), "fro", axis=(2, 0), keepdims=True), dt),
            dt,
        )
        c(
            "norm vector along axis 1" + s,
            "(x) => np.linalg.norm(x, 1, 1)",
            [rnd((3, 4), dt)],
            lambda x: g.finish(np.linalg.norm(w64(x), 1, axis=1), dt),
            dt,
        )
        c(
            "norm of a 3-d array (flattened)" + s,
            "(x) => np.linalg.norm(x)",
            [rnd((2, 3, 2), dt)],
            lambda x: g.finish(np.linalg.norm(w64(x)), dt),
            dt,
        )
    # rank, tensordot and the int / singular corners
    lowrank = (rnd((5, 2)) @ rnd((2, 4))).astype(np.float64)
    c("matrix_rank deficient", "(x) => np.linalg.matrixRank(x)", [lowrank], np.int32(np.linalg.matrix_rank(lowrank)))
    c(
        "matrix_rank batched",
        "(x) => np.linalg.matrixRank(x)",
        [np.stack([lowrank[:4], np.eye(4)])],
        lambda x: np.linalg.matrix_rank(x).astype(np.int32),
    )
    c("matrix_rank of a vector", "(x) => np.linalg.matrixRank(x)", [np.array([0.0, 2.0])], np.int32(1))
    c("det of int32 is float32", "(x) => np.linalg.det(x)", [np.array([[1, 2], [3, 4]], np.int32)], np.float32(-2.0), dt=F32)
    c("det of a singular matrix is 0", "(x) => np.linalg.det(x)", [np.array([[1.0, 2.0], [2.0, 4.0]])], np.float64(0.0))
    c(
        "slogdet of a singular matrix: sign 0, -inf",
        "(x) => np.linalg.slogdet(x)",
        [np.array([[1.0, 2.0], [2.0, 4.0]])],
        [np.float64(0.0), np.float64(-np.inf)],
    )
    c(
        "cholesky of an indefinite matrix is NaN (JAX)",
        "(x) => np.linalg.cholesky(x)",
        [np.array([[1.0, 2.0], [2.0, 1.0]])],
        np.full((2, 2), np.nan),
    )
    t1, t2 = rnd((2, 3, 4)), rnd((3, 4, 5))
    c("tensordot axes 2", "(a, b) => np.linalg.tensordot(a, b)", [t1, t2], lambda a, b: np.tensordot(a, b))
    c("tensordot axes 1", "(a, b) => np.tensordot(a, b, 1)", [rnd((2, 3)), rnd((3, 4))], lambda a, b: np.tensordot(a, b, 1))
    c(
        "tensordot axis lists",
        "(a, b) => np.tensordot(a, b, [[1, 0], [0, 2]])",
        [rnd((3, 2, 4)), rnd((2, 5, 3))],
        lambda a, b: np.tensordot(a, b, ([1, 0], [0, 2])),
    )
    # triangular_solve against JAX (x64 on: float64 stays float64)
    import jax

    jax.config.update("jax_enable_x64", True)
    from jax import lax

    for left in (True, False):
        for lower in (True, False):
            for trans in (False, True):
                for unit in (False, True):
                    a = well((3, 3), F64)
                    b = rnd((2, 3, 3))
                    opts = {"leftSide": left, "lower": lower, "transposeA": trans, "unitDiagonal": unit}
                    ref = lax.linalg.triangular_solve(
                        np.broadcast_to(a, (2, 3, 3)), b, left_side=left, lower=lower, transpose_a=trans, unit_diagonal=unit
                    )
                    c(
                        f"triangular_solve {g.js(opts)}",
                        f"(a, b) => lax.linalg.triangularSolve(a, b, {g.js(opts)})",
                        [a, b],
                        np.asarray(ref),
                    )
    # errors
    g.err(A, "inv of a non-square matrix", "(x) => np.linalg.inv(x)", [rnd((3, 4))], "ShapeError", "NJ106", contains=["inv", "square"])
    g.err(A, "det of a vector", "(x) => np.linalg.det(x)", [rnd((3,))], "ShapeError", "NJ106", contains=["det"])
    g.err(
        A,
        "solve with mismatched rows",
        "(a, b) => np.linalg.solve(a, b)",
        [well((3, 3), F64), rnd((4,))],
        "ShapeError",
        "NJ104",
        contains=["solve"],
    )
    g.err(A, "norm with a bad matrix ord", "(x) => np.linalg.norm(x, 3)", [rnd((3, 3))], "ArgumentError", "NJ301", contains=["norm"])
    g.err(A, "qr with a bad mode", "(x) => np.linalg.qr(x, 'full')", [rnd((3, 3))], "ArgumentError", "NJ301", contains=["qr", "mode"])
    g.err(
        A,
        "matrix_power of a fraction",
        "(x) => np.linalg.matrixPower(x, 0.5)",
        [rnd((3, 3))],
        "ArgumentError",
        "NJ301",
        contains=["matrix_power"],
    )


def gen_fft(g):
    A = "fft"

    def c(name, fn, inputs, expected, dt=F64, **kw):
        g.case(A, name, fn, inputs, expected, tol=kw.pop("tol", TOL[dt]), **kw)

    def crand(shape, dt):
        return cx(rng.uniform(-1, 1, size=shape) + 1j * rng.uniform(-1, 1, size=shape), dt)

    for dt in (F32, F64):
        s = f" {dt}"
        for n in (1, 8, 5, 12, 100):
            c(f"fft n={n}" + s, "(z) => np.fft.fft(z)", [crand((n,), dt)], lambda z: cx(np.fft.fft(from_cx(z)), dt), dt)
        c("ifft batched" + s, "(z) => np.fft.ifft(z)", [crand((3, 6), dt)], lambda z: cx(np.fft.ifft(from_cx(z)), dt), dt)
        c(
            "fft axis 0, n=7 (padded)" + s,
            "(z) => np.fft.fft(z, 7, 0)",
            [crand((5, 3), dt)],
            lambda z: cx(np.fft.fft(from_cx(z), 7, 0), dt),
            dt,
        )
        c("fft n=4 (cropped)" + s, "(z) => np.fft.fft(z, 4)", [crand((2, 6), dt)], lambda z: cx(np.fft.fft(from_cx(z), 4), dt), dt)
        for norm in ("ortho", "forward", "backward"):
            c(
                f"fft/ifft norm {norm}" + s,
                f"(z) => [np.fft.fft(z, null, -1, {g.js(norm)}), np.fft.ifft(z, null, -1, {g.js(norm)})]",
                [crand((6,), dt)],
                lambda z, nm=norm: [cx(np.fft.fft(from_cx(z), norm=nm), dt), cx(np.fft.ifft(from_cx(z), norm=nm), dt)],
                dt,
            )
        for n in (16, 7):
            c(f"rfft n={n}" + s, "(x) => np.fft.rfft(x)", [rnd((n,), dt)], lambda x: cx(np.fft.rfft(w64(x)), dt), dt)
        c(
            "rfft axis 0 ortho" + s,
            "(x) => np.fft.rfft(x, null, 0, 'ortho')",
            [rnd((5, 3), dt)],
            lambda x: cx(np.fft.rfft(w64(x), axis=0, norm="ortho"), dt),
            dt,
        )
        c("irfft default n" + s, "(z) => np.fft.irfft(z)", [crand((9,), dt)], lambda z: g.finish(np.fft.irfft(from_cx(z)), dt), dt)
        c("irfft odd n=15" + s, "(z) => np.fft.irfft(z, 15)", [crand((2, 8), dt)], lambda z: g.finish(np.fft.irfft(from_cx(z), 15), dt), dt)
        c(
            "irfft n=6 from 2 terms (padded)" + s,
            "(z) => np.fft.irfft(z, 6)",
            [crand((2,), dt)],
            lambda z: g.finish(np.fft.irfft(from_cx(z), 6), dt),
            dt,
        )
        c("fft2" + s, "(z) => np.fft.fft2(z)", [crand((4, 6), dt)], lambda z: cx(np.fft.fft2(from_cx(z)), dt), dt)
        c(
            "ifft2 with s" + s,
            "(z) => np.fft.ifft2(z, [3, 8])",
            [crand((2, 4, 6), dt)],
            lambda z: cx(np.fft.ifft2(from_cx(z), s=(3, 8)), dt),
            dt,
        )
        c("fftn all axes" + s, "(z) => np.fft.fftn(z)", [crand((2, 3, 4), dt)], lambda z: cx(np.fft.fftn(from_cx(z)), dt), dt)
        c(
            "ifftn axes [0, 2]" + s,
            "(z) => np.fft.ifftn(z, null, [0, 2])",
            [crand((2, 3, 4), dt)],
            lambda z: cx(np.fft.ifftn(from_cx(z), axes=(0, 2)), dt),
            dt,
        )
        c("rfft2" + s, "(x) => np.fft.rfft2(x)", [rnd((4, 6), dt)], lambda x: cx(np.fft.rfft2(w64(x)), dt), dt)
        c(
            "irfft2 with s" + s,
            "(z) => np.fft.irfft2(z, [4, 6])",
            [crand((4, 4), dt)],
            lambda z: g.finish(np.fft.irfft2(from_cx(z), s=(4, 6)), dt),
            dt,
        )
        c("rfftn" + s, "(x) => np.fft.rfftn(x)", [rnd((2, 3, 4), dt)], lambda x: cx(np.fft.rfftn(w64(x)), dt), dt)
        c("irfftn" + s, "(z) => np.fft.irfftn(z)", [crand((2, 3, 3), dt)], lambda z: g.finish(np.fft.irfftn(from_cx(z)), dt), dt)
        c(
            "complex / real / imag" + s,
            "(a, b) => { const z = np.fft.complex(a, b); return [z, np.fft.real(z), np.fft.imag(z)]; }",
            [rnd((3,), dt), rnd((3,), dt)],
            lambda a, b: [cx(w64(a) + 1j * w64(b), dt), a, b],
            dt,
        )
    c("fft of 4096 (radix-2)", "(z) => np.fft.fft(z)", [crand((4096,), F64)], lambda z: cx(np.fft.fft(from_cx(z)), F64), tol=(1e-8, 1e-9))
    c("fft of 1000 (Bluestein)", "(z) => np.fft.fft(z)", [crand((1000,), F64)], lambda z: cx(np.fft.fft(from_cx(z)), F64), tol=(1e-8, 1e-9))
    c("fftfreq 8", "() => np.fft.fftfreq(8)", [], np.fft.fftfreq(8).astype(np.float32), dt=F32)
    c("fftfreq 7, d=0.5 float64", "() => np.fft.fftfreq(7, 0.5, { dtype: 'float64' })", [], np.fft.fftfreq(7, 0.5))
    c("rfftfreq 8", "() => np.fft.rfftfreq(8)", [], np.fft.rfftfreq(8).astype(np.float32), dt=F32)
    c("rfftfreq 7, d=2", "() => np.fft.rfftfreq(7, 2)", [], np.fft.rfftfreq(7, 2).astype(np.float32), dt=F32)
    x = rnd((4, 5))
    c("fftshift all axes", "(x) => np.fft.fftshift(x)", [x], np.fft.fftshift(x))
    c("ifftshift axis 1", "(x) => np.fft.ifftshift(x, 1)", [x], np.fft.ifftshift(x, 1))
    c("ifftshift inverts fftshift", "(x) => np.fft.ifftshift(np.fft.fftshift(x, [0, 1]), [0, 1])", [x], x)
    g.err(A, "fft of a real array names rfft", "(x) => np.fft.fft(x)", [rnd((8,))], "ShapeError", "NJ106", contains=["fft.fft", "rfft"])
    g.err(A, "fft with n=0", "(z) => np.fft.fft(z, 0)", [crand((4,), F64)], "ArgumentError", "NJ301", contains=["fft.fft"])
    g.err(
        A, "fft with a bad norm", "(z) => np.fft.fft(z, null, -1, 'none')", [crand((4,), F64)], "ArgumentError", "NJ301", contains=["norm"]
    )
    g.err(A, "fft axis out of range", "(z) => np.fft.fft(z, null, 1)", [crand((4,), F64)], "ShapeError", "NJ102", contains=["fft.fft"])


def gen_conv(g):
    A = "conv"
    import jax

    jax.config.update("jax_enable_x64", True)
    from jax import lax

    def c(name, fn, inputs, expected, dt=F64, **kw):
        g.case(A, name, fn, inputs, expected, tol=kw.pop("tol", TOL[dt]), **kw)

    def ref(lhs, rhs, strides, padding, **kw):
        return np.asarray(lax.conv_general_dilated(lhs, rhs, strides, padding, precision=lax.Precision.HIGHEST, **kw))

    cases = [
        ("2-d NCHW VALID", (2, 3, 6, 5), (4, 3, 3, 2), [1, 1], "VALID", {}),
        ("2-d SAME stride 2", (1, 2, 7, 6), (3, 2, 3, 3), [2, 2], "SAME", {}),
        ("2-d explicit padding with a crop", (1, 2, 6, 6), (2, 2, 3, 3), [1, 2], [[2, 1], [-1, 2]], {}),
        ("2-d lhs dilation (transposed conv)", (1, 2, 4, 3), (2, 2, 3, 3), [1, 1], [[2, 2], [1, 1]], {"lhs_dilation": (2, 2)}),
        ("2-d rhs dilation (atrous)", (1, 2, 8, 7), (2, 2, 3, 2), [1, 1], "SAME", {"rhs_dilation": (2, 3)}),
        ("2-d feature groups 2", (2, 4, 5, 5), (6, 2, 3, 3), [1, 1], "VALID", {"feature_group_count": 2}),
        ("depthwise (groups = channels)", (1, 3, 5, 5), (3, 1, 3, 3), [1, 1], "SAME", {"feature_group_count": 3}),
        ("1-d stride 3", (2, 2, 11), (3, 2, 4), [3], "VALID", {}),
        ("3-d SAME", (1, 2, 4, 4, 3), (2, 2, 2, 3, 2), [1, 1, 1], "SAME", {}),
        ("SAME_LOWER", (1, 1, 6, 6), (1, 1, 2, 2), [1, 1], "SAME_LOWER", {}),
    ]
    for dt in (F32, F64):
        for name, ls, rs, st, pad, kw in cases:
            lhs, rhs = rnd(ls, dt), rnd(rs, dt)
            opts = {}
            if "lhs_dilation" in kw:
                opts["lhsDilation"] = list(kw["lhs_dilation"])
            if "rhs_dilation" in kw:
                opts["rhsDilation"] = list(kw["rhs_dilation"])
            if "feature_group_count" in kw:
                opts["featureGroupCount"] = kw["feature_group_count"]
            c(
                f"{name} {dt}",
                f"(l, r) => lax.convGeneralDilated(l, r, {g.js(st)}, {g.js(pad)}, {g.js(opts)})",
                [lhs, rhs],
                ref(lhs, rhs, st, pad if isinstance(pad, str) else [tuple(p) for p in pad], **kw).astype(NPD[dt]),
                dt,
            )
        lhs, rhs = rnd((2, 5, 6, 3), dt), rnd((3, 3, 3, 4), dt)
        dn = ["NHWC", "HWIO", "NHWC"]
        c(
            f"NHWC / HWIO {dt}",
            f"(l, r) => lax.convGeneralDilated(l, r, [1, 1], 'SAME', {{ dimensionNumbers: {g.js(dn)} }})",
            [lhs, rhs],
            ref(lhs, rhs, [1, 1], "SAME", dimension_numbers=tuple(dn)).astype(NPD[dt]),
            dt,
        )
        lhs, rhs = rnd((3, 2, 5, 4), dt), rnd((3, 2, 2, 3), dt)
        dn = ["CNWH", "IOWH", "WNCH"]
        c(
            f"permuted specs CNWH / IOWH -> WNCH {dt}",
            f"(l, r) => lax.convGeneralDilated(l, r, [2, 1], 'VALID', {{ dimensionNumbers: {g.js(dn)} }})",
            [lhs, rhs],
            ref(lhs, rhs, [2, 1], "VALID", dimension_numbers=tuple(dn)).astype(NPD[dt]),
            dt,
        )
        for mode in ("full", "same", "valid"):
            for la, lv in ((6, 3), (3, 5), (4, 4)):
                a, v = rnd((la,), dt), rnd((lv,), dt)
                c(
                    f"convolve {la}x{lv} {mode} {dt}",
                    f"(a, v) => np.convolve(a, v, {g.js(mode)})",
                    [a, v],
                    g.finish(np.convolve(w64(a), w64(v), mode), dt),
                    dt,
                )
                c(
                    f"correlate {la}x{lv} {mode} {dt}",
                    f"(a, v) => np.correlate(a, v, {g.js(mode)})",
                    [a, v],
                    g.finish(np.correlate(w64(a), w64(v), mode), dt),
                    dt,
                )
    # a conv result read through its NCHW view by an elementwise kernel (the conv itself is one eager step)
    lhs, rhs = rnd((2, 3, 5, 4)), rnd((4, 3, 3, 3))
    c(
        "NCHW conv scaled by an elementwise kernel float64",
        "(l, r) => np.multiply(lax.convGeneralDilated(l, r, [1, 1], 'SAME'), 0.5)",
        [lhs, rhs],
        ref(lhs, rhs, [1, 1], "SAME") * 0.5,
    )
    ai, vi = np.array([1, 2, 3, 4], np.int32), np.array([2, -1], np.int32)
    g.case(A, "convolve of int32 stays int32", "(a, v) => np.convolve(a, v)", [ai, vi], np.convolve(ai, vi).astype(np.int32))
    g.case(A, "correlate default mode is valid", "(a, v) => np.correlate(a, v)", [ai, vi], np.correlate(ai, vi).astype(np.int32))
    g.err(
        A,
        "conv feature mismatch",
        "(l, r) => lax.convGeneralDilated(l, r, [1, 1], 'VALID')",
        [rnd((1, 3, 4, 4)), rnd((2, 2, 3, 3))],
        "ShapeError",
        "NJ104",
        contains=["conv_general_dilated"],
    )
    g.err(
        A,
        "conv with a bad padding string",
        "(l, r) => lax.convGeneralDilated(l, r, [1, 1], 'FULL')",
        [rnd((1, 2, 4, 4)), rnd((2, 2, 3, 3))],
        "ArgumentError",
        "NJ301",
        contains=["padding"],
    )
    g.err(
        A, "convolve of a 2-d array", "(a, v) => np.convolve(a, v)", [rnd((2, 2)), rnd((2,))], "ShapeError", "NJ106", contains=["convolve"]
    )
    g.err(
        A,
        "convolve of an empty array",
        "(a, v) => np.convolve(a, v)",
        [rnd((0,)), rnd((2,))],
        "ArgumentError",
        "NJ301",
        contains=["convolve"],
    )

    # sizes past the wasm GEMM's break-even (2^15 multiply-adds): float32 runs the indirect GEMM (float32
    # accumulation, hence the looser tolerance), float64 the JS loop. Partial 8-column panels, row counts
    # that are not multiples of the 4-row tile, groups, strides, dilations and crops. Generated inputs
    # (no draws from the seeded stream, so the cases above do not move).
    big = [
        ("NHWC 3x3 SAME, 12 features", (2, 9, 10, 16), (3, 3, 16, 12), [1, 1], "SAME", {}, ("NHWC", "HWIO", "NHWC")),
        ("NCHW stride (2, 1), 2 groups, rhs dilation, crop", (3, 8, 11, 9), (10, 4, 3, 3), [2, 1], [[1, -1], [2, 3]],
         {"feature_group_count": 2, "rhs_dilation": (1, 2)}, None),
        ("NHWC lhs dilation 2 (transposed conv)", (1, 7, 6, 8), (3, 3, 8, 9), [1, 1], [[2, 2], [1, 2]],
         {"lhs_dilation": (2, 2)}, ("NHWC", "HWIO", "NHWC")),
        ("1-d NWC depthwise", (16, 80, 6), (9, 1, 6), [1], "SAME", {"feature_group_count": 6}, ("NWC", "WIO", "NWC")),
    ]
    for dt in (F32, F64):
        for name, ls, rs, st, pad, kw, dn in big:
            lhs = g.gen_input(ls, dt, 37, 101, 0.02, -1.0)
            rhs = g.gen_input(rs, dt, 53, 89, 0.02, -0.88)
            opts = {}
            if "lhs_dilation" in kw:
                opts["lhsDilation"] = list(kw["lhs_dilation"])
            if "rhs_dilation" in kw:
                opts["rhsDilation"] = list(kw["rhs_dilation"])
            if "feature_group_count" in kw:
                opts["featureGroupCount"] = kw["feature_group_count"]
            if dn:
                opts["dimensionNumbers"] = list(dn)
                kw = {**kw, "dimension_numbers": dn}
            c(
                f"wasm size: {name} {dt}",
                f"(l, r) => lax.convGeneralDilated(l, r, {g.js(st)}, {g.js(pad)}, {g.js(opts)})",
                [lhs, rhs],
                ref(lhs.a, rhs.a, st, pad if isinstance(pad, str) else [tuple(p) for p in pad], **kw).astype(NPD[dt]),
                dt,
                tol=(1e-4, 1e-4) if dt == F32 else TOL[F64],
            )


def gen_factors(g):
    """lu (scipy.linalg.lu and JAX's lax.linalg.lu), lstsq's corners and sign-fixed factors: area "decomp", own stream."""
    A = "decomp"
    r = np.random.default_rng(1515)
    import scipy.linalg
    import jax

    jax.config.update("jax_enable_x64", True)
    from jax import lax

    def c(name, fn, inputs, expected, dt=F64, **kw):
        g.case(A, name, fn, inputs, expected, tol=kw.pop("tol", TOL[dt]), **kw)

    def rn(shape, dt):
        return r.uniform(-1, 1, size=shape).astype(NPD[dt])

    for dt in (F32, F64):
        s = f" {dt}"
        for shape in ((4, 4), (5, 3), (3, 5), (2, 3, 3)):
            # P, L, U are unique given the pivot order (partial pivoting, first largest |pivot|)
            c(
                f"scipy lu {shape}: p, l, u" + s,
                "(x) => scipyLinalg.lu(x)",
                [rn(shape, dt)],
                lambda x: [g.finish(v, dt) for v in scipy.linalg.lu(w64(x))],
                dt,
            )
            c(
                f"lax.linalg.lu {shape}: lu, pivots, permutation" + s,
                "(x) => lax.linalg.lu(x)",
                [rn(shape, dt)],
                lambda x: (lambda f, piv, perm: [g.finish(f, dt), g.finish(piv, "int32"), g.finish(perm, "int32")])(
                    *lax.linalg.lu(w64(x))
                ),
                dt,
            )
        c(
            "scipy lu permuteL: p l, u" + s,
            "(x) => scipyLinalg.lu(x, { permuteL: true })",
            [rn((4, 3), dt)],
            lambda x: [g.finish(v, dt) for v in scipy.linalg.lu(w64(x), permute_l=True)],
            dt,
        )
        # lstsq: wide (minimum-norm), rank-deficient with rcond, vector b
        c(
            "lstsq wide, vector b: minimum-norm x" + s,
            "(a, b) => { const [x, res, rank, sv] = np.linalg.lstsq(a, b); return [x, rank, sv]; }",
            [rn((3, 5), dt), rn((3,), dt)],
            lambda a, b: (lambda x, res, rk, sv: [g.finish(x, dt), g.finish(rk, I32), g.finish(sv, dt)])(*np.linalg.lstsq(w64(a), w64(b))),
            dt,
        )
        low = (rn((6, 2), F64) @ rn((2, 4), F64)).astype(NPD[dt])
        c(
            "lstsq rank-deficient, rcond 1e-3" + s,
            "(a, b) => { const [x, res, rank, sv] = np.linalg.lstsq(a, b, 1e-3); return [x, rank, sv]; }",
            [low, rn((6, 2), dt)],
            lambda a, b: (lambda x, res, rk, sv: [g.finish(x, dt), g.finish(rk, I32), g.finish(sv, dt)])(
                *np.linalg.lstsq(w64(a), w64(b), rcond=1e-3)
            ),
            dt,
            tol=(1e-3, 1e-4) if dt == F32 else TOL[dt],
        )
        # sign-fixed factors, as the reference fixes them: each column of Q (U, V) scaled so its largest-|.| entry is
        # positive (R's rows, Vh's rows follow); then the factors themselves are compared
        c(
            "qr (5, 3) sign-fixed q, r" + s,
            "(x) => { const [q, r] = np.linalg.qr(x); "
            + "const k = np.sign(np.takeAlongAxis(q, np.expandDims(np.argmax(np.abs(q), 0), 0), 0)); "
            + "return [np.multiply(q, k), np.multiply(r, np.swapaxes(k, 0, 1))]; }",
            [rn((5, 3), dt)],
            lambda x: (lambda q, rr: (lambda k: [g.finish(q * k, dt), g.finish(rr * k.T, dt)])(
                np.sign(np.take_along_axis(q, np.argmax(np.abs(q), 0)[None], 0))
            ))(*np.linalg.qr(w64(x))),
            dt,
        )
        c(
            "svd (4, 3) sign-fixed u, s, vh" + s,
            "(x) => { const [u, s, vh] = np.linalg.svd(x, false); "
            + "const k = np.sign(np.takeAlongAxis(u, np.expandDims(np.argmax(np.abs(u), 0), 0), 0)); "
            + "return [np.multiply(u, k), s, np.multiply(vh, np.swapaxes(k, 0, 1))]; }",
            [rn((4, 3), dt)],
            lambda x: (lambda u, sv, vh: (lambda k: [g.finish(u * k, dt), g.finish(sv, dt), g.finish(vh * k.T, dt)])(
                np.sign(np.take_along_axis(u, np.argmax(np.abs(u), 0)[None], 0))
            ))(*np.linalg.svd(w64(x), full_matrices=False)),
            dt,
        )
        sy = (lambda m: ((m + m.T) / 2).astype(NPD[dt]))(r.uniform(-2, 2, size=(4, 4)))
        c(
            "eigh sign-fixed w, v" + s,
            "(x) => { const [w, v] = np.linalg.eigh(x); "
            + "const k = np.sign(np.takeAlongAxis(v, np.expandDims(np.argmax(np.abs(v), 0), 0), 0)); "
            + "return [w, np.multiply(v, k)]; }",
            [sy],
            lambda x: (lambda w, v: [g.finish(w, dt), g.finish(v * np.sign(np.take_along_axis(v, np.argmax(np.abs(v), 0)[None], 0)), dt)])(
                *np.linalg.eigh(w64(x))
            ),
            dt,
        )
    g.err(A, "lu of a vector", "(x) => lax.linalg.lu(x)", [rn((3,), F64)], "ShapeError", "NJ106", contains=["lu"])
    bad_lu = "(x) => scipyLinalg.lu(x, { overwriteA: true })"
    g.err(A, "scipy lu with a bad option", bad_lu, [rn((3, 3), F64)], "ArgumentError", "NJ301", contains=["lu"])
    g.err(
        A,
        "lstsq with an array rcond",
        "(a, b) => np.linalg.lstsq(a, b, [0.1])",
        [rn((3, 2), F64), rn((3,), F64)],
        "ArgumentError",
        "NJ301",
        contains=["lstsq"],
    )


def gen_windows(g):
    """Area "windows": lax.convTranspose and lax.reduceWindow (JAX), np.fft.hfft/ihfft, np.bitwiseCount,
    np.applyAlongAxis/applyOverAxes (NumPy). Own stream."""
    A = "windows"
    r = np.random.default_rng(1516)
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    from jax import lax

    def c(name, fn, inputs, expected, dt=F64, **kw):
        g.case(A, name, fn, inputs, expected, tol=kw.pop("tol", TOL.get(dt)), **kw)

    def rn(shape, dt=F64):
        return r.uniform(-1, 1, size=shape).astype(NPD[dt])

    def js_pad(p):
        return g.js(p) if isinstance(p, str) else g.js([list(q) for q in p])

    for dt in (F32, F64):
        s = f" {dt}"
        for lhs_shape, rhs_shape, strides, padding, kw in (
            ((1, 4, 4, 2), (3, 3, 2, 3), (2, 2), "SAME", {}),
            ((2, 3, 5, 2), (2, 3, 2, 1), (2, 1), "VALID", {}),
            ((1, 4, 3, 2), (3, 2, 2, 2), (1, 2), ((1, 1), (0, 2)), {}),
            ((1, 5, 5, 1), (3, 3, 1, 2), (2, 2), "VALID", {"rhs_dilation": (2, 1)}),
            ((1, 4, 4, 2), (3, 3, 3, 2), (2, 2), "SAME", {"transpose_kernel": True}),
            ((2, 5, 3), (3, 3, 2), (3,), "SAME", {}),
        ):
            opts = {"rhsDilation": list(kw["rhs_dilation"])} if "rhs_dilation" in kw else {}
            if kw.get("transpose_kernel"):
                opts["transposeKernel"] = True
            pad = padding if isinstance(padding, str) else [tuple(q) for q in padding]
            c(
                f"convTranspose {lhs_shape} {rhs_shape} strides {strides} {padding} {g.js(opts)}" + s,
                f"(l, k) => lax.convTranspose(l, k, {g.js(list(strides))}, {js_pad(padding)}, {g.js(opts)})",
                [rn(lhs_shape, dt), rn(rhs_shape, dt)],
                lambda l, k, strides=strides, pad=pad, kw=kw: g.finish(lax.conv_transpose(w64(l), w64(k), strides, pad, **kw), dt),
                dt,
            )
        ops = {"add": (lax.add, "np.add"), "max": (lax.max, "np.maximum"), "min": (lax.min, "np.minimum")}
        for opn, shape, init, dims, strides, padding, bd, wd in (
            ("add", (3, 5), 0.0, (2, 2), (1, 1), "VALID", None, None),
            ("max", (4, 5), -np.inf, (2, 3), (2, 2), "SAME", None, None),
            ("min", (3, 4), np.inf, (2, 2), (1, 2), ((1, 0), (2, 1)), None, None),
            ("add", (3, 4), 1.5, (2, 2), (1, 1), "VALID", (2, 1), None),
            ("max", (2, 6), -np.inf, (1, 2), (1, 1), "SAME", None, (1, 2)),
            ("max", (1, 4, 4, 2), -np.inf, (1, 2, 2, 1), (1, 2, 2, 1), "VALID", None, None),
            ("add", (2, 5, 3), 0.0, (1, 3, 1), (1, 2, 1), "SAME", (1, 2, 1), (1, 1, 1)),
        ):
            fn, js_fn = ops[opn]
            pad = padding if isinstance(padding, str) else tuple(tuple(q) for q in padding)
            dil = [g.js(list(bd)) if bd else "null", g.js(list(wd)) if wd else "null"]
            args = [js_fn, g.js(list(dims)), g.js(list(strides)), js_pad(padding), *dil]
            init_js = "-Infinity" if init == -np.inf else "Infinity" if init == np.inf else repr(init)
            c(
                f"reduceWindow {opn} {shape} window {dims} strides {strides} {padding} base {bd} window dilation {wd}" + s,
                f"(x) => lax.reduceWindow(x, {init_js}, {', '.join(args)})",
                [rn(shape, dt)],
                lambda x, fn=fn, init=init, dims=dims, strides=strides, pad=pad, bd=bd, wd=wd: g.finish(
                    lax.reduce_window(w64(x), init, fn, dims, strides, pad, bd, wd), dt
                ),
                dt,
            )
        hf = ((None, None, (5, 2), -1), (8, "ortho", (4, 2), -1), (None, "forward", (3, 4, 2), 0), (6, None, (2, 3, 2), 1))
        for n, norm, shape, axis in hf:
            c(
                f"hfft n={n} norm={norm} {shape} axis {axis}" + s,
                f"(z) => np.fft.hfft(z, {g.js(n)}, {axis}, {g.js(norm)})",
                [rn(shape, dt)],
                lambda z, n=n, norm=norm, axis=axis: g.finish(np.fft.hfft(from_cx(z), n, axis, norm), dt),
                dt,
            )
        for n, norm, shape, axis in ((None, None, (6,), -1), (5, "ortho", (2, 4), -1), (None, "forward", (4, 3), 0)):
            c(
                f"ihfft n={n} norm={norm} {shape} axis {axis}" + s,
                f"(x) => np.fft.ihfft(x, {g.js(n)}, {axis}, {g.js(norm)})",
                [rn(shape, dt)],
                lambda x, n=n, norm=norm, axis=axis: cx(np.fft.ihfft(w64(x), n, axis, norm), dt),
                dt,
            )
        c(
            "applyAlongAxis sum, axis 1" + s,
            "(x) => np.applyAlongAxis((v) => np.sum(v), 1, x)",
            [rn((3, 4), dt)],
            lambda x: g.finish(np.apply_along_axis(np.sum, 1, w64(x)), dt),
            dt,
        )
        c(
            "applyAlongAxis cumsum, axis 1 of 3-d" + s,
            "(x) => np.applyAlongAxis((v) => np.cumsum(v), 1, x)",
            [rn((2, 3, 4), dt)],
            lambda x: g.finish(np.apply_along_axis(np.cumsum, 1, w64(x)), dt),
            dt,
        )
        c(
            "applyAlongAxis to a matrix per slice (outer), axis 0" + s,
            "(x) => np.applyAlongAxis((v) => np.outer(v, v), 0, x)",
            [rn((3, 2), dt)],
            lambda x: g.finish(np.apply_along_axis(lambda v: np.outer(v, v), 0, w64(x)), dt),
            dt,
        )
        c(
            "applyOverAxes sum over (0, 2)" + s,
            "(x) => np.applyOverAxes((a, ax) => np.sum(a, ax), x, [0, 2])",
            [rn((2, 3, 4), dt)],
            lambda x: g.finish(np.apply_over_axes(np.sum, w64(x), [0, 2]), dt),
            dt,
        )
    ints = np.array([0, 1, -1, 7, -8, 255, -(2**31), 2**31 - 1, 12345, -12345], np.int32)
    c("bitwiseCount int32 (|x|'s bits, int32 result)", "(x) => np.bitwiseCount(x)", [ints], np.bitwise_count(ints).astype(np.int32), dt=I32)
    u = np.array([0, 1, 2**32 - 1, 2**31, 0xF0F0F0F0, 12345], np.uint32)
    c("bitwiseCount uint32 (uint32 result)", "(x) => np.bitwiseCount(x)", [u], np.bitwise_count(u).astype(np.uint32), dt=I32)
    bb = np.array([[True, False], [False, True]])
    c("bitwiseCount bool (int32 result)", "(x) => np.bitwiseCount(x)", [bb], np.bitwise_count(bb).astype(np.int32), dt=I32)
    g.err(A, "bitwiseCount of a float", "(x) => np.bitwiseCount(x)", [rn((3,))], "DTypeError", "NJ202", contains=["bitwise_count"])
    # lax.bitcastConvertType: NumPy's view (little-endian); float64 <-> two 4-byte words on a last axis of 2
    f32 = rn((3, 4), F32)
    c("bitcastConvertType float32 -> int32", "(x) => lax.bitcastConvertType(x, 'int32')", [f32], f32.view(np.int32), dt=I32)
    c("bitcastConvertType float32 -> uint32", "(x) => lax.bitcastConvertType(x, 'uint32')", [f32], f32.view(np.uint32), dt=I32)
    bits = np.array([[0x3F800000, -0x40800000, 0x00800000], [0x7F000000, 0x42280000, -0x3DD80000]], np.int32)
    c("bitcastConvertType int32 -> float32", "(x) => lax.bitcastConvertType(x, 'float32')", [bits], bits.view(np.float32), dt=F32)
    f64 = rn((2, 3), F64) * 1e5
    c("bitcastConvertType float64 -> uint32 (a last axis of 2)", "(x) => lax.bitcastConvertType(x, 'uint32')", [f64],
      f64.reshape(-1).view(np.uint32).reshape(2, 3, 2), dt=I32)
    words = f64.reshape(-1).view(np.uint32).reshape(2, 3, 2)
    c("bitcastConvertType uint32 -> float64 (drops the last axis of 2)", "(x) => lax.bitcastConvertType(x, 'float64')", [words],
      f64, dt=F64)
    g.err(A, "bitcastConvertType int32 -> float64 without a last axis of 2", "(x) => lax.bitcastConvertType(x, 'float64')",
          [bits], "ShapeError", "NJ106", contains=["bitcast_convert_type"])
    g.err(
        A,
        "reduceWindow with an unsupported computation",
        "(x) => lax.reduceWindow(x, 0, (a, b) => a, [2], [1], 'VALID')",
        [rn((4,))],
        "ArgumentError",
        "NJ301",
        contains=["reduce_window", "computation"],
    )
    g.err(
        A,
        "reduceWindow with a window of the wrong rank",
        "(x) => lax.reduceWindow(x, 0, np.add, [2], [1], 'VALID')",
        [rn((3, 4))],
        "ArgumentError",
        "NJ301",
        contains=["reduce_window", "windowDimensions"],
    )
    g.err(
        A,
        "convTranspose with a bad padding",
        "(l, k) => lax.convTranspose(l, k, [1, 1], 'FULL')",
        [rn((1, 3, 3, 1)), rn((2, 2, 1, 1))],
        "ArgumentError",
        "NJ301",
        contains=["conv_transpose", "padding"],
    )
    bad_apply = "(x) => np.applyAlongAxis(3, 0, x)"
    g.err(A, "applyAlongAxis of a non-function", bad_apply, [rn((3,))], "ArgumentError", "NJ301", contains=["apply_along_axis"])


def generate(g):
    gen_decomp(g)
    gen_fft(g)
    gen_conv(g)
    gen_factors(g)
    gen_windows(g)
