package io.mlsyslab.analytics.kde;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Running log-sum-exp of kernel profiles over blocks of squared distances, one (max, sum) pair per query:
 * Σ_j profile(s·d²_j) = e^{max} · sum. Keeping the largest log-term as the reference means no term ever
 * overflows and the dominant ones never underflow, however small h is; that is what keeps log-densities
 * finite at bandwidths where every plain kernel value would be 0.
 */
final class KernelSums {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final Kernel kernel;
    private final double scale;
    private final int d;

    /** @param scale multiplies a squared distance to give u² (1/h² for isotropic bandwidths) */
    KernelSums(Kernel kernel, double scale, int d) {
        this.kernel = kernel;
        this.scale = scale;
        this.d = d;
    }

    /**
     * Folds {@code count} squared distances {@code d2[from..from+count)} into {@code max[q]}, {@code sum[q]}.
     * Entries equal to +∞ contribute nothing (used to leave a point out).
     */
    void accumulate(double[] d2, int from, int count, double[] max, double[] sum, int q) {
        switch (kernel) {
            case Kernel.Gaussian g -> gaussian(d2, from, count, max, sum, q);
            case Kernel.StudentT t -> studentT(d2, from, count, max, sum, q, t.degreesOfFreedom());
            case Kernel.Epanechnikov e -> epanechnikov(d2, from, count, sum, q);
        }
    }

    /** Merges a partial (max, sum) into another: used when one query's points were split across threads. */
    static void merge(double[] max, double[] sum, int q, double otherMax, double otherSum) {
        if (otherSum == 0) {
            return;
        }
        if (sum[q] == 0) {
            max[q] = otherMax;
            sum[q] = otherSum;
        } else if (otherMax > max[q]) {
            sum[q] = sum[q] * Math.exp(max[q] - otherMax) + otherSum;
            max[q] = otherMax;
        } else {
            sum[q] += otherSum * Math.exp(otherMax - max[q]);
        }
    }

    /** ln Σ profile = max + ln sum (−∞ when nothing is inside a compact kernel's support). */
    static double logOf(double max, double sum) {
        return sum == 0 ? Double.NEGATIVE_INFINITY : max + Math.log(sum);
    }

    private static double minimum(double[] d2, int from, int count) {
        int j = 0;
        DoubleVector best = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        for (; j + LANES <= count; j += LANES) {
            best = best.min(DoubleVector.fromArray(SPECIES, d2, from + j));
        }
        double min = best.reduceLanes(VectorOperators.MIN);
        for (; j < count; j++) {
            min = Math.min(min, d2[from + j]);
        }
        return min;
    }

    /** Rescales the running sum when this block holds a larger log-term; returns the reference to use. */
    private static double raise(double[] max, double[] sum, int q, double blockMax) {
        if (sum[q] == 0) {
            max[q] = blockMax;
        } else if (blockMax > max[q]) {
            sum[q] *= Math.exp(max[q] - blockMax);
            max[q] = blockMax;
        }
        return max[q];
    }

    private void gaussian(double[] d2, int from, int count, double[] max, double[] sum, int q) {
        double min = minimum(d2, from, count);
        if (min == Double.POSITIVE_INFINITY) {
            return;
        }
        double c = -0.5 * scale;
        double ref = raise(max, sum, q, c * min);
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        for (; j + LANES <= count; j += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, d2, from + j).mul(c).sub(ref);
            acc = acc.add(t.lanewise(VectorOperators.EXP));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < count; j++) {
            s += Math.exp(c * d2[from + j] - ref);
        }
        sum[q] += s;
    }

    private void studentT(double[] d2, int from, int count, double[] max, double[] sum, int q, double nu) {
        double min = minimum(d2, from, count);
        if (min == Double.POSITIVE_INFINITY) {
            return;
        }
        double power = -0.5 * (nu + d);
        double perNu = scale / nu;
        double ref = raise(max, sum, q, power * Math.log1p(perNu * min));
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int j = 0;
        for (; j + LANES <= count; j += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, d2, from + j).mul(perNu)
                    .lanewise(VectorOperators.LOG1P).mul(power).sub(ref);
            acc = acc.add(t.lanewise(VectorOperators.EXP));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < count; j++) {
            s += Math.exp(power * Math.log1p(perNu * d2[from + j]) - ref);
        }
        sum[q] += s;
    }

    /** A bounded profile in [0, 1]: plain sums cannot overflow, so the reference stays 0. */
    private void epanechnikov(double[] d2, int from, int count, double[] sum, int q) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int j = 0;
        for (; j + LANES <= count; j += LANES) {
            DoubleVector t = one.sub(DoubleVector.fromArray(SPECIES, d2, from + j).mul(scale));
            acc = acc.add(t.max(zero));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < count; j++) {
            s += Math.max(0, 1 - scale * d2[from + j]);
        }
        sum[q] += s;
    }
}
