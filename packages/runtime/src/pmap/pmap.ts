// jax.pmap: map f over an axis of its arguments with one device per position, collectives across them.
// f is traced once per argument signature with the per-device avals (the mapped axis removed) and the axis
// name bound, cut at its collectives (program.ts), and run with device 0 on the caller and the others on
// worker devices (devices.ts) or, where workers are unavailable or `sequential: true`, on the caller one
// device after another — the same compiled stages either way, so the results are identical. Under a
// transformation (jit, grad, vmap: the arguments are tracers) pmap is its meaning as a vmap with the axis
// name, which those transformations already handle.
import { withAxis } from "../core/axis-env.js";
import { Tracer, bind, isTracing } from "../core/trace.js";
import { parallelError } from "../errors.js";
import type { Jaxpr } from "../ir/jaxpr.js";
import { type Leaf, treeDefKey, treeFlatten, treeUnflatten } from "../ir/tree.js";
import { type ShapeDtype, traceFlat } from "../ir/trace-jaxpr.js";
import { scalarLeafArray, scalarLeafKey } from "../jit/args.js";
import { NDArray } from "../ndarray.js";
import { stack } from "../numpy/shape-ops.js";
import { type AxisSpec, axesPerLeaf } from "../transforms/tree-util.js";
import type { Cotangent } from "../transforms/vjp.js";
import { type InAxes, type OutAxes, vmap } from "../transforms/vmap.js";
import { causeOf, runOnWorkers, workersAvailable } from "./devices.js";
import { execute } from "./execute.js";
import { type DeviceProgram, deviceProgram } from "./program.js";
import { type EncodedJaxpr, encodeJaxpr } from "./serialize.js";
import { stageRunner } from "./stage.js";
import { withThreads } from "../threads/pool.js";

export interface PmapOptions<A extends readonly unknown[] = any[], R = any> {
  /** Names the mapped axis for the collectives inside f (lax.psum(x, axisName), ...), as jax.pmap's axis_name. */
  axisName?: string;
  /** Mapped axis of each argument (number, null = the same value on every device, or a tree prefix). Default 0. */
  inAxes?: InAxes<A>;
  /** Where the mapped axis goes in the outputs (null: the value of device 0, for outputs that are replicated). Default 0. */
  outAxes?: OutAxes<R>;
  /** The number of devices (default: the machine's available parallelism). The mapped axis may not be longer. */
  devices?: number;
  /** Run the devices one after another on the calling thread instead of in workers (same results). */
  sequential?: boolean;
}

function defaultDevices(): number {
  const g = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
    navigator?: { hardwareConcurrency?: number };
  };
  const os = g.process?.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
  return Math.max(1, os?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1);
}

interface Compiled {
  id: number;
  program: DeviceProgram;
  /** The stage jaxprs by segment index (null at a collective). */
  stages: (Jaxpr | null)[];
  outTree: ReturnType<typeof treeFlatten>[1];
  outAxes: (number | null)[];
  /** Stages compiled on the caller (replicated stages; every stage when devices run sequentially). */
  runners: ((xs: NDArray[]) => NDArray[])[];
  encoded?: (EncodedJaxpr | null)[];
}
let nextProgramId = 0;

/** Device i's part of x: index i along `axis` (a view). */
function shardOf(x: NDArray, axis: number, i: number): NDArray {
  const starts = x.shape.map((_, a) => (a === axis ? i : 0));
  const limits = x.shape.map((d, a) => (a === axis ? i + 1 : d));
  const s = bind("slice", [x], { starts, limits, strides: x.shape.map(() => 1) });
  return bind("reshape", [s], { shape: x.shape.filter((_, a) => a !== axis) });
}

/** The flat argument leaves, each one's mapped axis (null: replicated) and the mapped axis size. */
function mapArguments(name: string, args: unknown[], inSpec: AxisSpec) {
  if (Array.isArray(inSpec) && inSpec.length !== args.length)
    throw parallelError.pmap(name, `inAxes has ${inSpec.length} entries but ${name} was called with ${args.length} arguments`);
  const axes = args.flatMap((a, i) => axesPerLeaf(Array.isArray(inSpec) ? inSpec[i] : inSpec, a, `argument ${i}`));
  const [leaves, inTree] = treeFlatten(args);
  let size: number | undefined;
  const mapped = leaves.map((x, k) => {
    const ax = axes[k]!;
    if (ax === null) return null;
    if (!(x instanceof NDArray))
      throw parallelError.pmap(name, `a mapped argument leaf must be an array, got ${typeof x} (use inAxes null for it)`);
    if (!Number.isInteger(ax) || ax < -x.ndim || ax >= x.ndim)
      throw parallelError.pmap(name, `inAxes ${ax} is out of bounds for an argument of shape (${x.shape.join(", ")})`, { shape: x.shape });
    const a = ax < 0 ? ax + x.ndim : ax;
    if (size !== undefined && x.shape[a] !== size)
      throw parallelError.pmap(name, `inconsistent sizes along the mapped axes: ${size} and ${x.shape[a]} (shape (${x.shape.join(", ")}))`);
    size = x.shape[a];
    return a;
  });
  if (size === undefined) throw parallelError.pmap(name, "no argument is mapped (every inAxes is null)");
  return { leaves, inTree, mapped, size };
}

