// NumPy/JAX/SciPy reference cases: breadth (refs/breadth.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("breadth");
