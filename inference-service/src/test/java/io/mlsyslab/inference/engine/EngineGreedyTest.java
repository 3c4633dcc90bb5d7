package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.Generator;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.json.Json;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.Gpt2Checkpoint;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.PyTorchGreedy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's greedy output equals PyTorch's committed greedy tokens and nn-core's reference decode (Generator,
 * one prompt at a time), whatever the batch composition, chunking, preemption and pipeline.
 */
class EngineGreedyTest {

    @ParameterizedTest(name = "{0}: maxBatched={1} kvPositions={2} nano={3}")
    @CsvSource({
            "tiny36, 64, 4096, 1",
            "tiny36, 3, 4096, 1",
            "tiny36, 64, 96, 1",
            "tiny36, 64, 4096, 3",
            "tiny36, 5, 96, 2",
            "tiny32, 7, 112, 4",
    })
    void greedyMatchesPyTorchAndReferenceAcrossBatchCompositions(String name, int maxBatched, int kvPositions,
                                                                 int nano) throws Exception {
        PyTorchGreedy vectors = PyTorchGreedy.load(name);
        Gpt2Model model = vectors.model();
        int vocab = model.config().vocabSize();
        List<int[]> prompts = vectors.mixedPrompts(5, 7, vocab);
        int maxNew = vectors.tokens().length;
        long bytesPerPos = PagedKvCache.bytesPerPosition(model.config().nLayer(), model.config().nHead(),
                model.config().headDim());
        EngineConfig cfg = new EngineConfig(maxBatched, 4, 64, kvPositions * bytesPerPos, 4, nano, 2, 1);
        Generator reference = new Generator(model, ComputePool.serial());
        try (InferenceEngine engine = new InferenceEngine(model, null, -1, cfg, null, null)) {
            List<Collector> collectors = new ArrayList<>();
            for (int[] p : prompts) {
                int tokens = Math.min(maxNew, model.config().nPositions() - p.length);
                Collector c = new Collector(1);
                engine.submit(new GenerationRequest(p, tokens, SamplingConfig.greedy(), 1, null, null, false, true),
                        c);
                collectors.add(c);
            }
            for (int i = 0; i < prompts.size(); i++) {
                int[] got = collectors.get(i).await().generated(0);
                int[] want = i == 0 ? vectors.tokens()
                        : reference.generate(List.of(prompts.get(i)), got.length, SamplingConfig.greedy()).get(0);
                // logit-margin guard: compare up to the first step whose top-2 margin is within float noise (a
                // different GEMM row count may change the last bits; PyTorch's own margin is >= 0.0057 here)
                int safe = i == 0 ? want.length : safePrefix(model, prompts.get(i), want);
                assertThat(java.util.Arrays.copyOf(got, safe)).as("prompt %d", i)
                        .containsExactly(java.util.Arrays.copyOf(want, safe));
                assertThat(safe).as("prompt %d compared tokens", i).isGreaterThan(want.length / 2);
                assertThat(collectors.get(i).reasons[0]).isEqualTo("length");
            }
            if (kvPositions < 100) {
                assertThat(engine.stats().preemptions()).as("preemptions").isPositive();
            }
            assertThat(engine.stats().running()).isZero();
            assertThat(engine.stats().kvUsedBytes()).isZero();
        }
    }

