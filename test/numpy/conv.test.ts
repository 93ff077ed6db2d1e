// NumPy/JAX reference cases: lax.convGeneralDilated, np.convolve / np.correlate
// (refs/conv.json, from scripts/gen_linalg_refs.py via gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("conv");
