package io.mlsyslab.inference.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded serving workload: request arrival times and prompt / output lengths.
 *
 * <p>Lengths are {@code fixed}, or drawn from log-normal distributions with the mean and standard deviation of the
 * ShareGPT (prompt 246 ± 547, output 322 ± 244 tokens) or LMSYS-Chat-1M (102 ± 169, 222 ± 210) traces of the
 * NanoFlow paper's Table 4, multiplied by {@code scale} and clipped to [1, maxContext − 1] (prompt) and so that
 * prompt + output fits the context. Arrivals are all at 0 ({@code offline}) or a Poisson process of {@code rate}
 * requests per second.
 */
public record Workload(List<Request> requests) {

    /** One request: arrival time (seconds from start), prompt token ids, output tokens. */
    public record Request(double arrival, int[] prompt, int outputTokens) {
    }

    public static Workload generate(int count, String arrival, double rate, String lengths, int promptTokens,
                                    int outputTokens, double scale, int maxContext, int vocab, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Request> out = new ArrayList<>(count);
        double t = 0;
        for (int i = 0; i < count; i++) {
            if (arrival.equals("poisson")) {
                t += -Math.log(1 - rnd.nextDouble()) / rate;
            }
            int p, o;
            switch (lengths) {
                case "fixed" -> {
                    p = promptTokens;
                    o = outputTokens;
                }
                case "sharegpt" -> {
                    p = (int) Math.round(logNormal(rnd, 246, 547) * scale);
                    o = (int) Math.round(logNormal(rnd, 322, 244) * scale);
                }
                case "lmsys" -> {
                    p = (int) Math.round(logNormal(rnd, 102, 169) * scale);
                    o = (int) Math.round(logNormal(rnd, 222, 210) * scale);
                }
                default -> throw new IllegalArgumentException("lengths: unknown distribution " + lengths);
            }
            p = Math.max(1, Math.min(p, maxContext - 1));
            o = Math.max(1, Math.min(o, maxContext - p));
            int[] prompt = new int[p];
            for (int j = 0; j < p; j++) {
                prompt[j] = rnd.nextInt(vocab);
            }
            out.add(new Request(t, prompt, o));
        }
        return new Workload(out);
    }

    /** A log-normal draw with the given mean and standard deviation. */
    static double logNormal(SplittableRandom rnd, double mean, double std) {
        double s2 = Math.log(1 + (std * std) / (mean * mean));
        double mu = Math.log(mean) - s2 / 2;
        double z = gaussian(rnd);
        return Math.exp(mu + Math.sqrt(s2) * z);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
