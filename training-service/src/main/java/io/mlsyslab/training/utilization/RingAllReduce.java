package io.mlsyslab.training.utilization;

/**
 * Bandwidth cost of a ring all-reduce among {@code M} workers: reduce-scatter then all-gather, each moving
 * {@code (M-1)/M} of the buffer through every worker's link, so each worker sends (and receives)
 * {@code 2(M-1)/M * S} bits and the collective takes {@code 2(M-1)/M * S / B} seconds on links of B bit/s
 * (latency terms are not modelled, as in the paper's simulator).
 */
public final class RingAllReduce {

    private RingAllReduce() {
    }

    /** The factor 2(M-1)/M; 1 for the paper's M = 2. */
    public static double factor(int workers) {
        if (workers < 2) {
            throw new IllegalArgumentException("workers: a ring all-reduce needs at least 2 workers, got " + workers);
        }
        return 2.0 * (workers - 1) / workers;
    }

    /** Bits each worker sends for a buffer of {@code bufferBits}. */
    public static double bitsSentPerWorker(double bufferBits, int workers) {
        return factor(workers) * bufferBits;
    }

    /** Seconds to all-reduce {@code bufferBits} over links of {@code bitsPerSecond}. */
    public static double seconds(double bufferBits, int workers, double bitsPerSecond) {
        if (!(bitsPerSecond > 0)) {
            throw new IllegalArgumentException("bandwidth: must be positive, got " + bitsPerSecond);
        }
        return bitsSentPerWorker(bufferBits, workers) / bitsPerSecond;
    }
}
