// NumPy reference cases: elementwise (refs/elementwise.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("elementwise");
