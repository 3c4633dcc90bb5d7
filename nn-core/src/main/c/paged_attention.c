/*
 * nn-core's optional native kernel: the paged split-softmax fold of PagedAttention.Scan, for x86-64 with AVX2, FMA
 * and F16C (x86-64-v3). Loaded through Java's foreign-function API by io.mlsyslab.nn.kernel.NativePagedAttention;
 * when it is absent or the CPU lacks these extensions, the Java kernel does the same arithmetic.
 *
 * Why native: the Java Vector API has no fp16 conversion, so the Java kernel widens each fp16 page into an fp32
 * block (convert, store, reload) before scoring it; here each key and value row is converted in registers
 * (vcvtph2ps) straight into the fused multiply-adds, which leaves the core few enough instructions per cache line
 * that its out-of-order window keeps many line misses in flight (see benchmarks/STORAGE-BENCHMARKS.md).
 *
 * The fold is compiled twice from paged_fold.h, for AVX2 (8 lanes) and AVX-512 (16 lanes: half the instructions per
 * cache line, so twice the line misses in flight), and chosen at the first call by the CPU's features.
 *
 * Build: cc -O3 -fPIC -shared (nn-core's pom, profile "native-kernel"); the instruction sets come from the
 * "#pragma GCC target" regions. No -ffast-math: the arithmetic stays IEEE fp32, only the summation order differs
 * from the Java kernel (fp32 rounding).
 */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FORMAT_F32 0
#define FORMAT_F16 1
#define FORMAT_BF16 2
/* positions scored, exponentiated and accumulated together: one page of 4 KiB holds at most 64 rows of 64 B */
#define BLOCK 64

/* 1 when this CPU can run the kernel (checked by the loader before the first fold). */
int32_t mls_paged_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
}

/*
 * Replaces s[0..n) by exp(s - newMax), folds the block into the head's maximum and normaliser and returns the
 * factor by which the head's output so far must be rescaled (1 when the block does not raise the maximum).
 */
static inline __attribute__((always_inline)) float softmax_block(float *s, int n, float *max, float *sum) {
    float block_max = s[0];
    for (int t = 1; t < n; t++) {
        block_max = s[t] > block_max || isnan(s[t]) ? s[t] : block_max;
    }
    float old = *max;
    float new_max = old > block_max || isnan(old) ? old : block_max;
    float correction = old == new_max ? 1.0f : old == -INFINITY ? 0.0f : expf(old - new_max);
    float block_sum = 0;
    for (int t = 0; t < n; t++) {
        s[t] = expf(s[t] - new_max);
        block_sum += s[t];
    }
    *sum = *sum * correction + block_sum;
    *max = new_max;
    return correction;
}

/*
 * Loads one byte of every cache line of a block's key and value rows before the block is computed: all of its line
 * misses are then in flight at once. Without it the misses are only as many as the out-of-order window reaches
 * ahead of the arithmetic, too few when two threads share the memory bandwidth (measured: 2 threads 10.6 → 8.6 ms
 * for an 8192-token scan, benchmarks/STORAGE-BENCHMARKS.md). Software prefetch instructions instead of loads were
 * measured slower on this machine.
 */
static inline __attribute__((always_inline)) void touch(const char *keys, const char *values, long stride, int n,
                                                        long row_bytes) {
    unsigned char x = 0;
    for (int t = 0; t < n; t++) {
        const char *k = keys + t * stride, *v = values + t * stride;
        for (long o = 0; o < row_bytes; o += 64) {
            x ^= (unsigned char) (k[o] ^ v[o]);
        }
        x ^= (unsigned char) (k[row_bytes - 1] ^ v[row_bytes - 1]);
    }
    __asm__ volatile("" : : "r"(x)); /* keeps the loads */
}

#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#define MLS_SUFFIX avx2
#include "paged_fold.h"
#undef MLS_SUFFIX
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx2,fma,f16c")
#define MLS_WIDE
#define MLS_SUFFIX avx512
#include "paged_fold.h"
#undef MLS_SUFFIX
#undef MLS_WIDE
#pragma GCC pop_options

/* 1 when the AVX-512 instantiation may run, 0 for AVX2, -1 before the first check */
static int wide = -1;

static int check_wide(void) {
    int w = __atomic_load_n(&wide, __ATOMIC_RELAXED);
    if (w < 0) {
        __builtin_cpu_init();
        w = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
        __atomic_store_n(&wide, w, __ATOMIC_RELAXED);
    }
    return w;
}

/* Chooses the AVX2 instantiation (wide = 0) or, where the CPU has it, the AVX-512 one (for tests); returns the width
 * in use afterwards. */
int32_t mls_paged_use_wide(int32_t use) {
    int w = use && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    __atomic_store_n(&wide, w, __ATOMIC_RELAXED);
    return w;
}

/*
 * Folds `units` pages into the split-softmax state of the query heads (max[h], sum[h], acc[h·D ..]): unit u is
 * tokens[u] consecutive rows of kv-head kv_heads[u], keys from address keys[u] and values from values[u], row j at
 * j·strides[u] bytes, rows of head_dim little-endian elements of `format` (0 f32, 1 f16, 2 bf16); it is read by
 * query heads kv_heads[u]·group .. kv_heads[u]·group + group − 1, whose queries start at q + h·head_dim. The caller
 * checks every address range. Returns 0, or −1 for an unknown format.
 */
int32_t mls_paged_fold(const float *q, int32_t head_dim, int32_t group, float scale, int32_t format,
                       const int64_t *keys, const int64_t *values, const int64_t *strides, const int32_t *tokens,
                       const int32_t *kv_heads, int32_t units, float *max, float *sum, float *acc) {
    if (format < FORMAT_F32 || format > FORMAT_BF16) {
        return -1;
    }
    if (check_wide()) {
        fold_avx512(q, head_dim, group, scale, format, keys, values, strides, tokens, kv_heads, units, max, sum, acc);
    } else {
        fold_avx2(q, head_dim, group, scale, format, keys, values, strides, tokens, kv_heads, units, max, sum, acc);
    }
    return 0;
}
