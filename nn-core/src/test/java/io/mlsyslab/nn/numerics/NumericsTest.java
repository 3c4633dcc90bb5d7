package io.mlsyslab.nn.numerics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The shared numerics against closed forms that do not use them. */
class NumericsTest {

    @Test
    void logGammaMatchesFactorialsHalfIntegersAndTheRecurrence() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, offset(1e-14));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), offset(1e-14));
        assertThat(SpecialFunctions.logGamma(3.5)).isCloseTo(Math.log(15.0 / 8 * Math.sqrt(Math.PI)), offset(1e-14));
        assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362880), offset(1e-13));
        double lf = 0;
        for (int k = 2; k <= 170; k++) {
            lf += Math.log(k);
        }
        assertThat(SpecialFunctions.logGamma(171)).isCloseTo(lf, offset(1e-13 * lf));
        for (double x : new double[] {0.01, 0.7, 4.2, 14.9, 15.1, 250.25}) {
            assertThat(SpecialFunctions.logGamma(x + 1) - SpecialFunctions.logGamma(x))
                    .as("ln Γ(x+1) − ln Γ(x) = ln x at %s", x).isCloseTo(Math.log(x), offset(1e-12 * Math.max(1, x)));
        }
        assertThatThrownBy(() -> SpecialFunctions.logGamma(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void incompleteGammaMatchesThePoissonSumForIntegerShapes() {
        for (int a : new int[] {1, 2, 5, 30}) {
            for (double x : new double[] {0.1, 1, 4, 9, 40}) {
                double sum = 0;
                double term = 1;
                for (int k = 0; k < a; k++) {
                    sum += term;
                    term *= x / (k + 1);
                }
                double expected = 1 - Math.exp(-x) * sum;
                assertThat(SpecialFunctions.regularizedGammaP(a, x)).as("P(%s, %s)", a, x)
                        .isCloseTo(expected, offset(1e-13));
            }
        }
        assertThat(SpecialFunctions.regularizedGammaP(3, 0)).isZero();
    }

    @Test
    void incompleteBetaMatchesPolynomialCases() {
        for (double x : new double[] {0.05, 0.3, 0.5, 0.77, 0.99}) {
            assertThat(SpecialFunctions.regularizedBeta(x, 1, 3.5)).isCloseTo(1 - Math.pow(1 - x, 3.5), offset(1e-14));
            assertThat(SpecialFunctions.regularizedBeta(x, 2.5, 1)).isCloseTo(Math.pow(x, 2.5), offset(1e-14));
            assertThat(SpecialFunctions.regularizedBeta(x, 2, 2)).isCloseTo(3 * x * x - 2 * x * x * x, offset(1e-14));
        }
        assertThat(SpecialFunctions.regularizedBeta(0, 2, 2)).isZero();
        assertThat(SpecialFunctions.regularizedBeta(1, 2, 2)).isEqualTo(1.0);
    }

    @Test
    void studentTMatchesTheCauchyAndTwoDegreeClosedFormsAndTables() {
        for (double t : new double[] {-3, -0.4, 0, 1.1, 7}) {
            assertThat(StudentT.cdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, offset(1e-14));
            assertThat(StudentT.cdf(t, 2)).isCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), offset(1e-14));
        }
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(Math.tan(Math.PI * 0.475), offset(1e-9));
        assertThat(StudentT.quantile(0.975, 4)).isCloseTo(2.7764451051977987, offset(1e-10));
        assertThat(StudentT.quantile(0.025, 4)).isCloseTo(-StudentT.quantile(0.975, 4), offset(1e-12));
        assertThat(StudentT.quantile(0.5, 9)).isZero();
        assertThatThrownBy(() -> StudentT.quantile(1.0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rootFindingWidensItsBracketAndBisectsToTheLastDouble() {
        double root = RootFinding.increasingRoot(x -> x * x * x - 2, 1e-3, 0.5);
        assertThat(root).isCloseTo(Math.cbrt(2), offset(4 * Math.ulp(Math.cbrt(2))));
        assertThatThrownBy(() -> RootFinding.increasingRoot(x -> 1 + x * x, 1, 2))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void nelderMeadFindsTheRosenbrockMinimum() {
        double[] best = NelderMead.minimise(p -> 100 * Math.pow(p[1] - p[0] * p[0], 2) + Math.pow(1 - p[0], 2),
                new double[] {-1.2, 1}, 0.25, 1e-10, 4000);
        assertThat(best[0]).isCloseTo(1, offset(1e-6));
        assertThat(best[1]).isCloseTo(1, offset(1e-6));
    }

    @Test
    void parallelTasksRunEveryIndexOnceAndRethrowFailures() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            ParallelTasks.run(1000, threads, seen::incrementAndGet);
            for (int i = 0; i < 1000; i++) {
                assertThat(seen.get(i)).as("index %s with %s threads", i, threads).isEqualTo(1);
            }
        }
        ParallelTasks.run(0, 4, i -> {
            throw new AssertionError("no task expected");
        });
        assertThatThrownBy(() -> ParallelTasks.run(50, 3, i -> {
            if (i == 37) {
                throw new IllegalStateException("task 37");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("task 37");
        assertThatThrownBy(() -> ParallelTasks.run(5, 0, i -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
