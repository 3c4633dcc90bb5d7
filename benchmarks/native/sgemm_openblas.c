/* OpenBLAS cblas_sgemm reference for nn-core's SgemmBenchmark: square row-major C = A B, best-of-N GFLOP/s.
 * Build: gcc -O2 -I/usr/include/x86_64-linux-gnu -o /tmp/sgemm_openblas benchmarks/native/sgemm_openblas.c -lopenblas
 * Run:   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /tmp/sgemm_openblas 1   (argument: thread count)
 * The two variables are unset so OpenBLAS detects the CPU itself and uses its AVX-512 (SkylakeX) kernels. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern void openblas_set_num_threads(int);
extern char *openblas_get_corename(void);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    openblas_set_num_threads(threads);
    int sizes[] = {256, 512, 1024};
    for (int s = 0; s < 3; s++) {
        int n = sizes[s];
        float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) rand() / RAND_MAX;
            b[i] = (float) rand() / RAND_MAX;
        }
        /* enough repetitions for ~2 s per size; best single run reported */
        int reps = n == 256 ? 2000 : n == 512 ? 300 : 40;
        double best = 1e9;
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
            double dt = now() - t0;
            if (dt < best) best = dt;
        }
        printf("openblas core=%s threads=%d n=%d best %.1f us  %.1f GFLOP/s\n", openblas_get_corename(), threads, n,
               best * 1e6, 2.0 * n * n * n / best / 1e9);
        free(a); free(b); free(c);
    }
    return 0;
}
