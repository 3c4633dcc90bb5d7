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
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Float.compare(logits[off + y], logits[off + x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
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
