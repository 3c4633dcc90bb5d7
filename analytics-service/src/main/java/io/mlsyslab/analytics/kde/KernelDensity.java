package io.mlsyslab.analytics.kde;

import io.mlsyslab.nn.numerics.ParallelTasks;
import io.mlsyslab.contract.FieldErrorException;
import java.util.SplittableRandom;

/**
 * A kernel density estimate f(x) = (1/n) Σ_i K_H(x − y_i), evaluated exactly (no trees, no truncation) in float64.
 *
 * <p>Log-densities come from blocked squared distances in whitened coordinates ({@link PairwiseSquaredDistances})
 * folded into a running log-sum-exp per query ({@link KernelSums}), so memory stays at one tile per thread
 * whatever n and m are, and tiny bandwidths give the finite log of a sum dominated by the nearest point instead of
 * ln 0. Work is split over query blocks, and also over point ranges when there are too few queries to keep every
 * thread busy (one query against 10⁶ points still uses all cores).
 *
 * <p>Instances are immutable and thread-safe. Cost: building packs the data once, O(n·d) time and memory;
 * each evaluation is O(m·n·d) flops.
 */
public final class KernelDensity {

    /** Queries per tile: enough rows to reuse each packed point block many times while it is in cache. */
    static final int QUERY_BLOCK = 64;

    private final Kernel kernel;
    private final Bandwidth bandwidth;
    private final Whitening whitening;
    private final PairwiseSquaredDistances points;
    private final int threads;

    private KernelDensity(Kernel kernel, Bandwidth bandwidth, Whitening whitening, PairwiseSquaredDistances points,
                          int threads) {
        this.kernel = kernel;
        this.bandwidth = bandwidth;
        this.whitening = whitening;
        this.points = points;
        this.threads = threads;
    }

    /**
     * @param data    row-major n × d sample
     * @param threads worker threads for evaluations (>= 1)
     */
    public static KernelDensity fit(double[] data, int n, int d, Kernel kernel, Bandwidth bandwidth, int threads) {
        if (kernel == null) {
            throw new FieldErrorException("kernel", "required");
        }
        if (bandwidth == null) {
            throw new FieldErrorException("bandwidth", "required");
        }
        if (threads < 1) {
            throw new FieldErrorException("threads", "must be >= 1, got " + threads);
        }
        if (n < 1 || d < 1 || data == null || (long) n * d != data.length) {
            throw new FieldErrorException("data", "expected n*d values with n, d >= 1");
        }
        Whitening whitening = bandwidth.whitening(d);
        PairwiseSquaredDistances packed = PairwiseSquaredDistances.of(whitening.apply(data, n), n, d);
        return new KernelDensity(kernel, bandwidth, whitening, packed, threads);
    }

    /** Same data and kernel, another isotropic h; reuses the packed data when this one is isotropic too. */
    public KernelDensity withIsotropicBandwidth(double h) {
        Bandwidth.Isotropic iso = new Bandwidth.Isotropic(h);
        if (bandwidth instanceof Bandwidth.Isotropic) {
            return new KernelDensity(kernel, iso, iso.whitening(dimension()), points, threads);
        }
        return fit(originalData(), size(), dimension(), kernel, iso, threads);
    }

    public Kernel kernel() {
        return kernel;
    }

    public Bandwidth bandwidth() {
        return bandwidth;
    }

    public int size() {
        return points.size();
    }

    public int dimension() {
        return points.dimension();
    }

    /** ln f(x) for m row-major query points. */
    public double[] logDensity(double[] queries, int m) {
        if (queries == null || (long) m * dimension() != queries.length) {
            throw new FieldErrorException("queries", "expected m*d = " + (long) m * dimension() + " values, got "
                    + (queries == null ? 0 : queries.length));
        }
        var prepared = points.queries(whitening.apply(queries, m), m);
        double[] logs = logKernelSums(prepared, false);
        double offset = normalisation() - Math.log(size());
        for (int i = 0; i < m; i++) {
            logs[i] += offset;
        }
        return logs;
    }

    /** ln f_{−i}(y_i) = ln( (1/(n−1)) Σ_{j≠i} K_H(y_i − y_j) ) for every data point. */
    public double[] leaveOneOutLogDensities() {
        if (size() < 2) {
            throw new FieldErrorException("data", "leave-one-out needs n >= 2");
        }
        double[] logs = logKernelSums(points.dataAsQueries(), true);
        double offset = normalisation() - Math.log(size() - 1.0);
        for (int i = 0; i < logs.length; i++) {
            logs[i] += offset;
        }
        return logs;
    }

