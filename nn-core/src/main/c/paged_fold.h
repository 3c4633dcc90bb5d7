/*
 * The paged split-softmax fold, written once for a vector width: included by paged_attention.c under
 * "#pragma GCC target" once for AVX2 (8 lanes) and once for AVX-512 (16 lanes, MLS_WIDE). Defines
 * fold_<MLS_SUFFIX>. Not a public header.
 */
#define MLS_CAT2(a, b) a##_##b
#define MLS_CAT(a, b) MLS_CAT2(a, b)
#define MLS_FN(name) MLS_CAT(name, MLS_SUFFIX)

#ifdef MLS_WIDE
typedef __m512 MLS_FN(vf);
#define W 16
#define VZERO() _mm512_setzero_ps()
#define VSET1(x) _mm512_set1_ps(x)
#define VFMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define VMUL(a, b) _mm512_mul_ps(a, b)
#define VLOADF(p) _mm512_loadu_ps(p)
#define VSTOREF(p, v) _mm512_storeu_ps(p, v)
#define VHSUM(v) _mm512_reduce_add_ps(v)
static inline __attribute__((always_inline)) __m512 MLS_FN(vload)(const void *row, int c, int format) {
    if (format == FORMAT_F16) {
        return _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) ((const uint16_t *) row + c)));
    }
    if (format == FORMAT_BF16) {
        __m512i w = _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *) ((const uint16_t *) row + c)));
        return _mm512_castsi512_ps(_mm512_slli_epi32(w, 16));
    }
    return _mm512_loadu_ps((const float *) row + c);
}
#else
typedef __m256 MLS_FN(vf);
#define W 8
#define VZERO() _mm256_setzero_ps()
#define VSET1(x) _mm256_set1_ps(x)
#define VFMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define VMUL(a, b) _mm256_mul_ps(a, b)
#define VLOADF(p) _mm256_loadu_ps(p)
#define VSTOREF(p, v) _mm256_storeu_ps(p, v)
static inline __attribute__((always_inline)) float MLS_FN(hsum)(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
#define VHSUM(v) MLS_FN(hsum)(v)
static inline __attribute__((always_inline)) __m256 MLS_FN(vload)(const void *row, int c, int format) {
    if (format == FORMAT_F16) {
        return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *) ((const uint16_t *) row + c)));
    }
    if (format == FORMAT_BF16) {
        __m256i w = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *) ((const uint16_t *) row + c)));
        return _mm256_castsi256_ps(_mm256_slli_epi32(w, 16));
    }
    return _mm256_loadu_ps((const float *) row + c);
}
#endif
static inline __attribute__((always_inline)) float MLS_FN(load1)(const void *row, int c, int format) {
    if (format == FORMAT_F16) {
        return _cvtsh_ss(((const uint16_t *) row)[c]);
    }
    if (format == FORMAT_BF16) {
        uint32_t bits = (uint32_t) ((const uint16_t *) row)[c] << 16;
        float f;
        memcpy(&f, &bits, sizeof f);
        return f;
    }
    return ((const float *) row)[c];
}
#define load1(row, c, format) MLS_FN(load1)(row, c, format)
#define vf MLS_FN(vf)
#define VLOAD(row, c, format) MLS_FN(vload)(row, c, format)

/* s[t] = scale · q · k_t for the n rows of a block, four rows at a time (each query vector serves four keys). */
static inline __attribute__((always_inline)) void MLS_FN(score)(const float *q, const char *keys, long stride,
                                                                 int n, int d, int format, float scale, float *s) {
    int bound = d - d % W;
    int t = 0;
    for (; t + 4 <= n; t += 4) {
        const char *k0 = keys + t * stride, *k1 = k0 + stride, *k2 = k1 + stride, *k3 = k2 + stride;
        vf a0 = VZERO(), a1 = a0, a2 = a0, a3 = a0;
        for (int c = 0; c < bound; c += W) {
            vf qv = VLOADF(q + c);
            a0 = VFMA(VLOAD(k0, c, format), qv, a0);
            a1 = VFMA(VLOAD(k1, c, format), qv, a1);
            a2 = VFMA(VLOAD(k2, c, format), qv, a2);
            a3 = VFMA(VLOAD(k3, c, format), qv, a3);
        }
        float s0 = VHSUM(a0), s1 = VHSUM(a1), s2 = VHSUM(a2), s3 = VHSUM(a3);
        for (int c = bound; c < d; c++) {
            s0 += q[c] * load1(k0, c, format);
            s1 += q[c] * load1(k1, c, format);
            s2 += q[c] * load1(k2, c, format);
            s3 += q[c] * load1(k3, c, format);
        }
        s[t] = s0 * scale;
        s[t + 1] = s1 * scale;
        s[t + 2] = s2 * scale;
        s[t + 3] = s3 * scale;
    }
    for (; t < n; t++) {
        const char *k = keys + t * stride;
        vf a = VZERO();
        for (int c = 0; c < bound; c += W) {
            a = VFMA(VLOAD(k, c, format), VLOADF(q + c), a);
        }
        float sum = VHSUM(a);
        for (int c = bound; c < d; c++) {
            sum += q[c] * load1(k, c, format);
        }
        s[t] = sum * scale;
    }
}

