package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.PyTorchGreedy;
import io.mlsyslab.nn.tokenizer.ByteTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Logits processing and constrained decoding through a real engine with tiny random nn-core models. */
class LogitsProcessingEngineTest {
    static final Gpt2Model MODEL = Gpt2Model.initialize(new GptConfig(64, 128, 32, 2, 2, 1e-5f), 11);
    static final EngineConfig CONFIG = new EngineConfig(64, 8, 64, 1 << 22, 4, 1, 1, 1);
    static final int[] PROMPT = {5, 17, 2, 40, 9};

    private static GenerationRequest request(int maxTokens, SamplingConfig sampling, int n, LogitsProcessing p,
                                             TokenConstraint.Factory constraint, boolean ignoreEos) {
        return new GenerationRequest(PROMPT, maxTokens, sampling, n, null, null, false, ignoreEos, p, 0, constraint);
    }

    private static LogitsProcessing bias(Map<Integer, Float> bias, int minTokens, int... stopIds) {
        return new LogitsProcessing(0f, 0f, 1f, bias, minTokens, stopIds);
    }

    private static Collector run(InferenceEngine engine, GenerationRequest r) throws Exception {
        Collector c = new Collector(r.n());
        engine.submit(r, c);
        return c.await();
    }

    @Test
    void logitBiasOfPlus100ForcesItsTokenAndMinTokensHoldsOffEndOfText() throws Exception {
        int eos = 7;
        try (InferenceEngine engine = new InferenceEngine(MODEL, null, eos, CONFIG, null, null)) {
            Collector forced = run(engine, request(10, new SamplingConfig(1f, 0, 1f, 3), 1,
                    bias(Map.of(21, 100f), 0), null, true));
            assertThat(forced.generated(0)).containsOnly(21).hasSize(10);
            assertThat(forced.reasons[0]).isEqualTo("length");

            // end-of-text is forced by its bias, but cannot come before 4 tokens were generated
            Collector held = run(engine, request(10, SamplingConfig.greedy(), 1, bias(Map.of(eos, 100f), 4), null,
                    false));
            int[] tokens = held.generated(0);
            assertThat(tokens).hasSize(5).endsWith(eos);
            assertThat(java.util.Arrays.copyOf(tokens, 4)).doesNotContain(eos);
            assertThat(held.reasons[0]).isEqualTo("stop");
            assertThat(held.tokens.get(0).getLast().text()).isEmpty();
        }
    }

    @Test
    void aStopTokenIdEndsTheSequenceLikeEndOfTextAfterMinTokens() throws Exception {
        try (InferenceEngine engine = new InferenceEngine(MODEL, null, -1, CONFIG, null, null)) {
            Collector now = run(engine, request(10, SamplingConfig.greedy(), 1, bias(Map.of(33, 100f), 0, 33, 34),
                    null, false));
            assertThat(now.generated(0)).containsExactly(33);
            assertThat(now.reasons[0]).isEqualTo("stop");
            Collector later = run(engine, request(10, new SamplingConfig(1f, 0, 1f, 5), 2,
                    bias(Map.of(33, 100f), 3, 33), null, false));
            for (int i = 0; i < 2; i++) {
                int[] tokens = later.generated(i);
                assertThat(tokens).hasSize(4).endsWith(33);
                assertThat(java.util.Arrays.copyOf(tokens, 3)).doesNotContain(33);
                assertThat(later.reasons[i]).isEqualTo("stop");
            }
            // ignore_eos does not ignore stop token ids
            Collector ignoring = run(engine, request(10, SamplingConfig.greedy(), 1, bias(Map.of(33, 100f), 0, 33),
                    null, true));
            assertThat(ignoring.generated(0)).containsExactly(33);
        }
    }

    @Test
    void stopStringsCountOnlyFromMinTokensOn() throws Exception {
        Gpt2Model bytes = Gpt2Model.initialize(new GptConfig(256, 64, 16, 1, 2, 1e-5f), 4);
        try (InferenceEngine engine = new InferenceEngine(bytes, new ByteTokenizer(), -1, CONFIG, null, null)) {
            // every token is 'a' (bias); the stop string "a" is found first in the third token's text
            Collector c = new Collector(1);
            engine.submit(new GenerationRequest(new int[]{'x'}, 10, SamplingConfig.greedy(), 1, List.of("a"), null,
                    false, true, bias(Map.of((int) 'a', 100f), 3), 0, null), c);
            c.await();
            assertThat(c.text[0].toString()).isEqualTo("aa");
            assertThat(c.reasons[0]).isEqualTo("stop");
        }
    }

