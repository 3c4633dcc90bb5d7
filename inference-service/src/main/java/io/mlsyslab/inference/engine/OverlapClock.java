package io.mlsyslab.inference.engine;

/**
 * Wall time during which at least two executors of the nano-batch pipeline ran a nano-operation at once: the time
 * the pipeline actually overlapped (a sequential engine's is 0). Operations are milliseconds long, so one lock per
 * start and end costs nothing measurable.
 */
final class OverlapClock {
    private int active;
    private long since;
    private long overlap;

    synchronized void enter() {
        advance();
        active++;
    }

    synchronized void exit() {
        advance();
        active--;
    }

    synchronized long overlapNanos() {
        advance();
        return overlap;
    }

    private void advance() {
        long now = System.nanoTime();
        if (active >= 2) {
            overlap += now - since;
        }
        since = now;
    }
}
