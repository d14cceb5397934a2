// One instruction set's tanh and sigmoid over float arrays, and their derivatives times an
// incoming gradient; included by activations_avx2.c and activations_avx512.c with GK_TARGET,
// GK_LANES (floats per register) and GK_SUFFIX defined. The same operations in the same order
// as GradTensor's FastMath (Cephes-style), one lane at a time, with contraction into fused
// multiply-adds switched off, so every value has the bits of the portable path.
#include <string.h>

#pragma clang fp contract(off)

#define GK_CAT2(a, b) a##b
#define GK_CAT(a, b) GK_CAT2(a, b)
#define GK_NAME(name) GK_CAT(name, GK_SUFFIX)

#define TARGET GK_TARGET
#define lanes GK_NAME(lanes_)
#define ints GK_NAME(ints_)
typedef float lanes __attribute__((vector_size(GK_LANES * 4), aligned(4)));
typedef int ints __attribute__((vector_size(GK_LANES * 4), aligned(4)));

TARGET static inline lanes pick(ints where, lanes yes, lanes no) {
    return (lanes)((where & (ints)yes) | (~where & (ints)no));
}

TARGET static inline lanes magnitude(lanes x) { return (lanes)((ints)x & 0x7fffffff); }

TARGET static inline lanes pow2(ints n) { return (lanes)((n + 127) << 23); }

/// FastMath.exp.
TARGET static inline lanes exp_lanes(lanes x) {
    lanes low = (lanes){0} - 104.0f, high = (lanes){0} + 88.72f;
    lanes clamped = pick(x < low, low, x);
    clamped = pick(clamped > high, high, clamped);
    const float magic = 12582912.0f;
    lanes shifted = clamped * 1.44269504f + magic;
    lanes n = shifted - magic;
    ints nInt = (ints)shifted - 0x4B400000;
    lanes r = (clamped - n * 0.693359375f) - n * -2.1219444e-4f;
    lanes r2 = r * r;
    lanes p = (lanes){0} + 1.98756915e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    lanes er = p * r2 + r + 1;
    ints half = nInt >> 1;
    lanes result = er * pow2(half) * pow2(nInt - half);
    return pick(x != x, x, result);
}

/// FastMath.tanh.
TARGET static inline lanes tanh_lanes(lanes x) {
    lanes ax = magnitude(x);
    lanes z = x * x;
    lanes p = (lanes){0} - 5.70498872745e-3f;
    p = p * z + 2.06390887954e-2f;
    p = p * z - 5.37397155531e-2f;
    p = p * z + 1.33314422036e-1f;
    p = p * z - 3.33332819422e-1f;
    lanes small = p * z * x + x;
    lanes e = exp_lanes(-2 * ax);
    lanes large = (1 - e) / (1 + e);
    large = pick(x < 0, -large, large);
    return pick(ax < 0.625f, small, large);
}

/// FastMath.sigmoid.
TARGET static inline lanes sigmoid_lanes(lanes x) {
    lanes e = exp_lanes(-magnitude(x));
    lanes numerator = pick(x < 0, e, (lanes){0} + 1);
    return numerator / (1 + e);
}

/// out[i] = F(x[i]); the last partial register zero-padded.
#define SWEEP(NAME, F)                                                                      \
    GK_TARGET void GK_NAME(NAME)(const float *x, float *out, long count) {                  \
        long i = 0;                                                                         \
        for (; i + GK_LANES <= count; i += GK_LANES) *(lanes *)(out + i) = F(*(const lanes *)(x + i)); \
        if (i < count) {                                                                    \
            lanes tail = {0};                                                               \
            memcpy(&tail, x + i, (count - i) * sizeof(float));                              \
            lanes result = F(tail);                                                         \
            memcpy(out + i, &result, (count - i) * sizeof(float));                          \
        }                                                                                   \
    }

TARGET static inline lanes tanh_derivative_times(lanes a, lanes g) { return g * (1 - a * a); }
TARGET static inline lanes sigmoid_derivative_times(lanes a, lanes g) { return g * (a * (1 - a)); }

/// g[i] = F(a[i], g[i]): dL/da times f' (read from the outputs a) in place.
#define SWEEP_IN_PLACE(NAME, F)                                                             \
    GK_TARGET void GK_NAME(NAME)(const float *a, float *g, long count) {                    \
        long i = 0;                                                                         \
        for (; i + GK_LANES <= count; i += GK_LANES)                                        \
            *(lanes *)(g + i) = F(*(const lanes *)(a + i), *(const lanes *)(g + i));        \
        if (i < count) {                                                                    \
            lanes a_tail = {0}, g_tail = {0};                                               \
            memcpy(&a_tail, a + i, (count - i) * sizeof(float));                            \
            memcpy(&g_tail, g + i, (count - i) * sizeof(float));                            \
            lanes result = F(a_tail, g_tail);                                               \
            memcpy(g + i, &result, (count - i) * sizeof(float));                            \
        }                                                                                   \
    }

SWEEP(gk_tanh_, tanh_lanes)
SWEEP(gk_sigmoid_, sigmoid_lanes)
SWEEP_IN_PLACE(gk_tanh_derivative_times_, tanh_derivative_times)
SWEEP_IN_PLACE(gk_sigmoid_derivative_times_, sigmoid_derivative_times)
