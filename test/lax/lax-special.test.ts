// lax special functions (igamma, igammac, betainc, zeta, polygamma, besselI0e/I1e) against JAX (refs/lax-special.json).
import { runLaxRefs } from "./lax-refs.js";

runLaxRefs("lax-special");
