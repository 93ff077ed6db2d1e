// NumPy reference cases: large arrays and float32 fast-math sweeps (refs/large.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("large");
