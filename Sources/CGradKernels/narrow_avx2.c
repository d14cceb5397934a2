// Kernels for layers at most 8 units wide (the notebook's 2-unit layers, a wide network's output
// layer), for the AVX2 and AVX-512 paths alike: a 2-unit row fills no register wider than 8
// lanes. Compiled for AVX2 with a function attribute, so nothing here runs unless chosen.
//
// Arithmetic: one multiply and one add per term, never fused (`fp contract(off)`), in
// increasing order from 0, exactly as GradTensor's portable NarrowProduct and plain loops;
// so these kernels give the portable path's bits on every path.

#include <string.h>

#pragma clang fp contract(off)

#if defined(__x86_64__)
#include "CGradKernels.h"

#define TARGET __attribute__((target("avx2")))
typedef float lanes8 __attribute__((vector_size(32), aligned(4)));

#define INLINE TARGET static inline __attribute__((always_inline))

/// The first `count` (1...8) floats at `p`, the other lanes zero. Called with a constant
/// `count` (see WIDTHS below), the switch folds away: a 2-unit row is one 8-byte load.
INLINE lanes8 load(const float *p, long count) {
    lanes8 v = {0};
    switch (count) {
    case 1: memcpy(&v, p, 4); break;
    case 2: memcpy(&v, p, 8); break;
    case 3: memcpy(&v, p, 12); break;
    case 4: memcpy(&v, p, 16); break;
    case 5: memcpy(&v, p, 20); break;
    case 6: memcpy(&v, p, 24); break;
    case 7: memcpy(&v, p, 28); break;
    default: memcpy(&v, p, 32); break;
    }
    return v;
}

/// Writes the first `count` (1...8) lanes of `v` to `p`, nothing past them.
INLINE void store(float *p, lanes8 v, long count) {
    switch (count) {
    case 1: memcpy(p, &v, 4); break;
    case 2: memcpy(p, &v, 8); break;
    case 3: memcpy(p, &v, 12); break;
    case 4: memcpy(p, &v, 16); break;
    case 5: memcpy(p, &v, 20); break;
    case 6: memcpy(p, &v, 24); break;
    case 7: memcpy(p, &v, 28); break;
    default: memcpy(p, &v, 32); break;
    }
}

INLINE void narrow_rows(const float *a, long ars, long acs, const float *b, long brs, long bcs,
                        const float *bias, float *c, long k, long n, long row_begin, long row_end) {
    lanes8 packed[GK_NARROW_MAX_DEPTH];
    for (long p = 0; p < k; p++) {
        lanes8 row = {0};
        for (long j = 0; j < n; j++) row[j] = b[p * brs + j * bcs];
        packed[p] = row;
    }
    lanes8 offset = bias ? load(bias, n) : (lanes8){0};
    long r = row_begin;
    // Two rows at a time: two independent chains of adds.
    for (; r + 2 <= row_end; r += 2) {
        const float *a0 = a + r * ars, *a1 = a0 + ars;
        lanes8 acc0 = {0}, acc1 = {0};
        for (long p = 0; p < k; p++) {
            acc0 = acc0 + a0[p * acs] * packed[p];
            acc1 = acc1 + a1[p * acs] * packed[p];
        }
        if (bias) {
            acc0 = acc0 + offset;
            acc1 = acc1 + offset;
        }
        store(c + r * n, acc0, n);
        store(c + (r + 1) * n, acc1, n);
    }
    for (; r < row_end; r++) {
        const float *a0 = a + r * ars;
        lanes8 acc = {0};
        for (long p = 0; p < k; p++) acc = acc + a0[p * acs] * packed[p];
        if (bias) acc = acc + offset;
        store(c + r * n, acc, n);
    }
}

