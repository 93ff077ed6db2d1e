// lax indexing (dynamic slices, gather/scatter), generic reduce, scans, approx top-k, reducePrecision:
// JAX 0.10.2 references (scripts/gen_lax2_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("lax-indexing");
