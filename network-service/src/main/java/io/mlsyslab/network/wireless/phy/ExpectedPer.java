package io.mlsyslab.network.wireless.phy;

import io.mlsyslab.network.wireless.math.GaussLaguerre;

/**
 * Expected packet error rate of a mode when the channel is known only through a Gaussian prediction
 * h ~ CN(mu, P): E[min(1, a exp(-g meanSnr |h|^2))]. Writing h = mu + sqrt(P u) e^{j theta} with u ~ Exp(1) and
 * theta uniform, the average is Gauss-Laguerre in u times the midpoint rule in theta (exact for trigonometric
 * polynomials, so it converges fast on the periodic theta integrand). With P = 0 it is the plain PER fit.
 */
public final class ExpectedPer {

    private static final int LAGUERRE_NODES = 10;
    private static final int ANGLES = 6;
    private static final GaussLaguerre RULE = new GaussLaguerre(LAGUERRE_NODES);
    private static final double[] COS_THETA = new double[ANGLES];

    static {
        // cos is symmetric about pi, so half a period with doubled weight is the full midpoint rule
        for (int j = 0; j < ANGLES; j++) {
            COS_THETA[j] = Math.cos((j + 0.5) * Math.PI / ANGLES);
        }
    }

    private ExpectedPer() {
    }

    /**
     * @param meanAbs |mu|, the magnitude of the predicted gain
     * @param variance P, the prediction error variance of h (E|h - mu|^2)
     */
    public static double of(Mode mode, double meanSnrLinear, double meanAbs, double variance) {
        if (variance <= 1e-12) {
            return mode.per(meanSnrLinear * meanAbs * meanAbs);
        }
        double sqrtP = Math.sqrt(variance);
        double total = 0;
        for (int i = 0; i < LAGUERRE_NODES; i++) {
            double u = RULE.node(i);
            double r = sqrtP * Math.sqrt(u);
            double inner = 0;
            for (double c : COS_THETA) {
                double power = meanAbs * meanAbs + r * r + 2 * meanAbs * r * c;
                inner += mode.per(meanSnrLinear * power);
            }
            total += RULE.weight(i) * inner / ANGLES;
        }
        return Math.min(1.0, total);
    }
}
