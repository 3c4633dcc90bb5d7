package io.mlsyslab.analytics.regimes;

/**
 * Hooks a caller gives {@link RegimeSweep}: progress in [0, 1], and a cancellation check called between steps (an
 * implementation cancels by throwing an unchecked exception, which the sweep lets through).
 */
public interface SweepMonitor {

    void progress(double fraction);

    void checkCancelled();

    SweepMonitor NONE = new SweepMonitor() {
        @Override
        public void progress(double fraction) {
        }

        @Override
        public void checkCancelled() {
        }
    };
}
