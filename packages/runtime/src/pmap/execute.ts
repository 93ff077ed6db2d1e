// Running a device program: every device keeps an environment of its values; stages run on all devices
// (in workers, or one after another on the caller), and the caller applies each collective across the
// devices' values in device order — so a psum is the same left-to-right sum whichever way stages ran.
import { bind } from "../core/trace.js";
import { type Atom, Lit, type Var } from "../ir/jaxpr.js";
import { type NDArray, scalarArray } from "../ndarray.js";
import type { CollectiveEqn, DeviceProgram } from "./program.js";

/** Runs stage k (its index in `program.segments`) on every device: inputs[i] are device i's values. */
export type StageRunner = (k: number, inputs: NDArray[][]) => NDArray[][];

/** One collective across the devices: xs[i] is device i's operand; returns each device's result. */
export function applyCollective(eqn: CollectiveEqn, xs: NDArray[]): NDArray[] {
  switch (eqn.primitive) {
    case "psum": {
      const total = xs.reduce((a, b) => bind("add", [a, b], {}));
      return xs.map(() => total);
    }
    case "pmax": {
      const m = xs.reduce((a, b) => bind("max", [a, b], {}));
      return xs.map(() => m);
    }
    case "all_gather": {
      const { axis } = eqn.params;
      const parts = xs.map((x) => {
        const shape = [...x.shape.slice(0, axis), 1, ...x.shape.slice(axis)];
        return bind("reshape", [x], { shape });
      });
      const all = bind("concatenate", parts, { axis });
      return xs.map(() => all);
    }
    case "axis_index":
      return xs.map((_, i) => scalarArray(i, "int32", false));
  }
}

/**
 * Run the program on `shards[i]` (device i's input leaves); returns each device's output leaves. Replicated
 * stages run once, on the caller (`runOnCaller(k)`); the others through `runStage`.
 */
export function execute(
  program: DeviceProgram,
  shards: NDArray[][],
  runOnCaller: (k: number) => (xs: NDArray[]) => NDArray[],
  runStage: StageRunner,
): NDArray[][] {
  const envs = shards.map((ins) => {
    const env = new Map<Var, NDArray>();
    program.inBinders.forEach((v, i) => env.set(v, ins[i]!));
    program.constvars.forEach((v, i) => env.set(v, program.consts[i]!));
    return env;
  });
  const read = (env: Map<Var, NDArray>, a: Atom) => (a instanceof Lit ? scalarArray(a.value, a.aval.dtype, a.aval.weakType) : env.get(a)!);
  program.segments.forEach((seg, k) => {
    if (seg.kind === "stage" && seg.replicated) {
      const outs = runOnCaller(k)(seg.jaxpr.inBinders.map((v) => envs[0]!.get(v)!));
      envs.forEach((env) => (seg.jaxpr.outs as Var[]).forEach((v, j) => env.set(v, outs[j]!)));
    } else if (seg.kind === "stage") {
      const outs = runStage(
        k,
        envs.map((env) => seg.jaxpr.inBinders.map((v) => env.get(v)!)),
      );
      envs.forEach((env, i) => (seg.jaxpr.outs as Var[]).forEach((v, j) => env.set(v, outs[i]![j]!)));
    } else {
      const { eqn } = seg;
      const outs = applyCollective(
        eqn,
        envs.map((env) => (eqn.inputs.length ? read(env, eqn.inputs[0]!) : scalarArray(0, "int32", false))),
      );
      envs.forEach((env, i) => env.set(eqn.outs[0]!, outs[i]!));
    }
  });
  return envs.map((env) => program.outs.map((o) => read(env, o)));
}
