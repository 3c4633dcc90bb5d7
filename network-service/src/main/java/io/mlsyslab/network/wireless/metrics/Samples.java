package io.mlsyslab.network.wireless.metrics;

import io.mlsyslab.contract.FieldErrorException;
import java.util.Arrays;

/** A growable list of doubles with mean and percentiles (linear interpolation between order statistics, numpy's default). */
public final class Samples {

    private double[] values = new double[64];
    private int size;
    private boolean sorted = true;

    public void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
        sorted = false;
    }

    public int size() {
        return size;
    }

    public double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    /** q in [0, 1]. */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new FieldErrorException("q", "must be in [0, 1]");
        }
        if (size == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        double position = q * (size - 1);
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, size - 1);
        double frac = position - lo;
        return values[lo] + frac * (values[hi] - values[lo]);
    }

    public static double quantile(double[] data, double q) {
        Samples s = new Samples();
        for (double d : data) {
            s.add(d);
        }
        return s.quantile(q);
    }
}
