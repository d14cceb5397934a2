// tanh and sigmoid for the AVX2 path, 8 lanes at a time.
#if defined(__x86_64__)
#include "CGradKernels.h"
#define GK_TARGET __attribute__((target("avx2")))
#define GK_LANES 8
#define GK_SUFFIX avx2
#include "activations_template.h"
#endif
