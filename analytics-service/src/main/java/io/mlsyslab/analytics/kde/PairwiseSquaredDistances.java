package io.mlsyslab.analytics.kde;

import io.mlsyslab.nn.numerics.ParallelTasks;
import io.mlsyslab.contract.FieldErrorException;
import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocked squared Euclidean distances between a fixed point set ("the data", n × d) and query points, computed as
 * ‖x‖² + ‖y‖² − 2·x·y with a Vector-API outer-product kernel, in float64.
 *
 * <p><b>Layout.</b> The data are packed once into panels of {@link #PANEL} points stored coordinate-major
 * ({@code panel[k][j]}), so the kernel broadcasts one query coordinate and multiplies it with a whole vector of
 * points: the result comes out vectorised over points, which is what a kernel sum wants next, and it works
 * equally well for d = 2 and d = 1000.
 *
 * <p><b>Precision.</b> Distances are translation invariant, so both sides are shifted by the data mean before
 * anything is multiplied; that keeps ‖x‖² + ‖y‖² of the order of the data spread rather than of its offset. The
 * expanded form still loses digits when the distance is much smaller than the norms (near-duplicates, tiny
 * bandwidths), because its rounding error is about ε·(‖x‖² + ‖y‖²). Whenever the expanded value falls below
 * {@link #CANCELLATION_RATIO}·(‖x‖² + ‖y‖²) the pair is recomputed directly as Σ(x_k − y_k)², so every
 * returned value has a relative error of at most ~1e-12·√d and is never negative.
 *
 * <p><b>Threads and memory.</b> {@link #block} is single-threaded and writes into a caller-provided buffer, so
 * callers decide how much memory a tile takes. {@link #forEachBlock} and {@link #all} spread query blocks over
 * a number of threads; inside one query block the point blocks are visited in order by one thread.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PairwiseSquaredDistances {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** Points per packed panel: two vectors, so each broadcast query coordinate feeds two FMAs. */
    public static final int PANEL = 2 * LANES;

    /** Queries per register tile: 4 queries × 2 vectors = 8 accumulators, well inside the register file. */
    private static final int QUERY_TILE = 4;

    /**
     * Below this fraction of ‖x‖² + ‖y‖² the expanded form is replaced by the direct sum. The expanded form's
     * error is a few ε·(‖x‖² + ‖y‖²), so its relative error stays below ~1e-12·√d above the threshold.
     */
    public static final double CANCELLATION_RATIO = 1.0 / 1024;

    private final int n;
    private final int d;
    private final double[] shift;
    private final double[] panels;
    private final double[] norms;

    private PairwiseSquaredDistances(int n, int d, double[] shift, double[] panels, double[] norms) {
        this.n = n;
        this.d = d;
        this.shift = shift;
        this.panels = panels;
        this.norms = norms;
    }

    /**
     * Packs the data. {@code points} is row-major, n rows of d coordinates; it is copied, not kept.
     *
     * @throws IllegalArgumentException (message starting with the field) on bad shapes or non-finite values
     */
    public static PairwiseSquaredDistances of(double[] points, int n, int d) {
        if (n < 1) {
            throw new FieldErrorException("n", "must be >= 1, got " + n);
        }
        if (d < 1) {
            throw new FieldErrorException("d", "must be >= 1, got " + d);
        }
        if (points == null || (long) n * d != points.length) {
            throw new FieldErrorException("points", "expected n*d = " + (long) n * d + " values, got "
                    + (points == null ? 0 : points.length));
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double v = points[i * d + k];
                if (!Double.isFinite(v)) {
                    throw new FieldErrorException("points", "value at row " + i + ", column " + k
                            + " is not finite");
                }
                mean[k] += v;
            }
        }
        double[] shift = exactShift(points, n, d, mean);
        int panelCount = (n + PANEL - 1) / PANEL;
        long packedLength = (long) panelCount * PANEL * d;
        if (packedLength > Integer.MAX_VALUE - 16) {
            throw new FieldErrorException("points", "n*d = " + (long) n * d + " exceeds one array");
        }
        double[] panels = new double[(int) packedLength];
        double[] norms = new double[panelCount * PANEL];
        for (int i = 0; i < n; i++) {
            int base = (i / PANEL) * PANEL * d + (i % PANEL);
            double norm = 0;
            for (int k = 0; k < d; k++) {
                double v = points[i * d + k] - shift[k];
                panels[base + k * PANEL] = v;
                norm += v * v;
            }
            norms[i] = norm;
        }
        return new PairwiseSquaredDistances(n, d, shift, panels, norms);
    }

    /**
     * The mean, rounded to the grid of the coordinate's largest magnitude so that y − shift is exact for every
     * data value (checked with an error-free two-sum). Exactness lets the fallback rebuild y = (y − shift) + shift
     * bit for bit; a coordinate where no such shift exists is simply not shifted.
     */
    private static double[] exactShift(double[] points, int n, int d, double[] sums) {
        double[] shift = new double[d];
        double[] maxAbs = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                maxAbs[k] = Math.max(maxAbs[k], Math.abs(points[i * d + k]));
            }
        }
        for (int k = 0; k < d; k++) {
            double grid = Math.ulp(maxAbs[k]);
            shift[k] = Math.rint(sums[k] / n / grid) * grid;
        }
        boolean[] inexact = new boolean[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                inexact[k] |= twoSumError(points[i * d + k], -shift[k]) != 0;
            }
        }
        for (int k = 0; k < d; k++) {
            if (inexact[k]) {
                shift[k] = 0;
            }
        }
        return shift;
    }

    /** Knuth's error-free transformation: the rounding error of a + b. */
    private static double twoSumError(double a, double b) {
        double sum = a + b;
        double bVirtual = sum - a;
        double aVirtual = sum - bVirtual;
        return (a - aVirtual) + (b - bVirtual);
    }

    /** Number of data points n. */
    public int size() {
        return n;
    }

    /** Dimension d. */
    public int dimension() {
        return d;
    }

    /** The data point i as given to {@link #of} (up to the rounding of subtracting and re-adding the mean). */
    public double[] point(int i) {
        Objects.checkIndex(i, n);
        double[] row = new double[d];
        int base = (i / PANEL) * PANEL * d + (i % PANEL);
        for (int k = 0; k < d; k++) {
            row[k] = panels[base + k * PANEL] + shift[k];
        }
        return row;
    }

    /**
     * Prepares query points (row-major, m × d): shifts them like the data and caches their norms. The copy is
     * what {@link #block} reads, so preparing once per batch is what keeps the inner loop lean.
     */
    public Queries queries(double[] rowMajor, int m) {
        if (m < 0) {
            throw new FieldErrorException("m", "must be >= 0, got " + m);
        }
        if (rowMajor == null || (long) m * d != rowMajor.length) {
            throw new FieldErrorException("queries", "expected m*d = " + (long) m * d + " values, got "
                    + (rowMajor == null ? 0 : rowMajor.length));
        }
        double[] centred = new double[rowMajor.length];
        double[] qNorms = new double[m];
        for (int i = 0; i < m; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                double v = rowMajor[i * d + k];
                if (!Double.isFinite(v)) {
                    throw new FieldErrorException("queries", "value at row " + i + ", column " + k
                            + " is not finite");
                }
                v -= shift[k];
                centred[i * d + k] = v;
                norm += v * v;
            }
            qNorms[i] = norm;
        }
        return new Queries(this, m, rowMajor.clone(), centred, qNorms);
    }

    /** The data themselves as queries (for leave-one-out sums), without a round trip through the mean. */
    public Queries dataAsQueries() {
        double[] rows = new double[n * d];
        double[] original = new double[n * d];
        for (int i = 0; i < n; i++) {
            int base = (i / PANEL) * PANEL * d + (i % PANEL);
            for (int k = 0; k < d; k++) {
                rows[i * d + k] = panels[base + k * PANEL];
                original[i * d + k] = panels[base + k * PANEL] + shift[k];
            }
        }
        return new Queries(this, n, original, rows, Arrays.copyOf(norms, n));
    }

    /**
     * Writes ‖q_i − y_j‖² for i in [qFrom, qTo) and j in [pFrom, pTo) to
     * {@code out[outOffset + (i − qFrom)·outStride + (j − pFrom)]}. Single-threaded; no allocation when pFrom is a
     * multiple of {@link #PANEL} (the usual blocked use).
     */
    public void block(Queries queries, int qFrom, int qTo, int pFrom, int pTo, double[] out, int outOffset,
                      int outStride) {
        if (queries.owner != this) {
            throw new FieldErrorException("queries", "prepared by another distance set");
        }
        Objects.checkFromToIndex(qFrom, qTo, queries.m);
        Objects.checkFromToIndex(pFrom, pTo, n);
        if (outOffset < 0 || outStride < pTo - pFrom
                || outOffset + (long) (qTo - qFrom - 1) * outStride + (pTo - pFrom) > out.length) {
            throw new FieldErrorException("out", "too small for the block");
        }
        if (qFrom == qTo || pFrom == pTo) {
            return;
        }
        double[] q = queries.centred;
        double[] qn = queries.norms;
        double[] spill = null;
        for (int panelStart = pFrom - pFrom % PANEL; panelStart < pTo; panelStart += PANEL) {
            boolean whole = panelStart >= pFrom && panelStart + PANEL <= pTo;
            int i = qFrom;
            for (; i + QUERY_TILE <= qTo; i += QUERY_TILE) {
                if (whole) {
                    tile4(q, queries.original, qn, i, panelStart, out, outOffset + (i - qFrom) * outStride + (panelStart - pFrom),
                            outStride);
                } else {
                    if (spill == null) {
                        spill = new double[QUERY_TILE * PANEL];
                    }
                    tile4(q, queries.original, qn, i, panelStart, spill, 0, PANEL);
                    copyPartial(spill, QUERY_TILE, panelStart, pFrom, pTo, out, outOffset + (i - qFrom) * outStride,
                            outStride);
                }
            }
            for (; i < qTo; i++) {
                if (whole) {
                    tile1(q, queries.original, qn, i, panelStart, out, outOffset + (i - qFrom) * outStride + (panelStart - pFrom));
                } else {
                    if (spill == null) {
                        spill = new double[QUERY_TILE * PANEL];
                    }
                    tile1(q, queries.original, qn, i, panelStart, spill, 0);
                    copyPartial(spill, 1, panelStart, pFrom, pTo, out, outOffset + (i - qFrom) * outStride,
                            outStride);
                }
            }
        }
    }

    /** Receives one tile of distances; see {@link #forEachBlock}. */
    @FunctionalInterface
    public interface BlockVisitor {
        /**
         * Called with distances of queries [qFrom, qTo) to points [pFrom, pTo) laid out as
         * {@code d2[(i − qFrom)·stride + (j − pFrom)]}. The buffer is reused after the call returns.
         */
        void visit(int qFrom, int qTo, int pFrom, int pTo, double[] d2, int stride);
    }

    /**
     * Visits all query × point distances in tiles of at most queryBlock × pointBlock values, spreading query
     * blocks over {@code threads} threads. For one query block, point blocks arrive in increasing order on one
     * thread, so a visitor may keep per-query running state without locks as long as it touches only rows of
     * the block it is given. Memory: one tile per thread.
     */
    public void forEachBlock(Queries queries, int queryBlock, int pointBlock, int threads, BlockVisitor visitor) {
        if (queryBlock < 1) {
            throw new FieldErrorException("queryBlock", "must be >= 1, got " + queryBlock);
        }
        if (pointBlock < 1) {
            throw new FieldErrorException("pointBlock", "must be >= 1, got " + pointBlock);
        }
        int alignedPointBlock = Math.max(PANEL, pointBlock - pointBlock % PANEL);
        int blocks = (queries.m + queryBlock - 1) / queryBlock;
        ParallelTasks.run(blocks, threads, b -> {
            int qFrom = b * queryBlock;
            int qTo = Math.min(queries.m, qFrom + queryBlock);
            double[] tile = new double[queryBlock * alignedPointBlock];
            for (int pFrom = 0; pFrom < n; pFrom += alignedPointBlock) {
                int pTo = Math.min(n, pFrom + alignedPointBlock);
                block(queries, qFrom, qTo, pFrom, pTo, tile, 0, alignedPointBlock);
                visitor.visit(qFrom, qTo, pFrom, pTo, tile, alignedPointBlock);
            }
        });
    }

    /** The full m × n matrix, row-major. Only for sizes that fit in memory; prefer {@link #forEachBlock}. */
    public double[] all(Queries queries, int threads) {
        long size = (long) queries.m * n;
        if (size > Integer.MAX_VALUE - 16) {
            throw new FieldErrorException("queries", "m*n = " + size + " distances do not fit in one array");
        }
        double[] out = new double[(int) size];
        int queryBlock = 64;
        int blocks = (queries.m + queryBlock - 1) / queryBlock;
        ParallelTasks.run(blocks, threads, b -> {
            int qFrom = b * queryBlock;
            int qTo = Math.min(queries.m, qFrom + queryBlock);
            block(queries, qFrom, qTo, 0, n, out, qFrom * n, n);
        });
        return out;
    }

    private void copyPartial(double[] spill, int rows, int panelStart, int pFrom, int pTo, double[] out,
                             int rowOffset, int outStride) {
        int from = Math.max(pFrom, panelStart);
        int to = Math.min(pTo, panelStart + PANEL);
        for (int r = 0; r < rows; r++) {
            for (int j = from; j < to; j++) {
                out[rowOffset + r * outStride + (j - pFrom)] = spill[r * PANEL + (j - panelStart)];
            }
        }
    }

    /** Four queries against one panel: the hot loop. */
    private void tile4(double[] q, double[] original, double[] qn, int i, int panelStart, double[] out, int outOffset, int outStride) {
        int r0 = i * d;
        int r1 = r0 + d;
        int r2 = r1 + d;
        int r3 = r2 + d;
        DoubleVector a00 = DoubleVector.zero(SPECIES);
        DoubleVector a01 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a20 = a00;
        DoubleVector a21 = a00;
        DoubleVector a30 = a00;
        DoubleVector a31 = a00;
        double[] p = panels;
        int off = panelStart * d;
        for (int k = 0; k < d; k++, off += PANEL) {
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, p, off);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, p, off + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, q[r0 + k]);
            a00 = x.fma(y0, a00);
            a01 = x.fma(y1, a01);
            x = DoubleVector.broadcast(SPECIES, q[r1 + k]);
            a10 = x.fma(y0, a10);
            a11 = x.fma(y1, a11);
            x = DoubleVector.broadcast(SPECIES, q[r2 + k]);
            a20 = x.fma(y0, a20);
            a21 = x.fma(y1, a21);
            x = DoubleVector.broadcast(SPECIES, q[r3 + k]);
            a30 = x.fma(y0, a30);
            a31 = x.fma(y1, a31);
        }
        DoubleVector n0 = DoubleVector.fromArray(SPECIES, norms, panelStart);
        DoubleVector n1 = DoubleVector.fromArray(SPECIES, norms, panelStart + LANES);
        finish(original, a00, n0, qn[i], i, panelStart, out, outOffset);
        finish(original, a01, n1, qn[i], i, panelStart + LANES, out, outOffset + LANES);
        finish(original, a10, n0, qn[i + 1], i + 1, panelStart, out, outOffset + outStride);
        finish(original, a11, n1, qn[i + 1], i + 1, panelStart + LANES, out, outOffset + outStride + LANES);
        finish(original, a20, n0, qn[i + 2], i + 2, panelStart, out, outOffset + 2 * outStride);
        finish(original, a21, n1, qn[i + 2], i + 2, panelStart + LANES, out, outOffset + 2 * outStride + LANES);
        finish(original, a30, n0, qn[i + 3], i + 3, panelStart, out, outOffset + 3 * outStride);
        finish(original, a31, n1, qn[i + 3], i + 3, panelStart + LANES, out, outOffset + 3 * outStride + LANES);
    }

    /** One query against one panel (tails of query blocks). */
    private void tile1(double[] q, double[] original, double[] qn, int i, int panelStart, double[] out, int outOffset) {
        int r0 = i * d;
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0;
        int off = panelStart * d;
        for (int k = 0; k < d; k++, off += PANEL) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, q[r0 + k]);
            a0 = x.fma(DoubleVector.fromArray(SPECIES, panels, off), a0);
            a1 = x.fma(DoubleVector.fromArray(SPECIES, panels, off + LANES), a1);
        }
        finish(original, a0, DoubleVector.fromArray(SPECIES, norms, panelStart), qn[i], i, panelStart, out, outOffset);
        finish(original, a1, DoubleVector.fromArray(SPECIES, norms, panelStart + LANES), qn[i], i, panelStart + LANES, out,
                outOffset + LANES);
    }

    /** ‖x‖² + ‖y‖² − 2·x·y, with the lanes that lost too many digits recomputed directly. */
    private void finish(double[] original, DoubleVector dot, DoubleVector pointNorms, double queryNorm, int query, int firstPoint,
                        double[] out, int outOffset) {
        DoubleVector sumNorms = pointNorms.add(queryNorm);
        DoubleVector d2 = dot.mul(-2.0).add(sumNorms);
        VectorMask<Double> lost = d2.compare(VectorOperators.LT,
                sumNorms.mul(CANCELLATION_RATIO));
        d2.intoArray(out, outOffset);
        if (lost.anyTrue()) {
            for (int lane = 0; lane < LANES; lane++) {
                if (lost.laneIsSet(lane)) {
                    out[outOffset + lane] = direct(original, query, firstPoint + lane);
                }
            }
        }
    }

    /**
     * Σ(x_k − y_k)² from the caller's own query coordinates and the exactly rebuilt data point, so near-duplicates
     * keep the digits that shifting would have rounded away.
     */
    private double direct(double[] original, int query, int point) {
        int row = query * d;
        int col = (point / PANEL) * PANEL * d + (point % PANEL);
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double diff = original[row + k] - (panels[col + k * PANEL] + shift[k]);
            sum += diff * diff;
        }
        return sum;
    }

    /** Query points prepared for one {@link PairwiseSquaredDistances}: shifted copy plus norms. */
    public static final class Queries {
        private final PairwiseSquaredDistances owner;
        private final int m;
        private final double[] original;
        private final double[] centred;
        private final double[] norms;

        private Queries(PairwiseSquaredDistances owner, int m, double[] original, double[] centred, double[] norms) {
            this.owner = owner;
            this.m = m;
            this.original = original;
            this.centred = centred;
            this.norms = norms;
        }

        /** Number of query points m. */
        public int size() {
            return m;
        }
    }
}
