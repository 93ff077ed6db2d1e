// NumPy/JAX reference cases: lax.convTranspose, lax.reduceWindow, fft.hfft/ihfft, bitwiseCount, applyAlongAxis/applyOverAxes
// (refs/windows.json, from scripts/gen_linalg_refs.py via gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("windows");
