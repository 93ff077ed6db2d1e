// Train the MLP data-parallel over 2 worker devices (pmap, gradients pmean'd) and in one process on the same
// batches; print both loss curves side by side and the time per step.
//   npm run example:data-parallel                   (from the repository root)
//   node examples/data-parallel/main.mjs --steps 40 --devices 2 --batch 128
import { train } from "./model.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(process.argv[i + 1]);
};
const steps = arg("steps", 60),
  devices = arg("devices", 2),
  batch = arg("batch", 128);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const one = train({ steps, batch });
const dp = train({ steps, batch, devices });
console.log(`MLP 784-256-10, SGD, batch ${batch}: one process vs pmap over ${devices} devices (batch ${batch / devices} each)`);
for (let i = 0; i < steps; i += Math.max(1, Math.floor(steps / 10)))
  console.log(`step ${String(i + 1).padStart(4)}: loss ${one.losses[i].toFixed(5)} | ${dp.losses[i].toFixed(5)}`);
const maxDiff = Math.max(...one.losses.map((l, i) => Math.abs(l - dp.losses[i]) / Math.abs(l)));
console.log(`largest relative difference between the curves: ${maxDiff.toExponential(2)}`);
console.log(
  `step time (median after the first): one process ${median(one.ms.slice(1)).toFixed(2)} ms, ` +
    `data-parallel ${median(dp.ms.slice(1)).toFixed(2)} ms; first step ${one.ms[0].toFixed(0)} / ${dp.ms[0].toFixed(0)} ms`,
);
