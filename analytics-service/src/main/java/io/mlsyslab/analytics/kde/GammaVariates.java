package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;
import java.util.random.RandomGenerator;

/** Gamma(shape, 1) draws by Marsaglia and Tsang's squeeze method (2000), boosted for shape < 1. */
final class GammaVariates {

    private GammaVariates() {
    }

    static double next(RandomGenerator rng, double shape) {
        if (!(shape > 0)) {
            throw new FieldErrorException("shape", "must be > 0, got " + shape);
        }
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) · U^{1/a}
            double u = rng.nextDouble();
            return next(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
