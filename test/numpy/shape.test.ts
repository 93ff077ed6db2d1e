// NumPy reference cases: shape (refs/shape.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("shape");
