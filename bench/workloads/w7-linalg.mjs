// W7 linalg / fft / conv: np.linalg.solve of a 512×512 system, a complex FFT of 2^20 points, and a 3×3
// SAME convolution of [32, 64, 64, 16] (NHWC) with 16 output channels.
import { uniform } from "../lib/data.mjs";
import { handImpl, jaxImpls, ndarrayImpl, numjitImpls, tfjsImpl } from "../lib/impls.mjs";

export const id = "W7";
export const title = "W7 linalg, fft, conv";
export const description =
  "`linalg.solve` of a well-conditioned 512×512 system (one right-hand side), a complex `fft` of 2^20 points " +
  "(numjit: a trailing axis of 2; jax-js: a {real, imag} pair; tfjs: complex64), and a 3×3 SAME convolution of " +
  "[32, 64, 64, 16] with 16 output channels (jax-js has NCHW only: its inputs are the transposed data). ms, lower is better.";

const interleave = (re, im) => {
  const out = new Float32Array(re.length * 2);
  for (let i = 0; i < re.length; i++) {
    out[2 * i] = re[i];
    out[2 * i + 1] = im[i];
  }
  return out;
};

function solveCase(ctx) {
  const n = 512;
  const A = uniform(n * n, 71, -1, 1);
  for (let i = 0; i < n; i++) A[i * n + i] += n; // diagonally dominant: well conditioned in float32
  const b = uniform(n, 72, -1, 1);
  return {
    workload: id,
    name: "solve 512×512",
    unit: "ms",
    better: "lower",
    perCall: (ns) => ns / 1e6,
    tol: { rtol: 1e-3, atol: 1e-5, scaled: true },
    impls: [
      ...numjitImpls(ctx, {
        eager: (np, _nn, a, bb) => np.linalg.solve(a, bb),
        inputs: (np) => [np.reshape(np.array(A), [n, n]), np.reshape(np.array(b), [n, 1])],
        kernel: "linalg",
        exportName: "solve",
      }),
      ...["cpu", "wasm"].map((be) => ({
        lib: `tfjs-${be}`,
        group: "peer",
        skip: "n/a: tfjs has no linear solve",
        setup: async () => null,
      })),
      ...jaxImpls(ctx, {
        inputs: (np) => [np.array(A, { shape: [n, n] }), np.array(b, { shape: [n, 1] })],
        op: ({ numpy: np }, a, bb) => np.linalg.solve(a, bb),
      }),
      ndarrayImpl(ctx, { skip: "n/a: ndarray-ops has no linear solve", setup: () => null }),
      handImpl(() => {
        // Gaussian elimination with partial pivoting in float64 on a copy, the textbook loops
        const solve = () => {
          const a = Float64Array.from(A),
            x = Float64Array.from(b);
          for (let k = 0; k < n; k++) {
            let p = k;
            for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) p = i;
            if (p !== k) {
              for (let j = 0; j < n; j++) [a[k * n + j], a[p * n + j]] = [a[p * n + j], a[k * n + j]];
              [x[k], x[p]] = [x[p], x[k]];
            }
            for (let i = k + 1; i < n; i++) {
              const f = a[i * n + k] / a[k * n + k];
              for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
              x[i] -= f * x[k];
            }
          }
          for (let i = n - 1; i >= 0; i--) {
            let s = x[i];
            for (let j = i + 1; j < n; j++) s -= a[i * n + j] * x[j];
            x[i] = s / a[i * n + i];
          }
          return Float32Array.from(x);
        };
        return { run: solve, output: solve };
      }, "partial pivoting, float64 loops"),
    ],
  };
}

