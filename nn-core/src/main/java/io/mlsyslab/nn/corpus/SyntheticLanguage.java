package io.mlsyslab.nn.corpus;

import java.util.SplittableRandom;

/**
 * A seeded first-order Markov "language" whose true entropy per token is known exactly, so a training run can be
 * judged against the floor no model can beat.
 *
 * <p>Each token has {@code branching} preferred successors with random (exponentially distributed, i.e.
 * Dirichlet(1)) weights; a small uniform mass {@code smoothing} over the whole vocabulary keeps the chain
 * irreducible and aperiodic. The entropy rate is {@code H = -sum_i pi_i sum_j P_ij ln P_ij} with {@code pi} the
 * stationary distribution, computed by power iteration.
 */
public final class SyntheticLanguage {
    private final int vocab;
    private final double[][] transition;
    private final double[][] cumulative;
    private final double[] stationary;
    private final double entropy;

    /**
     * @param vocab     number of tokens, {@code >= 2}
     * @param branching preferred successors per token, in {@code 1..vocab}
     * @param smoothing uniform probability mass mixed into every row, in {@code (0, 1)}
     * @param seed      seed of the transition matrix
     */
    public SyntheticLanguage(int vocab, int branching, double smoothing, long seed) {
        if (vocab < 2) {
            throw new IllegalArgumentException("vocab: must be >= 2, was " + vocab);
        }
        if (branching < 1 || branching > vocab) {
            throw new IllegalArgumentException("branching: must be in 1.." + vocab + ", was " + branching);
        }
        if (!(smoothing > 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing: must be in (0, 1), was " + smoothing);
        }
        this.vocab = vocab;
        SplittableRandom r = new SplittableRandom(seed);
        transition = new double[vocab][vocab];
        for (int i = 0; i < vocab; i++) {
            double[] w = new double[vocab];
            double sum = 0;
            for (int k = 0; k < branching; k++) {
                int j = r.nextInt(vocab);
                double e = -Math.log(1 - r.nextDouble());
                w[j] += e;
                sum += e;
            }
            for (int j = 0; j < vocab; j++) {
                transition[i][j] = (1 - smoothing) * w[j] / sum + smoothing / vocab;
            }
        }
        cumulative = new double[vocab][vocab];
        for (int i = 0; i < vocab; i++) {
            double c = 0;
            for (int j = 0; j < vocab; j++) {
                c += transition[i][j];
                cumulative[i][j] = c;
            }
        }
        stationary = stationary(transition);
        double h = 0;
        for (int i = 0; i < vocab; i++) {
            for (int j = 0; j < vocab; j++) {
                double p = transition[i][j];
                h -= stationary[i] * p * Math.log(p);
            }
        }
        entropy = h;
    }

    private static double[] stationary(double[][] p) {
        int n = p.length;
        double[] pi = new double[n];
        java.util.Arrays.fill(pi, 1.0 / n);
        for (int it = 0; it < 10_000; it++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    next[j] += pi[i] * p[i][j];
                }
            }
            double diff = 0;
            for (int j = 0; j < n; j++) {
                diff += Math.abs(next[j] - pi[j]);
            }
            pi = next;
            if (diff < 1e-15) {
                break;
            }
        }
        return pi;
    }

    /** Vocabulary size. */
    public int vocabSize() {
        return vocab;
    }

    /** True entropy rate in nats per token: the lowest achievable mean cross-entropy. */
    public double entropyPerToken() {
        return entropy;
    }

    /** {@code P(next = j | current = i)}. */
    public double probability(int i, int j) {
        return transition[i][j];
    }

    /** A sample path of {@code length} tokens started from the stationary distribution. */
    public int[] generate(int length, long seed) {
        if (length < 0) {
            throw new IllegalArgumentException("length: must be >= 0, was " + length);
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[length];
        if (length == 0) {
            return out;
        }
        double u = r.nextDouble(), c = 0;
        int state = vocab - 1;
        for (int j = 0; j < vocab; j++) {
            c += stationary[j];
            if (u < c) {
                state = j;
                break;
            }
        }
        out[0] = state;
        for (int t = 1; t < length; t++) {
            double v = r.nextDouble();
            double[] row = cumulative[state];
            int j = 0;
            while (j < vocab - 1 && v >= row[j]) {
                j++;
            }
            state = j;
            out[t] = state;
        }
        return out;
    }
}
