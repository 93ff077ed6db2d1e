// NumPy reference cases: seeded random compositions (refs/random.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("random");