/// Kernel-gradient sums of inputs [i0, i0 + 4) (fewer at the end), and the bias sums when
/// `bias_sum` is non-null: four accumulators in registers across the whole batch.
INLINE void example_block(const float *x, const float *delta, long batch, long k, long units,
                          long i0, long width, float *out, float *kernel_sum, float *bias_sum) {
    lanes8 acc[4] = {{0}, {0}, {0}, {0}}, bias_acc = {0};
    for (long n = 0; n < batch; n++) {
        lanes8 d = load(delta + n * units, units);
        const float *xn = x + n * k + i0;
        float *outn = out ? out + (n * k + i0) * units : 0;
        // Unrolled with a constant count, so every acc[t] stays in a register.
        _Pragma("clang loop unroll(full)") for (int t = 0; t < 4; t++) {
            if (t < width) {
                lanes8 product = xn[t] * d;
                if (outn) store(outn + t * units, product, units);
                acc[t] = acc[t] + product;
            }
        }
        if (bias_sum) bias_acc = bias_acc + d;
    }
    _Pragma("clang loop unroll(full)") for (int t = 0; t < 4; t++) {
        if (t < width) store(kernel_sum + (i0 + t) * units, acc[t], units);
    }
    if (bias_sum) store(bias_sum, bias_acc, units);
}

INLINE void example_gradients(const float *x, const float *delta, long batch, long k, long units,
                              float *out, float *kernel_sum, float *bias_sum) {
    for (long i0 = 0; i0 < k; i0 += 4) {
        long width = k - i0 < 4 ? k - i0 : 4;
        example_block(x, delta, batch, k, units, i0, width, out, kernel_sum, i0 == 0 ? bias_sum : 0);
    }
}

/// One copy of each kernel per width 1...8, with the width a constant: no branch on it per
/// load or store. The entry points pick the copy once per call.
#define WIDTHS(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8)

#define NARROW_ROWS(N)                                                                              \
    TARGET static void narrow_rows_##N(const float *a, long ars, long acs, const float *b, long brs, \
                                       long bcs, const float *bias, float *c, long k, long row_begin, \
                                       long row_end) {                                              \
        narrow_rows(a, ars, acs, b, brs, bcs, bias, c, k, N, row_begin, row_end);                    \
    }
WIDTHS(NARROW_ROWS)

#define EXAMPLE_GRADIENTS(N)                                                                        \
    TARGET static void example_gradients_##N(const float *x, const float *delta, long batch, long k, \
                                             float *out, float *kernel_sum, float *bias_sum) {      \
        example_gradients(x, delta, batch, k, N, out, kernel_sum, bias_sum);                         \
    }
WIDTHS(EXAMPLE_GRADIENTS)

#define CASE_NARROW_ROWS(N) case N: narrow_rows_##N(a, ars, acs, b, brs, bcs, bias, c, k, row_begin, row_end); break;
void gk_narrow_rows(const float *a, long ars, long acs, const float *b, long brs, long bcs,
                    const float *bias, float *c, long k, long n, long row_begin, long row_end) {
    switch (n) { WIDTHS(CASE_NARROW_ROWS) }
}

#define CASE_EXAMPLE_GRADIENTS(N) case N: example_gradients_##N(x, delta, batch, k, out, kernel_sum, bias_sum); break;
void gk_example_gradients(const float *x, const float *delta, long batch, long k, long units,
                          float *out, float *kernel_sum, float *bias_sum) {
    switch (units) { WIDTHS(CASE_EXAMPLE_GRADIENTS) }
}
#else
#include "CGradKernels.h"
// Other architectures run the portable Swift kernels only: these are never called there.
void gk_narrow_rows(const float *a, long ars, long acs, const float *b, long brs, long bcs,
                    const float *bias, float *c, long k, long n, long row_begin, long row_end) {
    (void)a; (void)ars; (void)acs; (void)b; (void)brs; (void)bcs; (void)bias; (void)c; (void)k; (void)n;
    (void)row_begin; (void)row_end;
}
void gk_example_gradients(const float *x, const float *delta, long batch, long k, long units,
                          float *out, float *kernel_sum, float *bias_sum) {
    (void)x; (void)delta; (void)batch; (void)k; (void)units; (void)out; (void)kernel_sum; (void)bias_sum;
}
#endif
