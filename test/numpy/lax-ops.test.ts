// lax's elementwise, structural, reduction, dot and sort functions against real JAX (refs/lax-ops.json, from
// scripts/gen_lax_refs.py): eager, eager views, jit and jit views; bad inputs as typed errors naming the op.
import { runRefFile } from "./runner.js";

runRefFile("lax-ops");
