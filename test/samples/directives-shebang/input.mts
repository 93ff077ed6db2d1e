#!/usr/bin/env node
"use strict";
// A shebang and a directive prologue, then code before any import: the kernel declarations go after the
// directives (which must stay first to count), before the code.
export const f = jit((x: np.NDArray) => np.subtract(x, 1));
export const out = f(np.array([5, 6]));
import { numpy as np, jit } from "@numjit/runtime";
