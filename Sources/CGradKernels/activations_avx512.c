// tanh and sigmoid for the AVX-512 path, 16 lanes at a time.
#if defined(__x86_64__)
#include "CGradKernels.h"
#define GK_TARGET __attribute__((target("avx512f")))
#define GK_LANES 16
#define GK_SUFFIX avx512
#include "activations_template.h"
#endif
