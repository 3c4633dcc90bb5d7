package io.mlsyslab.network.wireless.math;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Gauss-Legendre rule on [-1, 1] (exact for polynomials of degree below 2n), nodes by Newton's method on P_n from
 * Chebyshev starting guesses; {@link #integrate} maps it to any interval.
 */
public final class GaussLegendre {

    private final double[] nodes;
    private final double[] weights;

    public GaussLegendre(int n) {
        if (n < 1 || n > 256) {
            throw new FieldErrorException("n", "must be in [1, 256]");
        }
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p1 = 1.0;
                double p2 = 0.0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = ((2.0 * j - 1) * z * p2 - (j - 1.0) * p3) / j;
                }
                derivative = n * (z * p1 - p2) / (z * z - 1);
                double z1 = z;
                z = z1 - p1 / derivative;
                if (Math.abs(z - z1) < 1e-15) {
                    break;
                }
            }
            nodes[i] = -z;
            nodes[n - 1 - i] = z;
            weights[i] = 2.0 / ((1 - z * z) * derivative * derivative);
            weights[n - 1 - i] = weights[i];
        }
    }

    public int size() {
        return nodes.length;
    }

    public double node(int i) {
        return nodes[i];
    }

    public double weight(int i) {
        return weights[i];
    }

    public double integrate(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double half = 0.5 * (hi - lo);
        double mid = 0.5 * (hi + lo);
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * f.applyAsDouble(mid + half * nodes[i]);
        }
        return sum * half;
    }
}
