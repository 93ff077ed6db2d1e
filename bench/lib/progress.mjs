// Progress on stderr: a cli-progress bar on a terminal, one plain line per step otherwise (CI logs).
import cliProgress from "cli-progress";

export function makeProgress(total) {
  const tty = Boolean(process.stderr.isTTY);
  let done = 0;
  const t0 = performance.now();
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: "bench {bar} {value}/{total} | {elapsed}s | {task}",
          barsize: 24,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0, { task: "starting", elapsed: "0" });
  const elapsed = () => ((performance.now() - t0) / 1000).toFixed(0);
  return {
    /** A step begins (shown as the current task). */
    step(task) {
      if (bar) bar.update(done, { task, elapsed: elapsed() });
      else process.stderr.write(`[${String(done + 1).padStart(3)}/${total}] ${elapsed().padStart(4)}s  ${task}\n`);
    },
    /** A step ended, with a one-line outcome. */
    done(outcome) {
      done++;
      if (bar) bar.update(done, { elapsed: elapsed() });
      else if (outcome) process.stderr.write(`          ${outcome}\n`);
    },
    /** A free-form message that must not be eaten by the bar. */
    log(msg) {
      if (bar) {
        bar.stop();
        process.stderr.write(msg + "\n");
        bar.start(total, done, { task: "", elapsed: elapsed() });
      } else process.stderr.write(msg + "\n");
    },
    stop() {
      bar?.stop();
    },
  };
}
