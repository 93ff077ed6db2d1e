// The canvas demo: Gray-Scott reaction-diffusion. Per frame: STEPS calls of `react` and one `colorize`,
// all precompiled jit functions; plain JS only copies the new interior back and wraps the ghost border.
import { numpy as np, NDArray } from "@numjit/runtime";
import { colorize, colorizeJit, react, reactJit } from "./kernels.js";

export const GRID = 256;
export const STEPS = 8;
const P = GRID + 2; // padded side
const F = 0.037;
const K = 0.06;
const GAIN = 3.2;
/** The readout is the median of the last WINDOW frames timed on each path. */
const WINDOW = 15;
/** How often (in frames) the other path is timed on the same state and compared. */
const COMPARE_EVERY = 60;

type Path = "jit" | "eager";
const FNS = { jit: { react: reactJit, colorize: colorizeJit }, eager: { react, colorize } } as const;

export interface ReactionStats {
  frames: number;
  /** medians of recent frames' compute time (STEPS x react + colorize + border copies), ms */
  jitMs: number;
  eagerMs: number;
  jitSamples: number;
  eagerSamples: number;
  /** worst disagreement between the paths after a frame from the same state */
  maxDiffUV: number;
  maxDiffRGB: number;
  checks: number;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function flat(x: NDArray): ArrayLike<number> {
  return x.isContiguous && x.offset === 0 ? x.data : x.toTypedArray();
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Writes an [n, n] interior into a padded buffer and wraps the border (periodic boundary). */
function writeBack(dst: Float32Array, interior: ArrayLike<number>): void {
  for (let y = 0; y < GRID; y++) {
    const row = (y + 1) * P;
    for (let x = 0; x < GRID; x++) dst[row + x + 1] = interior[y * GRID + x];
    dst[row] = dst[row + GRID];
    dst[row + GRID + 1] = dst[row + 1];
  }
  dst.copyWithin(0, GRID * P, (GRID + 1) * P); // top ghost row = last interior row
  dst.copyWithin((GRID + 1) * P, P, 2 * P); // bottom ghost row = first interior row
}

class Field {
  readonly u = new Float32Array(P * P);
  readonly v = new Float32Array(P * P);
  clone(): Field {
    const c = new Field();
    c.u.set(this.u);
    c.v.set(this.v);
    return c;
  }
}

export class ReactionDemo {
  readonly stats: ReactionStats = {
    frames: 0,
    jitMs: 0,
    eagerMs: 0,
    jitSamples: 0,
    eagerSamples: 0,
    maxDiffUV: 0,
    maxDiffRGB: 0,
    checks: 0,
  };
  drive: Path = "jit";
  paused = false;
  /** set by the page while it runs the seed benchmark */
  held = false;
  private field = new Field();
  private readonly phase = np.array([0.0, 0.12, 0.28], { dtype: "float32" });
  private readonly ctx: CanvasRenderingContext2D;
  private readonly image: ImageData;
  private readonly offscreen: HTMLCanvasElement;
  private readonly offCtx: CanvasRenderingContext2D;
  private raf = 0;
  private readonly samples: Record<Path, number[]> = { jit: [], eager: [] };
  private readonly warm: Record<Path, boolean> = { jit: false, eager: false };

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d");
    this.offscreen = document.createElement("canvas");
    this.offscreen.width = this.offscreen.height = GRID;
    const offCtx = this.offscreen.getContext("2d");
    if (!ctx || !offCtx) throw new Error("2D canvas unavailable");
    this.ctx = ctx;
    this.offCtx = offCtx;
    this.image = offCtx.createImageData(GRID, GRID);
    this.seed();
    canvas.addEventListener("pointerdown", (e) => {
      const r = canvas.getBoundingClientRect();
      this.drop(((e.clientX - r.left) / r.width) * GRID, ((e.clientY - r.top) / r.height) * GRID, 6);
    });
  }

  /** u = 1, v = 0 everywhere, plus a scatter of small v-rich discs to start the patterns. */
  seed(): void {
    this.field.u.fill(1);
    this.field.v.fill(0);
    const rand = prng(42);
    for (let i = 0; i < 24; i++) this.drop(rand() * GRID, rand() * GRID, 3 + rand() * 5);
  }

  drop(cx: number, cy: number, radius: number): void {
    const { u, v } = this.field;
    for (let y = Math.floor(cy - radius); y <= cy + radius; y++) {
      for (let x = Math.floor(cx - radius); x <= cx + radius; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 > radius * radius) continue;
        const i = ((((y % GRID) + GRID) % GRID) + 1) * P + (((x % GRID) + GRID) % GRID) + 1;
        u[i] = 0.5;
        v[i] = 0.25;
      }
    }
  }

  /** One frame of compute on `path`, advancing `field` in place; returns the RGB image and the time. */
  private compute(path: Path, field: Field): { rgb: NDArray; ms: number } {
    const fns = FNS[path];
    const t0 = performance.now();
    for (let s = 0; s < STEPS; s++) {
      const [u2, v2] = fns.react(new NDArray(field.u, [P, P], "float32"), new NDArray(field.v, [P, P], "float32"), F, K);
      writeBack(field.u, flat(u2));
      writeBack(field.v, flat(v2));
    }
    const rgb = fns.colorize(new NDArray(field.v, [P, P], "float32"), this.phase, GAIN);
    return { rgb, ms: performance.now() - t0 };
  }

  private track(path: Path, ms: number): void {
    const s = this.stats;
    const window = this.samples[path];
    window.push(ms);
    // the first frame of a path runs cold (engine tier-up, first allocations): drop it once others exist
    if (!this.warm[path] && window.length === 2) {
      window.shift();
      this.warm[path] = true;
    } else if (window.length > WINDOW) window.shift();
    if (path === "jit") {
      s.jitMs = median(window);
      s.jitSamples++;
    } else {
      s.eagerMs = median(window);
      s.eagerSamples++;
    }
  }

  frame(): void {
    const s = this.stats;
    const other: Path = this.drive === "jit" ? "eager" : "jit";
    // every COMPARE_EVERY frames (and on the first), run the other path from the same state: it times
    // the other path for the readout and checks that both paths agree
    const twin = s.frames % COMPARE_EVERY === 0 ? this.field.clone() : null;
    const main = this.compute(this.drive, this.field);
    this.track(this.drive, main.ms);
    if (twin) {
      const alt = this.compute(other, twin);
      this.track(other, alt.ms);
      s.maxDiffUV = Math.max(s.maxDiffUV, maxAbsDiff(twin.u, this.field.u), maxAbsDiff(twin.v, this.field.v));
      s.maxDiffRGB = Math.max(s.maxDiffRGB, maxAbsDiff(flat(alt.rgb), flat(main.rgb)));
      s.checks++;
    }
    this.paint(flat(main.rgb));
    s.frames++;
  }

  private paint(rgb: ArrayLike<number>): void {
    const px = this.image.data;
    for (let i = 0, n = GRID * GRID; i < n; i++) {
      px[4 * i] = rgb[3 * i];
      px[4 * i + 1] = rgb[3 * i + 1];
      px[4 * i + 2] = rgb[3 * i + 2];
      px[4 * i + 3] = 255;
    }
    this.offCtx.putImageData(this.image, 0, 0);
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(this.offscreen, 0, 0, this.canvas.width, this.canvas.height);
  }

  start(onFrame: (s: ReactionStats) => void): void {
    const loop = () => {
      if (!this.paused && !this.held) {
        this.frame();
        onFrame(this.stats);
      }
      this.raf = requestAnimationFrame(loop);
    };
    this.raf = requestAnimationFrame(loop);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
  }
}