/** Trace f with the per-device avals and the axis bound, and cut it into a device program. */
function compile(f: (...args: any[]) => unknown, name: string, axisName: string, outSpec: AxisSpec, a: ReturnType<typeof mapArguments>) {
  const perDevice = a.leaves.map((x, k): Leaf | ShapeDtype => {
    const ax = a.mapped[k]!;
    if (ax === null || !(x instanceof NDArray)) return x as Leaf;
    return { shape: x.shape.filter((_, i) => i !== ax), dtype: x.dtype, weakType: x.weakType };
  });
  const traced = withAxis({ name: axisName, size: a.size }, () =>
    traceFlat(
      f,
      name,
      a.inTree,
      perDevice,
      perDevice.map(() => true),
    ),
  );
  const program = deviceProgram(
    traced.jaxpr,
    name,
    a.mapped.map((m) => m !== null),
  );
  const outValue = treeUnflatten(
    traced.outTree,
    traced.jaxpr.outs.map(() => 0),
  );
  const outAxes = axesPerLeaf(outSpec, outValue, "output");
  if (outAxes.some((ax, j) => ax === null && program.varyingOuts[j]))
    throw parallelError.pmap(name, "outAxes is null for an output that differs across devices (reduce it with psum or pmean first)");
  const stages = program.segments.map((s) => (s.kind === "stage" ? s.jaxpr : null));
  return { id: nextProgramId++, program, stages, outTree: traced.outTree, outAxes, runners: [] } as Compiled;
}

/** Run a compiled program on the shards of the arguments, on worker devices or on the caller. */
function run(c: Compiled, name: string, a: ReturnType<typeof mapArguments>, sequential: boolean): unknown {
  const shards = Array.from({ length: a.size }, (_, i) =>
    a.leaves.map((x, k) => {
      const ax = a.mapped[k]!;
      if (!(x instanceof NDArray)) return scalarLeafArray(x as number | boolean);
      return ax === null ? x : shardOf(x, ax, i);
    }),
  );
  const onWorkers = !sequential && a.size > 1 && workersAvailable();
  const onCaller = (k: number) => (c.runners[k] ??= stageRunner(c.stages[k]!));
  const outs = execute(c.program, shards, onCaller, (k, inputs) => {
    if (onWorkers) {
      const encode = () => (c.encoded ??= c.stages.map((j) => j && encodeJaxpr(j, name)));
      // device 0 runs on the caller on one thread, as each worker device does
      return runOnWorkers(name, c.id, encode, k, inputs, (xs) => withThreads(1, () => onCaller(k)(xs)));
    }
    const stage = onCaller(k);
    return inputs.map((xs, i) => {
      try {
        return stage(xs);
      } catch (e) {
        throw parallelError.device(name, i, causeOf(e));
      }
    });
  });
  return treeUnflatten(
    c.outTree,
    c.outAxes.map((ax, j) =>
      ax === null
        ? outs[0]![j]!
        : stack(
            outs.map((o) => o[j]!),
            ax,
          ),
    ),
  );
}

/** jax.pmap: f mapped over an axis of its arguments, one device per position, collectives across devices. */
export function pmap<F extends (...args: any[]) => any>(
  f: F,
  options: PmapOptions<Parameters<F>, ReturnType<F>> = {},
): (...args: Parameters<F>) => Cotangent<ReturnType<F>> {
  const name = f.name || "<anonymous>";
  const opts = options as unknown as PmapOptions;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts))
    throw parallelError.pmap(name, `options must be an object such as { axisName: "i" }, got ${typeof opts}`);
  if (opts.axisName !== undefined && typeof opts.axisName !== "string")
    throw parallelError.pmap(name, `axisName must be a string, got ${typeof opts.axisName}`);
  if (opts.devices !== undefined && !(Number.isInteger(opts.devices) && opts.devices >= 1))
    throw parallelError.pmap(name, `devices must be a positive integer, got ${String(opts.devices)}`, { devices: opts.devices });
  const axisName = opts.axisName ?? `pmap:${name}`;
  const inSpec: AxisSpec = opts.inAxes === undefined ? 0 : (opts.inAxes as AxisSpec);
  const outSpec: AxisSpec = opts.outAxes === undefined ? 0 : (opts.outAxes as AxisSpec);
  const cache = new Map<string, Compiled>();

  return (...args: unknown[]): any => {
    const a = mapArguments(name, args, inSpec);
    const count = opts.devices ?? defaultDevices();
    if (a.size > count)
      throw parallelError.pmap(
        name,
        `the mapped axis has size ${a.size} but only ${count} devices are available (pass { devices: ${a.size} })`,
        {
          axisSize: a.size,
          devices: count,
        },
      );
    // under jit/grad/vmap the arguments are tracers: pmap means vmap over the named axis
    if (isTracing() || a.leaves.some((x) => x instanceof Tracer))
      return vmap(f, { inAxes: opts.inAxes as never, outAxes: opts.outAxes as never, axisName })(...(args as Parameters<F>));
    const key = `${a.size}|${treeDefKey(a.inTree)}|${a.leaves.map((x, k) => sig(x, a.mapped[k]!)).join(";")}`;
    let c = cache.get(key);
    if (c === undefined) cache.set(key, (c = compile(f, name, axisName, outSpec, a)));
    return run(c, name, a, opts.sequential === true);
  };
}

/** A leaf's part of the cache key: a JS scalar's class, or an array's shape, dtype and mapped axis. */
function sig(x: unknown, axis: number | null): string {
  if (!(x instanceof NDArray)) return scalarLeafKey(x as number | boolean);
  return `${x.shape.join(",")}:${x.dtype}${x.weakType ? "~" : ""}@${axis}`;
}
