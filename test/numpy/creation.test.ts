// NumPy reference cases: creation (refs/creation.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("creation");
