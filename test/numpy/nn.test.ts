// NumPy reference cases: nn (refs/nn.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("nn");
