package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.nn.decode.SamplingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each logits processor against an independent reference: the formula written out in double arithmetic on a fixed
 * logits vector with positive, negative and zero entries.
 */
class LogitsProcessorTest {
    static final float[] LOGITS = {2.5f, -1.25f, 0f, 3.75f, -0.5f, 1f, -4f, 0.125f};
    static final int V = LOGITS.length;

    private static GenerationRequest request(LogitsProcessing p, int[] prompt, boolean ignoreEos,
                                             TokenConstraint.Factory constraint) {
        return new GenerationRequest(prompt, 10, SamplingConfig.greedy(), 1, null, null, false, ignoreEos, p, 0,
                constraint);
    }

    private static LogitsProcessing processing(float presence, float frequency, float repetition,
                                               Map<Integer, Float> bias, int minTokens, int... stopIds) {
        return new LogitsProcessing(presence, frequency, repetition, bias, minTokens, stopIds);
    }

    @Test
    void repetitionFrequencyAndPresenceMatchTheirDefinitions() {
        int[] prompt = {1, 5};
        int[] output = {0, 3, 3, 6, 0, 3};
        float rep = 1.3f, freq = 0.4f, pres = 0.7f;
        LogitsProcessor p = LogitsProcessor.of(request(processing(pres, freq, rep, Map.of(), 0), prompt, true,
                null), V, -1);
        for (int t : output) {
            p.accept(t);
        }
        float[] row = LOGITS.clone();
        assertThat(p.apply(row, V, output.length, 4)).isTrue();
        for (int j = 0; j < V; j++) {
            int count = 0;
            for (int t : output) {
                count += t == j ? 1 : 0;
            }
            boolean seen = count > 0 || j == 1 || j == 5;
            double want = LOGITS[j];
            if (seen) {
                want = want > 0 ? want / rep : want * rep; // vLLM / HF (CTRL): prompt and output tokens
            }
            want -= count * (double) freq + (count > 0 ? pres : 0); // OpenAI: output tokens only
            assertThat((double) row[j]).as("token %d", j).isCloseTo(want, within(1e-5));
        }
        // tokens never seen are untouched, bit for bit
        assertThat(row[2]).isEqualTo(LOGITS[2]);
        assertThat(row[4]).isEqualTo(LOGITS[4]);
    }

    @Test
    void logitBiasIsAdded() {
        LogitsProcessor p = LogitsProcessor.of(request(processing(0, 0, 1, Map.of(2, 100f, 3, -7.5f), 0), new int[]{1},
                true, null), V, -1);
        float[] row = LOGITS.clone();
        p.apply(row, V, 0, 10);
        for (int j = 0; j < V; j++) {
            double want = LOGITS[j] + (j == 2 ? 100.0 : j == 3 ? -7.5 : 0.0);
            assertThat((double) row[j]).as("token %d", j).isCloseTo(want, within(1e-6));
        }
    }

    @Test
    void minTokensMasksEndOfTextAndStopIdsUntilReachedAndLeavesTheRest() {
        LogitsProcessor p = LogitsProcessor.of(request(processing(0, 0, 1, Map.of(4, 2f), 2, 6), new int[]{1}, false,
                null), V, 3);
        for (int generated = 0; generated < 2; generated++) {
            assertThat(p.rewrites(generated)).isTrue();
            assertThat(p.honoursStops(generated)).isFalse();
            float[] row = LOGITS.clone();
            assertThat(p.apply(row, V, generated, 10 - generated)).isTrue();
            assertThat(row[3]).isEqualTo(Float.NEGATIVE_INFINITY); // end-of-text
            assertThat(row[6]).isEqualTo(Float.NEGATIVE_INFINITY); // stop token id
            assertThat(row[4]).isEqualTo(LOGITS[4] + 2f); // bias still applies
            assertThat(row[0]).isEqualTo(LOGITS[0]);
        }
        float[] row = LOGITS.clone();
        p.apply(row, V, 2, 8);
        assertThat(row[3]).isEqualTo(LOGITS[3]);
        assertThat(row[6]).isEqualTo(LOGITS[6]);
        assertThat(p.honoursStops(2)).isTrue();
        assertThat(p.isStopToken(3)).isTrue();
        assertThat(p.isStopToken(6)).isTrue();
        assertThat(p.isStopToken(4)).isFalse();
    }

    @Test
    void ignoredEndOfTextIsNeitherMaskedNorAStop() {
        LogitsProcessor p = LogitsProcessor.of(request(processing(0, 0, 1, Map.of(), 3, 6), new int[]{1}, true, null),
                V, 3);
        float[] row = LOGITS.clone();
        p.apply(row, V, 0, 10);
        assertThat(row[3]).isEqualTo(LOGITS[3]);
        assertThat(row[6]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(p.isStopToken(3)).isFalse();
    }

    @Test
    void aRequestWithoutProcessingHasNoProcessorAndStopIdsAloneNeverCopyTheRow() {
        assertThat(LogitsProcessor.of(request(LogitsProcessing.NONE, new int[]{1}, false, null), V, 3)).isNull();
        LogitsProcessor stopsOnly = LogitsProcessor.of(request(processing(0, 0, 1, Map.of(), 0, 6), new int[]{1},
                false, null), V, 3);
        assertThat(stopsOnly.rewrites(0)).isFalse();
        assertThat(stopsOnly.isStopToken(6)).isTrue();
    }

    @Test
    void theConstraintMasksLastAndNoAllowedTokenMeansNothingCanBeSampled() {
        int[] remainingSeen = new int[1];
        TokenConstraint onlyEndOfText = new TokenConstraint() {
            @Override
            public int mask(float[] logits, int off, int vocab, int remaining) {
                remainingSeen[0] = remaining;
                for (int i = 0; i < vocab; i++) {
                    if (i != 3) {
                        logits[off + i] = Float.NEGATIVE_INFINITY;
                    }
                }
                return 1;
            }

            @Override
            public void accept(int token) {
            }

            @Override
            public boolean complete() {
                return false;
            }
        };
        LogitsProcessor p = LogitsProcessor.of(request(processing(0, 0, 1, Map.of(), 1), new int[]{1}, false,
                () -> onlyEndOfText), V, 3);
        float[] row = LOGITS.clone();
        // min_tokens masked end-of-text, the constraint everything else: nothing is left to sample
        assertThat(p.apply(row, V, 0, 7)).isFalse();
        assertThat(remainingSeen[0]).isEqualTo(7);
        row = LOGITS.clone();
        assertThat(p.apply(row, V, 1, 6)).isTrue();
        assertThat(row[3]).isEqualTo(LOGITS[3]);
    }
}
