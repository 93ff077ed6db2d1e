// lax indexing, generic reduce, scans, approx top-k, reducePrecision against JAX (refs/lax-indexing.json).
import { runLaxRefs } from "./lax-refs.js";

runLaxRefs("lax-indexing");