/* acc = correction · acc + Σ_t p[t] · v_t over the block's n rows; eight output vectors held in registers. */
static inline __attribute__((always_inline)) void MLS_FN(accumulate)(float *acc, const char *values,
                                                                      long stride, const float *p, int n, int d,
                                                                      int format, float correction) {
    vf corr = VSET1(correction);
    int c = 0;
    for (; c + 8 * W <= d; c += 8 * W) {
        vf a0 = VMUL(VLOADF(acc + c), corr), a1 = VMUL(VLOADF(acc + c + W), corr);
        vf a2 = VMUL(VLOADF(acc + c + 2 * W), corr), a3 = VMUL(VLOADF(acc + c + 3 * W), corr);
        vf a4 = VMUL(VLOADF(acc + c + 4 * W), corr), a5 = VMUL(VLOADF(acc + c + 5 * W), corr);
        vf a6 = VMUL(VLOADF(acc + c + 6 * W), corr), a7 = VMUL(VLOADF(acc + c + 7 * W), corr);
        for (int t = 0; t < n; t++) {
            const char *v = values + t * stride;
            vf pt = VSET1(p[t]);
            a0 = VFMA(VLOAD(v, c, format), pt, a0);
            a1 = VFMA(VLOAD(v, c + W, format), pt, a1);
            a2 = VFMA(VLOAD(v, c + 2 * W, format), pt, a2);
            a3 = VFMA(VLOAD(v, c + 3 * W, format), pt, a3);
            a4 = VFMA(VLOAD(v, c + 4 * W, format), pt, a4);
            a5 = VFMA(VLOAD(v, c + 5 * W, format), pt, a5);
            a6 = VFMA(VLOAD(v, c + 6 * W, format), pt, a6);
            a7 = VFMA(VLOAD(v, c + 7 * W, format), pt, a7);
        }
        VSTOREF(acc + c, a0);
        VSTOREF(acc + c + W, a1);
        VSTOREF(acc + c + 2 * W, a2);
        VSTOREF(acc + c + 3 * W, a3);
        VSTOREF(acc + c + 4 * W, a4);
        VSTOREF(acc + c + 5 * W, a5);
        VSTOREF(acc + c + 6 * W, a6);
        VSTOREF(acc + c + 7 * W, a7);
    }
    for (; c + W <= d; c += W) {
        vf a = VMUL(VLOADF(acc + c), corr);
        for (int t = 0; t < n; t++) {
            a = VFMA(VLOAD(values + t * stride, c, format), VSET1(p[t]), a);
        }
        VSTOREF(acc + c, a);
    }
    for (; c < d; c++) {
        float a = acc[c] * correction;
        for (int t = 0; t < n; t++) {
            a += p[t] * load1(values + t * stride, c, format);
        }
        acc[c] = a;
    }
}

static inline __attribute__((always_inline)) void MLS_FN(fold_format)(
        const float *q, int32_t head_dim, int32_t group, float scale, int format, const int64_t *keys,
        const int64_t *values, const int64_t *strides, const int32_t *tokens, const int32_t *kv_heads, int32_t units,
        float *max, float *sum, float *acc) {
    long row_bytes = (long) head_dim * (format == FORMAT_F32 ? 4 : 2);
    float s[BLOCK];
    for (int32_t u = 0; u < units; u++) {
        const char *k = (const char *) (intptr_t) keys[u];
        const char *v = (const char *) (intptr_t) values[u];
        int n = tokens[u];
        long stride = (long) strides[u];
        for (int t0 = 0; t0 < n; t0 += BLOCK) {
            int nb = n - t0 < BLOCK ? n - t0 : BLOCK;
            touch(k + t0 * stride, v + t0 * stride, stride, nb, row_bytes);
            for (int32_t i = 0; i < group; i++) {
                int h = kv_heads[u] * group + i;
                MLS_FN(score)(q + (long) h * head_dim, k + t0 * stride, stride, nb, head_dim, format, scale, s);
                float correction = softmax_block(s, nb, max + h, sum + h);
                MLS_FN(accumulate)(acc + (long) h * head_dim, v + t0 * stride, stride, s, nb, head_dim, format,
                                   correction);
            }
        }
    }
}

/* One instantiation per format, so that the format test inside the loops folds away. */
static void MLS_FN(fold)(const float *q, int32_t head_dim, int32_t group, float scale, int32_t format,
                         const int64_t *keys, const int64_t *values, const int64_t *strides, const int32_t *tokens,
                         const int32_t *kv_heads, int32_t units, float *max, float *sum, float *acc) {
    switch (format) {
        case FORMAT_F32:
            MLS_FN(fold_format)(q, head_dim, group, scale, FORMAT_F32, keys, values, strides, tokens, kv_heads,
                                units, max, sum, acc);
            break;
        case FORMAT_F16:
            MLS_FN(fold_format)(q, head_dim, group, scale, FORMAT_F16, keys, values, strides, tokens, kv_heads,
                                units, max, sum, acc);
            break;
        default:
            MLS_FN(fold_format)(q, head_dim, group, scale, FORMAT_BF16, keys, values, strides, tokens, kv_heads,
                                units, max, sum, acc);
            break;
    }
}

#undef vf
#undef load1
#undef VLOAD
#undef W
#undef VZERO
#undef VSET1
#undef VFMA
#undef VMUL
#undef VLOADF
#undef VSTOREF
#undef VHSUM
#undef MLS_FN
#undef MLS_CAT
#undef MLS_CAT2