    /** Σ_i ln f_{−i}(y_i): the likelihood cross-validation objective. */
    public double leaveOneOutLogLikelihood() {
        double total = 0;
        for (double v : leaveOneOutLogDensities()) {
            total += v;
        }
        return total;
    }

    /** Draws {@code count} points from the estimate: a uniformly chosen data point plus a kernel draw. */
    public double[] sample(int count, long seed) {
        if (count < 0) {
            throw new FieldErrorException("count", "must be >= 0, got " + count);
        }
        int d = dimension();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[Math.multiplyExact(count, d)];
        double[] u = new double[d];
        double[] z = new double[d];
        double[] x = new double[d];
        boolean isotropic = bandwidth instanceof Bandwidth.Isotropic;
        for (int s = 0; s < count; s++) {
            double[] centre = points.point(rng.nextInt(size()));
            kernel.sample(rng, u);
            if (isotropic) {
                whitening.unwhiten(u, x);
                for (int k = 0; k < d; k++) {
                    out[s * d + k] = centre[k] + x[k];
                }
            } else {
                for (int k = 0; k < d; k++) {
                    z[k] = centre[k] + u[k];
                }
                whitening.unwhiten(z, x);
                System.arraycopy(x, 0, out, s * d, d);
            }
        }
        return out;
    }

    /** ln of the constant in front of Σ profile: kernel normalisation minus ½ ln|H|. */
    private double normalisation() {
        return kernel.logNormalisation(dimension()) - whitening.halfLogDet();
    }

    private double[] originalData() {
        int n = size();
        int d = dimension();
        double[] rows = new double[n * d];
        double[] x = new double[d];
        for (int i = 0; i < n; i++) {
            double[] p = points.point(i);
            if (bandwidth instanceof Bandwidth.Isotropic) {
                System.arraycopy(p, 0, rows, i * d, d);
            } else {
                whitening.unwhiten(p, x);
                System.arraycopy(x, 0, rows, i * d, d);
            }
        }
        return rows;
    }

    /** Points per tile: about 256 KB of packed coordinates, so a point block stays in L2 across a query block. */
    static int pointBlock(int d) {
        int panel = PairwiseSquaredDistances.PANEL;
        int target = Math.max(panel, Math.min(2048, 32768 / d));
        return target - target % panel;
    }

    /** ln Σ_j profile(u²_ij) for every query i, split over (query block × point range) tasks. */
    private double[] logKernelSums(PairwiseSquaredDistances.Queries queries, boolean leaveOneOut) {
        int m = queries.size();
        int n = size();
        int pointBlock = pointBlock(dimension());
        int queryBlocks = (m + QUERY_BLOCK - 1) / QUERY_BLOCK;
        int pointBlocks = (n + pointBlock - 1) / pointBlock;
        int splits = queryBlocks >= 2 * threads ? 1
                : Math.min(pointBlocks, (2 * threads + queryBlocks - 1) / Math.max(1, queryBlocks));
        double[][] max = new double[splits][m];
        double[][] sum = new double[splits][m];
        KernelSums sums = new KernelSums(kernel, whitening.distanceScale(), dimension());
        ParallelTasks.run(queryBlocks * splits, threads, task -> {
            int qb = task / splits;
            int split = task % splits;
            int qFrom = qb * QUERY_BLOCK;
            int qTo = Math.min(m, qFrom + QUERY_BLOCK);
            int firstBlock = (int) ((long) split * pointBlocks / splits);
            int lastBlock = (int) ((long) (split + 1) * pointBlocks / splits);
            double[] tile = new double[QUERY_BLOCK * pointBlock];
            for (int b = firstBlock; b < lastBlock; b++) {
                int pFrom = b * pointBlock;
                int pTo = Math.min(n, pFrom + pointBlock);
                points.block(queries, qFrom, qTo, pFrom, pTo, tile, 0, pointBlock);
                for (int i = qFrom; i < qTo; i++) {
                    int row = (i - qFrom) * pointBlock;
                    if (leaveOneOut && i >= pFrom && i < pTo) {
                        tile[row + (i - pFrom)] = Double.POSITIVE_INFINITY;
                    }
                    sums.accumulate(tile, row, pTo - pFrom, max[split], sum[split], i);
                }
            }
        });
        double[] logs = new double[m];
        for (int i = 0; i < m; i++) {
            for (int s = 1; s < splits; s++) {
                KernelSums.merge(max[0], sum[0], i, max[s][i], sum[s][i]);
            }
            logs[i] = KernelSums.logOf(max[0][i], sum[0][i]);
        }
        return logs;
    }
}
