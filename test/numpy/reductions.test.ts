// NumPy reference cases: reductions (refs/reductions.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("reductions");
