// NumPy reference cases: linalg (refs/linalg.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("linalg");
