package io.mlsyslab.analytics.regimes;

import java.util.SplittableRandom;

/**
 * Fluctuations of {@code R = rho_hat / E rho_hat} over replicate datasets at one typical query
 * ({@code |x|^2 = d sigma^2}). The n squared distances of each replicate are drawn straight from
 * {@code sigma^2 * ncx2(d, d)}, which is their exact joint law (i.i.d. given x), so M replicates cost M n draws
 * instead of M n d Gaussian coordinates.
 */
final class ReplicateStudy {

    private ReplicateStudy() {
    }

    static SweepPoint.ReplicateStats[] run(RegimeSweepConfig config, double[] h, RegimeSweep.Work work, long stream,
                                           int batch) {
        int d = config.d();
        long n = config.n();
        int replicates = config.replicates();
        double sigma = config.sigma();
        double s2 = sigma * sigma;
        double queryNorm2 = d * s2;
        NoncentralChiSquared law = new NoncentralChiSquared(d, d);
        int hCount = h.length;
        double[][] logZ = new double[hCount][replicates];
        double[][] y2 = new double[hCount][replicates];
        int step = batch * config.threads();
        for (int from = 0; from < replicates; from += step) {
            int start = from;
            int count = Math.min(step, replicates - from);
            io.mlsyslab.nn.numerics.ParallelTasks.run(count, config.threads(), j -> {
                int r = start + j;
                SplittableRandom rng = new SplittableRandom(RegimeSweep.streamSeed(config.seed(), stream, r, 0));
                double[] d2 = new double[(int) n];
                for (int i = 0; i < d2.length; i++) {
                    d2[i] = s2 * law.sample(rng);
                }
                BandwidthSums sums = new BandwidthSums(h);
                sums.add(d2, 0, d2.length);
                for (int k = 0; k < hCount; k++) {
                    logZ[k][r] = sums.logSum(k);
                    y2[k][r] = sums.participationRatio(k);
                }
            });
            work.done((double) count * n * (hCount + 3));
        }
        SweepPoint.ReplicateStats[] out = new SweepPoint.ReplicateStats[hCount];
        double logN = Math.log(n);
        for (int k = 0; k < hCount; k++) {
            double logEz = logN + KernelWeightMoments.logMeanWeight(d, sigma, h[k], queryNorm2);
            double logAnnealed = KernelWeightMoments.logScaledRelativeVariance(d, sigma, h[k], queryNorm2);
            // R spans many orders of magnitude below h_G: take moments of R / e^L with L = max ln R, then rescale.
            double maxLog = Double.NEGATIVE_INFINITY;
            for (double v : logZ[k]) {
                maxLog = Math.max(maxLog, v - logEz);
            }
            double[] scaled = new double[replicates];
            for (int r = 0; r < replicates; r++) {
                scaled[r] = Math.exp(logZ[k][r] - logEz - maxLog);
            }
            SampleStats stats = SampleStats.of(scaled);
            double scale = Math.exp(maxLog);
            out[k] = new SweepPoint.ReplicateStats(
                    replicates,
                    stats.mean() * scale,
                    Math.exp(0.5 * (logAnnealed - logN - Math.log(replicates))),
                    stats.median() * scale,
                    Math.exp(logN + 2 * maxLog + Math.log(stats.variance())),
                    Math.exp(logAnnealed),
                    stats.skewness(),
                    SampleStats.of(y2[k]).mean());
        }
        return out;
    }
}
