package io.mlsyslab.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SgemmTest {
    private static final ComputePool TWO = new ComputePool(2);

    @AfterAll
    static void close() {
        TWO.close();
    }

    static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "7,5,3", "8,32,16", "9,33,17", "17,100,300", "100,17,257", "200,70,513", "3,1000,40",
            "20,300,40", "104,520,270"})
    void matchesReferenceForAllLayoutsAndPools(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k);
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2;
                float[] a = random(r, (ta ? k : m) * lda + 5);
                float[] b = random(r, (tb ? n : k) * ldb + 5);
                float[] c0 = random(r, m * ldc + 4);
                float[] expected = c0.clone();
                ReferenceKernels.sgemm(ta, tb, m, n, k, 0.75f, a, 2, lda, b, 1, ldb, 0.5f, expected, 3, ldc);
                for (ComputePool pool : new ComputePool[]{ComputePool.serial(), TWO}) {
                    float[] c = c0.clone();
                    Sgemm.sgemm(pool, ta, tb, m, n, k, 0.75f, a, 2, lda, b, 1, ldb, 0.5f, c, 3, ldc);
                    for (int i = 0; i < c.length; i++) {
                        assertThat(c[i]).as("ta=%s tb=%s idx=%d", ta, tb, i)
                                .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-4f * (1 + k / 64f)));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3,40,7", "9,33,17", "20,300,40", "104,520,270", "1024,96,128"})
    void biasVariantMatchesReferenceAndIgnoresOldOutput(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(m * 13L + n * 5L + k);
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 3, ldc = n + 1;
                float[] a = random(r, (ta ? k : m) * lda + 2);
                float[] b = random(r, (tb ? n : k) * ldb + 1);
                float[] bias = random(r, n + 4);
                float[] expected = new float[m * ldc + 2];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(bias, 4, expected, 2 + i * ldc, n);
                }
                ReferenceKernels.sgemm(ta, tb, m, n, k, 1f, a, 2, lda, b, 1, ldb, 1f, expected, 2, ldc);
                for (ComputePool pool : new ComputePool[]{ComputePool.serial(), TWO}) {
                    float[] c = new float[expected.length];
                    java.util.Arrays.fill(c, 2, c.length, Float.NaN);
                    Sgemm.sgemmBias(pool, ta, tb, m, n, k, a, 2, lda, b, 1, ldb, bias, 4, c, 2, ldc);
                    float[] plain = new float[expected.length];
                    java.util.Arrays.fill(plain, Float.NaN);
                    Sgemm.sgemm(pool, ta, tb, m, n, k, 1f, a, 2, lda, b, 1, ldb, 0f, plain, 2, ldc);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            int at = 2 + i * ldc + j;
                            assertThat(c[at]).as("bias ta=%s tb=%s row %d col %d", ta, tb, i, j)
                                    .isCloseTo(expected[at], org.assertj.core.api.Assertions.within(1e-4f * (1 + k / 64f)));
                            assertThat(plain[at]).as("beta 0 ta=%s tb=%s row %d col %d", ta, tb, i, j)
                                    .isCloseTo(expected[at] - bias[4 + j],
                                            org.assertj.core.api.Assertions.within(1e-4f * (1 + k / 64f)));
                        }
                    }
                    // entries between rows (ldc padding) and before C are left alone
                    assertThat(c[0]).isEqualTo(0f);
                    if (n + 1 == ldc && m > 1) {
                        assertThat(c[2 + n]).isNaN();
                    }
                }
            }
        }
        assertThatThrownBy(() -> Sgemm.sgemmBias(null, false, false, m, n, k, new float[m * k], 0, k,
                new float[k * n], 0, n, new float[n - 1], 0, new float[m * n], 0, n))
                .hasMessageStartingWith("bias:");
    }

    @Test
    void betaZeroIgnoresNaNInOutput() {
        float[] a = {1, 2, 3, 4};
        float[] b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Sgemm.sgemm(ComputePool.serial(), false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(1, 2, 3, 4);
    }

    @Test
    void scalarFallbackMatchesReference() {
        SplittableRandom r = new SplittableRandom(5);
        float[] a = random(r, 13 * 11), b = random(r, 11 * 9), c = new float[13 * 9], e = new float[13 * 9];
        Sgemm.scalarAccumulate(false, true, 13, 9, 11, 1f, a, 0, 11, b, 0, 11, c, 0, 9);
        ReferenceKernels.sgemm(false, true, 13, 9, 11, 1f, a, 0, 11, b, 0, 11, 0f, e, 0, 9);
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i]).isCloseTo(e[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[4];
        assertThatThrownBy(() -> Sgemm.sgemm(null, false, false, -1, 2, 2, 1, x, 0, 2, x, 0, 2, 0, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("m:");
        assertThatThrownBy(() -> Sgemm.sgemm(null, false, false, 2, 2, 2, 1, x, 0, 1, x, 0, 2, 0, x, 0, 2))
                .hasMessageStartingWith("lda:");
        assertThatThrownBy(() -> Sgemm.sgemm(null, false, false, 3, 2, 2, 1, new float[6], 0, 2, x, 0, 2, 0, x, 0, 2))
                .hasMessageStartingWith("c:");
        assertThatThrownBy(() -> new ComputePool(0)).hasMessageStartingWith("threads:");
    }
}
