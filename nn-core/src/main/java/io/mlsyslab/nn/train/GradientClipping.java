package io.mlsyslab.nn.train;

import io.mlsyslab.nn.kernel.VectorOps;
import io.mlsyslab.nn.model.NamedTensors;

/** Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** L2 norm of the whole flat gradient vector. */
    public static double globalNorm(NamedTensors grads) {
        return Math.sqrt(VectorOps.sumOfSquares(grads.data(), 0, grads.data().length));
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (norm + 1e-6))} and returns the norm before clipping.
     */
    public static double clip(NamedTensors grads, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm: must be > 0, was " + maxNorm);
        }
        double norm = globalNorm(grads);
        float coef = (float) (maxNorm / (norm + 1e-6));
        if (coef < 1f) {
            VectorOps.scale(coef, grads.data(), 0, grads.data().length);
        }
        return norm;
    }
}
