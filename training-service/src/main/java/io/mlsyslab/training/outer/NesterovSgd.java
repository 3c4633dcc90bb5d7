package io.mlsyslab.training.outer;

/**
 * The DiLoCo outer optimiser: SGD with Nesterov momentum, computed exactly as PyTorch's
 * {@code torch.optim.SGD(lr, momentum, nesterov=True)} (dampening 0, no weight decay) in fp32:
 * <pre>
 *   b = g                     on the first step of a slice (PyTorch clones the gradient into the buffer)
 *   b = momentum * b + g      afterwards
 *   d = g + momentum * b      (one rounding: PyTorch's vectorised add(alpha) is a fused multiply-add)
 *   p = p - lr * d            (likewise fused)
 * </pre>
 * with {@code g} the outer gradient Delta = mean(theta_global - theta_worker) (old minus new). The momentum buffer
 * has the parameters' layout and is kept per slice: Streaming DiLoCo steps one fragment's ranges at a time, and a
 * range's buffer only changes when that range is stepped.
 */
public final class NesterovSgd {
    private final float lr, momentum;
    private final float[] buffer;
    private final boolean[] started;

    /**
     * @param size     number of parameters
     * @param slices   number of independently stepped slices (fragments); {@code 1} for DiLoCo
     */
    public NesterovSgd(int size, int slices, float lr, float momentum) {
        if (!(lr > 0) || !Float.isFinite(lr)) {
            throw new IllegalArgumentException("outerLr: must be a finite number > 0, was " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("outerMomentum: must be in [0, 1), was " + momentum);
        }
        this.lr = lr;
        this.momentum = momentum;
        this.buffer = new float[size];
        this.started = new boolean[slices];
    }

    /**
     * One step of slice {@code slice} over the parameter ranges {@code [starts[i], starts[i] + lengths[i])}; the
     * gradient is packed contiguously in {@code grad} in range order.
     */
    public void step(int slice, float[] params, int[] starts, int[] lengths, float[] grad) {
        boolean first = !started[slice];
        started[slice] = true;
        int k = 0;
        for (int r = 0; r < starts.length; r++) {
            int end = starts[r] + lengths[r];
            for (int i = starts[r]; i < end; i++) {
                float g = grad[k++];
                float b = first ? g : momentum * buffer[i] + g;
                buffer[i] = b;
                float d = Math.fma(momentum, b, g);
                params[i] = Math.fma(-lr, d, params[i]);
            }
        }
    }

    /** The momentum buffer (parameter layout). */
    public float[] buffer() {
        return buffer;
    }
}
