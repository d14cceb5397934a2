// Picks a path from the CPU's features and forwards to it.
#include "CGradKernels.h"

#if defined(__x86_64__)
void gk_multiply_rows_avx2(const float *, long, long, const float *, long, long, float *, long, long, long, long, float *);
void gk_multiply_rows_avx512(const float *, long, long, const float *, long, long, float *, long, long, long, long, float *);
#endif

int gk_best_path(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return GK_PATH_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return GK_PATH_AVX2;
#endif
    return GK_PATH_PORTABLE;
}

int gk_tile_rows(int path) { return path == GK_PATH_AVX512 ? 12 : 6; }

long gk_packing_floats(void) { return 256 * 256; }

void gk_multiply_rows(int path, const float *a, long ars, long acs, const float *b, long brs, long bcs,
                      float *c, long k, long n, long row_begin, long row_end, float *packed) {
#if defined(__x86_64__)
    if (path == GK_PATH_AVX512) {
        gk_multiply_rows_avx512(a, ars, acs, b, brs, bcs, c, k, n, row_begin, row_end, packed);
        return;
    }
    if (path == GK_PATH_AVX2) {
        gk_multiply_rows_avx2(a, ars, acs, b, brs, bcs, c, k, n, row_begin, row_end, packed);
        return;
    }
#endif
    (void)path; (void)a; (void)ars; (void)acs; (void)b; (void)brs; (void)bcs;
    (void)c; (void)k; (void)n; (void)row_begin; (void)row_end; (void)packed;
}