function fftCase(ctx) {
  const n = 1 << 20;
  const re = uniform(n, 73, -1, 1),
    im = uniform(n, 74, -1, 1);
  const z = interleave(re, im);
  return {
    workload: id,
    name: "fft 2^20",
    unit: "ms",
    better: "lower",
    perCall: (ns) => ns / 1e6,
    // sums of 2^20 terms: float32 rounding differs with the algorithm
    tol: { rtol: 1e-4, atol: 1e-3, scaled: true },
    impls: [
      ...numjitImpls(ctx, {
        eager: (np, _nn, x) => np.fft.fft(x),
        inputs: (np) => [np.reshape(np.array(z), [n, 2])],
        kernel: "linalg",
        exportName: "fft",
      }),
      // tfjs-cpu's fft of 2^20 took 847 s for one call in a first run (2 busy cores): not timed; tfjs-wasm has no
      // Complex kernel ("Kernel 'Complex' not registered for backend 'wasm'")
      { lib: "tfjs-cpu", group: "peer", skip: "not timed: one call took 847 s in a first run", setup: async () => null },
      tfjsImpl(ctx, "wasm", {
        inputs: (tf) => [tf.complex(tf.tensor1d(re), tf.tensor1d(im))],
        op: (tf, c) => tf.spectral.fft(c),
        tidy: false,
      }),
      ...jaxImpls(ctx, {
        inputs: (np) => [{ real: np.array(re), imag: np.array(im) }],
        op: ({ numpy: np }, c) => np.fft.fft(c),
        read: async (r) => interleave(await r.real.data(), await r.imag.data()),
      }),
      ndarrayImpl(ctx, { skip: "n/a: ndarray-ops has no FFT", setup: () => null }),
    ],
  };
}

function convCase(ctx) {
  const [N, H, W, C, O] = [32, 64, 64, 16, 16];
  const x = uniform(N * H * W * C, 75, -1, 1);
  const w = uniform(3 * 3 * C * O, 76, -0.5, 0.5);
  // jax-js takes NCHW / OIHW: the same values transposed
  const xT = new Float32Array(x.length),
    wT = new Float32Array(w.length);
  for (let n = 0; n < N; n++)
    for (let h = 0; h < H; h++)
      for (let ww = 0; ww < W; ww++) for (let c = 0; c < C; c++) xT[((n * C + c) * H + h) * W + ww] = x[((n * H + h) * W + ww) * C + c];
  for (let h = 0; h < 3; h++)
    for (let ww = 0; ww < 3; ww++)
      for (let c = 0; c < C; c++) for (let o = 0; o < O; o++) wT[((o * C + c) * 3 + h) * 3 + ww] = w[((h * 3 + ww) * C + c) * O + o];
  const nchwToNhwc = (d) => {
    const out = new Float32Array(d.length);
    for (let n = 0; n < N; n++)
      for (let o = 0; o < O; o++)
        for (let h = 0; h < H; h++) for (let ww = 0; ww < W; ww++) out[((n * H + h) * W + ww) * O + o] = d[((n * O + o) * H + h) * W + ww];
    return out;
  };
  return {
    workload: id,
    name: "conv 3×3 [32,64,64,16]",
    unit: "ms",
    better: "lower",
    perCall: (ns) => ns / 1e6,
    tol: { rtol: 1e-4, atol: 1e-5, scaled: true },
    impls: [
      ...numjitImpls(ctx, {
        eager: (_np, _nn, a, k) =>
          ctx.numjit.rt.lax.convGeneralDilated(a, k, [1, 1], "SAME", { dimensionNumbers: ["NHWC", "HWIO", "NHWC"] }),
        inputs: (np) => [np.reshape(np.array(x), [N, H, W, C]), np.reshape(np.array(w), [3, 3, C, O])],
        kernel: "linalg",
        exportName: "conv",
      }),
      ...["cpu", "wasm"].map((be) =>
        tfjsImpl(ctx, be, {
          inputs: (tf) => [tf.tensor4d(x, [N, H, W, C]), tf.tensor4d(w, [3, 3, C, O])],
          op: (tf, a, k) => tf.conv2d(a, k, 1, "same"),
          tidy: false,
        }),
      ),
      ...jaxImpls(ctx, {
        inputs: (np) => [np.array(xT, { shape: [N, C, H, W] }), np.array(wT, { shape: [O, C, 3, 3] })],
        op: ({ lax }, a, k) => lax.convGeneralDilated(a, k, [1, 1], "SAME"),
        read: async (r) => nchwToNhwc(await r.data()),
      }),
      ndarrayImpl(ctx, { skip: "n/a: ndarray-ops has no convolution", setup: () => null }),
    ],
  };
}

export function cases(ctx) {
  return [solveCase(ctx), fftCase(ctx), convCase(ctx)];
}
