package io.mlsyslab.analytics.kde;

import io.mlsyslab.nn.numerics.NelderMead;
import io.mlsyslab.contract.FieldErrorException;
import java.util.function.ToDoubleFunction;

/**
 * Likelihood cross-validation: the bandwidth maximising Σ_i ln f_{−i}(y_i), the leave-one-out log-likelihood.
 * This is what statsmodels' {@code KDEMultivariate(bw="cv_ml")} does (there with a product kernel, i.e. a
 * diagonal bandwidth, found by Nelder–Mead from the normal-reference rule 1.06·σ_k·n^{−1/(d+4)}); the isotropic
 * shape searches one h. Maximising the held-out likelihood estimates the KL-optimal bandwidth. Every objective
 * evaluation is an exact O(n²·d) leave-one-out pass, so callers should bound n.
 */
public final class LikelihoodCrossValidation implements BandwidthSelector {

    /** Which bandwidth family to search. */
    public enum Shape { ISOTROPIC, DIAGONAL }

    /** Golden-section tolerance on ln h: h to ~1e-7 relative, far below the statistical noise in h. */
    private static final double LOG_H_TOLERANCE = 1e-7;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

    private final Shape shape;
    private final int threads;

    public LikelihoodCrossValidation(Shape shape, int threads) {
        if (shape == null) {
            throw new FieldErrorException("shape", "required");
        }
        if (threads < 1) {
            throw new FieldErrorException("threads", "must be >= 1, got " + threads);
        }
        this.shape = shape;
        this.threads = threads;
    }

    @Override
    public String ruleName() {
        return shape == Shape.ISOTROPIC ? "cv-ml" : "cv-ml-diagonal";
    }

    @Override
    public Bandwidth select(double[] data, int n, int d, Kernel kernel) {
        if (n < 3) {
            throw new FieldErrorException("data", "cross-validation needs at least 3 points, got " + n);
        }
        return switch (shape) {
            case ISOTROPIC -> new Bandwidth.Isotropic(isotropic(data, n, d, kernel));
            case DIAGONAL -> new Bandwidth.Diagonal(diagonal(data, n, d, kernel));
        };
    }

    /** Walks from the Silverman-isotropic h in steps of √2 until the objective turns, then golden-sections. */
    private double isotropic(double[] data, int n, int d, Kernel kernel) {
        KernelDensity base = KernelDensity.fit(data, n, d, kernel,
                ReferenceRule.SILVERMAN_ISOTROPIC.select(data, n, d, kernel), threads);
        ToDoubleFunction<Double> objective = t -> base.withIsotropicBandwidth(Math.exp(t)).leaveOneOutLogLikelihood();
        double step = 0.5 * Math.log(2);
        double t0 = Math.log(((Bandwidth.Isotropic) base.bandwidth()).h());
        double f0 = objective.applyAsDouble(t0);
        double up = objective.applyAsDouble(t0 + step);
        double direction = up > f0 ? step : -step;
        double lo = t0 - step;
        double hi = t0 + step;
        if (direction > 0 || objective.applyAsDouble(t0 - step) > f0) {
            double prevT = t0;
            double prev = f0;
            double t = t0 + direction;
            double f = direction > 0 ? up : objective.applyAsDouble(t);
            int walked = 0;
            while (f > prev) {
                if (++walked > 200) {
                    throw new FieldErrorException("data", "leave-one-out likelihood has no maximum in h (degenerate data?)");
                }
                prevT = t;
                prev = f;
                t += direction;
                f = objective.applyAsDouble(t);
            }
            lo = Math.min(prevT - direction, t);
            hi = Math.max(prevT - direction, t);
        }
        return Math.exp(goldenSection(objective, lo, hi));
    }

    private static double goldenSection(ToDoubleFunction<Double> f, double lo, double hi) {
        double a = lo;
        double b = hi;
        double c = b - INV_PHI * (b - a);
        double e = a + INV_PHI * (b - a);
        double fc = f.applyAsDouble(c);
        double fe = f.applyAsDouble(e);
        while (b - a > LOG_H_TOLERANCE) {
            if (fc > fe) {
                b = e;
                e = c;
                fe = fc;
                c = b - INV_PHI * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = e;
                fc = fe;
                e = a + INV_PHI * (b - a);
                fe = f.applyAsDouble(e);
            }
        }
        return 0.5 * (a + b);
    }

    /** Nelder–Mead on ln h_k (so every h stays positive) from statsmodels' normal-reference start. */
    private double[] diagonal(double[] data, int n, int d, Kernel kernel) {
        double[] variances = SampleMoments.variances(data, n, d);
        double[] start = new double[d];
        for (int k = 0; k < d; k++) {
            if (!(variances[k] > 0)) {
                throw new FieldErrorException("data", "coordinate " + k + " is constant, no bandwidth to fit");
            }
            start[k] = Math.log(1.06 * Math.sqrt(variances[k]) * Math.pow(n, -1.0 / (d + 4)));
        }
        ToDoubleFunction<double[]> negLoo = t -> {
            double[] h = new double[d];
            for (int k = 0; k < d; k++) {
                h[k] = Math.exp(t[k]);
            }
            double v = KernelDensity.fit(data, n, d, kernel, new Bandwidth.Diagonal(h), threads)
                    .leaveOneOutLogLikelihood();
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : -v;
        };
        double[] best = NelderMead.minimise(negLoo, start, 0.25, 1e-8, 400 * (d + 1));
        double[] h = new double[d];
        for (int k = 0; k < d; k++) {
            h[k] = Math.exp(best[k]);
        }
        return h;
    }
}
