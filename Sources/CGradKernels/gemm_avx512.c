// The AVX-512 path: 12 x 32 register tiles (24 of the 32 zmm registers accumulate).
#if defined(__x86_64__)
#include "CGradKernels.h"
#define GK_TARGET __attribute__((target("avx512f")))
#define GK_VECTOR_FLOATS 16
#define GK_TILE_ROWS 12
#define GK_SUFFIX avx512
#include "gemm_template.h"
#endif
