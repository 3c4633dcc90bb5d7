package io.mlsyslab.analytics.regimes;

import io.mlsyslab.analytics.kde.PairwiseSquaredDistances;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures the three KDE regimes on synthetic Gaussian data (see {@link RegimeSweepConfig}).
 *
 * <p>Per dataset the n points are generated and streamed in chunks of {@link #CHUNK} through the KDE engine's blocked
 * squared distances; each query keeps an online log-sum-exp for every bandwidth at once ({@link BandwidthSums}), so
 * memory is O(m H + chunk d) whatever n is, and the distances are computed once for the whole h grid. The replicate
 * study at a typical query draws the n squared distances directly from their non-central chi-square law, which is
 * exact in distribution and needs no vectors.
 */
public final class RegimeSweep {

    /** Data points generated and packed at a time. */
    static final int CHUNK = 8192;
    private static final int QUERY_BLOCK = 8;
    private static final int POINT_BLOCK = 2048;
    private static final int REPLICATE_BATCH = 16;
    private static final long QUERY_STREAM = 1;
    private static final long DATA_STREAM = 2;
    private static final long REPLICATE_STREAM = 3;

    private RegimeSweep() {
    }

    public static RegimeReport run(RegimeSweepConfig config, SweepMonitor monitor) {
        double alpha = config.alpha();
        RegimeThresholds theory = RegimeThresholds.of(alpha, config.sigma());
        int hCount = config.ratios().size();
        double[] h = new double[hCount];
        for (int k = 0; k < hCount; k++) {
            h[k] = config.ratios().get(k) * theory.hG();
        }
        Work work = new Work(config, monitor);
        int pairs = config.datasets() * config.queries();
        double[][] f1 = new double[hCount][pairs];
        double[][] f2 = new double[hCount][pairs];
        double[][] y2 = new double[hCount][pairs];
        double[][] wmax = new double[hCount][pairs];
        double[][] kl = new double[hCount][pairs];
        double nearestSum = 0;
        for (int s = 0; s < config.datasets(); s++) {
            Measured one = measureDataset(config, s, h, work);
            for (int i = 0; i < config.queries(); i++) {
                int p = s * config.queries() + i;
                for (int k = 0; k < hCount; k++) {
                    f1[k][p] = one.f1[i][k];
                    f2[k][p] = one.f2[i][k];
                    y2[k][p] = one.y2[i][k];
                    wmax[k][p] = one.wmax[i][k];
                    kl[k][p] = one.kl[i][k];
                }
                nearestSum += one.nearest[i];
            }
        }
        SweepPoint.ReplicateStats[] replicateStats = config.replicates() > 0
                ? ReplicateStudy.run(config, h, work, REPLICATE_STREAM, REPLICATE_BATCH)
                : new SweepPoint.ReplicateStats[hCount];

        List<SweepPoint> points = new ArrayList<>(hCount);
        double[] meanF1 = new double[hCount];
        double[] meanF2 = new double[hCount];
        double[] meanY2 = new double[hCount];
        double[] meanKl = new double[hCount];
        for (int k = 0; k < hCount; k++) {
            SampleStats sf1 = SampleStats.of(f1[k]);
            SampleStats sf2 = SampleStats.of(f2[k]);
            SampleStats sy2 = SampleStats.of(y2[k]);
            SampleStats skl = SampleStats.of(kl[k]);
            meanF1[k] = sf1.mean();
            meanF2[k] = sf2.mean();
            meanY2[k] = sy2.mean();
            meanKl[k] = skl.mean();
            double sigma = config.sigma();
            points.add(new SweepPoint(config.ratios().get(k), h[k], RegimeTheory.stableIndex(alpha, sigma, h[k]),
                    sf1.mean(), sf1.standardError(), sf2.mean(), sf2.standardError(), sy2.mean(), sy2.standardError(),
                    SampleStats.of(wmax[k]).mean(), skl.mean(), skl.standardError(),
                    perDataset(f1[k], config), perDataset(kl[k], config),
                    new SweepPoint.Theory(RegimeTheory.f1(alpha, sigma, h[k]), RegimeTheory.f2(alpha, sigma, h[k]),
                            RegimeTheory.participationRatio(alpha, sigma, h[k]),
                            RegimeTheory.klPerDim(alpha, sigma, h[k])),
                    replicateStats[k]));
        }
        double nearestExact = NearestNeighbourLaw.meanPerDimOverQueries(config.n(), config.d());
        RegimeLocations located = RegimeLocator.locate(h, meanF1, meanF2, meanY2, meanKl, config.d());
        monitor.progress(1.0);
        return new RegimeReport(config.d(), config.n(), alpha, config.sigma(), config.queries(), config.datasets(),
                config.replicates(), config.seed(), theory,
                thresholdsOrNull(RegimeTheory.heuristicEffectiveAlpha(alpha, config.d()), config.sigma()),
                thresholdsOrNull(RegimeTheory.alphaForNearestNeighbour(nearestExact), config.sigma()),
                nearestSum / pairs / (config.d() * config.sigma() * config.sigma()), nearestExact, located, points);
    }

    /** Per query (rows) and bandwidth (columns) measurements on one dataset. */
    private record Measured(double[][] f1, double[][] f2, double[][] y2, double[][] wmax, double[][] kl,
                            double[] nearest) {
    }

    private static Measured measureDataset(RegimeSweepConfig config, int dataset, double[] h, Work work) {
        int d = config.d();
        int m = config.queries();
        double sigma = config.sigma();
        SplittableRandom queryRng = new SplittableRandom(streamSeed(config.seed(), QUERY_STREAM, dataset, 0));
        double[] x = gaussian(queryRng, m * d, sigma);
        double[] x2 = new double[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < d; k++) {
                x2[i] += x[i * d + k] * x[i * d + k];
            }
        }
        BandwidthSums[] sums = new BandwidthSums[m];
        for (int i = 0; i < m; i++) {
            sums[i] = new BandwidthSums(h);
        }
        long n = config.n();
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        for (int c = 0; c < chunks; c++) {
            int size = (int) Math.min(CHUNK, n - (long) c * CHUNK);
            SplittableRandom dataRng = new SplittableRandom(streamSeed(config.seed(), DATA_STREAM, dataset, c));
            PairwiseSquaredDistances distances = PairwiseSquaredDistances.of(gaussian(dataRng, size * d, sigma), size, d);
            distances.forEachBlock(distances.queries(x, m), QUERY_BLOCK, POINT_BLOCK, config.threads(),
                    (qFrom, qTo, pFrom, pTo, d2, stride) -> {
                        for (int i = qFrom; i < qTo; i++) {
                            sums[i].add(d2, (i - qFrom) * stride, pTo - pFrom);
                        }
                    });
            work.done((double) size * m * (h.length + 1));
        }
        int hCount = h.length;
        Measured out = new Measured(new double[m][hCount], new double[m][hCount], new double[m][hCount],
                new double[m][hCount], new double[m][hCount], new double[m]);
        double logN = Math.log(n);
        for (int i = 0; i < m; i++) {
            double logRho = -0.5 * d * Math.log(2 * Math.PI * sigma * sigma) - x2[i] / (2 * sigma * sigma);
            for (int k = 0; k < hCount; k++) {
                double logZ = sums[i].logSum(k);
                double logEz = logN + KernelWeightMoments.logMeanWeight(d, sigma, h[k], x2[i]);
                double logEz2 = logN + KernelWeightMoments.logMeanSquaredWeight(d, sigma, h[k], x2[i]);
                double logRhoHat = -0.5 * d * Math.log(2 * Math.PI * h[k] * h[k]) - logN + logZ;
                out.f1[i][k] = (logZ - logEz) / d;
                out.f2[i][k] = (sums[i].logSumSquares(k) - logEz2) / d;
                out.y2[i][k] = sums[i].participationRatio(k);
                out.wmax[i][k] = sums[i].largestWeightShare(k);
                out.kl[i][k] = (logRho - logRhoHat) / d;
            }
            out.nearest[i] = sums[i].nearestSquaredDistance();
        }
        return out;
    }

    private static List<Double> perDataset(double[] values, RegimeSweepConfig config) {
        List<Double> out = new ArrayList<>(config.datasets());
        int m = config.queries();
        for (int s = 0; s < config.datasets(); s++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += values[s * m + i];
            }
            out.add(sum / m);
        }
        return out;
    }

    private static RegimeThresholds thresholdsOrNull(double alpha, double sigma) {
        return alpha > 0 ? RegimeThresholds.of(alpha, sigma) : null;
    }

    static double[] gaussian(SplittableRandom rng, int count, double sigma) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = sigma * rng.nextGaussian();
        }
        return out;
    }

    /** SplitMix64-style mixing so every (seed, stream, a, b) gets an unrelated generator. */
    static long streamSeed(long seed, long stream, long a, long b) {
        long z = seed;
        for (long v : new long[] {stream, a, b}) {
            z += 0x9E3779B97F4A7C15L * (v + 1);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
        }
        return z;
    }

    /** Progress over the whole sweep, counted in distance-times-bandwidth units; checks cancellation each step. */
    static final class Work {
        private final SweepMonitor monitor;
        private final double total;
        private double done;

        Work(RegimeSweepConfig config, SweepMonitor monitor) {
            this.monitor = monitor;
            double perPair = config.ratios().size() + 1.0;
            this.total = (double) config.n() * perPair
                    * ((double) config.datasets() * config.queries() + 2.0 * config.replicates());
        }

        synchronized void done(double units) {
            done += units;
            monitor.progress(Math.min(0.99, done / total));
            monitor.checkCancelled();
        }
    }
}
