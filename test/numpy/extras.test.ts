// NumPy reference cases: extras (refs/extras.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("extras");
