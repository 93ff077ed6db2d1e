// NumPy/JAX reference cases: numpy.linalg (refs/decomp.json, from scripts/gen_linalg_refs.py via gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("decomp");
