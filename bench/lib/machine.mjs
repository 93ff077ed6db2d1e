// What the numbers were measured on.
import os from "node:os";
import { readFileSync } from "node:fs";

export function machineInfo() {
  const cpus = os.cpus();
  let model = cpus[0]?.model?.trim() || "unknown CPU";
  try {
    // Inside VMs os.cpus() can say just "AMD EPYC"; /proc/cpuinfo sometimes has more.
    const m = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m);
    if (m && m[1].length > model.length) model = m[1].trim();
  } catch {}
  return {
    cpu: model,
    cores: cpus.length,
    mhz: cpus[0]?.speed || null,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    load: loadAvg(),
  };
}

export function loadAvg() {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}
