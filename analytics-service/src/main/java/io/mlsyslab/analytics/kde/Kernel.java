package io.mlsyslab.analytics.kde;

import io.mlsyslab.nn.numerics.SpecialFunctions;
import io.mlsyslab.contract.FieldErrorException;
import java.util.random.RandomGenerator;

/**
 * A radially symmetric kernel K(u) = c_d · profile(‖u‖²) on whitened coordinates u = H^{-1/2}(x − y). The
 * estimator only ever needs log c_d, the profile of a squared distance, how the profile's log behaves (for the
 * running log-sum-exp), the kernel's covariance and a way to draw from it.
 */
public sealed interface Kernel permits Kernel.Gaussian, Kernel.Epanechnikov, Kernel.StudentT {

    /** Name used in requests and responses. */
    String name();

    /** ln c_d, the normalising constant in d dimensions with unit bandwidth. */
    double logNormalisation(int d);

    /** ln profile(u²); −∞ outside a compact support. */
    double logProfile(double u2, int d);

    /** Covariance of a draw from the unit-bandwidth kernel, as a multiple of the identity. */
    double covarianceFactor(int d);

    /** Draws u from the unit-bandwidth kernel into {@code out[0..d)}. */
    void sample(RandomGenerator rng, double[] out);

    /** Parses "gaussian", "epanechnikov", "student-t" (with its degrees of freedom). */
    static Kernel named(String name, Double degreesOfFreedom) {
        return KernelType.parse(name).create(degreesOfFreedom);
    }

    /** K(u) = (2π)^{-d/2} e^{-‖u‖²/2}. */
    record Gaussian() implements Kernel {
        @Override
        public String name() {
            return "gaussian";
        }

        @Override
        public double logNormalisation(int d) {
            return -0.5 * d * Math.log(2 * Math.PI);
        }

        @Override
        public double logProfile(double u2, int d) {
            return -0.5 * u2;
        }

        @Override
        public double covarianceFactor(int d) {
            return 1;
        }

        @Override
        public void sample(RandomGenerator rng, double[] out) {
            for (int k = 0; k < out.length; k++) {
                out[k] = rng.nextGaussian();
            }
        }
    }

    /**
     * K(u) = (d+2)/(2 V_d) · (1 − ‖u‖²)₊ with V_d the volume of the unit ball: scikit-learn's "epanechnikov"
     * with bandwidth h, i.e. support radius h.
     */
    record Epanechnikov() implements Kernel {
        @Override
        public String name() {
            return "epanechnikov";
        }

        @Override
        public double logNormalisation(int d) {
            double logUnitBall = 0.5 * d * Math.log(Math.PI) - SpecialFunctions.logGamma(0.5 * d + 1);
            return Math.log(0.5 * (d + 2)) - logUnitBall;
        }

        @Override
        public double logProfile(double u2, int d) {
            return u2 < 1 ? Math.log1p(-u2) : Double.NEGATIVE_INFINITY;
        }

        /** E‖u‖² = E[Beta(d/2, 2)] = d/(d+4), shared equally by the d coordinates. */
        @Override
        public double covarianceFactor(int d) {
            return 1.0 / (d + 4);
        }

        /** Direction uniform on the sphere; r² ~ Beta(d/2, 2) because the radial density is ∝ r^{d−1}(1 − r²). */
        @Override
        public void sample(RandomGenerator rng, double[] out) {
            int d = out.length;
            double norm = 0;
            for (int k = 0; k < d; k++) {
                out[k] = rng.nextGaussian();
                norm += out[k] * out[k];
            }
            double a = GammaVariates.next(rng, 0.5 * d);
            double b = GammaVariates.next(rng, 2.0);
            double r = Math.sqrt(a / (a + b));
            double scale = r / Math.sqrt(norm);
            for (int k = 0; k < d; k++) {
                out[k] *= scale;
            }
        }
    }

    /**
     * The multivariate Student-t density with ν degrees of freedom, location 0 and unit shape:
     * K(u) = Γ((ν+d)/2) / (Γ(ν/2) (νπ)^{d/2}) · (1 + ‖u‖²/ν)^{−(ν+d)/2}. Heavy tails keep far queries finite.
     */
    record StudentT(double degreesOfFreedom) implements Kernel {
        public StudentT {
            if (!(degreesOfFreedom > 0) || Double.isInfinite(degreesOfFreedom)) {
                throw new FieldErrorException("degreesOfFreedom", "must be finite and > 0, got " + degreesOfFreedom);
            }
        }

        @Override
        public String name() {
            return "student-t";
        }

        @Override
        public double logNormalisation(int d) {
            double nu = degreesOfFreedom;
            return SpecialFunctions.logGamma(0.5 * (nu + d)) - SpecialFunctions.logGamma(0.5 * nu) - 0.5 * d * Math.log(nu * Math.PI);
        }

        @Override
        public double logProfile(double u2, int d) {
            return -0.5 * (degreesOfFreedom + d) * Math.log1p(u2 / degreesOfFreedom);
        }

        /** ν/(ν−2); infinite for ν <= 2, where the kernel has no covariance. */
        @Override
        public double covarianceFactor(int d) {
            return degreesOfFreedom > 2 ? degreesOfFreedom / (degreesOfFreedom - 2) : Double.POSITIVE_INFINITY;
        }

        /** u = z / sqrt(g/ν) with z standard normal and g ~ χ²_ν = 2·Gamma(ν/2). */
        @Override
        public void sample(RandomGenerator rng, double[] out) {
            double g = 2 * GammaVariates.next(rng, 0.5 * degreesOfFreedom);
            double scale = 1 / Math.sqrt(g / degreesOfFreedom);
            for (int k = 0; k < out.length; k++) {
                out[k] = rng.nextGaussian() * scale;
            }
        }
    }
}
