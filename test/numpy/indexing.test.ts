// NumPy reference cases: indexing (refs/indexing.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("indexing");
