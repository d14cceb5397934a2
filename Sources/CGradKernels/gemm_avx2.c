// The AVX2 + FMA path: 6 x 16 register tiles (12 of the 16 ymm registers accumulate).
#if defined(__x86_64__)
#include "CGradKernels.h"
#define GK_TARGET __attribute__((target("avx2,fma")))
#define GK_VECTOR_FLOATS 8
#define GK_TILE_ROWS 6
#define GK_SUFFIX avx2
#include "gemm_template.h"
#endif
