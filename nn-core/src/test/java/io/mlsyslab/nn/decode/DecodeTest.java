package io.mlsyslab.nn.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.PyTorchVectors;
import io.mlsyslab.nn.train.Gpt2TrainingPass;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecodeTest {
    private final GptConfig cfg = new GptConfig(40, 32, 36, 2, 3, 1e-5f);
    private final Gpt2Model model = scaled(Gpt2Model.initialize(cfg, 11));

    private static Gpt2Model scaled(Gpt2Model m) {
        SplittableRandom r = new SplittableRandom(5);
        float[] p = m.params().data();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (r.nextGaussian() * 0.2);
        }
        return m;
    }

    @Test
    void incrementalDecodeLogitsEqualFullSequenceForward() {
        int[] seq = {3, 17, 5, 5, 39, 0, 12, 8, 21, 33};
        Gpt2TrainingPass full = new Gpt2TrainingPass(model, 1, seq.length, ComputePool.serial());
        full.forward(seq, null);
        float[] expected = full.logits();
        KvCache cache = SegmentKvCache.onHeap(cfg.nLayer(), 1, cfg.nPositions(), cfg.nHead(), cfg.headDim());
        Gpt2Decoder dec = new Gpt2Decoder(model, new CachedAttention(cache, cfg.nHead()), ComputePool.serial());
        int prefill = 4;
        float[] pre = dec.forward(java.util.Arrays.copyOf(seq, prefill), new int[prefill], new int[]{0, 1, 2, 3}, null);
        float[] got = new float[seq.length * cfg.vocabSize()];
        System.arraycopy(pre, 0, got, 0, pre.length);
        for (int t = prefill; t < seq.length; t++) {
            float[] step = dec.forward(new int[]{seq[t]}, new int[]{0}, new int[]{t}, null);
            System.arraycopy(step, 0, got, t * cfg.vocabSize(), cfg.vocabSize());
        }
        assertThat(PyTorchVectors.normwiseRelError(got, expected)).isLessThan(1e-5);
    }

    @Test
    void batchedGenerationOfDifferentLengthsEqualsOneByOne() {
        List<int[]> prompts = List.of(new int[]{1}, new int[]{4, 9, 2, 30, 7}, new int[]{8, 8, 8});
        ComputePool two = new ComputePool(2);
        for (SamplingConfig sc : new SamplingConfig[]{SamplingConfig.greedy(), new SamplingConfig(0.8f, 10, 0.9f, 42)}) {
            List<int[]> batched = new Generator(model, two).generate(prompts, 12, sc);
            for (int i = 0; i < prompts.size(); i++) {
                // a one-sequence run with the same random stream: slot i of a 3-way split
                List<int[]> single = new Generator(model, ComputePool.serial()).generate(
                        padTo(prompts.get(i), i), 12, sc);
                assertThat(batched.get(i)).as("sequence %d with %s", i, sc).containsExactly(single.get(i));
            }
        }
        two.close();
    }

    /** Puts the prompt at slot {@code slot} with copies in the slots before it, so the sampler streams line up. */
    private static List<int[]> padTo(int[] prompt, int slot) {
        List<int[]> l = new ArrayList<>();
        for (int i = 0; i <= slot; i++) {
            l.add(prompt);
        }
        return l;
    }

    @Test
    void samplingRespectsTopKAndTopPAndIsSeeded() {
        float[] logits = {0f, 3f, 2.9f, -1f, 2.8f, 1f};
        Sampler top1 = new Sampler(new SamplingConfig(1f, 1, 1f, 1), 1);
        Sampler top2 = new Sampler(new SamplingConfig(5f, 2, 1f, 1), 1);
        Sampler nucleus = new Sampler(new SamplingConfig(1f, 0, 0.5f, 1), 1);
        int[] counts = new int[6];
        for (int i = 0; i < 2000; i++) {
            assertThat(top1.sample(0, logits, 0, 6)).isEqualTo(1);
            assertThat(top2.sample(0, logits, 0, 6)).isIn(1, 2);
            assertThat(nucleus.sample(0, logits, 0, 6)).isIn(1, 2);
            counts[new Sampler(new SamplingConfig(1f, 0, 1f, i), 1).sample(0, logits, 0, 6)]++;
        }
        // plain sampling at temperature 1 follows the softmax: p(1) = 0.352
        assertThat(counts[1] / 2000.0).isBetween(0.31, 0.40);
        Sampler a = new Sampler(new SamplingConfig(1f, 0, 1f, 9), 2), b = new Sampler(new SamplingConfig(1f, 0, 1f, 9), 2);
        for (int i = 0; i < 50; i++) {
            assertThat(a.sample(1, logits, 0, 6)).isEqualTo(b.sample(1, logits, 0, 6));
        }
        assertThat(Sampler.argmax(new float[]{1, 5, 5}, 0, 3)).isEqualTo(1);
        assertThatThrownBy(() -> new SamplingConfig(1f, 0, 0f, 1)).hasMessageStartingWith("topP:");
    }

    @Test
    void rejectsRequestsBeyondTheContext() {
        assertThatThrownBy(() -> new Generator(model, ComputePool.serial())
                .generate(List.of(new int[30]), 3, SamplingConfig.greedy())).hasMessageStartingWith("maxNewTokens:");
        KvCache cache = SegmentKvCache.onHeap(1, 1, 4, 3, 12);
        assertThatThrownBy(() -> cache.write(0, 0, 4, new float[36], 0, new float[36], 0)).hasMessageStartingWith("pos:");
        assertThatThrownBy(() -> new CachedAttention(cache, 4)).hasMessageStartingWith("nHead:");
    }
}
