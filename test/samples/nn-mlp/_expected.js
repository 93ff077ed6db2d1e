// A two-layer MLP forward pass with typed shapes: matmul + bias + relu fuse into the dot kernel.
import { numpy as np, nn, jit } from "@numjit/runtime";
import { precompiled as __nj_pre } from "@numjit/runtime/internal";
const __nj_k0 = function nj_dot_#0(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, a0, o0, s0, C) { /* body elided */ };
const __nj_k1 = function nj_dot_#1(H, o, B, M, N, K, A, ao, sab, sam, sak, W, wo, swb, swk, swn, a0, o0, s0, C) { /* body elided */ };
const __nj_k2 = function nj_reduce_#2(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k3 = function nj_elementwise_#3(H, o, shape, a0, o0, s0, a1, o1, s1, C) { /* body elided */ };
const __nj_k4 = function nj_reduce_#4(H, o, kshape, rshape, mode, a0, o0, ks0, rs0, C) { /* body elided */ };
const __nj_k5 = function nj_elementwise_#5(H, o, shape, a0, o0, s0, C) { /* body elided */ };
const __nj_t0 = { "@codegen": "<version>", "dot:#0": __nj_k0, "dot:#1": __nj_k1, "reduce:#2": __nj_k2, "elementwise:#3": __nj_k3, "reduce:#4": __nj_k4, "elementwise:#5": __nj_k5 };
const __nj_t1 = { "@codegen": "<version>", "dot:#0": __nj_k0 };
/**
 * @numjit x: f32[B, 4], w1: f32[4, H], b1: f32[H], w2: f32[H, 3], b2: f32[3]
 */
export const mlp = __nj_pre((x, w1, b1, w2, b2) => {
    const h = nn.relu(np.add(np.matmul(x, w1), b1));
    return nn.logSoftmax(np.add(np.matmul(h, w2), b2), -1);
}, { name: "mlp", kernels: __nj_t0 });
// Unannotated: ranks from the call below; the matmul and the broadcast unify the fresh symbols of x, w and b.
export const layer = __nj_pre((x, w, b) => nn.relu(x.matmul(w).add(b)), { name: "layer", kernels: __nj_t1 });
export const out = layer(np.zeros([2, 4]), np.ones([4, 5]), np.zeros([5]));
