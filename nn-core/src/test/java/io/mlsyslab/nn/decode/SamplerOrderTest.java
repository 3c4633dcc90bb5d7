package io.mlsyslab.nn.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The unboxed descending order equals a comparator sort by Float.compare, ties by lowest id. */
class SamplerOrderTest {

    @Test
    void packedSortEqualsComparatorSortIncludingTiesSignedZerosAndInfinities() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(300);
            float[] x = new float[n + 3];
            for (int i = 0; i < x.length; i++) {
                int kind = r.nextInt(10);
                x[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? (float) r.nextInt(3)
                        : kind == 3 ? (r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY)
                        : (float) r.nextGaussian() * 10;
            }
            Integer[] expected = new Integer[n];
            for (int i = 0; i < n; i++) {
                expected[i] = i;
            }
            Arrays.sort(expected, (a, b) -> {
                int c = Float.compare(x[3 + b], x[3 + a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            assertThat(Sampler.descendingOrder(x, 3, n)).containsExactly(
                    Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }
}
