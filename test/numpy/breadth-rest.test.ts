// NumPy/JAX reference cases: breadth-rest (refs/breadth-rest.json: polyfit, lax.topK, unique options).
import { runRefFile } from "./runner.js";

runRefFile("breadth-rest");
