package io.mlsyslab.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its transpose.
 *
 * <p>Shapes follow BLAS: {@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is
 * {@code m x n}; every matrix is addressed by an array, an offset and a leading dimension (the distance between
 * consecutive rows as stored). With {@code transA} the stored A is {@code k x m}; with {@code transB} the stored B is
 * {@code n x k}. When {@code beta == 0} the old contents of C are ignored (NaNs there do not propagate).
 *
 * <p>The vectorised path follows the GotoBLAS structure: k is cut into blocks of {@value #KC}; for each block the
 * needed part of B is packed into column panels {@code NR} wide and the rows of A into row panels {@value #MR}
 * tall (transposition happens while packing, so one micro-kernel serves all four operand layouts); an
 * {@value #MR} x {@code NR} register tile of C is then accumulated with fused multiply-adds. Row blocks of
 * {@value #MC} (or column chunks, for short wide products) are spread over a {@link ComputePool}.
 */
public final class Sgemm {
    static final int MR = 8;
    static final int KC = 256;
    static final int MC = 96;
    /** Row count up to which the unpacked small-m path is used. */
    static final int SMALL_M = 4;
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int VL = Simd.LANES;
    static final int NR = 2 * VL;
    /** How a tile of the first k block meets C: added to it, stored over it, or stored plus a bias row. */
    private static final int ACCUMULATE = 0, OVERWRITE = 1, BIAS = 2;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][]);

    private Sgemm() {
    }

    /** {@code C = A * B} for densely stored matrices, on the shared pool. */
    public static void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        sgemm(ComputePool.shared(), false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    /**
     * Full BLAS-style entry point; see the class comment for the meaning of each argument.
     *
     * @throws IllegalArgumentException naming the first bad argument (negative size, leading dimension too small,
     *                                  array too short)
     */
    public static void sgemm(ComputePool pool, boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        Checks.nonNegative("m", m);
        Checks.nonNegative("n", n);
        Checks.nonNegative("k", k);
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        if (lda < Math.max(1, aCols)) {
            throw new IllegalArgumentException("lda: must be >= " + Math.max(1, aCols) + ", was " + lda);
        }
        if (ldb < Math.max(1, bCols)) {
            throw new IllegalArgumentException("ldb: must be >= " + Math.max(1, bCols) + ", was " + ldb);
        }
        if (ldc < Math.max(1, n)) {
            throw new IllegalArgumentException("ldc: must be >= " + Math.max(1, n) + ", was " + ldc);
        }
        Checks.range("a", a, aOff, Checks.matrixSpan(aRows, aCols, lda));
        Checks.range("b", b, bOff, Checks.matrixSpan(bRows, bCols, ldb));
        Checks.range("c", c, cOff, Checks.matrixSpan(m, n, ldc));
        if (m == 0 || n == 0) {
            return;
        }
        ComputePool p = pool == null ? ComputePool.serial() : pool;
        if (beta == 0f && usesBlocked(transA, m, k, alpha)) {
            // the first k block stores its tiles instead of adding them: no separate pass zeroing C
            blocked(p, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, OVERWRITE, null, 0);
            return;
        }
        scale(c, cOff, ldc, m, n, beta);
        if (k == 0 || alpha == 0f) {
            return;
        }
        if (!Simd.ENABLED) {
            scalarAccumulate(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        if (m <= SMALL_M && !transA) {
            smallM(p, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        blocked(p, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, ACCUMULATE, null, 0);
    }

    /**
     * {@code C = op(A) * op(B) + bias}, the bias vector ({@code n} long) added to every row of C; the old contents of
     * C are ignored. This is a linear layer's forward pass; the bias goes into the tiles as they are stored, so C is
     * written once instead of being filled with the bias first.
     *
     * @throws IllegalArgumentException as {@link #sgemm}, or "bias: ..." when the bias is too short
     */
    public static void sgemmBias(ComputePool pool, boolean transA, boolean transB, int m, int n, int k,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        Checks.nonNegative("n", n);
        Checks.range("bias", bias, biasOff, n);
        if (m > 0 && n > 0 && usesBlocked(transA, m, k, 1f)) {
            // validates the arguments with no effect on C (alpha 0, beta 1), then stores tiles plus bias
            sgemm(pool, transA, transB, m, n, k, 0f, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
            blocked(pool == null ? ComputePool.serial() : pool, transA, transB, m, n, k, 1f, a, aOff, lda,
                    b, bOff, ldb, c, cOff, ldc, BIAS, bias, biasOff);
            return;
        }
        Checks.range("c", c, cOff, Checks.matrixSpan(m, n, ldc));
        for (int i = 0; i < m; i++) {
            System.arraycopy(bias, biasOff, c, cOff + i * ldc, n);
        }
        sgemm(pool, transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
    }

    private static boolean usesBlocked(boolean transA, int m, int k, float alpha) {
        return Simd.ENABLED && k > 0 && alpha != 0f && !(m <= SMALL_M && !transA);
    }

    private static void scale(float[] c, int cOff, int ldc, int m, int n, float beta) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /** The scalar fallback: i-p-j loop order so the inner loop streams rows of B and C. */
    static void scalarAccumulate(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc) {
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (av == 0f) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        row[j] += av * b[bOff + j * ldb + p];
                    }
                } else {
                    int br = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        row[j] += av * b[br + j];
                    }
                }
            }
            int cr = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[cr + j] += alpha * row[j];
            }
        }
    }

    private static void blocked(ComputePool pool, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, int firstMode, float[] bias, int biasOff) {
        int nPanels = (n + NR - 1) / NR;
        int mBlocks = (m + MC - 1) / MC;
        int threads = pool.threads();
        // Short, wide products (decode batches, m < threads * MC) are split by column panels instead of rows.
        int nChunks = mBlocks >= threads ? 1 : Math.min(nPanels, Math.max(1, threads / mBlocks));
        int panelsPerChunk = (nPanels + nChunks - 1) / nChunks;
        // A short product (one row block: decode batches) reads the full column panels of a row-major B in place,
        // NR floats per k index, ldb apart: packing B would cost about as much as the product, as each panel is used
        // by only a few row panels of A. Only a ragged last panel is packed (zero-padded). Same arithmetic either way.
        boolean inPlaceB = !transB && m <= MC;
        int raggedPanel = n % NR == 0 ? -1 : nPanels - 1;
        float[] packedB = buffer(0, Math.min(k, KC) * (inPlaceB ? 1 : nPanels) * NR);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            int kcf = kc, pcf = pc, mode = pc == 0 ? firstMode : ACCUMULATE;
            if (!inPlaceB) {
                pool.parallelFor(Math.min(threads, nPanels), t -> {
                    for (int panel = t; panel < nPanels; panel += Math.min(threads, nPanels)) {
                        packB(transB, b, bOff, ldb, pcf, kcf, n, panel, packedB, panel * kcf * NR);
                    }
                });
            } else if (raggedPanel >= 0) {
                packB(false, b, bOff, ldb, pcf, kcf, n, raggedPanel, packedB, 0);
            }
            pool.parallelFor(mBlocks * nChunks, task -> {
                int ib = task / nChunks, chunk = task % nChunks;
                int i0 = ib * MC, mc = Math.min(MC, m - i0);
                int firstPanel = chunk * panelsPerChunk;
                int lastPanel = Math.min(nPanels, firstPanel + panelsPerChunk);
                if (firstPanel >= lastPanel) {
                    return;
                }
                int mPanels = (mc + MR - 1) / MR;
                // Full MR-row panels of A are usually read in place (no packing pass): a transposed A already stores
                // the MR values of one k index next to each other, and a row-major A is read as MR row streams.
                // A row-major A reused across many column panels is packed, as the packed kernel is a little faster
                // and the pass is then amortised; a ragged last panel is always packed (zero-padded).
                boolean packAll = !transA && lastPanel - firstPanel >= 8;
                int lastFull = packAll ? 0 : mc / MR;
                float[] packedA = buffer(1, (mPanels - lastFull) * MR * kcf);
                if (lastFull < mPanels) {
                    packA(transA, a, aOff, lda, i0 + lastFull * MR, mc - lastFull * MR, pcf, kcf, packedA);
                }
                float[] tile = new float[MR * NR];
                for (int jp = firstPanel; jp < lastPanel; jp++) {
                    int j0 = jp * NR, nr = Math.min(NR, n - j0);
                    boolean direct = inPlaceB && jp != raggedPanel;
                    float[] pb = direct ? b : packedB;
                    int pbOff = direct ? bOff + pcf * ldb + j0 : inPlaceB ? 0 : jp * kcf * NR;
                    int bStep = direct ? ldb : NR;
                    for (int ip = 0; ip < mPanels; ip++) {
                        int r0 = i0 + ip * MR, mr = Math.min(MR, m - r0);
                        if (ip >= lastFull) {
                            int paOff = (ip - lastFull) * MR * kcf;
                            if (mr == MR && nr == NR) {
                                initTile(c, cOff + r0 * ldc + j0, ldc, mode, bias, biasOff + j0);
                                kernel(kcf, packedA, paOff, MR, pb, pbOff, bStep, alpha, c, cOff + r0 * ldc + j0,
                                        ldc);
                            } else {
                                java.util.Arrays.fill(tile, 0f);
                                kernel(kcf, packedA, paOff, MR, pb, pbOff, bStep, alpha, tile, 0, NR);
                                addTile(tile, mr, nr, c, cOff + r0 * ldc + j0, ldc, mode, bias, biasOff + j0);
                            }
                        } else if (mr == MR && nr == NR) {
                            initTile(c, cOff + r0 * ldc + j0, ldc, mode, bias, biasOff + j0);
                            if (transA) {
                                kernel(kcf, a, aOff + pcf * lda + r0, lda, pb, pbOff, bStep, alpha,
                                        c, cOff + r0 * ldc + j0, ldc);
                            } else {
                                kernelRows(kcf, a, aOff + r0 * lda + pcf, lda, pb, pbOff, bStep, alpha,
                                        c, cOff + r0 * ldc + j0, ldc);
                            }
                        } else {
                            java.util.Arrays.fill(tile, 0f);
                            if (transA) {
                                kernel(kcf, a, aOff + pcf * lda + r0, lda, pb, pbOff, bStep, alpha, tile, 0, NR);
                            } else {
                                kernelRows(kcf, a, aOff + r0 * lda + pcf, lda, pb, pbOff, bStep, alpha, tile, 0,
                                        NR);
                            }
                            addTile(tile, mr, nr, c, cOff + r0 * ldc + j0, ldc, mode, bias, biasOff + j0);
                        }
                    }
                }
            });
        }
    }

    /**
     * Few rows (decode steps): packing B would cost as much as the product, so rows of C are built directly, by
     * axpy over rows of B or by dot products with rows of a transposed B, with columns split over the pool.
     */
    private static void smallM(ComputePool pool, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc) {
        int chunks = (long) m * n * k < 32_768 ? 1 : Math.min(pool.threads(), Math.max(1, n / (4 * VL)));
        int width = ((n + chunks - 1) / chunks + VL - 1) / VL * VL;
        pool.parallelFor(chunks, chunk -> {
            int j0 = chunk * width, j1 = Math.min(n, j0 + width);
            if (j0 >= j1) {
                return;
            }
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                if (transB) {
                    for (int j = j0; j < j1; j++) {
                        c[ci + j] += alpha * VectorOps.dot(a, aOff + i * lda, b, bOff + j * ldb, k);
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        VectorOps.axpy(alpha * a[aOff + i * lda + p], b, bOff + p * ldb + j0, c, ci + j0, j1 - j0);
                    }
                }
            }
        });
    }

    /**
     * Before the first k block adds into a full tile of C: zeroes it (beta 0) or copies the bias row into each of its
     * rows. Done tile by tile, just before the tile is used, so C is not streamed through the cache an extra time.
     */
    private static void initTile(float[] c, int cOff, int ldc, int mode, float[] bias, int biasOff) {
        if (mode == ACCUMULATE) {
            return;
        }
        for (int r = 0; r < MR; r++) {
            int row = cOff + r * ldc;
            if (mode == BIAS) {
                System.arraycopy(bias, biasOff, c, row, NR);
            } else {
                java.util.Arrays.fill(c, row, row + NR, 0f);
            }
        }
    }

    private static void addTile(float[] tile, int mr, int nr, float[] c, int cOff, int ldc, int mode,
                                float[] bias, int biasOff) {
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                int at = cOff + r * ldc + j;
                float base = mode == ACCUMULATE ? c[at] : mode == BIAS ? bias[biasOff + j] : 0f;
                c[at] = base + tile[r * NR + j];
            }
        }
    }

    private static float[] buffer(int slot, int size) {
        float[][] bufs = BUFFERS.get();
        if (bufs[slot] == null || bufs[slot].length < size) {
            bufs[slot] = new float[Math.max(size, 1)];
        }
        return bufs[slot];
    }

    /** Packs rows {@code i0..i0+mc} of op(A), columns {@code pc..pc+kc}, into MR-row panels (k-major, zero-padded). */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int pc, int kc,
                              float[] dst) {
        int mPanels = (mc + MR - 1) / MR;
        for (int ip = 0; ip < mPanels; ip++) {
            int base = ip * MR * kc;
            int rows = Math.min(MR, mc - ip * MR);
            if (transA) {
                // the rows of one k index are contiguous in a transposed A: copy them k index by k index
                int src = aOff + pc * lda + i0 + ip * MR;
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, src + p * lda, dst, base + p * MR, rows);
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ip * MR + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = a[src + p];
                    }
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + p * MR + r] = 0f;
                }
            }
        }
    }

    /** Packs columns of panel {@code panel} of op(B), rows {@code pc..pc+kc}, as kc rows of NR floats. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int n, int panel,
                              float[] dst, int base) {
        int j0 = panel * NR, cols = Math.min(NR, n - j0);
        if (transB) {
            for (int j = 0; j < cols; j++) {
                int src = bOff + (j0 + j) * ldb + pc;
                for (int p = 0; p < kc; p++) {
                    dst[base + p * NR + j] = b[src + p];
                }
            }
            if (cols < NR) {
                for (int p = 0; p < kc; p++) {
                    java.util.Arrays.fill(dst, base + p * NR + cols, base + (p + 1) * NR, 0f);
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int src = bOff + (pc + p) * ldb + j0;
                System.arraycopy(b, src, dst, base + p * NR, cols);
                if (cols < NR) {
                    java.util.Arrays.fill(dst, base + p * NR + cols, base + (p + 1) * NR, 0f);
                }
            }
        }
    }

    /**
     * C[0..MR, 0..NR] += alpha * A-panel * B-panel, with the 8x2-vector tile kept in registers; the MR values
     * of A for one k index are contiguous and consecutive k indices are {@code aStep} apart (MR when packed); the NR
     * values of B for one k index are contiguous and consecutive k indices are {@code bStep} apart (NR when packed,
     * ldb when a row-major B is read in place).
     */
    private static void kernel(int kc, float[] pa, int paOff, int aStep, float[] pb, int pbOff, int bStep,
                               float alpha, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        int ia = paOff, ib = pbOff;
        for (int p = 0; p < kc; p++, ia += aStep, ib += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, ib);
            FloatVector b1 = FloatVector.fromArray(S, pb, ib + VL);
            FloatVector av = FloatVector.broadcast(S, pa[ia]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[ia + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[ia + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[ia + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, pa[ia + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, pa[ia + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, pa[ia + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, pa[ia + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        FloatVector.fromArray(S, c, cOff).add(c00.mul(alpha)).intoArray(c, cOff);
        FloatVector.fromArray(S, c, cOff + VL).add(c01.mul(alpha)).intoArray(c, cOff + VL);
        FloatVector.fromArray(S, c, cOff + ldc).add(c10.mul(alpha)).intoArray(c, cOff + ldc);
        FloatVector.fromArray(S, c, cOff + ldc + VL).add(c11.mul(alpha)).intoArray(c, cOff + ldc + VL);
        FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20.mul(alpha)).intoArray(c, cOff + 2 * ldc);
        FloatVector.fromArray(S, c, cOff + 2 * ldc + VL).add(c21.mul(alpha)).intoArray(c, cOff + 2 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30.mul(alpha)).intoArray(c, cOff + 3 * ldc);
        FloatVector.fromArray(S, c, cOff + 3 * ldc + VL).add(c31.mul(alpha)).intoArray(c, cOff + 3 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c40.mul(alpha)).intoArray(c, cOff + 4 * ldc);
        FloatVector.fromArray(S, c, cOff + 4 * ldc + VL).add(c41.mul(alpha)).intoArray(c, cOff + 4 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c50.mul(alpha)).intoArray(c, cOff + 5 * ldc);
        FloatVector.fromArray(S, c, cOff + 5 * ldc + VL).add(c51.mul(alpha)).intoArray(c, cOff + 5 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 6 * ldc).add(c60.mul(alpha)).intoArray(c, cOff + 6 * ldc);
        FloatVector.fromArray(S, c, cOff + 6 * ldc + VL).add(c61.mul(alpha)).intoArray(c, cOff + 6 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 7 * ldc).add(c70.mul(alpha)).intoArray(c, cOff + 7 * ldc);
        FloatVector.fromArray(S, c, cOff + 7 * ldc + VL).add(c71.mul(alpha)).intoArray(c, cOff + 7 * ldc + VL);
    }
    /** As {@link #kernel} for a row-major A read in place: row r of the panel starts at {@code paOff + r * lda}. */
    private static void kernelRows(int kc, float[] pa, int paOff, int lda, float[] pb, int pbOff, int bStep,
                                   float alpha, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        int ib = pbOff;
        int a0 = paOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda,
                a7 = a6 + lda;
        for (int p = 0; p < kc; p++, ib += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, pb, ib);
            FloatVector b1 = FloatVector.fromArray(S, pb, ib + VL);
            FloatVector av = FloatVector.broadcast(S, pa[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, pa[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, pa[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, pa[a6 + p]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, pa[a7 + p]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        FloatVector.fromArray(S, c, cOff).add(c00.mul(alpha)).intoArray(c, cOff);
        FloatVector.fromArray(S, c, cOff + VL).add(c01.mul(alpha)).intoArray(c, cOff + VL);
        FloatVector.fromArray(S, c, cOff + ldc).add(c10.mul(alpha)).intoArray(c, cOff + ldc);
        FloatVector.fromArray(S, c, cOff + ldc + VL).add(c11.mul(alpha)).intoArray(c, cOff + ldc + VL);
        FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20.mul(alpha)).intoArray(c, cOff + 2 * ldc);
        FloatVector.fromArray(S, c, cOff + 2 * ldc + VL).add(c21.mul(alpha)).intoArray(c, cOff + 2 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30.mul(alpha)).intoArray(c, cOff + 3 * ldc);
        FloatVector.fromArray(S, c, cOff + 3 * ldc + VL).add(c31.mul(alpha)).intoArray(c, cOff + 3 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c40.mul(alpha)).intoArray(c, cOff + 4 * ldc);
        FloatVector.fromArray(S, c, cOff + 4 * ldc + VL).add(c41.mul(alpha)).intoArray(c, cOff + 4 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c50.mul(alpha)).intoArray(c, cOff + 5 * ldc);
        FloatVector.fromArray(S, c, cOff + 5 * ldc + VL).add(c51.mul(alpha)).intoArray(c, cOff + 5 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 6 * ldc).add(c60.mul(alpha)).intoArray(c, cOff + 6 * ldc);
        FloatVector.fromArray(S, c, cOff + 6 * ldc + VL).add(c61.mul(alpha)).intoArray(c, cOff + 6 * ldc + VL);
        FloatVector.fromArray(S, c, cOff + 7 * ldc).add(c70.mul(alpha)).intoArray(c, cOff + 7 * ldc);
        FloatVector.fromArray(S, c, cOff + 7 * ldc + VL).add(c71.mul(alpha)).intoArray(c, cOff + 7 * ldc + VL);
    }

}
