package io.mlsyslab.analytics.kde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PairwiseSquaredDistancesTest {

    private static double[] gaussian(SplittableRandom rnd, int rows, int d, double offset) {
        double[] x = new double[rows * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = offset + nextGaussian(rnd);
        }
        return x;
    }

    private static double nextGaussian(SplittableRandom rnd) {
        return new java.util.Random(rnd.nextLong()).nextGaussian();
    }

    /** Reference in extended precision: exact differences are summed with compensated (Kahan-Babuska) addition. */
    private static double reference(double[] x, int i, double[] y, int j, int d) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (int k = 0; k < d; k++) {
            java.math.BigDecimal diff = new java.math.BigDecimal(x[i * d + k]).subtract(new java.math.BigDecimal(y[j * d + k]));
            sum = sum.add(diff.multiply(diff));
        }
        return sum.doubleValue();
    }

    @Test
    void matchesDirectSumsForOddShapesAndUnalignedBlocks() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int d : new int[] {1, 2, 3, 17, 50}) {
            int n = 37;
            int m = 11;
            double[] y = gaussian(rnd, n, d, 3.0);
            double[] x = gaussian(rnd, m, d, 3.0);
            PairwiseSquaredDistances dist = PairwiseSquaredDistances.of(y, n, d);
            var q = dist.queries(x, m);
            int qFrom = 2;
            int qTo = 9;
            int pFrom = 5;
            int pTo = 36;
            int stride = 40;
            double[] out = new double[(qTo - qFrom) * stride];
            dist.block(q, qFrom, qTo, pFrom, pTo, out, 0, stride);
            for (int i = qFrom; i < qTo; i++) {
                for (int j = pFrom; j < pTo; j++) {
                    double want = reference(x, i, y, j, d);
                    assertThat(out[(i - qFrom) * stride + (j - pFrom)]).as("d=%d i=%d j=%d", d, i, j)
                            .isCloseTo(want, org.assertj.core.data.Percentage.withPercentage(1e-10));
                }
            }
        }
    }

    @Test
    void nearDuplicatesFarFromTheMeanKeepTheirDigits() {
        // The data spread is ~1e3 but the query sits 1e-7 from a data point: the expanded form alone would give
        // noise of order 1e-16 * 1e6 = 1e-10 against a true value of d * 1e-14; the fallback must recover it.
        int d = 8;
        int n = 40;
        SplittableRandom rnd = new SplittableRandom(7);
        double[] y = new double[n * d];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e3 * nextGaussian(rnd);
        }
        double[] x = new double[3 * d];
        for (int k = 0; k < d; k++) {
            x[k] = y[5 * d + k] + 1e-7;
            x[d + k] = y[17 * d + k];
            x[2 * d + k] = y[33 * d + k] * (1 + 1e-12);
        }
        PairwiseSquaredDistances dist = PairwiseSquaredDistances.of(y, n, d);
        double[] all = dist.all(dist.queries(x, 3), 2);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < n; j++) {
                double want = reference(x, i, y, j, d);
                double got = all[i * n + j];
                assertThat(got).isGreaterThanOrEqualTo(0.0);
                assertThat(Math.abs(got - want)).as("i=%d j=%d", i, j).isLessThanOrEqualTo(1e-9 * want + 1e-300);
            }
        }
        assertThat(all[n + 17]).isZero();
    }

    @Test
    void forEachBlockVisitsEveryPairOnceAndAgreesWithAll() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 301;
        int m = 67;
        int d = 5;
        double[] y = gaussian(rnd, n, d, 0);
        double[] x = gaussian(rnd, m, d, 0);
        PairwiseSquaredDistances dist = PairwiseSquaredDistances.of(y, n, d);
        var q = dist.queries(x, m);
        double[] all = dist.all(q, 1);
        double[] seen = new double[m * n];
        AtomicLong visits = new AtomicLong();
        dist.forEachBlock(q, 10, 40, 2, (qFrom, qTo, pFrom, pTo, d2, stride) -> {
            for (int i = qFrom; i < qTo; i++) {
                for (int j = pFrom; j < pTo; j++) {
                    seen[i * n + j] = d2[(i - qFrom) * stride + (j - pFrom)];
                    visits.incrementAndGet();
                }
            }
        });
        assertThat(visits.get()).isEqualTo((long) m * n);
        assertThat(seen).containsExactly(all);
    }

    @Test
    void dataAsQueriesGivesZeroDiagonalAndSymmetry() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 50;
        int d = 3;
        double[] y = gaussian(rnd, n, d, 10);
        PairwiseSquaredDistances dist = PairwiseSquaredDistances.of(y, n, d);
        double[] all = dist.all(dist.dataAsQueries(), 2);
        for (int i = 0; i < n; i++) {
            assertThat(all[i * n + i]).isZero();
            for (int j = 0; j < n; j++) {
                assertThat(all[i * n + j]).isCloseTo(all[j * n + i], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(dist.point(7)).containsExactly(java.util.Arrays.copyOfRange(y, 21, 24),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void rejectsBadShapesNamingTheField() {
        assertThatThrownBy(() -> PairwiseSquaredDistances.of(new double[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("points:");
        assertThatThrownBy(() -> PairwiseSquaredDistances.of(new double[] {Double.NaN}, 1, 1))
                .hasMessageStartingWith("points:");
        PairwiseSquaredDistances dist = PairwiseSquaredDistances.of(new double[4], 2, 2);
        assertThatThrownBy(() -> dist.queries(new double[3], 2)).hasMessageStartingWith("queries:");
    }
}
