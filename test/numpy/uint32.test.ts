// NumPy reference cases: uint32 arithmetic, casts, reductions, bitwise ops and shifts (refs/uint32.json,
// from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("uint32");
