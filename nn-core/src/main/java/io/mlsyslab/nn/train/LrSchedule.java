package io.mlsyslab.nn.train;

/**
 * Linear warm-up followed by cosine decay: for step {@code s} (0-based) the rate is
 * {@code maxLr * (s + 1) / warmupSteps} while {@code s < warmupSteps}, then
 * {@code minLr + 0.5 (1 + cos(pi * progress)) (maxLr - minLr)} with progress going from 0 to 1 over the remaining
 * steps, and {@code minLr} after {@code totalSteps}.
 *
 * @param maxLr       peak learning rate, {@code > 0}
 * @param minLr       floor, in {@code [0, maxLr]}
 * @param warmupSteps steps of linear warm-up, {@code >= 0}
 * @param totalSteps  steps until the floor is reached, {@code > warmupSteps}
 */
public record LrSchedule(float maxLr, float minLr, int warmupSteps, int totalSteps) {
    /** Validates the schedule. */
    public LrSchedule {
        if (!(maxLr > 0)) {
            throw new IllegalArgumentException("maxLr: must be > 0, was " + maxLr);
        }
        if (!(minLr >= 0 && minLr <= maxLr)) {
            throw new IllegalArgumentException("minLr: must be in [0, maxLr], was " + minLr);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps: must be >= 0, was " + warmupSteps);
        }
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("totalSteps: must be > warmupSteps=" + warmupSteps + ", was "
                    + totalSteps);
        }
    }

    /** Learning rate at 0-based step {@code step}. */
    public float lr(int step) {
        if (step < warmupSteps) {
            return maxLr * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return minLr;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return (float) (minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (maxLr - minLr));
    }
}
