#!/usr/bin/env node
"use strict";
const __nj_k0 = function nj_elementwise_#0(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "elementwise:#0": __nj_k0 };
// A shebang and a directive prologue, then code before any import: the kernel declarations go after the
// directives (which must stay first to count), before the code.
export const f = __nj_pre((x) => np.subtract(x, 1), { name: "f", kernels: __nj_t0 });
export const out = f(np.array([5, 6]));
import { numpy as np, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
