// Train a tanh RNN (lax.scan over time) to continue sine waves: `npm run train -w examples/rnn-scan`
//   node main.mjs [--steps N]
import { train } from "./model.mjs";

const i = process.argv.indexOf("--steps");
const steps = i > 0 ? Number(process.argv[i + 1]) : 300;
const t0 = performance.now();
const { losses, compiles } = train(steps, {
  log: (k, l) => {
    if (k % 50 === 0 || k === steps - 1) console.log(`step ${String(k).padStart(4)}  loss ${l.toFixed(5)}`);
  },
});
const ms = performance.now() - t0;
const perStep = `${(ms / steps).toFixed(2)} ms/step, ${compiles} compile`;
const fall = `loss ${losses[0].toFixed(4)} -> ${losses.at(-1).toFixed(4)}`;
console.log(`${steps} steps in ${(ms / 1000).toFixed(2)} s (${perStep}); ${fall}`);