    @Test
    void frequencyPresenceAndBiasPickTheArgmaxOfThePenalizedRawLogprobs() throws Exception {
        // vocab 16 and logprobs 16: the reported alternatives are every token's raw log-probability (log-softmax is
        // the logits shifted, so the argmax is the same), and the greedy choice can be recomputed from them with the
        // penalties' definition
        Gpt2Model small = Gpt2Model.initialize(new GptConfig(16, 64, 16, 1, 2, 1e-5f), 8);
        float freq = 0.2f, pres = 0.3f;
        Map<Integer, Float> bias = Map.of(3, 0.1f, 4, -0.05f, 9, 0.08f);
        try (InferenceEngine engine = new InferenceEngine(small, null, -1, CONFIG, null, null)) {
            Collector c = new Collector(1);
            engine.submit(new GenerationRequest(new int[]{1, 2, 3}, 24, SamplingConfig.greedy(), 1, null, 16, false,
                    true, new LogitsProcessing(pres, freq, 1f, bias, 0, null), 0, null), c);
            c.await();
            int[] counts = new int[16];
            int checked = 0, withoutFrequency = 0, withoutPresence = 0, withoutBias = 0;
            for (TokenOutput t : c.tokens.get(0)) {
                double[] lp = new double[16];
                for (int j = 0; j < 16; j++) {
                    lp[j] = t.topLogprobs().get("token_id:" + j);
                }
                double[] want = penalized(lp, counts, freq, pres, bias);
                if (margin(want) > 1e-4) { // float noise cannot decide a near tie
                    assertThat(t.token()).isEqualTo(argmax(want));
                    checked++;
                    withoutFrequency += argmax(penalized(lp, counts, 0, pres, bias)) != t.token() ? 1 : 0;
                    withoutPresence += argmax(penalized(lp, counts, freq, 0, bias)) != t.token() ? 1 : 0;
                    withoutBias += argmax(penalized(lp, counts, freq, pres, Map.of())) != t.token() ? 1 : 0;
                }
                counts[t.token()]++;
            }
            assertThat(checked).isGreaterThan(20);
            // each part decided some token: leaving any out would fail the comparison above
            assertThat(withoutFrequency).as("steps frequency decided").isPositive();
            assertThat(withoutPresence).as("steps presence decided").isPositive();
            assertThat(withoutBias).as("steps the bias decided").isPositive();
        }
    }

