// lax special functions (igamma, igammac, betainc, zeta, polygamma, besselI0e/I1e, randomGammaGrad):
// JAX 0.10.2 references (scripts/gen_lax2_refs.py).
import { runRefFile } from "./runner.js";

runRefFile("lax-special");
