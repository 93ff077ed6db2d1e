// One cold start for W6: a fresh Node process imports the library and times its first calls.
// Usage: node w6-child.mjs '{"lib": "...", "shape": [..], "file": "..."}' → prints JSON (ns).
import { makeSubject } from "./w6-subjects.mjs";

const { lib, shape, file } = JSON.parse(process.argv[2]);
const subject = await makeSubject(lib, shape, { file });
const time = async () => {
  const t0 = process.hrtime.bigint();
  const r = subject.call();
  if (r instanceof Promise) await r;
  return Number(process.hrtime.bigint() - t0);
};
const first = await time();
const second = await time();
process.stdout.write(JSON.stringify({ first, second }) + "\n");