    /** OpenAI's definition on the raw log-probabilities, in double. */
    private static double[] penalized(double[] lp, int[] counts, double freq, double pres, Map<Integer, Float> bias) {
        double[] out = new double[lp.length];
        for (int j = 0; j < lp.length; j++) {
            out[j] = lp[j] + bias.getOrDefault(j, 0f) - counts[j] * freq - (counts[j] > 0 ? pres : 0);
        }
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            best = v[j] > v[best] ? j : best;
        }
        return best;
    }

    private static double margin(double[] v) {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length - 1] - sorted[sorted.length - 2];
    }

    @Test
    void tokenIdsOutsideTheVocabularyAndMinTokensAboveMaxTokensAreRefusedNamingTheField() {
        try (InferenceEngine engine = new InferenceEngine(MODEL, null, -1, CONFIG, null, null)) {
            Collector c = new Collector(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.submit(request(4, SamplingConfig.greedy(),
                    1, bias(Map.of(), 0, 64), null, false), c)).hasMessageStartingWith("stop_token_ids:");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.submit(request(4, SamplingConfig.greedy(),
                    1, bias(Map.of(-1, 1f), 0), null, false), c)).hasMessageStartingWith("logit_bias:");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.submit(request(4, SamplingConfig.greedy(),
                    1, bias(Map.of(), 5), null, false), c)).hasMessageStartingWith("min_tokens:");
        }
    }

    /** Allows only tokens of a set; complete after {@code k} tokens; records what the engine told it. */
    static final class AllowSet implements TokenConstraint {
        final Set<Integer> allowed;
        final int k;
        final List<Integer> accepted = new ArrayList<>();
        final List<Integer> remaining = new ArrayList<>();

        AllowSet(Set<Integer> allowed, int k) {
            this.allowed = allowed;
            this.k = k;
        }

        @Override
        public int mask(float[] logits, int off, int vocab, int remaining) {
            this.remaining.add(remaining);
            int n = 0;
            for (int i = 0; i < vocab; i++) {
                if (allowed.contains(i)) {
                    n++;
                } else {
                    logits[off + i] = Float.NEGATIVE_INFINITY;
                }
            }
            return n;
        }

        @Override
        public void accept(int token) {
            accepted.add(token);
        }

        @Override
        public boolean complete() {
            return accepted.size() >= k;
        }
    }

    @Test
    void aConstraintDecidesEveryTokenAndEndsTheSequenceWhenComplete() throws Exception {
        Set<Integer> allowed = Set.of(3, 8, 50, 61);
        List<AllowSet> made = new CopyOnWriteArrayList<>();
        try (InferenceEngine engine = new InferenceEngine(MODEL, null, -1, CONFIG, null, null)) {
            Collector c = run(engine, request(20, new SamplingConfig(1.2f, 0, 1f, 9), 3, LogitsProcessing.NONE,
                    () -> {
                        AllowSet a = new AllowSet(allowed, 6);
                        made.add(a);
                        return a;
                    }, true));
            assertThat(made).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(box(c.generated(i))).hasSize(6).allMatch(allowed::contains);
                assertThat(c.reasons[i]).isEqualTo("stop");
            }
            for (AllowSet a : made) {
                assertThat(a.remaining).containsExactly(20, 19, 18, 17, 16, 15);
            }
            assertThat(made.stream().map(a -> a.accepted).toList())
                    .containsExactlyInAnyOrder(box(c.generated(0)), box(c.generated(1)), box(c.generated(2)));
        }
    }

    @Test
    void aConstraintThatAllowsNothingStopsTheSequenceWithoutAToken() throws Exception {
        try (InferenceEngine engine = new InferenceEngine(MODEL, null, -1, CONFIG, null, null)) {
            Collector c = run(engine, request(20, SamplingConfig.greedy(), 1, LogitsProcessing.NONE,
                    () -> new AllowSet(Set.of(), 100), true));
            assertThat(c.generated(0)).isEmpty();
            assertThat(c.reasons[0]).isEqualTo("stop");
        }
    }

    /** Lets every token through untouched: its output must be the unconstrained output, bit for bit. */
    static final class AllowAll implements TokenConstraint {
        @Override
        public int mask(float[] logits, int off, int vocab, int remaining) {
            return vocab;
        }

        @Override
        public void accept(int token) {
        }

        @Override
        public boolean complete() {
            return false;
        }
    }

    @Test
    void seededChoicesUnderAnAllowAllConstraintEqualTheUnconstrainedOnesInACrowdedPreemptingNanoBatchedEngine()
            throws Exception {
        Gpt2Model model = PyTorchGreedy.load("tiny32").model();
        SamplingConfig seeded = new SamplingConfig(0.9f, 0, 0.95f, 1234);
        int[] prompt = {3, 1, 4, 1, 5};
        int[][] alone = new int[3][];
        try (InferenceEngine engine = new InferenceEngine(model, null, -1, CONFIG, null, null)) {
            Collector c = new Collector(3);
            engine.submit(new GenerationRequest(prompt, 20, seeded, 3, null, null, false, true), c);
            c.await();
            for (int i = 0; i < 3; i++) {
                alone[i] = c.generated(i);
            }
        }
        // the same setting as EngineGreedyTest's crowded engine: 40 KV positions for five requests, nano-batch(3)
        try (InferenceEngine engine = new InferenceEngine(model, null, -1,
                new EngineConfig(5, 4, 64, 40L * PagedKvCache.bytesPerPosition(2, 4, 8), 4, 3, 2, 1), null, null)) {
            List<Collector> noise = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Collector n = new Collector(1);
                engine.submit(new GenerationRequest(new int[]{i, i + 1, i + 2}, 20, new SamplingConfig(1f, 0, 1f, i),
                        1, null, null, false, true, LogitsProcessing.NONE, 0, AllowAll::new), n);
                noise.add(n);
            }
            Collector c = new Collector(3);
            engine.submit(new GenerationRequest(prompt, 20, seeded, 3, null, null, false, true,
                    LogitsProcessing.NONE, 0, AllowAll::new), c);
            c.await();
            for (Collector n : noise) {
                n.await();
            }
            for (int i = 0; i < 3; i++) {
                assertThat(c.generated(i)).as("choice %d", i).containsExactly(alone[i]);
            }
            assertThat(engine.stats().preemptions()).as("preemptions").isPositive();
        }
    }

    private static List<Integer> box(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
