// One instruction set's blocked matrix product; included by gemm_avx2.c and gemm_avx512.c
// with GK_TARGET (the function attribute), GK_VECTOR_FLOATS (lanes per register),
// GK_TILE_ROWS and GK_SUFFIX defined. Every function here is static and carries the
// target attribute, so nothing compiled for a wider instruction set runs unless chosen.

#include <string.h>

#define GK_CAT2(a, b) a##b
#define GK_CAT(a, b) GK_CAT2(a, b)
#define GK_NAME(name) GK_CAT(name, GK_SUFFIX)

/// Columns of one packed strip of b: two registers.
#define GK_STRIP (2 * GK_VECTOR_FLOATS)
#define GK_PANEL_DEPTH 256
#define GK_PANEL_WIDTH 256

typedef float GK_NAME(vector_) __attribute__((vector_size(GK_VECTOR_FLOATS * 4), aligned(4)));
#define VEC GK_NAME(vector_)

/// Copies b[p0..<p0+depth][j0..<j0+width] into strips of GK_STRIP columns, each p-major,
/// the last strip zero-padded.
GK_TARGET static void GK_NAME(pack_)(const float *b, long rs, long cs, long p0, long depth, long j0, long width, float *packed) {
    for (long j = 0; j < width; j += GK_STRIP) {
        long w = width - j < GK_STRIP ? width - j : GK_STRIP;
        float *strip = packed + j * depth;
        if (w == GK_STRIP && cs == 1) {
            for (long q = 0; q < depth; q++) memcpy(strip + q * GK_STRIP, b + (p0 + q) * rs + j0 + j, GK_STRIP * sizeof(float));
        } else {
            for (long q = 0; q < depth; q++) {
                const float *row = b + (p0 + q) * rs + (j0 + j) * cs;
                for (long jj = 0; jj < GK_STRIP; jj++) strip[q * GK_STRIP + jj] = jj < w ? row[jj * cs] : 0.0f;
            }
        }
    }
}

/// A register tile of ROWS x GK_STRIP: accumulators kept across the whole depth, one fused
/// multiply-add per term in increasing p. `c` has row stride `ldc`.
#define GK_DEFINE_TILE(NAME, ROWS)                                                                    \
    GK_TARGET static void GK_NAME(NAME)(const float *a, long ars, long acs, const float *b, \
                                                  long depth, float *c, long ldc, int accumulate) {   \
        VEC low[ROWS], high[ROWS];                                                                    \
        _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                                                              \
            low[r] = accumulate ? *(const VEC *)(c + r * ldc) : (VEC){0};                             \
            high[r] = accumulate ? *(const VEC *)(c + r * ldc + GK_VECTOR_FLOATS) : (VEC){0};         \
        }                                                                                             \
        for (long p = 0; p < depth; p++) {                                                            \
            VEC b0 = *(const VEC *)b, b1 = *(const VEC *)(b + GK_VECTOR_FLOATS);                      \
            const float *column = a + p * acs;                                                        \
            _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                                                          \
                VEC x = (VEC){0} + column[r * ars];                                                   \
                low[r] = __builtin_elementwise_fma(x, b0, low[r]);                                    \
                high[r] = __builtin_elementwise_fma(x, b1, high[r]);                                  \
            }                                                                                         \
            b += GK_STRIP;                                                                            \
        }                                                                                             \
        _Pragma("clang loop unroll(full)") for (int r = 0; r < ROWS; r++) {                                                              \
            *(VEC *)(c + r * ldc) = low[r];                                                           \
            *(VEC *)(c + r * ldc + GK_VECTOR_FLOATS) = high[r];                                       \
        }                                                                                             \
    }

GK_DEFINE_TILE(tile_full_, GK_TILE_ROWS)
GK_DEFINE_TILE(tile4_, 4)
GK_DEFINE_TILE(tile2_, 2)
GK_DEFINE_TILE(tile1_, 1)

/// `rows` (<= GK_TILE_ROWS) rows of c against one strip, with the tile that fits: the full
/// tile, else 4-, 2- and 1-row tiles in turn. Every element gets the same arithmetic.
GK_TARGET static void GK_NAME(rows_)(const float *a, long ars, long acs, const float *b, long depth,
                                     float *c, long ldc, int accumulate, long rows) {
    if (rows == GK_TILE_ROWS) { GK_NAME(tile_full_)(a, ars, acs, b, depth, c, ldc, accumulate); return; }
    long r = 0;
    for (; r + 4 <= rows; r += 4) GK_NAME(tile4_)(a + r * ars, ars, acs, b, depth, c + r * ldc, ldc, accumulate);
    for (; r + 2 <= rows; r += 2) GK_NAME(tile2_)(a + r * ars, ars, acs, b, depth, c + r * ldc, ldc, accumulate);
    for (; r < rows; r++) GK_NAME(tile1_)(a + r * ars, ars, acs, b, depth, c + r * ldc, ldc, accumulate);
}

GK_TARGET static void GK_NAME(multiply_rows_)(const float *a, long ars, long acs, const float *b, long brs, long bcs,
                                              float *c, long k, long n, long row_begin, long row_end, float *packed) {
    float edge[GK_TILE_ROWS * GK_STRIP] __attribute__((aligned(64)));
    for (long j0 = 0; j0 < n; j0 += GK_PANEL_WIDTH) {
        long width = n - j0 < GK_PANEL_WIDTH ? n - j0 : GK_PANEL_WIDTH;
        for (long p0 = 0; p0 < k; p0 += GK_PANEL_DEPTH) {
            long depth = k - p0 < GK_PANEL_DEPTH ? k - p0 : GK_PANEL_DEPTH;
            int accumulate = p0 > 0;
            GK_NAME(pack_)(b, brs, bcs, p0, depth, j0, width, packed);
            for (long i = row_begin; i < row_end; i += GK_TILE_ROWS) {
                long rows = row_end - i < GK_TILE_ROWS ? row_end - i : GK_TILE_ROWS;
                const float *aTile = a + i * ars + p0 * acs;
                for (long j = 0; j < width; j += GK_STRIP) {
                    long w = width - j < GK_STRIP ? width - j : GK_STRIP;
                    const float *strip = packed + j * depth;
                    float *cTile = c + i * n + j0 + j;
                    if (w == GK_STRIP) {
                        GK_NAME(rows_)(aTile, ars, acs, strip, depth, cTile, n, accumulate, rows);
                    } else {
                        // A partial strip: work in a full-width copy, write back the valid columns.
                        for (long r = 0; r < rows; r++)
                            for (long jj = 0; jj < GK_STRIP; jj++) edge[r * GK_STRIP + jj] = accumulate && jj < w ? cTile[r * n + jj] : 0.0f;
                        GK_NAME(rows_)(aTile, ars, acs, strip, depth, edge, GK_STRIP, accumulate, rows);
                        for (long r = 0; r < rows; r++) memcpy(cTile + r * n, edge + r * GK_STRIP, w * sizeof(float));
                    }
                }
            }
        }
    }
}

/// The entry point `dispatch.c` calls: gk_multiply_rows_<suffix>.
void GK_NAME(gk_multiply_rows_)(const float *a, long ars, long acs, const float *b, long brs, long bcs,
                                float *c, long k, long n, long row_begin, long row_end, float *packed) {
    GK_NAME(multiply_rows_)(a, ars, acs, b, brs, bcs, c, k, n, row_begin, row_end, packed);
}
