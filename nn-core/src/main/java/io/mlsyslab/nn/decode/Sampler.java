package io.mlsyslab.nn.decode;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws next tokens from logits following a {@link SamplingConfig}. Each sequence owns a random stream split from
 * the seed in sequence order, so results are reproducible and do not depend on how sequences are batched.
 */
public final class Sampler {
    private final SamplingConfig config;
    private final SplittableRandom[] streams;

    /** A sampler for {@code sequences} independent sequences. */
    public Sampler(SamplingConfig config, int sequences) {
        this.config = config;
        this.streams = new SplittableRandom[sequences];
        SplittableRandom root = new SplittableRandom(config.seed());
        for (int i = 0; i < sequences; i++) {
            streams[i] = root.split();
        }
    }

    /** Picks the next token of sequence {@code seq} from {@code logits[off .. off + vocab)}. */
    public int sample(int seq, float[] logits, int off, int vocab) {
        if (config.isGreedy()) {
            return argmax(logits, off, vocab);
        }
        int[] order = descendingOrder(logits, off, vocab);
        int keep = config.topK() > 0 ? Math.min(config.topK(), vocab) : vocab;
        double max = logits[off + order[0]] / config.temperature();
        double[] p = new double[keep];
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp(logits[off + order[i]] / config.temperature() - max);
            sum += p[i];
        }
        if (config.topP() < 1f) {
            double cum = 0;
            int cut = keep;
            for (int i = 0; i < keep; i++) {
                cum += p[i] / sum;
                if (cum >= config.topP()) {
                    cut = i + 1;
                    break;
                }
            }
            keep = cut;
            sum = 0;
            for (int i = 0; i < keep; i++) {
                sum += p[i];
            }
        }
        double u = streams[seq].nextDouble() * sum;
        for (int i = 0; i < keep; i++) {
            u -= p[i];
            if (u < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    /**
     * Token ids by descending logit, lowest id first on ties (the order of {@code Float.compare}), without boxing:
     * each (logit, id) pair is packed into one long whose natural order is that order, and the longs are sorted.
     */
    static int[] descendingOrder(float[] logits, int off, int vocab) {
        long[] keys = new long[vocab];
        for (int i = 0; i < vocab; i++) {
            int bits = Float.floatToIntBits(logits[off + i]);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff); // ascending int order = Float.compare order
            keys[i] = ((long) ~sortable << 32) | (i & 0xffffffffL);
        }
        Arrays.sort(keys);
        int[] order = new int[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** Index of the largest value (lowest index on ties). */
    public static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
