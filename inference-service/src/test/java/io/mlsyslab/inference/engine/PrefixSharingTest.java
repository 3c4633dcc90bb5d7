package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.AttentionBackend;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.PyTorchGreedy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prefix sharing for {@code n} &gt; 1: the choices of a request prefill the prompt once (the others copy its KV pages
 * and compute only the last prompt position), and give the same tokens as without sharing, greedy and seeded.
 */
class PrefixSharingTest {

    private record Run(int[][] outputs, long prefilled, long shared, long preemptions) {
    }

    /** A backend that is not the cache itself: the engine then neither shares nor copies (the old behaviour). */
    private static final Function<PagedKvCache, AttentionBackend> NO_SHARING = cache -> new AttentionBackend() {
        @Override
        public void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
            cache.append(layer, seq, pos, k, kOff, v, vOff);
        }

        @Override
        public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
            cache.attend(layer, seq, length, q, qOff, out, outOff);
        }
    };

    private static Run run(Gpt2Model model, int[] prompt, SamplingConfig sampling, int n, int maxBatched,
                           int nano, int kvPositions, Function<PagedKvCache, AttentionBackend> backends) throws Exception {
        AtomicLong prefilled = new AtomicLong(), shared = new AtomicLong();
        EngineObserver observer = new EngineObserver() {
            @Override
            public void prefilled(int tokens) {
                prefilled.addAndGet(tokens);
            }

            @Override
            public void promptShared(int positions) {
                shared.addAndGet(positions);
            }
        };
        long bytesPerPos = PagedKvCache.bytesPerPosition(model.config().nLayer(), model.config().nHead(),
                model.config().headDim());
        EngineConfig cfg = new EngineConfig(maxBatched, 8, 64, kvPositions * bytesPerPos, 4, nano, 1, 1);
        int tokens = Math.min(12, model.config().nPositions() - prompt.length);
        try (InferenceEngine engine = new InferenceEngine(model, null, -1, cfg, backends, observer)) {
            Collector c = new Collector(n);
            engine.submit(new GenerationRequest(prompt, tokens, sampling, n, null, null, false, true), c);
            c.await();
            int[][] out = new int[n][];
            for (int i = 0; i < n; i++) {
                out[i] = c.generated(i);
                assertThat(c.reasons[i]).isEqualTo("length");
            }
            long deadline = System.nanoTime() + 30_000_000_000L; // stats are published right after the last finish
            while (engine.stats().kvUsedBytes() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(engine.stats().kvUsedBytes()).as("KV pages left behind").isZero();
            return new Run(out, prefilled.get(), shared.get(), engine.stats().preemptions());
        }
    }

    @ParameterizedTest(name = "maxBatched={0} nano={1} kvPositions={2}")
    @CsvSource({"64, 1, 4096", "5, 2, 4096", "3, 1, 4096", "7, 2, 48"})
    void choicesPrefillThePromptOnceAndGiveTheSameTokens(int maxBatched, int nano, int kvPositions)
            throws Exception {
        PyTorchGreedy vectors = PyTorchGreedy.load("tiny36");
        Gpt2Model model = vectors.model();
        int[] prompt = vectors.prompt();
        int n = 4;
        assertThat(prompt.length).isGreaterThan(2);

        Run greedy = run(model, prompt, SamplingConfig.greedy(), n, maxBatched, nano, kvPositions, null);
        Run greedyBefore = run(model, prompt, SamplingConfig.greedy(), n, maxBatched, nano, kvPositions,
                NO_SHARING);
        int safe = EngineGreedyTest.safePrefix(model, prompt, greedyBefore.outputs()[0]);
        assertThat(safe).isGreaterThan(greedyBefore.outputs()[0].length / 2);
        for (int i = 0; i < n; i++) {
            assertThat(Arrays.copyOf(greedy.outputs()[i], safe)).as("greedy choice %d", i)
                    .containsExactly(Arrays.copyOf(greedyBefore.outputs()[i], safe));
        }
        assertThat(greedyBefore.shared()).isZero();
        if (kvPositions < 100) {
            // preemption (recompute) with shared prefixes: same tokens; a recomputed choice prefills its own KV
            assertThat(greedy.preemptions()).as("preemptions").isPositive();
            assertThat(greedy.shared()).isPositive();
        } else {
            assertThat(greedyBefore.prefilled()).isEqualTo((long) n * prompt.length);
            // choice 0 prefills the prompt; each other choice copies prompt.length - 1 positions and computes one
            assertThat(greedy.prefilled()).isEqualTo(prompt.length + (n - 1L));
            assertThat(greedy.shared()).isEqualTo((n - 1L) * (prompt.length - 1));
        }

        SamplingConfig seeded = new SamplingConfig(1.0f, 0, 1f, 42);
        Run sampled = run(model, prompt, seeded, n, maxBatched, nano, kvPositions, null);
        Run sampledBefore = run(model, prompt, seeded, n, maxBatched, nano, kvPositions, NO_SHARING);
        for (int i = 0; i < n; i++) {
            assertThat(sampled.outputs()[i]).as("seeded choice %d", i).containsExactly(sampledBefore.outputs()[i]);
        }
        assertThat(Arrays.stream(sampled.outputs()).map(Arrays::toString).distinct().count())
                .as("seeded choices differ from each other").isGreaterThan(1);
        if (kvPositions >= 100) {
            assertThat(sampled.prefilled()).isEqualTo(prompt.length + (n - 1L));
        }
    }
}
