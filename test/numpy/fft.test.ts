// NumPy/JAX reference cases: numpy.fft (refs/fft.json, from scripts/gen_linalg_refs.py via gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("fft");
