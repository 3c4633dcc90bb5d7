package io.mlsyslab.nn.train;

import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.model.TensorSpec;
import java.util.function.Predicate;

/**
 * AdamW (Loshchilov &amp; Hutter) with bias correction and decoupled weight decay, computed exactly as
 * {@code torch.optim.AdamW}: {@code p -= lr * wd * p}; moments updated; {@code p -= (lr / (1 - beta1^t)) * m /
 * (sqrt(v) / sqrt(1 - beta2^t) + eps)}.
 *
 * <p>Weight decay applies to the tensors accepted by the decay predicate; the default decays tensors with two or
 * more dimensions (weights and embeddings) and spares biases and LayerNorm gains, as GPT-2 training recipes do.
 * Moments live in vectors with the parameters' layout, so they can be sliced by tensor name like the parameters.
 */
public final class AdamW {
    private final AdamWConfig config;
    private final NamedTensors m, v;
    private final boolean[] decayMask;
    private long step;

    /** An optimiser for parameters with this layout, decaying tensors of rank >= 2. */
    public AdamW(NamedTensors params, AdamWConfig config) {
        this(params, config, spec -> spec.shape().length >= 2);
    }

    /** An optimiser with an explicit choice of which tensors receive weight decay. */
    public AdamW(NamedTensors params, AdamWConfig config, Predicate<TensorSpec> decay) {
        this.config = config;
        this.m = new NamedTensors(params.layout());
        this.v = new NamedTensors(params.layout());
        this.decayMask = new boolean[params.layout().tensors().size()];
        int i = 0;
        for (TensorSpec s : params.layout().tensors()) {
            decayMask[i++] = decay.test(s);
        }
    }

    /** Applies one update with learning rate {@code lr} and returns the new step count (1 after the first step). */
    public long step(NamedTensors params, NamedTensors grads, float lr) {
        if (grads.layout().size() != params.layout().size() || params.layout().size() != m.layout().size()) {
            throw new IllegalArgumentException("grads: layout does not match the optimiser's parameters");
        }
        if (!(lr >= 0) || Float.isInfinite(lr)) {
            throw new IllegalArgumentException("lr: must be a finite number >= 0, was " + lr);
        }
        step++;
        float b1 = config.beta1(), b2 = config.beta2();
        float bc1 = (float) (1 - Math.pow(b1, step));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(b2, step));
        float stepSize = lr / bc1;
        float[] p = params.data(), g = grads.data(), mm = m.data(), vv = v.data();
        int t = 0;
        for (TensorSpec s : params.layout().tensors()) {
            float decay = decayMask[t++] ? 1f - lr * config.weightDecay() : 1f;
            int end = s.offset() + s.size();
            for (int i = s.offset(); i < end; i++) {
                float gi = g[i];
                float mi = b1 * mm[i] + (1 - b1) * gi;
                float vi = b2 * vv[i] + (1 - b2) * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + config.eps();
                p[i] = p[i] * decay - stepSize * mi / denom;
            }
        }
        return step;
    }

    /** Steps taken so far. */
    public long stepCount() {
        return step;
    }

    /** First moments (same layout as the parameters). */
    public NamedTensors firstMoment() {
        return m;
    }

    /** Second moments (same layout as the parameters). */
    public NamedTensors secondMoment() {
        return v;
    }
}
