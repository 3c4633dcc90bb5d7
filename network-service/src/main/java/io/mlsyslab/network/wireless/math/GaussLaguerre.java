package io.mlsyslab.network.wireless.math;

/**
 * Gauss-Laguerre nodes and weights: integral_0^inf e^{-u} f(u) du ~ sum w_i f(u_i), exact for polynomials of degree
 * below 2n. Used to average a packet error rate over the exponential |w|^2 of a complex Gaussian prediction error.
 * Nodes come from Newton's method on L_n with the usual asymptotic starting guesses.
 */
public final class GaussLaguerre {

    private final double[] nodes;
    private final double[] weights;

    public GaussLaguerre(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("n: must be in [1, 64]");
        }
        nodes = new double[n];
        weights = new double[n];
        double z = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                z = 3.0 / (1.0 + 2.4 * n);
            } else if (i == 1) {
                z += 15.0 / (1.0 + 2.5 * n);
            } else {
                double ai = i - 1;
                z += ((1.0 + 2.55 * ai) / (1.9 * ai)) * (z - nodes[i - 2]);
            }
            double derivative = 0;
            double previous = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p1 = 1.0;
                double p2 = 0.0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = ((2 * j - 1 - z) * p2 - (j - 1) * p3) / j;
                }
                previous = p2;
                derivative = n * (p1 - p2) / z;
                double z1 = z;
                z = z1 - p1 / derivative;
                if (Math.abs(z - z1) <= 1e-15 * Math.max(1.0, Math.abs(z))) {
                    break;
                }
            }
            nodes[i] = z;
            weights[i] = -1.0 / (derivative * n * previous);
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
}
