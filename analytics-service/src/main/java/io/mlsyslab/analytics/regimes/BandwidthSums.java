package io.mlsyslab.analytics.regimes;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Online log-sum-exp of the kernel weights of one query at several bandwidths at once. Squared distances arrive in
 * batches; the state is the smallest distance seen so far ({@code ref}) and, per bandwidth, the sums
 * {@code S1 = sum exp(-(D^2 - ref) / (2 h^2))} and {@code S2 = sum exp(-(D^2 - ref) / h^2)}. Shifting by the
 * nearest point keeps every term in (0, 1] with the largest exactly 1, so nothing underflows to a zero total at any
 * h and {@code ln sum w = -ref / (2 h^2) + ln S1} is exact in log space. {@code S2} reuses the same exponential
 * (w^2 = (w)^2), so the sum of squares is free.
 *
 * <p>Not thread-safe: one instance per query, fed by one thread at a time.
 */
final class BandwidthSums {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private final double[] halfLambdas;
    private final double[] s1;
    private final double[] s2;
    private double ref = Double.POSITIVE_INFINITY;
    private long count;

    /** @param bandwidths the h values; stored as {@code 1 / (2 h^2)} */
    BandwidthSums(double[] bandwidths) {
        halfLambdas = new double[bandwidths.length];
        for (int k = 0; k < bandwidths.length; k++) {
            halfLambdas[k] = 1 / (2 * bandwidths[k] * bandwidths[k]);
        }
        s1 = new double[bandwidths.length];
        s2 = new double[bandwidths.length];
    }

    void add(double[] d2, int offset, int length) {
        if (length <= 0) {
            return;
        }
        double batchMin = min(d2, offset, length);
        if (batchMin < ref) {
            // Re-anchor the running sums on the new nearest point; on the first batch the sums are 0 and stay 0.
            double shift = ref == Double.POSITIVE_INFINITY ? 0 : ref - batchMin;
            for (int k = 0; k < halfLambdas.length; k++) {
                double f = Math.exp(-halfLambdas[k] * shift);
                s1[k] *= f;
                s2[k] *= f * f;
            }
            ref = batchMin;
        }
        int upper = offset + SPECIES.loopBound(length);
        for (int k = 0; k < halfLambdas.length; k++) {
            double c = -halfLambdas[k];
            DoubleVector acc1 = DoubleVector.zero(SPECIES);
            DoubleVector acc2 = acc1;
            int j = offset;
            for (; j < upper; j += SPECIES.length()) {
                DoubleVector e = DoubleVector.fromArray(SPECIES, d2, j).sub(ref).mul(c).lanewise(VectorOperators.EXP);
                acc1 = acc1.add(e);
                acc2 = e.fma(e, acc2);
            }
            double t1 = acc1.reduceLanes(VectorOperators.ADD);
            double t2 = acc2.reduceLanes(VectorOperators.ADD);
            for (; j < offset + length; j++) {
                double e = Math.exp(c * (d2[j] - ref));
                t1 += e;
                t2 += e * e;
            }
            s1[k] += t1;
            s2[k] += t2;
        }
        count += length;
    }

    /** Number of distances seen. */
    long count() {
        return count;
    }

    /** Smallest squared distance seen (the nearest point). */
    double nearestSquaredDistance() {
        return ref;
    }

    /** {@code ln sum_i w_i} at bandwidth index k. */
    double logSum(int k) {
        return -halfLambdas[k] * ref + Math.log(s1[k]);
    }

    /** {@code ln sum_i w_i^2} at bandwidth index k. */
    double logSumSquares(int k) {
        return -2 * halfLambdas[k] * ref + Math.log(s2[k]);
    }

    /** Participation ratio {@code Y2 = sum w^2 / (sum w)^2}. */
    double participationRatio(int k) {
        return s2[k] / (s1[k] * s1[k]);
    }

    /** Share of the largest weight, {@code w_max / sum w = 1 / S1} because the nearest point's term is exactly 1. */
    double largestWeightShare(int k) {
        return 1 / s1[k];
    }

    private static double min(double[] a, int offset, int length) {
        int upper = offset + SPECIES.loopBound(length);
        DoubleVector m = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        int j = offset;
        for (; j < upper; j += SPECIES.length()) {
            m = m.min(DoubleVector.fromArray(SPECIES, a, j));
        }
        double result = m.reduceLanes(VectorOperators.MIN);
        for (; j < offset + length; j++) {
            result = Math.min(result, a[j]);
        }
        return result;
    }
}
