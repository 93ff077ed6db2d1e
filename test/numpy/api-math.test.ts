// NumPy/JAX reference cases: fabs ... vectorize, linalg.cond/tensorinv/tensorsolve, nn.tanh
// (refs/api-math.json, from gen_api_math in scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("api-math");