    @org.junit.jupiter.api.Test
    void sameSeedSameTokensAloneOrInACrowdedNanoBatchedEngine() throws Exception {
        Gpt2Model model = PyTorchGreedy.load("tiny32").model();
        SamplingConfig seeded = new SamplingConfig(0.9f, 0, 0.95f, 1234);
        int[] prompt = {3, 1, 4, 1, 5};
        int[][] alone = new int[3][];
        try (InferenceEngine engine = new InferenceEngine(model, null, -1,
                new EngineConfig(64, 8, 64, 1 << 22, 4, 1, 1, 1), null, null)) {
            Collector c = new Collector(3);
            engine.submit(new GenerationRequest(prompt, 20, seeded, 3, null, null, false, true), c);
            c.await();
            for (int i = 0; i < 3; i++) {
                alone[i] = c.generated(i);
            }
        }
        assertThat(alone[0]).isNotEqualTo(alone[1]);
        try (InferenceEngine engine = new InferenceEngine(model, null, -1,
                new EngineConfig(5, 4, 64, 40L * PagedKvCache.bytesPerPosition(2, 4, 8), 4, 3, 2, 1), null, null)) {
            List<Collector> noise = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Collector n = new Collector(1);
                engine.submit(new GenerationRequest(new int[]{i, i + 1, i + 2}, 20, new SamplingConfig(1f, 0, 1f, i),
                        1, null, null, false, true), n);
                noise.add(n);
            }
            Collector c = new Collector(3);
            engine.submit(new GenerationRequest(prompt, 20, seeded, 3, null, null, false, true), c);
            c.await();
            for (Collector n : noise) {
                n.await();
            }
            for (int i = 0; i < 3; i++) {
                assertThat(c.generated(i)).as("choice %d", i).containsExactly(alone[i]);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void logprobsAreTheLogSoftmaxOfTheChosenTokenAndTheTopKInOrder() throws Exception {
        PyTorchGreedy vectors = PyTorchGreedy.load("tiny36");
        Gpt2Model model = vectors.model();
        EngineConfig cfg = new EngineConfig(64, 4, 8, 1 << 22, 4, 1, 1, 1);
        try (InferenceEngine engine = new InferenceEngine(model, null, -1, cfg, null, null)) {
            Collector c = new Collector(1);
            engine.submit(new GenerationRequest(vectors.prompt(), 8, SamplingConfig.greedy(), 1, null, 5, false,
                    true), c);
            c.await();
            for (TokenOutput t : c.tokens.get(0)) {
                List<Float> values = new ArrayList<>(t.topLogprobs().values());
                assertThat(values).hasSize(5).isSortedAccordingTo((x, y) -> Float.compare(y, x));
                assertThat(t.logprob()).isEqualTo(values.getFirst());
                assertThat(t.topLogprobs().keySet().iterator().next()).isEqualTo("token_id:" + t.token());
                double mass = values.stream().mapToDouble(Math::exp).sum();
                assertThat(mass).isLessThanOrEqualTo(1.0 + 1e-6).isPositive();
            }
            assertThat(c.generated(0)).containsExactly(java.util.Arrays.copyOf(vectors.tokens(), 8));
        }
    }

    /** Tokens of the reference greedy decode before the first step whose top-2 logit margin is below 1e-4. */
    static int safePrefix(Gpt2Model model, int[] prompt, int[] tokens) {
        int v = model.config().vocabSize();
        var decoder = new io.mlsyslab.nn.decode.Gpt2Decoder(model, new io.mlsyslab.nn.decode.CachedAttention(
                io.mlsyslab.nn.decode.SegmentKvCache.onHeap(model.config().nLayer(), 1, model.config().nPositions(),
                        model.config().nHead(), model.config().headDim()), model.config().nHead()),
                ComputePool.serial());
        int[] seq = java.util.Arrays.copyOf(prompt, prompt.length + tokens.length);
        System.arraycopy(tokens, 0, seq, prompt.length, tokens.length);
        int[] pos = new int[seq.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i;
        }
        float[] logits = decoder.forward(seq, new int[seq.length], pos, null);
        for (int t = 0; t < tokens.length; t++) {
            int row = prompt.length - 1 + t;
            float best = Float.NEGATIVE_INFINITY, second = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                float x = logits[row * v + j];
                if (x > best) {
                    second = best;
                    best = x;
                } else if (x > second) {
                    second = x;
                }
            }
            if (best - second < 1e-4f) {
                return t + 1;
            }
        }
        return tokens.length;
    }
}
