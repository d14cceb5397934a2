#ifndef CGRADKERNELS_H
#define CGRADKERNELS_H

/// Matrix-product microkernels (and two activations, and narrow layers' kernels) compiled per x86 instruction set with
/// function attributes (no compiler flags), for GradTensor's `BlockedProduct` and `Activation`. Which one runs is chosen at run
/// time from the CPU's features (`gk_best_path`); on other CPUs and architectures only the
/// portable Swift kernels run.
///
/// Summation order, on every path here: c[i][j] = fma(a[i][p], b[p][j], c[i][j]) for p in
/// increasing order from 0 (or from the stored partial sum, for a later panel of p), one
/// fused multiply-add per term. So the AVX2 and AVX-512 paths give the same bits as each
/// other, whatever the row partition between threads; they differ from the portable path
/// (separate multiply and add) within float32 rounding.

/// The kernels' instruction sets, lowest first.
enum {
    GK_PATH_PORTABLE = 0,
    GK_PATH_AVX2 = 1,
    GK_PATH_AVX512 = 2,
};

/// The best path this CPU runs: AVX-512 (avx512f), AVX2 with FMA, or portable.
int gk_best_path(void);

/// Rows of c per register tile on `path` (12 for AVX-512, 6 for AVX2).
int gk_tile_rows(int path);

/// Floats of the packing buffer `gk_multiply_rows` needs: one panel of b (256 x 256).
long gk_packing_floats(void);

/// c[row_begin..<row_end][0..<n] = a[rows][0..<k] x b, where element (r, p) of a is
/// a[r * a_row_stride + p * a_column_stride] and element (p, j) of b is
/// b[p * b_row_stride + j * b_column_stride]; c is row-major with n columns. `packed` holds
/// `gk_packing_floats()` floats, 64-byte aligned, owned by the calling thread. Writes only
/// the rows given; `path` must be one `gk_best_path()` allows (AVX2 or AVX-512).
void gk_multiply_rows(int path,
                      const float *a, long a_row_stride, long a_column_stride,
                      const float *b, long b_row_stride, long b_column_stride,
                      float *c, long k, long n, long row_begin, long row_end, float *packed);

/// Deepest product `gk_narrow_rows` takes (its packed copy of b lives on the stack).
#define GK_NARROW_MAX_DEPTH 512

/// c[row_begin..<row_end][0..<n] = a[rows][0..<k] x b (+ bias[j] after the sum, when `bias` is
/// non-null), for n <= 8 columns and k <= GK_NARROW_MAX_DEPTH; strides as `gk_multiply_rows`.
/// Unlike the blocked product, one multiply and one add per term (no fused multiply-add) in
/// increasing p from 0: the portable path's bits. Writes only the rows given.
/// Only where `gk_best_path()` is AVX2 or AVX-512 (x86-64).
void gk_narrow_rows(const float *a, long a_row_stride, long a_column_stride,
                    const float *b, long b_row_stride, long b_column_stride,
                    const float *bias, float *c, long k, long n, long row_begin, long row_end);

/// A layer's per-example kernel gradients and their sums, for `units` <= 8, in one pass over
/// the batch: out[e][i][j] = x[e][i] * delta[e][j] (skipped when `out` is null),
/// kernel_sum[i][j] = sum over e of those products, bias_sum[j] = sum over e of delta[e][j]
/// (skipped when `bias_sum` is null), each sum in increasing e from 0 with separate adds: the
/// bits of the portable outer products and of `c = xᵀ·delta` on the portable narrow path.
/// x is batch x k, delta batch x units, all row-major. One thread (the sums run over the batch).
/// Only where `gk_best_path()` is AVX2 or AVX-512 (x86-64).
void gk_example_gradients(const float *x, const float *delta, long batch, long k, long units,
                          float *out, float *kernel_sum, float *bias_sum);

/// out[i] = tanh(x[i]) and sigmoid(x[i]) for i < count, and g[i] *= f'(x) read from the
/// outputs a[i] (1 - a², a(1 - a)), on the AVX2 (8 lanes) and AVX-512 (16 lanes) paths: the
/// operations of GradTensor's portable FastMath in the same order (no fused multiply-adds), so
/// the same bits (a NaN's sign bit aside). Only where `gk_best_path()` allows the suffix (x86-64).
void gk_tanh_avx2(const float *x, float *out, long count);
void gk_sigmoid_avx2(const float *x, float *out, long count);
void gk_tanh_derivative_times_avx2(const float *a, float *g, long count);
void gk_sigmoid_derivative_times_avx2(const float *a, float *g, long count);
void gk_tanh_avx512(const float *x, float *out, long count);
void gk_sigmoid_avx512(const float *x, float *out, long count);
void gk_tanh_derivative_times_avx512(const float *a, float *g, long count);
void gk_sigmoid_derivative_times_avx512(const float *a, float *g, long count);

#endif
