// NumPy reference cases: broadcast (refs/broadcast.json, from scripts/gen_numpy_refs.py): inputs that repeat along an axis,
// so the runner's broadcast layout passes them as stride-0 views.
import { runRefFile } from "./runner.js";

runRefFile("broadcast");
