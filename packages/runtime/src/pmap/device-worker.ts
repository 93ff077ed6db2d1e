// Entry point of a pmap device worker (Node worker_threads). It keeps the programs it was sent, compiles
// each stage with its own runtime jit (the same stageRunner the caller uses when devices run on it, so the
// results are the same), and answers every message on its port, then raises the shared flag. Its exit hook
// raises the flag too, so a caller waiting on a dying worker wakes up.
import "../index.js";
import type { NDArray } from "../ndarray.js";
import { DEVICE_FLAGS, type DeviceMessage, type DeviceReply, causeOf, transferable } from "./devices.js";
import { decodeArray, decodeJaxpr, encodeArray } from "./serialize.js";
import { stageRunner } from "./stage.js";
import { setThreads } from "../threads/pool.js";

interface Port {
  postMessage(msg: unknown, transfer?: readonly unknown[]): void;
}
interface ParentPort {
  on(event: "message", f: (msg: DeviceMessage) => void): void;
}
const proc = (globalThis as unknown as { process: { getBuiltinModule(id: string): unknown; on(e: "exit", f: () => void): void } }).process;
const wt = proc.getBuiltinModule("node:worker_threads") as { parentPort: ParentPort; workerData: { port: Port; flag: Int32Array } };
const { port, flag } = wt.workerData;
// the devices are the parallelism: a device's kernels stay on its own thread (no pool inside a device)
setThreads(1);
const programs = new Map<number, (((xs: NDArray[]) => NDArray[]) | null)[]>();

function answer(reply: DeviceReply, transfer: unknown[] = []): void {
  port.postMessage(reply, transfer);
  Atomics.store(flag, 0, DEVICE_FLAGS.FLAG_REPLIED);
  Atomics.notify(flag, 0);
}

proc.on("exit", () => {
  Atomics.store(flag, 0, DEVICE_FLAGS.FLAG_EXITED);
  Atomics.notify(flag, 0);
});

wt.parentPort.on("message", (msg) => {
  try {
    if (msg.type === "load") {
      programs.set(
        msg.id,
        msg.stages.map((s) => s && stageRunner(decodeJaxpr(s))),
      );
      answer({ ok: true, outputs: [] });
    } else {
      const outs = programs.get(msg.id)![msg.stage]!(msg.inputs.map(decodeArray)).map(encodeArray);
      answer({ ok: true, outputs: outs }, transferable(outs));
    }
  } catch (e) {
    answer({ ok: false, error: causeOf(e) });
  }
});
