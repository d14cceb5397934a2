// tanh and sigmoid over float arrays for the AVX-512 path: the same operations in the same order
// as GradTensor's FastMath (Cephes-style), one lane at a time in 16 lanes, with contraction
// into fused multiply-adds switched off, so every value has the bits of the portable path.
#if defined(__x86_64__)
#include "CGradKernels.h"
#include <string.h>

#pragma clang fp contract(off)

#define TARGET __attribute__((target("avx512f")))
typedef float lanes __attribute__((vector_size(64), aligned(4)));
typedef int ints __attribute__((vector_size(64), aligned(4)));

TARGET static inline lanes pick(ints where, lanes yes, lanes no) {
    return (lanes)((where & (ints)yes) | (~where & (ints)no));
}

TARGET static inline lanes magnitude(lanes x) { return (lanes)((ints)x & 0x7fffffff); }

TARGET static inline lanes pow2(ints n) { return (lanes)((n + 127) << 23); }

/// FastMath.exp.
TARGET static inline lanes exp16(lanes x) {
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
TARGET static inline lanes tanh16(lanes x) {
    lanes ax = magnitude(x);
    lanes z = x * x;
    lanes p = (lanes){0} - 5.70498872745e-3f;
    p = p * z + 2.06390887954e-2f;
    p = p * z - 5.37397155531e-2f;
    p = p * z + 1.33314422036e-1f;
    p = p * z - 3.33332819422e-1f;
    lanes small = p * z * x + x;
    lanes e = exp16(-2 * ax);
    lanes large = (1 - e) / (1 + e);
    large = pick(x < 0, -large, large);
    return pick(ax < 0.625f, small, large);
}

/// FastMath.sigmoid.
TARGET static inline lanes sigmoid16(lanes x) {
    lanes e = exp16(-magnitude(x));
    lanes numerator = pick(x < 0, e, (lanes){0} + 1);
    return numerator / (1 + e);
}

#define SWEEP(NAME, F)                                                          \
    TARGET static void NAME(const float *x, float *out, long count) {           \
        long i = 0;                                                             \
        for (; i + 16 <= count; i += 16) *(lanes *)(out + i) = F(*(const lanes *)(x + i)); \
        if (i < count) {                                                        \
            lanes tail = {0};                                                   \
            memcpy(&tail, x + i, (count - i) * sizeof(float));                  \
            lanes result = F(tail);                                             \
            memcpy(out + i, &result, (count - i) * sizeof(float));              \
        }                                                                       \
    }

SWEEP(tanh_sweep, tanh16)
SWEEP(sigmoid_sweep, sigmoid16)

void gk_tanh_avx512(const float *x, float *out, long count) { tanh_sweep(x, out, count); }
void gk_sigmoid_avx512(const float *x, float *out, long count) { sigmoid_sweep(x, out, count); }
#endif
