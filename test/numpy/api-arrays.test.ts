// jax.numpy reference cases: array manipulation, set operations, index helpers (refs/api-arrays.json, from scripts/gen_numpy_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("api-arrays");
