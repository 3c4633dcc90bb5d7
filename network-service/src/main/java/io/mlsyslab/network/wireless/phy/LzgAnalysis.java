package io.mlsyslab.network.wireless.phy;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Closed-form spectral efficiency of AMC with truncated ARQ over Rayleigh block fading (Liu, Zhou and Giannakis
 * 2004; digest section 2.3): mode n serves gamma in [gamma_n, gamma_{n+1}), nothing is sent below gamma_1,
 * P0 = P_loss^{1/(N_max+1)}.
 */
public final class LzgAnalysis {

    private LzgAnalysis() {
    }

    /** What the closed form predicts for one mean SNR and retry limit. */
    public record Prediction(double targetPer, double averagePer, double meanTransmissions, double spectralEfficiency) {}

    /** P0 = P_loss^{1/(N_max+1)}. */
    public static double targetPer(double lossTarget, int retryLimit) {
        if (!(lossTarget > 0 && lossTarget < 1)) {
            throw new FieldErrorException("lossTarget", "must be in (0, 1)");
        }
        if (retryLimit < 0) {
            throw new FieldErrorException("retryLimit", "must be >= 0");
        }
        return Math.pow(lossTarget, 1.0 / (retryLimit + 1));
    }

    public static Prediction predict(ModeTable table, double meanSnrLinear, double lossTarget, int retryLimit) {
        if (!(meanSnrLinear > 0)) {
            throw new FieldErrorException("meanSnr", "must be > 0");
        }
        double p0 = targetPer(lossTarget, retryLimit);
        int n = table.size();
        double rateProbability = 0;
        double rateWeightedPer = 0;
        for (int i = 0; i < n; i++) {
            Mode mode = table.mode(i);
            double lo = mode.thresholdSnr(p0);
            double hi = i + 1 < n ? table.mode(i + 1).thresholdSnr(p0) : Double.POSITIVE_INFINITY;
            double probability = Math.exp(-lo / meanSnrLinear) - (Double.isInfinite(hi) ? 0 : Math.exp(-hi / meanSnrLinear));
            double c = mode.g() + 1.0 / meanSnrLinear;
            double perIntegral = mode.a() / (mode.g() * meanSnrLinear + 1.0)
                    * (Math.exp(-c * lo) - (Double.isInfinite(hi) ? 0 : Math.exp(-c * hi)));
            rateProbability += mode.bitsPerSymbol() * probability;
            rateWeightedPer += mode.bitsPerSymbol() * perIntegral;
        }
        double averagePer = rateProbability > 0 ? rateWeightedPer / rateProbability : 0;
        double meanTransmissions = 0;
        double power = 1;
        for (int k = 0; k <= retryLimit; k++) {
            meanTransmissions += power;
            power *= averagePer;
        }
        return new Prediction(p0, averagePer, meanTransmissions, rateProbability / meanTransmissions);
    }
}
